"""Python twins of the named queries, over the embedded NetworkX graph.

Each function returns rows in exactly the order and shape of its Cypher twin in
``queries/<name>.cypher``; the parity test holds them to it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

import networkx as nx

from kg.errors import NotFoundError, UnknownNameError
from kg.graph import is_full_paper, node_name, paper_nodes
from kg.ids import node_id, normalise_name
from kg.model import Label, RelType
from kg.queries import Param, register_query

SHARED_LABELS = (Label.METHOD.value, Label.DATASET.value, Label.CONCEPT.value)


def matching_nodes(graph: nx.MultiDiGraph, name: str, labels: Iterable[str] | None = None) -> list[str]:
    """Nodes whose name, key or any alias normalises to ``name`` (papers excluded)."""
    wanted = normalise_name(name)
    allowed = set(labels) if labels is not None else None
    found = []
    for nid, data in graph.nodes(data=True):
        if data["label"] == Label.PAPER.value or (allowed is not None and data["label"] not in allowed):
            continue
        forms = {data["key"], normalise_name(data.get("name", "")), *map(normalise_name, data.get("aliases", ()))}
        if wanted in forms or name.strip().lower() == data["key"]:
            found.append(nid)
    return sorted(found)


def _papers_linked(graph: nx.MultiDiGraph, nid: str, rel: str | None = None) -> set[str]:
    return {
        graph.nodes[src]["key"]
        for src, _, key in graph.in_edges(nid, keys=True)
        if is_full_paper(graph, src) and (rel is None or key == rel)
    }


def _paper_id_node(graph: nx.MultiDiGraph, paper_id: str) -> str:
    nid = node_id(Label.PAPER, paper_id.strip())
    if not is_full_paper(graph, nid):
        raise NotFoundError(f"no paper {paper_id!r} in the graph")
    return nid


@register_query(
    "shared-benchmarks",
    "Datasets and benchmarks evaluated on by at least min_papers papers, with those papers.",
    (Param("min_papers", int, 2),),
    ("dataset", "papers_count", "papers"),
)
def shared_benchmarks(graph: nx.MultiDiGraph, min_papers: int) -> list[tuple]:
    rows = []
    for nid, data in graph.nodes(data=True):
        if data["label"] == Label.DATASET.value:
            papers = _papers_linked(graph, nid, RelType.EVALUATES_ON.value)
            if len(papers) >= min_papers:
                rows.append((node_name(graph, nid), len(papers), sorted(papers)))
    return sorted(rows, key=lambda r: (-r[1], r[0]))


@register_query(
    "papers-for",
    "Papers linked to a method, dataset, concept, repository or author given by name or alias.",
    (Param("name", str),),
    ("paper", "title", "relation", "entity", "label"),
)
def papers_for(graph: nx.MultiDiGraph, name: str) -> list[tuple]:
    rows = set()
    for nid in matching_nodes(graph, name):
        for src, _, key in graph.in_edges(nid, keys=True):
            if is_full_paper(graph, src):
                paper = graph.nodes[src]
                rows.add((paper["key"], paper.get("title", ""), key, node_name(graph, nid), graph.nodes[nid]["label"]))
    return sorted(rows, key=lambda r: (r[0], r[2], r[4], r[3]))


@register_query(
    "paper",
    "Everything known about one paper: each relationship with its evidence.",
    (Param("id", str),),
    ("relation", "label", "entity", "evidence", "rule", "confidence"),
)
def paper(graph: nx.MultiDiGraph, id: str) -> list[tuple]:  # noqa: A002  (the query's parameter name)
    nid = _paper_id_node(graph, id)
    rows = [
        (key, graph.nodes[t]["label"], node_name(graph, t), data.get("evidence", ""), data.get("rule", ""), data.get("confidence"))
        for _, t, key, data in graph.out_edges(nid, keys=True, data=True)
    ]
    return sorted(rows, key=lambda r: (r[0], r[1], r[2]))


@register_query(
    "top",
    "The entities of one label linked to the most papers.",
    (Param("label", str), Param("limit", int, 20)),
    ("entity", "papers_count"),
)
def top(graph: nx.MultiDiGraph, label: str, limit: int) -> list[tuple]:
    wanted = entity_label(label)
    rows = [
        (node_name(graph, nid), len(_papers_linked(graph, nid)))
        for nid, data in graph.nodes(data=True)
        if data["label"] == wanted
    ]
    return sorted(rows, key=lambda r: (-r[1], r[0]))[: max(limit, 0)]


def entity_label(label: str) -> str:
    """The Label value named by ``label`` in any case (Paper excluded); unknown names list the valid ones."""
    by_name = {l.value.lower(): l.value for l in Label if l is not Label.PAPER}
    try:
        return by_name[label.strip().lower()]
    except KeyError:
        raise UnknownNameError("label", label, sorted(by_name.values())) from None


@register_query(
    "related",
    "Papers sharing methods, datasets or concepts with the given paper, most shared first.",
    (Param("id", str), Param("limit", int, 10)),
    ("paper", "title", "shared_count", "shared"),
)
def related(graph: nx.MultiDiGraph, id: str, limit: int) -> list[tuple]:  # noqa: A002
    nid = _paper_id_node(graph, id)
    shared: dict[str, set[str]] = defaultdict(set)
    for entity in {t for t in graph.successors(nid) if graph.nodes[t]["label"] in SHARED_LABELS}:
        for other in _papers_linked(graph, entity):
            if other != graph.nodes[nid]["key"]:
                shared[other].add(node_name(graph, entity))
    rows = [
        (pid, graph.nodes[node_id(Label.PAPER, pid)].get("title", ""), len(names), sorted(names))
        for pid, names in shared.items()
    ]
    return sorted(rows, key=lambda r: (-r[2], r[0]))[: max(limit, 0)]


@register_query(
    "method-dataset-matrix",
    "Method x dataset pairs: papers that propose or use the method and evaluate on the dataset.",
    (Param("min_papers", int, 1),),
    ("method", "dataset", "papers_count", "papers"),
)
def method_dataset_matrix(graph: nx.MultiDiGraph, min_papers: int) -> list[tuple]:
    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for pid in paper_nodes(graph):
        methods, datasets = set(), set()
        for _, t, key in graph.out_edges(pid, keys=True):
            if key in (RelType.PROPOSES.value, RelType.USES.value) and graph.nodes[t]["label"] == Label.METHOD.value:
                methods.add(node_name(graph, t))
            elif key == RelType.EVALUATES_ON.value:
                datasets.add(node_name(graph, t))
        for method in methods:
            for dataset in datasets:
                pairs[method, dataset].add(graph.nodes[pid]["key"])
    rows = [(m, d, len(p), sorted(p)) for (m, d), p in pairs.items() if len(p) >= min_papers]
    return sorted(rows, key=lambda r: (-r[2], r[0], r[1]))


@register_query(
    "code-for",
    "Code repositories for a paper (by id) or a method (by name or alias).",
    (Param("name", str),),
    ("entity", "repository", "url", "via"),
)
def code_for(graph: nx.MultiDiGraph, name: str) -> list[tuple]:
    rows = set()
    pid = node_id(Label.PAPER, name.strip())
    if is_full_paper(graph, pid):
        rows |= _paper_code(graph, pid, entity=name.strip())
    for method in matching_nodes(graph, name, [Label.METHOD.value]):
        entity = node_name(graph, method)
        for src, _, key, data in graph.in_edges(method, keys=True, data=True):
            if key == RelType.IMPLEMENTS.value:
                rows.add((entity, graph.nodes[src]["key"], graph.nodes[src].get("url", ""), data.get("via", "")))
            elif key == RelType.PROPOSES.value:
                rows |= _paper_code(graph, src, entity=entity)
    return sorted(rows)


def _paper_code(graph: nx.MultiDiGraph, pid: str, entity: str) -> set[tuple]:
    via = graph.nodes[pid]["key"]
    return {
        (entity, graph.nodes[t]["key"], graph.nodes[t].get("url", ""), via)
        for _, t, key in graph.out_edges(pid, keys=True)
        if key == RelType.HAS_CODE.value
    }
