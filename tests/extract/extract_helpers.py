"""Helpers for the extractor's tests (no global fixtures: one Extractor per process)."""

from __future__ import annotations

import functools

from kg.extract import Extractor
from kg.model import Extraction, Paper


@functools.lru_cache(maxsize=1)
def extractor() -> Extractor:
    """The default extractor, built once per test process."""
    return Extractor()


def run(abstract: str, title: str = "", **paper_fields) -> Extraction:
    """Extract one hand-written paper."""
    return extractor().extract(Paper(id="test", title=title, abstract=abstract, **paper_fields))


def found(extraction: Extraction, label: str | None = None, relation: str | None = None) -> set[str]:
    """Names of the mentions with that label and relation."""
    return {m.name for m in extraction.mentions
            if (label is None or m.label.value == label) and (relation is None or m.relation.value == relation)}
