"""JSON records from a file holding a JSON array, an object wrapping one, or JSON lines.

Each record comes with where it was found: ``(line, None, obj)`` for JSON lines,
``(None, index, obj)`` for array items (0-based, as ``jq '.[index]'``).  A line that
is not JSON is skipped with its line number; a whole document that is not JSON is
one skipped record with the line of the error.
"""

from __future__ import annotations

import json
from typing import Any, Iterator

from kg.ingest.source import Source

Located = tuple[int | None, int | None, Any]

#: Keys under which an API response may wrap its list of records.
_WRAPPERS = ("papers", "data", "items", "results", "records")


def json_records(source: Source) -> Iterator[Located]:
    """Every record of ``source``, whatever the JSON layout."""
    text = source.text.lstrip("\ufeff")
    head = text.lstrip()[:1]
    if head == "[" or (head == "{" and not _first_line_is_json(text)):
        yield from _document(text, source)
    else:
        yield from _lines(text, source)


def _first_line_is_json(text: str) -> bool:
    first = text.lstrip().split("\n", 1)[0]
    try:
        json.loads(first)
    except ValueError:
        return False
    return True


def _document(text: str, source: Source) -> Iterator[Located]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        source.report.skip(source.name, f"invalid JSON: {exc.msg} (column {exc.colno}); file not read", line=exc.lineno)
        return
    if isinstance(data, dict):
        data = next((data[k] for k in _WRAPPERS if isinstance(data.get(k), list)), [data])
    if not isinstance(data, list):
        source.report.skip(source.name, f"invalid JSON: expected an array of records, got {type(data).__name__}", line=1)
        return
    for index, obj in enumerate(data):
        yield None, index, obj


def _lines(text: str, source: Source) -> Iterator[Located]:
    loads = json.loads
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            yield number, None, loads(line)
        except ValueError as exc:
            detail = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            source.report.skip(source.name, f"invalid JSON: {detail}", line=number)


def check_object(obj: Any, source: Source, line: int | None, item: int | None) -> bool:
    """True if ``obj`` is a JSON object; otherwise the record is skipped."""
    if isinstance(obj, dict):
        return True
    source.report.skip(source.name, f"not a JSON object: got {type(obj).__name__}", line=line, item=item)
    return False
