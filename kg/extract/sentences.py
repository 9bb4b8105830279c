"""Sentence boundaries as character spans (``Doc._.kg_sents``), by rule.

Cheaper than spaCy's sentencizer for what the extractor needs (an index and the
evidence text of each sentence), and it knows the abbreviations of abstracts
("e.g.", "et al.", "vs.", "Fig.") and decimals. The title is always sentence 0 of
its own field.
"""

from __future__ import annotations

import re
from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.native import speedups
from kg.extract.scan import matches_at, offsets_of
from kg.extract.state import abstract_start, get, put, text_of

_SENTENCE_END = r"[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9\\$])"  #: what follows the punctuation of a boundary
_BOUNDARY = re.compile(rf"[.!?]{_SENTENCE_END}|\n\s*\n")
_BOUNDARY_CHARS = (".", "!", "?", "\n")  # what a _BOUNDARY match begins with
#: _BOUNDARY where it can only begin with a period: led by a literal, the regex engine jumps from
#: period to period itself.
_PERIOD_BOUNDARY = re.compile(rf"\.{_SENTENCE_END}")
#: Abbreviations a period does not end a sentence after.
_ABBREVIATIONS = ("e.g", "i.e", "et al", "vs", "cf", "Fig", "Figs", "Eq", "Eqs", "Sec", "Tab", "No", "approx", "resp",
                  "Dr", "Mr", "Ms", "Prof", "St", "Inc", "Ltd", "Co", "Jr", "al", "Ref", "Refs", "viz")
#: The last two characters of every abbreviation: a period after any other two is no abbreviation's.
_ABBREVIATION_ENDINGS = frozenset(abbreviation[-2:] for abbreviation in _ABBREVIATIONS)
_ABBREV = re.compile(rf"(?:\b(?:{'|'.join(map(re.escape, _ABBREVIATIONS))})\.|\b[A-Z]\.)[\"')\]]*\s+$")


def _after_abbreviation(text: str, begin: int, boundary: re.Match) -> bool:
    """Whether ``boundary`` follows an abbreviation or an initial ("e.g. ", "J. ") that starts
    within the 12 characters before it (and not before ``begin``).

    Most boundaries are periods after ordinary words: two string tests rule those out before
    the ``_ABBREV`` search, which tries its alternatives at every position of the window.
    """
    at, lo = boundary.start(), max(begin, boundary.start() - 12)
    if text[at] == ".":  # _ABBREV's own period can only be this one
        if not (text.endswith(_ABBREVIATIONS, lo, at) or at > lo and "A" <= text[at - 1] <= "Z"):
            return False
    elif text[at] != "\n":  # after "!" or "?" _ABBREV cannot end at the boundary's end
        return False
    return _ABBREV.search(text, lo, boundary.end()) is not None


def split_sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:]`` as absolute (start, end) offsets; spans of whitespace
    only are dropped. ASCII text is split in C when the speedups were built
    (``_speedups.split_sentences``, the same rules: ~34 -> ~9 µs an abstract)."""
    if speedups is not None and text.isascii() and 0 <= start <= len(text):
        return speedups.split_sentences(text, start)
    return _scan_sentences(text, start)


def _scan_sentences(text: str, start: int) -> list[tuple[int, int]]:
    """:func:`split_sentences` in Python: the reference for the C splitter, and its fallback."""
    spans, begin = [], start
    for match in _boundaries(text, start):
        at = match.start()
        # most boundaries are periods after a word that ends like no abbreviation and not in a
        # capital: ruled out here, where calling _after_abbreviation (~1 us) cost most of the loop
        may_follow_one = text[at] != "." or text[at - 2:at] in _ABBREVIATION_ENDINGS or "A" <= text[at - 1] <= "Z"
        if may_follow_one and _after_abbreviation(text, begin, match):
            continue
        spans.append((begin, at + 1 if text[at] in ".!?" else at))
        begin = match.end()
    if begin < len(text):
        spans.append((begin, len(text)))
    # a span starts after a boundary's blanks (at a non-blank), so only the first span's text is stripped
    return [(s, e) for s, e in spans if s < e and not text[s].isspace() or text[s:e].strip()]


def _boundaries(text: str, start: int) -> Iterator[re.Match]:
    """``_BOUNDARY.finditer(text, start)``, tried only where a match can begin.

    Without "!", "?" or a line break (97% of abstracts) only periods can begin one, and the
    regex engine finds them itself (~3x faster than finding each boundary character with
    ``str.find`` and trying the pattern there, which the other texts still do; scanning with
    ``_BOUNDARY`` itself tests every position).
    """
    if text.find("!", start) < 0 and text.find("?", start) < 0 and text.find("\n", start) < 0:
        return _PERIOD_BOUNDARY.finditer(text, start)
    return matches_at(_BOUNDARY, text, offsets_of(text, _BOUNDARY_CHARS, start))


@Language.factory("kg_sentences")
def make_sentences(nlp: Language, name: str) -> "SentenceSplitter":
    """Registered factory: ``nlp.add_pipe("kg_sentences")``."""
    return SentenceSplitter()


class SentenceSplitter:
    """Sets ``Doc._.kg_sents``: the title (when there is one), then the abstract's sentences."""

    def __call__(self, doc: Doc) -> Doc:
        text: str = text_of(doc)
        title_end = get(doc, "kg_title_end", 0)
        sents = [(0, title_end)] if title_end else []
        sents.extend(split_sentences(text, abstract_start(doc)))
        put(doc, "kg_sents", sents)
        return doc
