"""arXiv citations: the C pre-check against the patterns it stands for."""

from __future__ import annotations

import random

import pytest

from kg.extract import cites
from kg.extract.native import speedups


def test_the_pre_check_is_the_two_hint_patterns() -> None:
    """``may_cite`` (``_speedups.arxiv_hint`` for ASCII text) against the two regexes on fuzzed text."""
    rng = random.Random(4)
    pieces = [".", "/", "1", "2", "0", "9", "x", " ", "hep-th", "arXiv:", "2405", "13729", "9901001", "v2", "١", "é"]
    found = 0
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        expected = bool(cites._NEW_ID_HINT.search(text) or cites._OLD_ID_HINT.search(text))
        assert cites.may_cite(text) is expected, text
        found += expected
    assert found > 2000
    assert cites.may_cite("see .١٢٣٤") is True  # non-ASCII text: the patterns, whose \d takes other digits


def test_the_c_pre_check_takes_ascii_only() -> None:
    if speedups is None:
        pytest.skip("the C speedups were not built")
    with pytest.raises(ValueError):
        speedups.arxiv_hint("é.1234")
    assert speedups.arxiv_hint("arXiv:2405.13729") is True and speedups.arxiv_hint("hep-th/9901001") is True
    assert speedups.arxiv_hint("see Table 2.1 and 1/2") is False
