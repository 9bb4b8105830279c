"""Sentence splitting: the shortcuts (boundaries found from the periods, abbreviations ruled out
before the abbreviation check) give the spans of the plain rule."""

from __future__ import annotations

import random

import pytest

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


_NATIVE_PIECES = _PIECES + ["\t", "\r\n", "\x0b", "\x0c", "\x1c", "\x1f", " \n \n ", "?'", '!" ', ".) ", ".] (", ". [B",
                            ". $", ". \\", ". 7", "e.g.\n\nX", "Refs.", "i.e.", "Co.", "_al. X", "xal. X", "ai. X", "Prof. Y"]


def test_the_c_splitter_gives_the_spans_of_the_python_one() -> None:
    """``_speedups.split_sentences`` against ``_scan_sentences`` on fuzzed ASCII text, with
    every kind of ASCII whitespace, closers, openers and abbreviations (also as word ends)."""
    from kg.extract.native import speedups

    if speedups is None:
        pytest.skip("the C speedups were not built (tests/extract/test_phrases.py fails under CI=true)")
    rng = random.Random(11)
    for _ in range(30000):
        text = "".join(rng.choice(_NATIVE_PIECES) for _ in range(rng.randint(0, 16)))
        text = text.encode("ascii", "replace").decode("ascii")
        start = rng.randint(0, len(text))
        assert speedups.split_sentences(text, start) == sentences._scan_sentences(text, start), (text, start)
    assert speedups.SENTENCE_ABBREVIATIONS == sentences._ABBREVIATIONS  # the C list is the Python list
    for abbreviation in sentences._ABBREVIATIONS:
        text = f"See {abbreviation}. Then more. X"
        assert speedups.split_sentences(text, 0) == sentences._scan_sentences(text, 0), abbreviation


def test_the_c_splitter_rejects_what_it_cannot_split() -> None:
    from kg.extract.native import speedups

    if speedups is None:
        pytest.skip("the C speedups were not built")
    for args, error in (((b"x", 0), TypeError), (("é. X", 0), ValueError), (("x", 2), ValueError),
                        (("x", -1), ValueError), (("x",), TypeError)):
        with pytest.raises(error):
            speedups.split_sentences(*args)
    assert split_sentences("One. Two", 9) == sentences._scan_sentences("One. Two", 9) == []
