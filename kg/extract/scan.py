"""Scanning helpers for rules whose matches can only begin at a few known places.

Python's regex engine tries a pattern at every character; a pattern led by an alternation of
words (``(?:experiments?|evaluations?|…)``) or by a character set costs 10-50 ns per character
per pattern, which on a 1,500-character abstract adds up to most of a rule's time. These
helpers find the few places a match can begin (with ``str.find``, in C) and try the pattern
only there, with the same results as ``finditer`` — provided the list of starts is complete,
which the rule modules' tests check against the patterns themselves.

>>> text = "We evaluate on GLUE and report results on SQuAD."
>>> [m.group(1) for m in matches_at(re.compile(r"(?:evaluate|results) on (\\w+)"), text,
...                                  offsets_of(text, ("evaluate", "results"), 0))]
['GLUE', 'SQuAD']
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator


def offsets_of(text: str, words: tuple[str, ...], start: int) -> list[int]:
    """Offsets (from ``start``, in order) where one of ``words`` is written.

    ``str.find`` scans for a word in C; the regex engine, given a leading alternation such as
    ``(?:experiments?|evaluations?|…)``, tries every alternative at every position (2-3x slower).
    """
    found = set()
    for word in words:
        at = text.find(word, start)
        while at >= 0:
            found.add(at)
            at = text.find(word, at + 1)
    return sorted(found)


def word_starts(text: str, offsets: Iterable[int], start: int) -> Iterator[int]:
    """Where the run of word characters and hyphens around each offset begins (not before ``start``)."""
    for at in offsets:
        while at > start and (text[at - 1].isalnum() or text[at - 1] in "_-"):  # [\w\-], as in _BENCH_NAME
            at -= 1
        yield at


def matches_at(pattern: re.Pattern, text: str, starts: Iterable[int], pos: int = 0) -> Iterator[re.Match]:
    """What ``pattern.finditer(text, pos)`` yields, given (in order) every place a match can begin."""
    end = pos
    for start in starts:
        if start >= end:  # finditer resumes after the previous match
            match = pattern.match(text, start)
            if match:
                end = match.end()
                yield match
