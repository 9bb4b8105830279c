"""Known names: methods/models and datasets/benchmarks (exact case) and PwC tasks (any case).

One ``PhraseMatcher`` over the curated method list and the cleaned dataset gazetteer,
one over multiword task names. Checkpoint and version strings built on a known name
("Llama-3-8B", "Qwen2.5-7B-Instruct", "LLaVA-NeXT-Interleave") become their own Method
mentions; "-based"/"-style" compounds ("CLIP-based") count as the base name. Ambiguous
dataset names (common words, two-letter acronyms) need a dataset word next to them.
"""

from __future__ import annotations

import re
from typing import Iterator

from spacy.language import Language

from kg.extract.lexicon import Entry, Lexicon, load_lexicon
from kg.extract.state import Candidate, Workspace, cands, text_of

DATASET_HEADS = frozenset("dataset datasets benchmark benchmarks corpus corpora suite leaderboard split splits".split())
_RESOLUTION = re.compile(r"\d{3,4}(?:[x×]\d{3,4})?(?:px)?")
_COMPOUND = re.compile(r"[A-Za-z][\w.+]*(?:-[\w.+]+)+|[A-Za-z]+\d[\w.+]*")
_BASE_SUFFIX = frozenset(
    "based like style level type family series generated guided only scale sized size class grade "
    "powered driven enhanced augmented inspired equivalent specific centric aligned distilled".split()
)
_COMPOUND_SCAN = re.compile(r"(?<![\w\-])[A-Za-z][\w.+]*[\d\-][\w.+\-]*")
_CUTS = re.compile(r"-|(?<=[A-Za-z])(?=\d)")
_SENTENCE_GLUE = re.compile(r"\.(?=[A-Z][a-z])")
_DOT_WORD = re.compile(r"\.[a-z]{2,}")
_VERSION = re.compile(r" (?:[vV]\d+(?:\.\d+)*|\d+\.\d+(?:\.\d+)*)(?![\w.\-]*\w)")
_INNER_CAP = re.compile(r"[a-z][A-Z]|[A-Za-z]\d")
_SIZE = re.compile(r"[ \-](\d+(?:\.\d+)?[BMKT]|[xX]?[Ll]arge|[Bb]ase|[Ss]mall|[Mm]ini|[Ii]nstruct|[Cc]hat|[Tt]urbo)\b")


def _variants(name: str) -> set[str]:
    """Surface variants of a gazetteer name: as written, and case variants of multiword names."""
    out = {name}
    if " " in name:
        out.add(name[0].lower() + name[1:] if not name[:2].isupper() else name)
        out.add(" ".join(w[:1].upper() + w[1:] for w in name.split()))
    return out


#: Word tokens for phrase lookup: runs of letters/digits and single other characters, on
#: lower-cased text (exact-case forms are checked against the original text afterwards).
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]|_")
_TOKEN_ASCII = re.compile(r"[a-z0-9]+|[^\sa-z0-9]")  # the same on ASCII text, a third faster


def word_spans(lowered: str) -> list[tuple[int, int]]:
    """(start, end) of each word token of already lower-cased text."""
    pattern = _TOKEN_ASCII if lowered.isascii() else _TOKEN
    return [m.span() for m in pattern.finditer(lowered)]


_GLUED_BEFORE = frozenset("-_@.+~\\")
_URL_SHAPE = re.compile(r"://|www\.|\w\.[a-z]{2,}/")


def _in_url_chunk(text: str, pos: int) -> bool:
    """The run of non-space characters around ``pos`` is a URL ("https://…", "github.com/…")."""
    begin = max(text.rfind(" ", 0, pos), text.rfind("\n", 0, pos)) + 1
    end = len(text)
    for space in (" ", "\n"):
        found = text.find(space, pos)
        if found >= 0:
            end = min(end, found)
    return bool(_URL_SHAPE.search(text, begin, end))
_CLOSERS = frozenset(",.;:!?)]}\"'")


