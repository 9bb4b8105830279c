"""Sentence boundaries as character spans (``Doc._.kg_sents``), by rule.

Cheaper than spaCy's sentencizer for what the extractor needs (an index and the
evidence text of each sentence), and it knows the abbreviations of abstracts
("e.g.", "et al.", "vs.", "Fig.") and decimals. The title is always sentence 0 of
its own field.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.state import abstract_start, get, put, text_of

_BOUNDARY = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9\\$])|\n\s*\n")
_ABBREV = re.compile(
    r"(?:\b(?:e\.g|i\.e|et al|vs|cf|Fig|Figs|Eq|Eqs|Sec|Tab|No|approx|resp|Dr|Mr|Ms|Prof|St|Inc|Ltd|Co|Jr|al|Ref|Refs|viz)\.|\b[A-Z]\.)[\"')\]]*\s+$"
)


def split_sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:]`` as absolute (start, end) offsets, spaces trimmed."""
    spans, begin = [], start
    for match in _BOUNDARY.finditer(text, start):
        if _ABBREV.search(text, max(begin, match.start() - 12), match.end()):
            continue
        spans.append((begin, match.start() + 1 if text[match.start()] in ".!?" else match.start()))
        begin = match.end()
    if begin < len(text):
        spans.append((begin, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


@Language.factory("kg_sentences")
def make_sentences(nlp: Language, name: str) -> "SentenceSplitter":
    """Registered factory: ``nlp.add_pipe("kg_sentences")``."""
    return SentenceSplitter()


class SentenceSplitter:
    """Sets ``Doc._.kg_sents``: the title (when there is one), then the abstract's sentences."""

    def __call__(self, doc: Doc) -> Doc:
        text, title_end = text_of(doc), get(doc, "kg_title_end", 0)
        sents = [(0, title_end)] if title_end else []
        sents.extend(split_sentences(text, abstract_start(doc)))
        put(doc, "kg_sents", sents)
        return doc
