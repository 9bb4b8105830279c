"""Hugging Face ``api/daily_papers`` responses (``/api/daily_papers?date=YYYY-MM-DD``).

Each item holds a ``paper`` object (``id``, ``title``, ``summary``, ``authors[{name}]``,
``publishedAt``, ``githubRepo``, ``ai_keywords`` …) and repeats some fields at item
level; every field is read from ``paper`` first, then from the item.  Also accepts
a bare paper object per item, a wrapping object, or JSON lines.
"""

from __future__ import annotations

from typing import Any, Iterator

from kg.ingest.records import RawPaper, papers_from_json
from kg.ingest.registry import register_reader
from kg.ingest.source import Source
from kg.model import Paper

FORMAT = "hf-daily"


@register_reader(FORMAT, "Hugging Face api/daily_papers JSON responses", extensions=(".json", ".jsonl"))
def read_hf_daily(source: Source) -> Iterator[Paper]:
    """Yield one Paper per item of a Daily Papers API response."""
    return papers_from_json(source, FORMAT, _raw)


def _raw(item: dict[str, Any]) -> RawPaper:
    paper = item.get("paper")
    paper = paper if isinstance(paper, dict) else {}

    def pick(key: str) -> Any:
        value = paper.get(key)
        return value if value not in (None, "", []) else item.get(key)

    return RawPaper(
        title=pick("title"),
        abstract=pick("summary"),
        arxiv=pick("id"),
        url=pick("url"),
        published=pick("publishedAt"),
        authors=_authors(pick("authors")),
        code_url=pick("githubRepo"),
        keywords=_strings(pick("ai_keywords")),
    )


def _authors(value: Any) -> list[str]:
    """Author names from ``[{name: …}]`` (or plain strings)."""
    out = []
    for author in value if isinstance(value, list) else ():
        name = author.get("name") if isinstance(author, dict) else author
        if isinstance(name, str):
            out.append(name)
    return out


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
