"""Known names: methods/models and datasets/benchmarks (exact case) and PwC tasks (any case).

One token trie (:mod:`kg.extract.phrases`) holds the curated method list, the cleaned
dataset gazetteer (exact case; distinctive forms such as "LibriSpeech" in any case) and the
multiword task names; a name counts only where it stands alone as written. Checkpoint and
version strings built on a known name ("Llama-3-8B", "Qwen2.5-7B-Instruct",
"LLaVA-NeXT-Interleave") become their own Method mentions; "-based"/"-style" compounds
("CLIP-based") count as the base name. Ambiguous dataset names (common words, two-letter
acronyms) need a dataset word next to them.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from spacy.language import Language

from kg.extract.lexicon import Entry, Lexicon, load_lexicon
from kg.extract.native import speedups
from kg.extract.phrases import PhraseIndex, next_word, standalone, written
from kg.extract.state import Candidate, Workspace, cands, lowered_text, text_of

DATASET_HEADS = frozenset("dataset datasets benchmark benchmarks corpus corpora suite leaderboard split splits".split())
_RESOLUTION = re.compile(r"\d{3,4}(?:[x×]\d{3,4})?(?:px)?")
_BASE_SUFFIX = frozenset(
    "based like style level type family series generated guided only scale sized size class grade "
    "powered driven enhanced augmented inspired equivalent specific centric aligned distilled".split()
)
_COMPOUND_SCAN = re.compile(r"(?<![\w\-])[A-Za-z][\w.+]*[\d\-][\w.+\-]*")
#: The first digit or hyphen of a run of word characters, "." "+" and "-", to the run's end.
_DIGIT_OR_HYPHEN = re.compile(r"[\d\-][\w.+\-]*")
_RUN = re.compile(r"[\w.+\-]*")
#: ASCII text is searched as a copy in which digits and hyphens are "#", the other characters
#: of a run ([A-Za-z_.+]) stay and every other character is a blank: a pattern that begins
#: with one literal character is searched by a plain byte loop, one that begins with a set
#: (``[0-9\-]``) tests the set at every character (27 µs per abstract, 10 µs marked).
_RUN_MARKS = bytes(b if chr(b).isalpha() and b < 128 or chr(b) in "_.+" else ord("#") if chr(b) in "0123456789-"
                   else ord(" ") for b in range(256))
_MARKED_DIGIT_OR_HYPHEN = re.compile(rb"#[#\w.+]*")
_MARKED_RUN = re.compile(rb"[#\w.+]*")
_CUTS = re.compile(r"-|(?<=[A-Za-z])(?=\d)")
_SENTENCE_GLUE = re.compile(r"\.(?=[A-Z][a-z])")
_DOT_WORD = re.compile(r"\.[a-z]{2,}")
_VERSION = re.compile(r" (?:[vV]\d+(?:\.\d+)*|\d+\.\d+(?:\.\d+)*)(?![\w.\-]*\w)")
#: Besides a digit (``\d``: any decimal digit, which ``str.isdigit`` includes), what a ``_VERSION`` match has after its blank.
_VERSION_V = frozenset("vV")
_INNER_CAP = re.compile(r"[a-z][A-Z]|[A-Za-z]\d")
_SIZE = re.compile(r"[ \-](\d+(?:\.\d+)?[BMKT]|[xX]?[Ll]arge|[Bb]ase|[Ss]mall|[Mm]ini|[Ii]nstruct|[Cc]hat|[Tt]urbo)\b")


def _variants(name: str) -> set[str]:
    """Surface variants of a gazetteer name: as written, and case variants of multiword names."""
    out = {name}
    if " " in name:
        out.add(name[0].lower() + name[1:] if not name[:2].isupper() else name)
        out.add(" ".join(w[:1].upper() + w[1:] for w in name.split()))
    return out


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
        self._prefix_memo: dict[str, tuple[int | None, str]] = {}
        self.index = PhraseIndex()
        for form in forms:
            # Distinctive forms (inner capitals or digits, 5+ characters) also match in any case:
            # "Librispeech" is LibriSpeech, "Screenspot" is ScreenSpot.
            distinctive = len(form) >= 5 and _INNER_CAP.search(form) and not self.lex.is_common(form)
            self.index.add(form, exact=surface[form], any_case=surface[form] if distinctive else None)
        for task in sorted(t for t in self.lex.tasks if " " in t):
            self.index.add(task, task=True)

    def clear_caches(self) -> None:
        """Forget the prefix splits of compound words (``_known_prefix``) memoised so far."""
        self._prefix_memo.clear()

    def __call__(self, doc: Workspace) -> Workspace:
        out = cands(doc)
        text: str = text_of(doc)  # (typed: the compiled module slices and searches it with C calls)
        lowered, phrases = self.index.phrases(text, lowered_text(doc))
        exact, any_case, tasks = [], [], []
        for start, end, hit in phrases:
            exact_forms: dict = hit.exact
            if exact_forms:
                idx = exact_forms.get(written(text, start, end))
                if idx is not None:
                    exact.append((start, end, idx))
            if hit.any_case is not None:
                any_case.append((start, end, hit.any_case))
            if hit.task:
                tasks.append((start, end))
        seen: set[tuple[int, int]] = set()
        for start, end, idx in exact + any_case:
            self._known(text, lowered, start, end, idx, out, seen)
        self._compounds(text, out)
        for start, end in tasks:
            if text[start - 1:start].isalnum() or text[end:end + 1].isalnum():
                continue  # tasks only need word boundaries: "text-to-image generation" is image generation
            out.append(Candidate("Concept", lowered[start:end], start, end, "gazetteer.task", 0.6,
                                 "MENTIONS", properties={"kind": "task"}))
        return doc

    def _known(self, text: str, lowered: str, start: int, end: int, idx: int, out: list[Candidate],
               seen: set) -> None:
        """A candidate for one phrase hit, unless it is part of a longer word."""
        if (start, end) in seen or not standalone(text, start, end):
            return
        entry = self.entries[idx]
        if entry.label == "Dataset" and entry.kind == "context" and next_word(lowered, end) not in DATASET_HEADS:
            return
        seen.add((start, end))
        # a version (" v2", " 3.5") follows: ``_VERSION`` begins with a blank, then "v", "V" or a digit
        # (checked first: 96% of the known names are followed by neither, and a failed match costs ~1 µs)
        after: str = text[end + 1:end + 2]
        version = _VERSION.match(text, end) if text[end:end + 1] == " " and (after in _VERSION_V or after.isdigit()) else None
        if version:
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
            word = _SENTENCE_GLUE.split(raw)[0].rstrip(".") if "." in raw else raw
            base, rest = self._known_prefix(word)
            if base is None or _in_url(text, start, raw_end):
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
        """The longest known method prefix of ``word`` (split at hyphens and letter/digit turns),
        None for a word that is itself a known form. Memoised: checkpoint names recur."""
        memo: dict = self._prefix_memo
        found = memo.get(word)
        if found is None:
            if len(self._prefix_memo) > 1 << 16:
                self._prefix_memo.clear()
            found = self._prefix_memo[word] = (None, "") if word.lower() in self.prefix_forms else self._split_known(word)
        return found

    def _split_known(self, word: str) -> tuple[int | None, str]:
        cuts = _cuts(word)
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


def _cuts(word: str) -> list[int]:
    """Where ``word`` may be cut before a known prefix: each hyphen, and each digit after a letter
    (``_CUTS``; an ASCII word is read in C when the speedups were built, ``compound_cuts``:
    ~2,000 -> ~200 instructions a word)."""
    if speedups is not None and word.isascii():
        return speedups.compound_cuts(word)
    return [match.start() for match in _CUTS.finditer(word)]


def _in_url(text: str, start: int, end: int) -> bool:
    """A word that is part of a URL or host name (".github.io", "github.com/owner")."""
    return text[start - 1:start] in "/." and start > 0 or bool(_DOT_WORD.match(text, end))


def _compound_words(text: str) -> Iterable[tuple[int, int, str]]:
    """(start, end, word) of each word with a hyphen or a digit that starts with a letter
    ("Llama-3-8B", "AIME2025"), not inside a longer token.

    Such a word is part of a run of word characters, "." "+" and "-" that holds a digit or a
    hyphen, and no run holds two (the first word to start takes the run to its end). Runs
    are found from their first digit or hyphen: the compound pattern itself begins with a
    look-behind, so the regex engine would try it at every character, while a pattern that
    begins with a character set jumps to the ~15 places per abstract where it can match.
    The run's start is found by matching backwards on the reversed text (or marked copy).
    ASCII text is scanned in C when the speedups were built (``compound_words``, same words;
    ~50 -> ~5 µs an abstract).
    """
    if speedups is not None and text.isascii():
        return speedups.compound_words(text)
    return _scan_compound_words(text)


def _scan_compound_words(text: str) -> Iterator[tuple[int, int, str]]:
    """:func:`_compound_words` in Python: the reference for the C scan, and its fallback."""
    if text.isascii():
        marked = text.encode("ascii").translate(_RUN_MARKS)
        anchors, backwards, run = _MARKED_DIGIT_OR_HYPHEN.finditer(marked), marked[::-1], _MARKED_RUN
    else:
        anchors, backwards, run = _DIGIT_OR_HYPHEN.finditer(text), text[::-1], _RUN
    n = len(text)
    for anchor in anchors:
        start, end = anchor.span()
        begin = n - run.match(backwards, n - start).end()
        match = _COMPOUND_SCAN.search(text, begin, end)
        if match:
            yield match.start(), end, match.group(0)


@Language.factory("kg_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> GazetteerMatcher:
    """Registered factory: ``nlp.add_pipe("kg_gazetteer")``."""
    return GazetteerMatcher(nlp)
