"""Named pipelines: composition only, each step a library function.

=========  ==========================================================================
build      read papers -> extract -> merge into the embedded graph file (atomic)
extract    read papers -> extract -> write the extractor contract as JSON lines
=========  ==========================================================================

>>> sorted(PIPELINES)
['build', 'extract']
>>> PIPELINES["build"].inputs
('paths', 'fmt', 'report', 'workers', 'progress', 'graph_path')
"""

from __future__ import annotations

from typing import Any

from kg.build import extract_papers, update_graph_file, write_extractions
from kg.errors import UnknownNameError
from kg.ingest import read_papers
from kg.pipeline import Pipeline, Step

_READ = Step("read", read_papers, ("paths", "fmt", "report"), "papers")
_EXTRACT = Step("extract", extract_papers, ("papers", "workers", "progress"), "extractions")

PIPELINES: dict[str, Pipeline] = {
    "build": Pipeline(
        "build",
        "Read papers, extract entities, merge them into the embedded graph file.",
        (_READ, _EXTRACT, Step("store", update_graph_file, ("graph_path", "extractions"), "result")),
    ),
    "extract": Pipeline(
        "extract",
        "Read papers, extract entities, write one JSON line per paper.",
        (_READ, _EXTRACT, Step("write", write_extractions, ("extractions", "out"), "written")),
    ),
}


def run_pipeline(name: str, **inputs: Any) -> dict[str, Any]:
    """Run the named pipeline with ``inputs``; returns every named value it produced."""
    if name not in PIPELINES:
        raise UnknownNameError("pipeline", name, PIPELINES)
    return PIPELINES[name].run(**inputs)
