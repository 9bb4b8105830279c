"""The embedded store: one node-link JSON file with a schema version.

Writes are atomic (temporary file + rename, :mod:`kg.atomic`), so an interrupted
build never leaves a half-written graph, and :func:`locked` serialises concurrent
read-modify-write cycles on the same file. The bytes are deterministic: nodes
sorted by id, edges by (source, target, key), keys sorted.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
from pathlib import Path
from typing import Any, Iterator

import networkx as nx

from kg.atomic import atomic_write_text
from kg.errors import StoreError
from kg.graph import SCHEMA_VERSION, new_graph

FORMAT_NAME = "paperkg-graph"


def graph_to_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The store document: ``{"format", "schema", "graph": node-link data}``, sorted."""
    nodes = [{"id": nid, **graph.nodes[nid]} for nid in sorted(graph.nodes)]
    edges = [
        {"source": u, "target": v, "key": k, **data}
        for u, v, k, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    ]
    return {
        "format": FORMAT_NAME,
        "schema": SCHEMA_VERSION,
        "graph": {"directed": True, "multigraph": True, "graph": dict(sorted(graph.graph.items())), "nodes": nodes, "edges": edges},
    }


def data_to_graph(data: dict[str, Any], origin: str = "<data>") -> nx.MultiDiGraph:
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise StoreError(f"{origin}: not a paperkg graph file (no \"format\": \"{FORMAT_NAME}\")")
    if data.get("schema") != SCHEMA_VERSION:
        raise StoreError(f"{origin}: graph schema {data.get('schema')!r} is not supported (this paperkg reads schema {SCHEMA_VERSION})")
    try:
        graph = nx.node_link_graph(data["graph"], directed=True, multigraph=True, edges="edges")
    except (KeyError, TypeError, nx.NetworkXError) as exc:
        raise StoreError(f"{origin}: malformed graph data: {exc}") from exc
    result = new_graph()
    result.graph.update(graph.graph)
    result.add_nodes_from(graph.nodes(data=True))
    result.add_edges_from(graph.edges(keys=True, data=True))
    return result


def dumps(graph: nx.MultiDiGraph) -> str:
    """The store bytes of ``graph`` (one node or edge per line, so diffs stay readable)."""
    data = graph_to_data(graph)
    inner = data["graph"]
    head = {k: v for k, v in data.items() if k != "graph"}

    def lines(items: list[dict]) -> str:
        return ",\n".join(json.dumps(item, ensure_ascii=False, sort_keys=True, separators=(",", ":")) for item in items)

    return (
        "{" + ",".join(f"{json.dumps(k)}:{json.dumps(v)}" for k, v in sorted(head.items()))
        + ',"graph":{"directed":true,"multigraph":true,"graph":'
        + json.dumps(inner["graph"], sort_keys=True, ensure_ascii=False)
        + ',\n"nodes":[\n' + lines(inner["nodes"]) + '\n],\n"edges":[\n' + lines(inner["edges"]) + "\n]}}\n"
    )


def save_graph(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``graph`` to ``path`` atomically."""
    atomic_write_text(path, dumps(graph))


def load_graph(path: str | Path, *, missing_ok: bool = False) -> nx.MultiDiGraph:
    """Read a graph file; an absent file is an empty graph when ``missing_ok``."""
    path = Path(path)
    if not path.exists():
        if missing_ok:
            return new_graph()
        raise StoreError(f"{path}: no graph file here; build one first with `paperkg build INPUT --graph {path}`")
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
    except UnicodeDecodeError as exc:
        raise StoreError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise StoreError(f"{path}:{exc.lineno}: corrupt graph file: {exc.msg} (column {exc.colno})") from exc
    return data_to_graph(data, str(path))


@contextlib.contextmanager
def locked(path: str | Path) -> Iterator[None]:
    """Hold an exclusive lock on ``<path>.lock`` for a read-modify-write cycle."""
    lock_path = Path(f"{path}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
