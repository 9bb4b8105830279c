"""Cypher dump: a script that loads the graph into Neo4j, as ``paperkg push`` would.

It runs unchanged with ``cypher-shell -f graph.cypher`` and when pasted into Neo4j Browser
(one statement per ``;``, each its own transaction). It is built from the same statements as the
live writer (:func:`kg.neo4j.cypher.write_plan`), with the ``$rows`` parameter replaced by an
exactly escaped literal: strings round-trip byte for byte, and ``;`` or ``//`` inside a value is
written as ``\\u003B`` / ``\\u002F`` so no statement splitter can be fooled. Loading it twice
changes nothing. Output is deterministic (sorted rows, no timestamps).

>>> from kg.graph import new_graph
>>> generate_cypher(new_graph()).splitlines()[0]
'// paperkg Cypher dump: 0 nodes, 0 relationships (graph schema 1)'
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import networkx as nx

from kg.atomic import atomic_open
from kg.export import register_exporter
from kg.neo4j.cypher import render_statement, write_plan

#: Rows per UNWIND statement in the dump (Neo4j Browser stays responsive with a few hundred).
DUMP_BATCH_SIZE = 500


def _header(graph: nx.MultiDiGraph) -> list[str]:
    return [
        f"// paperkg Cypher dump: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships "
        f"(graph schema {graph.graph.get('schema', 1)})",
        "// Load with: cypher-shell -a bolt://127.0.0.1:7687 -u neo4j -p <password> -f <this file>",
        "// or paste into Neo4j Browser. Running it twice changes nothing.",
    ]


def iter_cypher(graph: nx.MultiDiGraph, batch_size: int = DUMP_BATCH_SIZE) -> Iterator[str]:
    """The dump, one chunk (header line or statement) at a time, each ending in a newline."""
    for line in _header(graph):
        yield line + "\n"
    for statement in write_plan(graph, batch_size):
        yield render_statement(statement) + "\n"


def generate_cypher(graph: nx.MultiDiGraph, batch_size: int = DUMP_BATCH_SIZE) -> str:
    """The whole dump as text."""
    return "".join(iter_cypher(graph, batch_size))


@register_exporter("cypher", "Cypher script for cypher-shell -f or Neo4j Browser (same writes as push)", suffix=".cypher")
def write_cypher(graph: nx.MultiDiGraph, path: str | Path, batch_size: int = DUMP_BATCH_SIZE, **_: object) -> None:
    """Write the dump to ``path`` atomically (UTF-8, ``\\n`` line ends)."""
    with atomic_open(path) as handle:
        for chunk in iter_cypher(graph, batch_size):
            handle.write(chunk)
