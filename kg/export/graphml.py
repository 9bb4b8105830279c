"""GraphML for Gephi, Cytoscape, igraph and NetworkX.

GraphML has no list type, so list properties (aliases, authors, keywords …) are
written as one string joined with ``" | "``. So that Gephi shows names rather than
node types, each node's ``label`` attribute is its display name and its node label
(Paper, Method …) goes in ``type``; each edge's ``label`` is its relationship type.
:func:`read_graphml` undoes both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from kg.atomic import atomic_write_text
from kg.export import register_exporter
from kg.graph import new_graph, node_name

LIST_SEPARATOR = " | "
_LIST_PROPERTIES = ("aliases", "authors", "keywords", "categories", "sources")


def _flat(data: dict[str, Any]) -> dict[str, Any]:
    return {k: (LIST_SEPARATOR.join(v) if isinstance(v, list) else v) for k, v in sorted(data.items())}


def to_graphml_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A sorted copy with GraphML-friendly attributes."""
    out = nx.MultiDiGraph()
    for nid in sorted(graph.nodes):
        data = dict(graph.nodes[nid])
        data["type"] = data.pop("label")
        data["label"] = node_name(graph, nid)
        out.add_node(nid, **_flat(data))
    for u, v, k, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        out.add_edge(u, v, key=k, label=k, **_flat(data))
    return out


def generate_graphml(graph: nx.MultiDiGraph) -> str:
    return "\n".join(nx.generate_graphml(to_graphml_graph(graph), encoding="utf-8", prettyprint=True)) + "\n"


@register_exporter("graphml", "GraphML (Gephi, Cytoscape, igraph, networkx.read_graphml)", suffix=".graphml")
def write_graphml(graph: nx.MultiDiGraph, path: Path, **_: object) -> None:
    atomic_write_text(path, generate_graphml(graph))


def read_graphml(path: str | Path) -> nx.MultiDiGraph:
    """Read a paperkg GraphML file back into the graph model (lists and labels restored)."""
    raw = nx.read_graphml(path, force_multigraph=True)
    graph = new_graph()
    for nid, data in raw.nodes(data=True):
        data = dict(data)
        data.pop("label", None)
        data["label"] = data.pop("type")
        graph.add_node(nid, **_unflat(data))
    for u, v, k, data in raw.edges(keys=True, data=True):
        data = {name: value for name, value in data.items() if name != "label"}
        graph.add_edge(u, v, key=k, **_unflat(data))
    return graph


def _unflat(data: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.split(LIST_SEPARATOR) if k in _LIST_PROPERTIES and isinstance(v, str) else v) for k, v in data.items()}
