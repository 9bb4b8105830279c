"""The library steps behind ``paperkg build`` and ``paperkg extract``.

Each is a plain function; :mod:`kg.pipelines` wires them into named pipelines and
the CLI only calls those.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator, Sequence

import networkx as nx

from kg.atomic import atomic_open
from kg.graph import AddSummary, add_extractions, remove_papers
from kg.model import Extraction, Paper
from kg.store import load_graph, locked, save_graph


@dataclass(frozen=True)
class BuildResult:
    """What a build did: the merge summary, the resulting graph and how long it took."""

    summary: AddSummary
    graph: nx.MultiDiGraph
    seconds: float


def progress_bar(items: Iterable, enabled: bool, unit: str = "paper", total: int | None = None) -> Iterable:
    """Wrap ``items`` in a tqdm bar on stderr when ``enabled``."""
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, unit=unit, total=total, dynamic_ncols=True, leave=False)


def extract_papers(papers: Iterable[Paper], workers: int = 1, progress: bool = False) -> Iterator[Extraction]:
    """Run the default extractor over ``papers`` (order preserved)."""
    from kg.extract import Extractor

    return Extractor().extract_many(progress_bar(papers, progress), workers=workers)


def update_graph_file(path: str | Path, extractions: Iterable[Extraction]) -> BuildResult:
    """Merge ``extractions`` into the graph file at ``path`` (created if absent), atomically.

    The file is locked for the whole read-modify-write cycle; if anything fails
    before the final rename, the old file is untouched.
    """
    started = time.perf_counter()
    with locked(path):
        graph = load_graph(path, missing_ok=True)
        summary = add_extractions(graph, extractions)
        save_graph(graph, path)
    return BuildResult(summary, graph, time.perf_counter() - started)


def remove_from_graph_file(path: str | Path, paper_ids: Sequence[str]) -> tuple[list[str], nx.MultiDiGraph]:
    """Remove papers (and entities left without papers) from the graph file."""
    with locked(path):
        graph = load_graph(path)
        removed = remove_papers(graph, paper_ids)
        save_graph(graph, path)
    return removed, graph


def write_extractions(extractions: Iterable[Extraction], out: str | Path | IO[str]) -> int:
    """Write one JSON line per paper (the contract of design §3); ``-`` is stdout."""
    if not isinstance(out, (str, Path)):
        return _write_lines(extractions, out)
    if str(out) == "-":
        import sys

        return _write_lines(extractions, sys.stdout)
    with atomic_open(out) as handle:
        return _write_lines(extractions, handle)


def _write_lines(extractions: Iterable[Extraction], handle: IO[str]) -> int:
    count = 0
    for extraction in extractions:
        handle.write(json.dumps(extraction.to_json(), ensure_ascii=False, sort_keys=False) + "\n")
        count += 1
    return count