def standalone(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is written as a word of its own, not glued to a longer one: not
    inside a URL path or host ("…/internlm/Intern-S1", "MOSE.video"), a compound or version
    ("Text-to-3D Generation", "Claude 3.5", "FLUX.2", "Transformer++", "AIME24/25"; the
    compound rule decides those) or a snake_case identifier."""
    before, after, then = text[start - 1:start], text[end:end + 1], text[end + 1:end + 2]
    if before == "/" or (after == "/" and then.isalnum()):
        return not _in_url_chunk(text, start)  # "CLIP/SigLIP" names two models
    if before and (before.isalnum() or before in _GLUED_BEFORE):
        return False
    if after.isalnum() or after in ("_", "+", "~") or (after in ("-", ".") and then.isalnum()):
        return False
    # a form ending in a symbol ("A*", "C++") must end where the word ends ("**A**dvantage")
    return text[end - 1].isalnum() or not after or after.isspace() or after in _CLOSERS


def _words(form: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(form))


def _one_space_apart(text: str, spans: list[tuple[int, int]], i: int, j: int) -> bool:
    """Tokens ``i..j-1`` are separated by at most one space: a phrase never spans a line
    break or the title/abstract separator ("… and Language\\n\\nModeling …")."""
    gap = text[spans[j - 2][1]:spans[j - 1][0]]
    return gap == "" or gap == " "


class PhraseIndex:
    """Known phrases keyed by their lower-cased word tokens, matched by dictionary lookups.

    Like spaCy's ``PhraseMatcher`` it ignores the whitespace between tokens; unlike it, it
    needs no ``Doc``, so the extractor never tokenises into one. Each key maps to the
    exact-case forms (original tokens -> entry), the any-case entry and whether it is a task.
    """

    def __init__(self) -> None:
        self.exact: dict[tuple[str, ...], dict[tuple[str, ...], int]] = {}
        self.any_case: dict[tuple[str, ...], int] = {}
        self.tasks: set[tuple[str, ...]] = set()
        self.longest: dict[str, int] = {}  # first token -> most tokens of a phrase starting with it

    def _key(self, form: str) -> tuple[str, ...]:
        key = _words(form.lower())
        if key:
            self.longest[key[0]] = max(self.longest.get(key[0], 0), len(key))
        return key

    def add_exact(self, form: str, idx: int) -> None:
        key = self._key(form)
        self.exact.setdefault(key, {}).setdefault(_words(form), idx)

    def add_any_case(self, form: str, idx: int) -> None:
        self.any_case.setdefault(self._key(form), idx)

    def add_task(self, form: str) -> None:
        self.tasks.add(self._key(form))

    def find(self, text: str, lowered: str, spans: list[tuple[int, int]]):
        """Exact-case hits, any-case hits and task hits, each a list of (first token, end
        token, entry or None), in text order, shorter before longer at the same start."""
        exact, any_case, tasks = [], [], []
        longest, words = self.longest, [lowered[s:e] for s, e in spans]
        n = len(words)
        for i in [i for i, w in enumerate(words) if w in longest]:
            for j in range(i + 1, min(n, i + longest[words[i]]) + 1):
                key = tuple(words[i:j])
                if j - i > 1 and not _one_space_apart(text, spans, i, j):
                    break
                forms = self.exact.get(key)
                if forms is not None:
                    idx = forms.get(tuple(text[s:e] for s, e in spans[i:j]))
                    if idx is not None:
                        exact.append((i, j, idx))
                idx = self.any_case.get(key)
                if idx is not None:
                    any_case.append((i, j, idx))
                if key in self.tasks:
                    tasks.append((i, j, None))
        return exact, any_case, tasks


class GazetteerMatcher:
    """Adds Method / Dataset candidates for known names and Concept candidates for tasks."""

    def __init__(self, nlp: Language | None = None, lexicon: Lexicon | None = None):
        self.lex = lexicon or load_lexicon()
        self.entries = self.lex.entries
        self.prefix_forms: dict[str, int] = {}  # lowercase form -> entry, for versioned compounds
        surface: dict[str, int] = {}
        for idx, entry in enumerate(self.entries):
            for form in sorted({v for f in (entry.name, *entry.aliases) for v in _variants(f)}):
                surface.setdefault(form, idx)
                if entry.label == "Method" or entry.kind == "exact" or re.search(r"\d", form):
                    self.prefix_forms.setdefault(form.lower(), idx)
        forms = sorted(surface)
        self.exact_forms = frozenset(forms)
        self.surface_index = surface
        for form in forms:  # acronym datasets in "context" mode are prefixes of dated variants ("AMC23")
            if re.fullmatch(r"[A-Z]{3,}", form):
                self.prefix_forms.setdefault(form.lower(), surface[form])
        self.index = PhraseIndex()
        for form in forms:
            self.index.add_exact(form, surface[form])
            # Distinctive forms (inner capitals or digits, 5+ characters) also match in any case:
            # "Librispeech" is LibriSpeech, "Screenspot" is ScreenSpot.
            if len(form) >= 5 and _INNER_CAP.search(form) and not self.lex.is_common(form):
                self.index.add_any_case(form, surface[form])
        for task in sorted(t for t in self.lex.tasks if " " in t):
            self.index.add_task(task)

    def __call__(self, doc: Workspace) -> Workspace:
        out = cands(doc)
        text = text_of(doc)
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters lower-case to two ("İ"): keep offsets
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        spans = word_spans(lowered)
        exact, any_case, tasks = self.index.find(text, lowered, spans)
        seen: set[tuple[int, int]] = set()
        for hits in (exact, any_case):
            for i, j, idx in hits:
                self._known(text, spans[i][0], spans[j - 1][1], lowered[slice(*spans[j])] if j < len(spans) else "",
                            idx, out, seen)
        self._compounds(text, out)
        for i, j, _ in tasks:
            start, end = spans[i][0], spans[j - 1][1]
            if text[start - 1:start].isalnum() or text[end:end + 1].isalnum():
                continue  # tasks only need word boundaries: "text-to-image generation" is image generation
            out.append(Candidate("Concept", lowered[start:end], start, end, "gazetteer.task", 0.6,
                                 "MENTIONS", properties={"kind": "task"}))
        return doc

    def _known(self, text: str, start: int, end: int, next_word: str, idx: int, out: list[Candidate],
               seen: set) -> None:
        """A candidate for one phrase hit, unless it is part of a longer word."""
        if (start, end) in seen or not standalone(text, start, end):
            return
        entry = self.entries[idx]
        if entry.label == "Dataset" and entry.kind == "context" and next_word not in DATASET_HEADS:
            return
        seen.add((start, end))
        version = _VERSION.match(text, end)
        if version and text[end:end + 1] == " ":
            out.append(Candidate(entry.label, text[start:version.end()], start, version.end(),
                                 f"gazetteer.{entry.label.lower()}_variant", 0.75, properties={"base": entry.name}))
            return
        out.append(self._candidate(entry, text[start:end], start, end, "gazetteer." + entry.label.lower()))

    def _candidate(self, entry: Entry, surface: str, start: int, end: int, rule: str) -> Candidate:
        aliases = (surface,) if surface != entry.name else ()
        conf = 0.8 if entry.label == "Method" else 0.75
        return Candidate(entry.label, entry.name, start, end, rule, conf, aliases=aliases,
                         properties={"kind": entry.kind} if entry.label == "Method" and entry.kind else {})

    def _compounds(self, text: str, out: list[Candidate]) -> None:
        """Versioned / checkpoint / split names whose prefix is a known name ("Llama-3-8B",
        "AIME2025", "OSWorld-G"); "-based"/"-style" compounds and image resolutions
        ("ImageNet-256") count as the base name."""
        for start, raw_end, raw in _compound_words(text):
            word = _SENTENCE_GLUE.split(raw)[0].rstrip(".")
            if word.lower() in self.prefix_forms or _in_url(text, start, raw_end):
                continue
            base, rest = self._known_prefix(word)
            if base is None:
                continue
            entry = self.entries[base]
            prefix_len = len(word) - len(rest) - (1 if word[len(word) - len(rest) - 1:][:1] == "-" else 0)
            generic = rest.lower() in _BASE_SUFFIX or (entry.label == "Dataset" and _RESOLUTION.fullmatch(rest))
            if generic:
                if rest.lower() in _BASE_SUFFIX and text[start:start + prefix_len].islower():
                    continue  # "transformer-based models": a generic family, not the named thing
                out.append(self._candidate(entry, text[start:start + prefix_len], start, start + prefix_len,
                                           "gazetteer.compound"))
                continue
            end = start + len(word)
            size = _SIZE.match(text, end)
            if size and not rest:
                end = size.end()
            props = {"kind": entry.kind, "base": entry.name} if entry.label == "Method" else {"base": entry.name}
            out.append(Candidate(entry.label, text[start:end], start, end, f"gazetteer.{entry.label.lower()}_variant",
                                 0.75, properties=props))

    def _known_prefix(self, word: str) -> tuple[int | None, str]:
        """The longest known method prefix of ``word`` (split at hyphens and letter/digit turns)."""
        cuts = [m.start() for m in _CUTS.finditer(word)]
        for cut in reversed(cuts):
            prefix = word[:cut]
            if len(prefix) >= 3 and prefix.lower() in self.prefix_forms and self._prefix_ok(prefix):
                return self.prefix_forms[prefix.lower()], word[cut:].lstrip("-")
        return None, ""


    def _prefix_ok(self, prefix: str) -> bool:
        """Exact-case known method forms ("Gemini"), exact-case dataset forms that are not common
        words, or distinctive forms in any case."""
        if prefix in self.exact_forms:
            entry = self.entries[self.surface_index[prefix]]
            return entry.label == "Method" or prefix.isupper() or not self.lex.is_common(prefix)
        return len(prefix) >= 5 and bool(_INNER_CAP.search(prefix)) and not self.lex.is_common(prefix)


def _in_url(text: str, start: int, end: int) -> bool:
    """A word that is part of a URL or host name (".github.io", "github.com/owner")."""
    return text[start - 1:start] in "/." and start > 0 or bool(_DOT_WORD.match(text, end))


def _compound_words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of each word with a hyphen or a digit that starts with a letter
    ("Llama-3-8B", "AIME2025"), not inside a longer token."""
    for match in _COMPOUND_SCAN.finditer(text):
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "-_"):
            continue
        yield start, match.end(), match.group(0)


@Language.factory("kg_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> GazetteerMatcher:
    """Registered factory: ``nlp.add_pipe("kg_gazetteer")``."""
    return GazetteerMatcher(nlp)
