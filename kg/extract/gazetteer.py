"""Known names: methods/models and datasets/benchmarks (exact case) and PwC tasks (any case).

One ``PhraseMatcher`` over the curated method list and the cleaned dataset gazetteer,
one over multiword task names. Checkpoint and version strings built on a known name
("Llama-3-8B", "Qwen2.5-7B-Instruct", "LLaVA-NeXT-Interleave") become their own Method
mentions; "-based"/"-style" compounds ("CLIP-based") count as the base name. Ambiguous
dataset names (common words, two-letter acronyms) need a dataset word next to them.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.extract.lexicon import Entry, Lexicon, load_lexicon
from kg.extract.state import Candidate, cands, text_of

DATASET_HEADS = frozenset(
    "dataset datasets benchmark benchmarks corpus corpora suite leaderboard split splits test set testbed "
    "collection challenge database environment environments tasks task data".split()
)
_COMPOUND = re.compile(r"(?<![\w.\-])(?=[\w.+\-]*[\d\-])[A-Za-z][\w.+]*(?:-[\w.+]+)+|(?<![\w.\-])[A-Za-z]+\d[\w.+]*")
_BASE_SUFFIX = frozenset(
    "based like style level type family series generated guided only scale sized size class grade "
    "powered driven enhanced augmented inspired equivalent specific centric aligned distilled".split()
)
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

    def __init__(self, nlp: Language, lexicon: Lexicon | None = None):
        self.lex = lexicon or load_lexicon()
        self.entries = self.lex.entries
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.tasks = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.method_forms: dict[str, int] = {}
        self.surface: dict[str, int] = {}
        for idx, entry in enumerate(self.entries):
            for form in sorted({v for f in (entry.name, *entry.aliases) for v in _variants(f)}):
                self.surface.setdefault(form, idx)
                if entry.label == "Method":
                    self.method_forms.setdefault(form.lower(), idx)
        forms = sorted(self.surface)
        docs = list(nlp.tokenizer.pipe(forms))
        self.names.add("NAME", docs)
        self.surface = {" ".join(t.text for t in d): self.surface[f] for d, f in zip(docs, forms)}
        multiword = sorted(t for t in self.lex.tasks if " " in t)
        self.tasks.add("TASK", list(nlp.tokenizer.pipe(multiword)))

    def __call__(self, doc: Doc) -> Doc:
        out = cands(doc)
        text = text_of(doc)
        for _, s, e in self.names(doc):
            span = doc[s:e]
            idx = self.surface.get(" ".join(t.text for t in span))
            if idx is None:
                continue
            entry = self.entries[idx]
            start, end = span.start_char, span.end_char
            if start > 0 and (text[start - 1] == "-" or text[start - 1].isalnum()):
                continue
            if entry.label == "Dataset" and entry.kind == "context" and not self._dataset_context(doc, s, e):
                continue
            out.append(self._candidate(entry, text[start:end], start, end, "gazetteer." + entry.label.lower()))
        self._compounds(text, out)
        for _, s, e in self.tasks(doc):
            span = doc[s:e]
            out.append(Candidate("Concept", span.text.lower(), span.start_char, span.end_char, "gazetteer.task", 0.6,
                                 "MENTIONS", properties={"kind": "task"}))
        return doc

    def _candidate(self, entry: Entry, surface: str, start: int, end: int, rule: str) -> Candidate:
        aliases = (surface,) if surface != entry.name else ()
        conf = 0.8 if entry.label == "Method" else 0.75
        return Candidate(entry.label, entry.name, start, end, rule, conf, aliases=aliases,
                         properties={"kind": entry.kind} if entry.label == "Method" and entry.kind else {})

    @staticmethod
    def _dataset_context(doc: Doc, s: int, e: int) -> bool:
        nxt = doc[e].lower_ if e < len(doc) else ""
        return nxt in DATASET_HEADS

    def _compounds(self, text: str, out: list[Candidate]) -> None:
        """Versioned/checkpoint names whose prefix is a known method."""
        for match in _COMPOUND.finditer(text):
            word = match.group(0).rstrip(".")
            if word.lower() in self.method_forms:
                continue
            base, rest = self._known_prefix(word)
            if base is None:
                continue
            entry = self.entries[base]
            start = match.start()
            if rest.lower() in _BASE_SUFFIX:
                prefix_len = len(word) - len(rest) - 1
                out.append(self._candidate(entry, text[start:start + prefix_len], start, start + prefix_len,
                                           "gazetteer.method_compound"))
                continue
            end = start + len(word)
            size = _SIZE.match(text, end)
            if size and not rest:
                end = size.end()
            out.append(Candidate("Method", text[start:end], start, end, "gazetteer.method_variant", 0.75,
                                 properties={"kind": entry.kind, "base": entry.name}))

    def _known_prefix(self, word: str) -> tuple[int | None, str]:
        """The longest known method prefix of ``word`` (split at hyphens and letter/digit turns)."""
        cuts = [m.start() for m in re.finditer(r"-|(?<=[A-Za-z])(?=\d)", word)]
        for cut in reversed(cuts):
            prefix = word[:cut]
            if len(prefix) >= 3 and prefix.lower() in self.method_forms:
                return self.method_forms[prefix.lower()], word[cut:].lstrip("-")
        return None, ""


@Language.factory("kg_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> GazetteerMatcher:
    """Registered factory: ``nlp.add_pipe("kg_gazetteer")``."""
    return GazetteerMatcher(nlp)
