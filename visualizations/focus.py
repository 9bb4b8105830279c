"""Build-time selections for big graphs: label filters, one entity's neighbourhood (``--focus``)
and the most connected entities with their papers (``--top``).

Each function returns a new graph (a copy of the induced subgraph), never a view, so the
renderer can read it freely.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("Paper:1", label="Paper", key="1", title="A")
>>> g.add_node("Dataset:coco", label="Dataset", key="coco", name="COCO", aliases=["MS COCO"])
>>> g.add_edge("Paper:1", "Dataset:coco", key="EVALUATES_ON", type="EVALUATES_ON")
'EVALUATES_ON'
>>> find_nodes(g, "ms coco")
['Dataset:coco']
>>> sorted(focus_subgraph(g, "COCO", depth=1))
['Dataset:coco', 'Paper:1']
"""

from __future__ import annotations

import difflib
from typing import Iterable

import networkx as nx

from kg.errors import NotFoundError, UnknownNameError
from kg.ids import normalise_name
from kg.model import Label


def _names(key: str, attrs: dict) -> list[str]:
    """Every name a user might type for a node: key, name, title, aliases, full name, hub id."""
    names = [key, attrs.get("key", ""), attrs.get("name", ""), attrs.get("title", ""), attrs.get("full_name", "")]
    names += [attrs.get("hub_id", ""), *attrs.get("aliases", ())]
    return [n for n in names if isinstance(n, str) and n]


def find_nodes(graph: nx.MultiDiGraph, name: str) -> list[str]:
    """Node ids whose id, key, name, title, alias or full name equals ``name`` (normalised).

    Raises :class:`kg.errors.NotFoundError` with the closest names when nothing matches.
    """
    if name in graph:
        return [name]
    wanted = normalise_name(name)
    found = sorted(n for n, attrs in graph.nodes(data=True) if wanted in {normalise_name(x) for x in _names(n, attrs)})
    if not found:
        raise NotFoundError(_not_found_message(graph, name, wanted))
    return found


def _not_found_message(graph: nx.MultiDiGraph, name: str, wanted: str) -> str:
    pool = sorted({normalise_name(x) for n, a in graph.nodes(data=True) for x in _names(n, a)})
    close = difflib.get_close_matches(wanted, pool, n=5, cutoff=0.6)
    hint = f"; did you mean: {', '.join(close)}" if close else ""
    return f"no paper, method, dataset, repository, concept or author named {name!r} in the graph{hint}"


def induced_subgraph(graph: nx.MultiDiGraph, keep: Iterable[str]) -> nx.MultiDiGraph:
    """A new graph of the ``keep`` nodes and the edges among them (attribute dicts copied).

    Much faster than ``graph.subgraph(keep).copy()`` (which walks filtered views) on big graphs.
    """
    keep_set = set(keep)
    out = nx.MultiDiGraph()
    out.graph.update(graph.graph)
    out.add_nodes_from((n, dict(d)) for n, d in graph.nodes(data=True) if n in keep_set)
    edges = graph.edges(list(out), keys=True, data=True)
    out.add_edges_from((u, v, k, dict(d)) for u, v, k, d in edges if v in keep_set)
    return out


def filter_labels(graph: nx.MultiDiGraph, include: Iterable[str] = (), exclude: Iterable[str] = ()) -> nx.MultiDiGraph:
    """Keep only nodes whose label is in ``include`` (all when empty) and not in ``exclude``."""
    include_set, exclude_set = _labels(include), _labels(exclude)
    keep = [
        n for n, label in graph.nodes(data="label")
        if (not include_set or label in include_set) and label not in exclude_set
    ]
    return induced_subgraph(graph, keep)


def _labels(names: Iterable[str]) -> set[str]:
    valid = {label.value for label in Label}
    for name in names:
        if name not in valid:
            raise UnknownNameError("label", name, valid)
    return set(names)


def focus_subgraph(graph: nx.MultiDiGraph, name: str, depth: int = 1) -> nx.MultiDiGraph:
    """The nodes named ``name`` and everything within ``depth`` hops (edges in either direction)."""
    seeds = find_nodes(graph, name)
    undirected = graph.to_undirected(as_view=True)
    keep: set[str] = set()
    for seed in seeds:
        keep |= set(nx.single_source_shortest_path_length(undirected, seed, cutoff=depth))
    return induced_subgraph(graph, keep)


def top_subgraph(graph: nx.MultiDiGraph, top: int) -> nx.MultiDiGraph:
    """The ``top`` most connected non-paper entities (ties broken by id) and the papers linked to them."""
    entities = [n for n, label in graph.nodes(data="label") if label != Label.PAPER.value]
    degree = dict(graph.degree(entities))
    ranked = sorted(entities, key=lambda n: (-degree[n], n))[:top]
    keep = set(ranked)
    for node in ranked:
        keep |= {m for m in nx.all_neighbors(graph, node) if graph.nodes[m].get("label") == Label.PAPER.value}
    return induced_subgraph(graph, keep)
