"""The arXiv metadata snapshot (Kaggle ``arxiv-metadata-oai-snapshot.json``): JSON lines.

Fields used: ``id``, ``title``, ``abstract``, ``authors_parsed`` (``[last, first,
suffix]``; else the ``authors`` string split on commas and "and"), ``categories``
(space separated), and the date of version 1 (``versions[0].created``), else
``update_date``.
"""

from __future__ import annotations

from typing import Any, Iterator

from kg.ingest.records import RawPaper, papers_from_json, split_names
from kg.ingest.registry import register_reader
from kg.ingest.source import Source
from kg.model import Paper

FORMAT = "arxiv-jsonl"


@register_reader(FORMAT, "arXiv metadata snapshot JSON lines (Kaggle arxiv-metadata-oai-snapshot)", extensions=(".jsonl", ".json"))
def read_arxiv_jsonl(source: Source) -> Iterator[Paper]:
    """Yield one Paper per line of an arXiv metadata snapshot."""
    return papers_from_json(source, FORMAT, _raw)


def _raw(record: dict[str, Any]) -> RawPaper:
    categories = record.get("categories")
    return RawPaper(
        title=record.get("title"),
        abstract=record.get("abstract"),
        arxiv=record.get("id") if isinstance(record.get("id"), str) else None,
        published=_first_version_date(record) or record.get("update_date"),
        authors=_authors(record),
        categories=categories.split() if isinstance(categories, str) else categories or (),
    )


def _first_version_date(record: dict[str, Any]) -> str | None:
    versions = record.get("versions")
    if isinstance(versions, list) and versions and isinstance(versions[0], dict):
        created = versions[0].get("created")
        return created if isinstance(created, str) else None
    return None


def _authors(record: dict[str, Any]) -> list[str]:
    parsed = record.get("authors_parsed")
    if isinstance(parsed, list) and parsed:
        return [_parsed_name(p) for p in parsed if isinstance(p, list)]
    authors = record.get("authors")
    if isinstance(authors, str):
        return split_names(authors)
    return []


def _parsed_name(parts: list[Any]) -> str:
    """``["Doe", "Jane", "Jr"]`` -> ``"Jane Doe Jr"``."""
    last, first, suffix = (list(parts) + ["", "", ""])[:3]
    return " ".join(str(p) for p in (first, last, suffix) if p)
