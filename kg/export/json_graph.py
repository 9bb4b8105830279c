"""Node-link JSON, the format ``networkx.node_link_graph`` reads.

>>> import json, networkx as nx
>>> from kg.graph import new_graph
>>> g = new_graph(); g.add_node("Paper:1", label="Paper", key="1")
>>> data = json.loads(generate_json(g))
>>> nx.node_link_graph(data, edges="edges").number_of_nodes()
1
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from kg.atomic import atomic_write_text
from kg.export import register_exporter
from kg.store import graph_to_data


def generate_json(graph: nx.MultiDiGraph) -> str:
    """Sorted, indented node-link JSON (``edges`` key, multigraph edge keys under ``key``)."""
    return json.dumps(graph_to_data(graph)["graph"], ensure_ascii=False, sort_keys=True, indent=1) + "\n"


@register_exporter("json", "node-link JSON (networkx.node_link_graph(data, edges='edges'))", suffix=".json")
def write_json(graph: nx.MultiDiGraph, path: Path, **_: object) -> None:
    atomic_write_text(path, generate_json(graph))
