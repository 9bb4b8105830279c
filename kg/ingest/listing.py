"""The Hugging Face Daily Papers listing saved as text.

Header lines (``new``, ``Subscribe``, ``Daily Papers``, a date such as ``Aug 5`` …),
then paragraphs separated by blank lines: a title, then its abstract.  Known
header lines are dropped wherever they are (listings may be concatenated), and
any other lines before the first title are reported as an unrecognised header.
The reader pairs paragraphs by shape (an abstract is long or has several
sentences) rather than by position, so a paper without an abstract or an
abstract without a title costs only that record.  A two-line paragraph whose second line is abstract-sized is read as
title + abstract (no blank line between them); other multi-line paragraphs are
joined (hard-wrapped text).
"""

from __future__ import annotations

import re
from typing import Iterator

from kg.ingest.records import RawPaper, make_paper
from kg.ingest.registry import register_reader
from kg.ingest.source import Source
from kg.model import Paper

FORMAT = "listing"

_HEADER_LINES = frozenset(
    {"new", "get trending papers in your email inbox!", "subscribe", "daily papers", "byak and the research community"}
)
_DATE_LINE = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?", re.IGNORECASE
)
#: A paragraph at least this long, or with two sentence ends, is an abstract, not a title.
ABSTRACT_MIN_CHARS = 250
#: Unknown lines before the first title are header only within the first this many paragraphs.
HEADER_MAX = 12
_SENTENCE_END = re.compile(r"[.!?]\s+\S")

Paragraph = tuple[int, str]  # (1-based line of its first line, text)


@register_reader(FORMAT, "Hugging Face Daily Papers listing saved as text (title / abstract paragraphs)", extensions=(".txt",))
def read_listing(source: Source) -> Iterator[Paper]:
    """Yield one Paper per title/abstract pair of a saved Daily Papers listing."""
    paragraphs = _drop_header(_paragraphs(source.text), source)
    for line, title, abstract in _pairs(paragraphs, source):
        paper = make_paper(RawPaper(title=title, abstract=abstract), source, FORMAT, line=line)
        if paper is not None:
            yield paper


def _paragraphs(text: str) -> list[Paragraph]:
    """Blank-line separated paragraphs with the line number of their first line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[Paragraph] = []
    block: list[str] = []
    start = 0
    for number, line in enumerate(lines, 1):
        if line.strip():
            if not block:
                start = number
            block.append(line.strip())
        elif block:
            out.extend(_split_block(start, block))
            block = []
    if block:
        out.extend(_split_block(start, block))
    return out


def _split_block(start: int, block: list[str]) -> list[Paragraph]:
    if len(block) == 2 and not _is_abstract(block[0]) and _is_abstract(block[1]):
        return [(start, block[0]), (start + 1, block[1])]
    return [(start, " ".join(block))]


def _is_header(text: str) -> bool:
    return text.casefold() in _HEADER_LINES or bool(_DATE_LINE.fullmatch(text))


def _drop_header(paragraphs: list[Paragraph], source: Source) -> list[Paragraph]:
    """Remove known header lines (anywhere: listings may be concatenated) and any other
    short lines before the first paper's title (the page's changing chrome), with a warning."""
    kept = [p for p in paragraphs if not _is_header(p[1])]
    first = next((i for i, (_, text) in enumerate(kept[:HEADER_MAX + 1]) if _is_abstract(text)), None)
    if not first:  # no abstract near the top, or the file starts with one: nothing to call a header
        return kept
    for line, text in kept[: first - 1]:
        source.report.warn(f"{source.where(line)}: unrecognised header line ignored: {text[:60]!r}")
    return kept[first - 1:]


def _is_abstract(text: str) -> bool:
    return len(text) >= ABSTRACT_MIN_CHARS or len(_SENTENCE_END.findall(text)) >= 2


def _pairs(paragraphs: list[Paragraph], source: Source) -> Iterator[tuple[int, str, str]]:
    """(line, title, abstract) for each paper; orphans are reported, not paired."""
    started, index, count = False, 0, len(paragraphs)
    while index < count:
        line, text = paragraphs[index]
        nxt = paragraphs[index + 1][1] if index + 1 < count else None
        if _is_abstract(text):
            source.report.skip(source.name, "missing title: abstract-like paragraph without a title", line=line)
            started, index = True, index + 1
        elif nxt is None or (not _is_abstract(nxt) and index + 2 < count and _is_abstract(paragraphs[index + 2][1])):
            _orphan(source, line, text, started)
            index += 1
        else:
            yield line, text, nxt
            started, index = True, index + 2


def _orphan(source: Source, line: int, text: str, started: bool) -> None:
    if started:
        source.report.skip(source.name, "missing abstract", line=line)
    else:
        source.report.warn(f"{source.where(line)}: unrecognised header line ignored: {text[:60]!r}")
