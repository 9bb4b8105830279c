"""JSON records from a file holding a JSON array, an object wrapping one, or JSON lines.

Each record comes with where it was found: ``(line, None, obj)`` for JSON lines
and for a file holding a single object, ``(None, index, obj)`` for array items
(0-based, as ``jq '.[index]'``).  A line that
is not JSON is skipped with its line number; a whole document that is not JSON is
one skipped record with the line of the error.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Iterator

from kg.ingest.source import Source

Located = tuple[int | None, int | None, Any]

#: Keys under which an API response may wrap its list of records.
_WRAPPERS = ("papers", "data", "items", "results", "records")


def json_records(source: Source) -> Iterator[Located]:
    """Every record of ``source``, whatever the JSON layout (large JSON-lines files are streamed)."""
    if source.large and _looks_like_lines(source.head()):
        yield from _lines(source.lines(), source)
        return
    text = source.text.lstrip("\ufeff")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" or _looks_like_lines(text):
            yield from _lines(enumerate(text.split("\n"), 1), source)  # JSON lines (or a broken line among them)
        else:
            source.report.skip(source.name, f"invalid JSON: {exc.msg} (column {exc.colno}); file not read", line=exc.lineno)
        return
    if isinstance(data, dict) and not any(isinstance(data.get(k), list) for k in _WRAPPERS):
        yield text[: len(text) - len(text.lstrip())].count("\n") + 1, None, data  # one object: a line, like JSONL
        return
    yield from _document(data, source)


def _looks_like_lines(text: str) -> bool:
    """An object per line: the first line is JSON, or the second line opens an object too."""
    lines = [line.strip() for line in text.lstrip().split("\n", 20) if line.strip()]
    if not lines or not lines[0].startswith("{"):
        return False
    if len(lines) > 1 and lines[1].startswith("{"):
        return True
    try:
        json.loads(lines[0])
    except ValueError:
        return False
    return True


def _document(data: Any, source: Source) -> Iterator[Located]:
    if isinstance(data, dict):
        data = next((data[k] for k in _WRAPPERS if isinstance(data.get(k), list)), [data])
    if not isinstance(data, list):
        source.report.skip(source.name, f"invalid JSON: expected an array of records, got {type(data).__name__}", line=1)
        return
    for index, obj in enumerate(data):
        yield None, index, obj


def _lines(lines: Iterable[tuple[int, str]], source: Source) -> Iterator[Located]:
    loads = json.loads
    for number, line in lines:
        if not line.strip():
            continue
        try:
            yield number, None, loads(line)
        except ValueError as exc:
            detail = f"{exc.msg} (column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else str(exc)
            source.report.skip(source.name, f"invalid JSON: {detail}", line=number)


def check_object(obj: Any, source: Source, line: int | None, item: int | None) -> bool:
    """True if ``obj`` is a JSON object; otherwise the record is skipped."""
    if isinstance(obj, dict):
        return True
    source.report.skip(source.name, f"not a JSON object: got {type(obj).__name__}", line=line, item=item)
    return False
