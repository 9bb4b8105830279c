"""Scanning helpers for rules whose matches can only begin at a few known places.

Python's regex engine tries a pattern at every character; a pattern led by an alternation of
words (``(?:experiments?|evaluations?|…)``) or by a character set costs 10-50 ns per character
per pattern, which on a 1,500-character abstract adds up to most of a rule's time. These
helpers find the few places a match can begin and try the pattern only there, with the same
results as ``finditer`` — provided the list of starts is complete, which the rule modules'
tests check against the patterns themselves.

>>> text = "We evaluate on GLUE and report results on SQuAD."
>>> [m.group(1) for m in matches_at(re.compile(r"(?:evaluate|results) on (\\w+)"), text,
...                                  offsets_of(text, ("evaluate", "results"), 0))]
['GLUE', 'SQuAD']

Rules led by words (a verb, "compared with", "results on") do not scan the text themselves:
each module registers its start words under a *kind* with :func:`register_start_words`, and
:func:`keywords` finds, once per paper and in one pass, where every kind's words begin
(separate ``str.find`` scans for each of ~80 words cost ~100 µs per abstract, the one pass ~30).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from kg.extract.native import speedups
from kg.extract.state import Workspace, abstract_start, get, put, text_of


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


# The shared keyword pass. It runs over a copy of the text in which every character but
# [A-Za-z0-9_] is a blank (one byte per character, so offsets are the same): every word then
# follows a blank, and a scan whose pattern starts with a literal blank only stops at blanks.
# A pattern that begins with ``\b`` and a word character can only match where the copy has a
# blank before a word (a non-ASCII character is a blank too), so the words found there are all
# the places it can begin.

#: Bytes that are not ASCII word characters become blanks.
_BLANK_NON_WORD = bytes(b if chr(b).isalnum() and b < 128 or chr(b) == "_" else ord(" ") for b in range(256))


def blanked(text: str) -> bytes:
    """``text`` with every character but [A-Za-z0-9_] a blank, one byte per character."""
    return text.encode("ascii", "replace").translate(_BLANK_NON_WORD)


def blanked_after_blank(text: str) -> bytes:
    """``b" " + blanked(text)``, the keyword pass's copy: made in one C loop when the speedups were
    built (``blank_words``: ~13k -> ~9k instructions an abstract)."""
    if speedups is not None:
        return speedups.blank_words(text)
    return b" " + blanked(text)


#: kind -> the words its matches can begin with (as written: "state-of-the-art", "we call").
_START_WORDS: dict[str, set[str]] = {}


def register_start_words(kind: str, words: Iterable[str]) -> None:
    """Have :func:`keywords` report as ``kind`` every word start where one of ``words`` is written.

    A word is a prefix ("evaluat" is found in "evaluated"); one of several words ("on top of")
    is found where all of them are written, blanks standing for any non-word characters.
    """
    _START_WORDS.setdefault(kind, set()).update(words)
    _keyword_scan.cache_clear()


@dataclass(frozen=True, slots=True)
class _KeywordScan:
    """The one pattern for all registered words, and the kinds to report for each word it matches;
    the same alternatives in C when the speedups were built (``kg/extract/_speedups.c``: ~30 -> ~5 µs
    an abstract; the pattern is the reference the tests compare it with)."""

    pattern: re.Pattern
    kinds: dict[bytes, tuple[str, ...]]
    kind_names: tuple[str, ...]  #: every registered kind, in the order ``native.offsets`` reports them
    native: Any = None  #: ``_speedups.KeywordMatcher`` over the same alternatives, or None
    native_kinds: tuple[tuple[str, ...], ...] = ()  #: the kinds of each of its alternatives

    def starts(self, data: bytes, pos: int) -> dict[str, list[int]]:
        """kind -> the offsets (in order) in ``data`` (a blanked text) from ``pos`` where one of its words begins."""
        if self.native is None:
            return self.starts_by_pattern(data, pos)
        return dict(zip(self.kind_names, self.native.offsets(data, pos)))

    def starts_by_pattern(self, data: bytes, pos: int) -> dict[str, list[int]]:
        """:meth:`starts` from :meth:`words_by_pattern`: the reference for the C grouping, and its fallback."""
        starts: dict[str, list[int]] = {kind: [] for kind in self.kind_names}
        for start, kinds in self.words_by_pattern(data, pos):
            for kind in kinds:
                starts[kind].append(start)
        return starts

    def words(self, data: bytes, pos: int) -> list[tuple[int, tuple[str, ...]]]:
        """(offset, kinds) of each registered word in ``data`` (a blanked text) from ``pos``."""
        if self.native is None:
            return self.words_by_pattern(data, pos)
        kinds = self.native_kinds
        return [(start, kinds[alternative]) for start, alternative in self.native.scan(data, pos)]

    def words_by_pattern(self, data: bytes, pos: int) -> list[tuple[int, tuple[str, ...]]]:
        """:meth:`words` by the regular expression: the reference for the C scan, and its fallback."""
        kinds = self.kinds
        return [(word.start(), kinds[word.group()]) for word in self.pattern.finditer(data, pos)]


@functools.cache
def _keyword_scan() -> _KeywordScan:
    """The scan for every word registered so far."""
    return _build_keyword_scan(_START_WORDS)


def _build_keyword_scan(start_words: dict[str, set[str]]) -> _KeywordScan:
    """`` (?:e(?:valuat|xperiment|…)|o(?:n(?= top of)|ur|…)|…|[0-9])``: the first word of every
    registered word after a blank, the rest of a multiword entry as a lookahead.

    The alternatives are grouped by first letter (``re`` tries them one by one at every blank:
    25 groups cost half as much as 80 words) and longest first, so where two first words match
    the longer one is found; it reports the kinds of every one-word entry it begins with too.
    """
    follows: dict[str, set[str]] = {}  # first word -> the rest of its entries ("" for one word)
    kinds_of: dict[str, set[str]] = {}
    for kind, words in start_words.items():
        for word in words:
            first, blank, rest = blanked(word).decode().partition(" ")
            follows.setdefault(first, set()).add(blank + rest)
            kinds_of.setdefault(first, set()).add(kind)
    by_char: dict[str, list[str]] = {}
    alternatives = []  # (first word, the rests one of which must follow it), in the order re tries them
    for first in sorted(follows, key=lambda first: (-len(first), first)):
        rests = follows[first]
        lookahead = "" if "" in rests else f"(?={'|'.join(sorted(rests))})"
        by_char.setdefault(first[0], []).append(first[1:] + lookahead)
        alternatives.append((first.encode(), () if "" in rests else tuple(rest.encode() for rest in sorted(rests))))
    groups = [f"{char}(?:{'|'.join(tails)})" for char, tails in by_char.items() if tails != [""]]
    singles = "".join(sorted(char for char, tails in by_char.items() if tails == [""]))  # the digits
    pattern = " (?:" + "|".join(groups + ([f"[{singles}]"] if singles else [])) + ")"
    # where ``first`` matches, a shorter word it begins with would have matched too unless that one
    # must be followed by a blank ("pre" of "pre-trained" in "present")
    kinds = {f" {first}".encode(): tuple(sorted({kind for other, others in kinds_of.items()
                                                  if other == first or first.startswith(other) and "" in follows[other]
                                                  for kind in others}))
             for first in follows}
    kind_names = tuple(sorted(start_words))
    if speedups is None:
        return _KeywordScan(re.compile(pattern.encode()), kinds, kind_names)
    native_kinds = tuple(kinds[b" " + first] for first, _ in alternatives)
    number = {kind: k for k, kind in enumerate(kind_names)}
    matcher = speedups.KeywordMatcher(alternatives, [[number[kind] for kind in each] for each in native_kinds])
    return _KeywordScan(re.compile(pattern.encode()), kinds, kind_names, matcher, native_kinds)


@dataclass(slots=True)
class Keywords:
    """Where the registered words begin in one paper's abstract."""

    #: ``b" " + blanked(text)``: the blank in front puts each word's blank at the word's own offset
    blanked: bytes
    #: kind -> the offsets (in order) where one of its words begins
    starts: dict[str, list[int]]
    scan: _KeywordScan  #: what found them (a word registered since then needs a new pass)


def keywords(doc: Workspace) -> Keywords:
    """Where the registered words begin in the abstract of ``doc``, found once per paper."""
    found: Keywords | None = get(doc, "kg_keywords")
    scan = _keyword_scan()
    if found is None or found.scan is not scan:
        data = blanked_after_blank(text_of(doc))
        found = Keywords(data, scan.starts(data, abstract_start(doc)), scan)
        put(doc, "kg_keywords", found)
    return found
