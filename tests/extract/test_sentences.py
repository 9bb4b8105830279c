"""Sentence splitting: the shortcuts (boundaries found from the periods, abbreviations ruled out
before the abbreviation check) give the spans of the plain rule."""

from __future__ import annotations

import random

from kg.extract import sentences
from kg.extract.sentences import _BOUNDARY, _after_abbreviation, split_sentences


def _plain_split(text: str, start: int = 0) -> list[tuple[int, int]]:
    """The rule without shortcuts: every ``_BOUNDARY`` match not after an abbreviation ends a sentence."""
    spans, begin = [], start
    for match in _BOUNDARY.finditer(text, start):
        if _after_abbreviation(text, begin, match):
            continue
        spans.append((begin, match.start() + 1 if text[match.start()] in ".!?" else match.start()))
        begin = match.end()
    if begin < len(text):
        spans.append((begin, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


_PIECES = ["We", " test", ". ", "e.g. ", "et al. ", "Fig. ", "J. ", "A.", " (", ")", '"', "'", "?", "!", "\n", "\n\n",
           "  ", "3.5", " 12", ". The", "vs. Bob", "al.", "St. X", "é", " İ", "$x$", "\\cite", "[1]. ", "x.Y", "No. 4"]


def test_spans_are_those_of_the_plain_rule() -> None:
    rng = random.Random(5)
    for _ in range(20000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 14)))
        start = rng.randint(0, len(text))
        assert split_sentences(text, start) == _plain_split(text, start), (text, start)


def test_abbreviation_endings_cover_every_abbreviation() -> None:
    assert all(a[-2:] in sentences._ABBREVIATION_ENDINGS and len(a) >= 2 for a in sentences._ABBREVIATIONS)
