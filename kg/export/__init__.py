"""Exporters: one format per module, registered by name.

Each exporter module defines a pure ``generate_*`` function (graph -> text or rows)
and a thin writer, and registers the writer with :func:`register_exporter`.
Built-in and third-party exporters share this one registry.

>>> sorted(available_exporters())[:2]
['cypher', 'graphml']
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import networkx as nx

from kg.errors import UnknownNameError

#: A writer takes the graph, the output path and keyword options.
Writer = Callable[..., None]


@dataclass(frozen=True)
class Exporter:
    name: str
    description: str
    write: Writer
    target: str = "file"  #: "file" or "dir" (neo4j-csv writes a folder)
    suffix: str = ""


_REGISTRY: dict[str, Exporter] = {}
_BUILTINS = ("kg.export.json_graph", "kg.export.graphml", "kg.export.cypher", "kg.export.neo4j_csv", "kg.export.html")
_loaded = False


def register_exporter(name: str, description: str, *, target: str = "file", suffix: str = "") -> Callable[[Writer], Writer]:
    """Register ``write(graph, path, **options)`` under ``name``."""

    def decorate(write: Writer) -> Writer:
        _REGISTRY[name] = Exporter(name, description, write, target, suffix)
        return write

    return decorate


def _load_builtins() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        for module in _BUILTINS:
            importlib.import_module(module)


def available_exporters() -> dict[str, Exporter]:
    _load_builtins()
    return dict(sorted(_REGISTRY.items()))


def get_exporter(name: str) -> Exporter:
    exporters = available_exporters()
    if name not in exporters:
        raise UnknownNameError("export format", name, exporters)
    return exporters[name]


def export_graph(graph: nx.MultiDiGraph, fmt: str, path: str | Path, **options: Any) -> Path:
    """Write ``graph`` as ``fmt`` to ``path`` (atomically) and return the path."""
    exporter = get_exporter(fmt)
    exporter.write(graph, Path(path), **options)
    return Path(path)
