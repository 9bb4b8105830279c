"""The gazetteer's compound-word scan (the C scan against the Python one it replaces) and its pre-checks."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kg.extract import gazetteer
from kg.extract.gazetteer import _compound_words, _scan_compound_words
from kg.extract.native import speedups
from kg.ingest import read_papers

_ALPHABET = "aZk9 0-._+/()\n,xX3é"

needs_speedups = pytest.mark.skipif(speedups is None, reason="kg.extract._speedups not built")


def test_compound_words_python_scan() -> None:
    text = "Llama-3-8B beats GPT-4o and AIME2025; see v1.2, .5x, x-ray and github.io/a-b."
    assert [w for _, _, w in _scan_compound_words(text)] == ["Llama-3-8B", "GPT-4o", "AIME2025", "v1.2", "x-ray", "a-b."]
    assert list(_scan_compound_words("naïve-Bayes ResNet-50")) == [(0, 11, "naïve-Bayes"), (12, 21, "ResNet-50")]


@needs_speedups
def test_c_compound_words_match_the_python_scan() -> None:
    rng = random.Random(3)
    for _ in range(20000):
        text = "".join(rng.choice(_ALPHABET[:-1]) for _ in range(rng.randint(0, 30)))
        assert speedups.compound_words(text) == list(_scan_compound_words(text)), text
    texts = [f"{p.title}\n\n{p.abstract}" for p in read_papers([Path(__file__).parents[2] / "examples"])]
    for text in (t for t in texts if t.isascii()):
        assert list(_compound_words(text)) == list(_scan_compound_words(text))


@needs_speedups
def test_c_compound_cuts_are_those_of_the_pattern() -> None:
    """``_speedups.compound_cuts`` against ``_CUTS`` on fuzzed ASCII words."""
    from kg.extract.gazetteer import _CUTS, _cuts

    rng = random.Random(3)
    alphabet = "aZ09-_.+xX5/ "
    for _ in range(20000):
        word = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        expected = [m.start() for m in _CUTS.finditer(word)]
        assert _cuts(word) == expected == speedups.compound_cuts(word), word
    assert _cuts("Qwen²-7B") == [5]  # non-ASCII: the pattern ("²" is no \d digit)


@needs_speedups
def test_c_compound_words_takes_ascii_only() -> None:
    with pytest.raises(ValueError):
        speedups.compound_words("naïve-Bayes")
    assert list(_compound_words("naïve-Bayes")) == [(0, 11, "naïve-Bayes")]  # non-ASCII text: the Python scan


def test_version_pre_check_lets_every_version_through() -> None:
    """``_known`` tries ``_VERSION`` only after a blank and a "v", "V" or digit: every character the
    pattern can have there passes that check (``\\d`` is any decimal digit)."""
    import re
    import sys

    assert gazetteer._VERSION.pattern.startswith(r" (?:[vV]\d+(?:\.\d+)*|\d+\.")  # the pattern the check reads
    second = re.compile(r"[vV\d]")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if second.fullmatch(char):
            assert char in gazetteer._VERSION_V or char.isdigit(), hex(code)
