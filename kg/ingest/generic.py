"""Generic JSON lines and CSV: any records with a title and an abstract.

Column / key names are matched case-insensitively, ignoring spaces, ``_`` and ``-``:

============  ===================================================================
field         accepted names
============  ===================================================================
title         title, paper title
abstract      abstract, summary, abstract text
id            id, arxiv id, arxiv, paper id, eprint
url           url, link, paper url, abs url
authors       authors, author (a list, or text split on ``;`` — or on ``,``/``and``)
date          date, published, publication date, published at, update date
code          code url, code, github, github url, github repo, repository, repo
keywords      keywords, tags (a list, or text split on ``;`` or ``,``)
categories    categories, category (a list, or text split on spaces / ``;`` / ``,``)
============  ===================================================================

CSV: the first row is the header; the delimiter is ``\\t`` for ``.tsv`` and
otherwise whichever of ``, ; \\t |`` the header uses most.  A row with more
fields than the header is skipped (an unquoted delimiter); missing trailing
fields are empty.  JSON: one object per line, or an array of objects.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from functools import lru_cache
from typing import Any, Iterator, Mapping

from kg.ingest.detect import suffix
from kg.ingest.records import RawPaper, make_paper, papers_from_json, split_names
from kg.ingest.registry import register_reader
from kg.ingest.source import Source, UnreadableFile
from kg.model import Paper

_ALIASES = {
    "title": ("title", "papertitle"),
    "abstract": ("abstract", "summary", "abstracttext"),
    "arxiv": ("id", "arxivid", "arxiv", "paperid", "eprint"),
    "url": ("url", "link", "paperurl", "absurl"),
    "authors": ("authors", "author"),
    "published": ("date", "published", "publicationdate", "publishedat", "updatedate"),
    "code_url": ("codeurl", "code", "github", "githuburl", "githubrepo", "repository", "repo"),
    "keywords": ("keywords", "tags"),
    "categories": ("categories", "category"),
}
_KEY_NOISE = re.compile(r"[\s_\-]+")
_DELIMITERS = (",", ";", "\t", "|")
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _key(name: Any) -> str:
    return _KEY_NOISE.sub("", str(name)).casefold()


@lru_cache(maxsize=256)
def _plan(keys: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """For each RawPaper field, the record's own keys that may hold it, in alias order."""
    by_key: dict[str, list[str]] = {}
    for name in keys:
        by_key.setdefault(_key(name), []).append(name)
    return {field: tuple(k for a in aliases for k in by_key.get(a, ())) for field, aliases in _ALIASES.items()}


def _fields(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record's values under RawPaper field names (first non-empty alias wins)."""
    out = {}
    for field, keys in _plan(tuple(record)).items():
        out[field] = next((record[k] for k in keys if record[k] not in (None, "")), None)
    return out


def _split(value: Any, pattern: str) -> Any:
    return [v for v in re.split(pattern, value) if v.strip()] if isinstance(value, str) else value or ()


def _authors(value: Any) -> Any:
    if isinstance(value, str):
        return split_names(value)
    return [a.get("name") if isinstance(a, dict) else a for a in value] if isinstance(value, list) else ()


def to_raw(record: Mapping[str, Any]) -> RawPaper:
    """A generic record (JSON object or CSV row) as a RawPaper."""
    f = _fields(record)
    return RawPaper(
        title=f["title"],
        abstract=f["abstract"],
        arxiv=f["arxiv"] if isinstance(f["arxiv"], str) else None,
        url=f["url"],
        published=f["published"],
        authors=_authors(f["authors"]),
        code_url=f["code_url"],
        keywords=_split(f["keywords"], r"\s*[;,]\s*"),
        categories=_split(f["categories"], r"[\s;,]+"),
    )


@register_reader("jsonl", "JSON lines (or a JSON array) of objects with title and abstract", extensions=(".jsonl", ".ndjson", ".json"))
def read_jsonl(source: Source) -> Iterator[Paper]:
    """Yield one Paper per JSON object."""
    return papers_from_json(source, "jsonl", to_raw)


@register_reader("csv", "CSV / TSV with a header row naming at least a title column", extensions=(".csv", ".tsv"))
def read_csv(source: Source) -> Iterator[Paper]:
    """Yield one Paper per CSV row after the header."""
    for line, row in _csv_rows(source):
        paper = make_paper(to_raw(row), source, "csv", line=line)
        if paper is not None:
            yield paper


def _csv_rows(source: Source) -> Iterator[tuple[int, dict[str, str]]]:
    text = source.text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(source, text))
    header = _header(reader, source)
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            source.report.skip(source.name, f"invalid CSV: {exc}", line=start)
            start = reader.line_num + 1
            continue
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            source.report.skip(source.name, f"wrong number of fields: {len(row)} > {len(header)} columns", line=line)
            continue
        yield line, dict(zip(header, row))


def _header(reader: Any, source: Source) -> list[str]:
    try:
        header = next(reader, [])
    except csv.Error as exc:
        raise UnreadableFile(f"invalid CSV: {exc} (line 1)") from exc
    if "title" not in {_key(h) for h in header} and "papertitle" not in {_key(h) for h in header}:
        raise UnreadableFile(f"missing title column: header is {', '.join(header)[:120]!r}")
    return header


def _delimiter(source: Source, text: str) -> str:
    if suffix(source.path) == ".tsv":
        return "\t"
    first = text.split("\n", 1)[0]
    return max(_DELIMITERS, key=first.count)
