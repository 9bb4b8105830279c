"""The graph layer: extractions in, one resolved NetworkX ``MultiDiGraph`` out.

Node ids are ``"<Label>:<key>"`` (:func:`kg.ids.node_id`); every node has ``label``
and ``key`` attributes plus the properties of design §2. There is one edge per
``(source, relationship type, target)``, keyed by the type; an extracted edge keeps
the evidence of its best mention (sentence text, field, offsets, rule, confidence)
and how many mentions it had.

Resolution is deterministic and explainable:

* names are keyed by :func:`kg.ids.normalise_name` (case, Unicode, dashes, spaces);
* a bare acronym node (``Method:grpo``) merges into the one node of the same label
  that lists it as an alias (``Group Relative Policy Optimization`` with alias
  ``GRPO``); when two nodes claim the alias, nothing merges (the merge would be a
  guess) — see :func:`consolidate_aliases`;
* display names are chosen order-independently (highest-confidence form, then the
  lexicographically smallest), so building from the same papers in any order gives
  the same graph.

>>> from kg.model import Paper
>>> g = build_graph([Extraction(Paper("2401.00001", "T", "A"), ())])
>>> sorted(g.nodes)
['Paper:2401.00001']
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

import networkx as nx

from kg.errors import NotFoundError
from kg.ids import arxiv_url, node_id, normalise_name
from kg.model import Extraction, Label, Mention, Paper, RelType

SCHEMA_VERSION = 1

#: Labels whose bare acronyms may merge into a long form that lists them as alias.
ALIAS_MERGE_LABELS = (Label.METHOD, Label.DATASET, Label.CONCEPT)
_ALIAS_MERGE_VALUES = frozenset(label.value for label in ALIAS_MERGE_LABELS)
#: Edge attributes that carry the evidence of one mention.
EVIDENCE_KEYS = ("evidence", "field", "start", "end", "sentence", "rule", "confidence")
IMPLEMENTS_RULE = "derived.proposes_and_has_code"
#: Mention properties that describe the entity (kept on its node); the others describe the link (kept on the edge).
ENTITY_PROPERTIES = ("full_name", "hub_id", "kind", "base")


@dataclass(frozen=True)
class AddSummary:
    """What one call of :func:`add_extractions` changed."""

    papers_added: int
    papers_replaced: int
    nodes_before: int
    nodes_after: int
    edges_before: int
    edges_after: int


def new_graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.graph["schema"] = SCHEMA_VERSION
    return graph


def build_graph(extractions: Iterable[Extraction]) -> nx.MultiDiGraph:
    """A new graph of ``extractions``."""
    graph = new_graph()
    add_extractions(graph, extractions)
    return graph


def add_extractions(graph: nx.MultiDiGraph, extractions: Iterable[Extraction]) -> AddSummary:
    """Merge ``extractions`` into ``graph`` in place.

    A paper already in the graph has its edges replaced by the new extraction (no
    duplicates); entities left without any paper are removed; derived edges are
    recomputed. A paper given twice in ``extractions`` keeps the last one.
    """
    nodes_before, edges_before = graph.number_of_nodes(), graph.number_of_edges()
    added = replaced = 0
    for extraction in extractions:
        pid = node_id(Label.PAPER, extraction.paper.id)
        if pid in graph and not graph.nodes[pid].get("cited_only"):
            replaced += 1
        else:
            added += 1
        _put_paper(graph, extraction)
    _finish(graph)
    return AddSummary(added, replaced, nodes_before, graph.number_of_nodes(), edges_before, graph.number_of_edges())


def remove_papers(graph: nx.MultiDiGraph, paper_ids: Iterable[str]) -> list[str]:
    """Remove papers and the entities left without any paper; return the ids removed.

    A removed paper that other papers still cite stays as a citation stub.
    Raises :class:`NotFoundError` (naming them) when some ids are not in the graph.
    """
    ids = sorted(set(paper_ids))
    missing = [pid for pid in ids if not is_full_paper(graph, node_id(Label.PAPER, pid))]
    if missing:
        raise NotFoundError(f"no such paper in the graph: {', '.join(missing)}")
    for pid in ids:
        nid = node_id(Label.PAPER, pid)
        _drop_out_edges(graph, nid)
        graph.nodes[nid].clear()
        graph.nodes[nid].update(_stub_properties(pid))
    _finish(graph)
    return ids


def paper_nodes(graph: nx.MultiDiGraph) -> list[str]:
    """Node ids of the papers read from sources (not citation stubs), sorted."""
    return sorted(n for n in graph if is_full_paper(graph, n))


# -- papers -------------------------------------------------------------------------------------------------------


_PAPER = Label.PAPER.value


def is_full_paper(graph: nx.MultiDiGraph, nid: str) -> bool:
    """True for a paper read from a source; False for a citation stub, another label or an absent node."""
    data = graph.nodes.get(nid)
    return data is not None and data.get("label") == _PAPER and not data.get("cited_only")


def _paper_properties(paper: Paper, extra: Mapping[str, Any]) -> dict[str, Any]:
    props: dict[str, Any] = {
        "label": Label.PAPER.value,
        "key": paper.id,
        "title": paper.title,
        "abstract": paper.abstract,
        "published": paper.published,
        "url": paper.url,
        "source": paper.source,
        "authors": list(paper.authors),
        "keywords": sorted(set(paper.keywords)),
        "categories": sorted(set(paper.categories)),
    }
    props.update(extra)
    return _without_empty(props)


def _stub_properties(arxiv_id: str) -> dict[str, Any]:
    return {"label": Label.PAPER.value, "key": arxiv_id, "url": arxiv_url(arxiv_id), "cited_only": True}


def _put_paper(graph: nx.MultiDiGraph, extraction: Extraction) -> None:
    paper = extraction.paper
    pid = node_id(Label.PAPER, paper.id)
    if pid in graph:
        _drop_out_edges(graph, pid)
        graph.nodes[pid].clear()
    graph.add_node(pid, **_paper_properties(paper, extraction.paper_properties))
    for mention in _resolve_relation_conflicts(extraction.mentions):
        _add_mention(graph, pid, mention)
    for author in dict.fromkeys(a for a in paper.authors if a.strip()):
        target = _ensure_entity(graph, Label.AUTHOR, normalise_name(author), {"name": author})
        _merge_edge(graph, pid, target, RelType.AUTHORED_BY, {"field": "metadata", "rule": "metadata.authors", "confidence": 1.0})


def _drop_out_edges(graph: nx.MultiDiGraph, nid: str) -> None:
    graph.remove_edges_from(list(graph.out_edges(nid, keys=True)))


def _resolve_relation_conflicts(mentions: Iterable[Mention]) -> list[Mention]:
    """A paper that proposes X does not also merely use it; evaluating on a dataset subsumes using it."""
    mentions = list(mentions)
    strong = {(m.label, _entity_key(m)) for m in mentions if m.relation is RelType.PROPOSES}
    evaluated = {_entity_key(m) for m in mentions if m.relation is RelType.EVALUATES_ON}
    kept = []
    for m in mentions:
        if m.relation is RelType.USES and ((m.label, _entity_key(m)) in strong or (m.label is Label.DATASET and _entity_key(m) in evaluated)):
            continue
        kept.append(m)
    return kept


# -- entities -----------------------------------------------------------------------------------------------------


def _entity_key(mention: Mention) -> str:
    if mention.label is Label.REPOSITORY:
        return mention.name.strip().lower()
    if mention.label is Label.PAPER:
        return mention.name.strip()
    return normalise_name(mention.name)


def _add_mention(graph: nx.MultiDiGraph, pid: str, mention: Mention) -> None:
    key = _entity_key(mention)
    if not key:
        return
    if mention.label is Label.PAPER:
        target = node_id(Label.PAPER, key)
        if target == pid:
            return
        if target not in graph:
            graph.add_node(target, **_stub_properties(key))
    else:
        target = _ensure_entity(graph, mention.label, key, _entity_properties(mention))
    attrs = {k: getattr(mention, k) for k in EVIDENCE_KEYS}
    if mention.label is Label.REPOSITORY:
        # where the link was found; a list because the abstract and the metadata may agree
        attrs["sources"] = [mention.properties.get("source", "metadata" if mention.field == "metadata" else "abstract")]
    elif mention.label is not Label.PAPER:
        attrs.update({k: v for k, v in mention.properties.items() if k not in ENTITY_PROPERTIES and k != "source"})
    _merge_edge(graph, pid, target, mention.relation, attrs)


def _entity_properties(mention: Mention) -> dict[str, Any]:
    props: dict[str, Any] = {"name": mention.name}
    if mention.label is Label.REPOSITORY:
        props.update({k: v for k, v in mention.properties.items() if k in ("url", "host", "owner", "name", "kind")})
        props["display"] = mention.name
        props["name"] = mention.properties.get("name", mention.name)
    elif mention.label is Label.CONCEPT:
        props["kind"] = mention.properties.get("kind", "topic")
    else:
        props["aliases"] = sorted({a for a in mention.aliases if normalise_name(a) != normalise_name(mention.name)})
        for extra in ENTITY_PROPERTIES:
            if mention.properties.get(extra):
                props[extra] = mention.properties[extra]
    props["_rank"] = (-float(mention.confidence), mention.name)
    return props


def _ensure_entity(graph: nx.MultiDiGraph, label: Label, key: str, props: dict[str, Any]) -> str:
    """Create or merge an entity node; display values are chosen order-independently."""
    nid = node_id(label, key)
    rank = props.pop("_rank", (0.0, props.get("name", "")))
    if nid not in graph:
        graph.add_node(nid, label=label.value, key=key, **_without_empty(props))
        graph.nodes[nid]["_rank"] = rank
        return nid
    node = graph.nodes[nid]
    aliases = sorted(set(node.get("aliases", ())) | set(props.pop("aliases", ())))
    if aliases:
        node["aliases"] = aliases
    better = rank < node.get("_rank", rank)
    for name, value in _without_empty(props).items():
        if better or name not in node:
            node[name] = value
    if better:
        node["_rank"] = rank
    return nid


def _merge_edge(graph: nx.MultiDiGraph, source: str, target: str, rel: RelType, attrs: Mapping[str, Any]) -> None:
    """One edge per (source, type, target): keep the best mention's evidence, count the mentions."""
    attrs = _without_empty(attrs)
    mentions = attrs.pop("mentions", 1)
    rel_type = rel.value
    edges = graph._succ[source].get(target)
    edge = edges.get(rel_type) if edges else None
    if edge is None:
        graph.add_edge(source, target, key=rel_type, type=rel_type, mentions=mentions, **attrs)
        return
    sources = sorted(set(edge.get("sources", ())) | set(attrs.get("sources", ())))
    edge["mentions"] = edge.get("mentions", 1) + mentions
    if _evidence_rank(attrs) < _evidence_rank(edge):
        for name in EVIDENCE_KEYS:
            edge.pop(name, None)
        edge.update(attrs)
    for name, value in attrs.items():  # results seen only in a later mention
        edge.setdefault(name, value)
    if sources:
        edge["sources"] = sources


def _evidence_rank(attrs: Mapping[str, Any]) -> tuple:
    field_order = {"title": 0, "abstract": 1, "metadata": 2}
    return (-float(attrs.get("confidence", 0.0)), field_order.get(attrs.get("field", "abstract"), 3), attrs.get("start") or 0, attrs.get("rule", ""))


def _without_empty(props: Mapping[str, Any]) -> dict[str, Any]:
    """Drop None and empty strings/lists: Neo4j and GraphML have no null, and absent reads better."""
    return {k: v for k, v in props.items() if v is not None and (v or not isinstance(v, (str, list, tuple)))}


# -- whole-graph passes -------------------------------------------------------------------------------------------


def _finish(graph: nx.MultiDiGraph) -> None:
    consolidate_aliases(graph)
    derive_implements(graph)
    prune_orphans(graph)
    for _, data in graph.nodes(data=True):
        data.pop("_rank", None)


def consolidate_aliases(graph: nx.MultiDiGraph) -> list[tuple[str, str]]:
    """Merge each node whose key is an alias of exactly one other node of its label.

    Returns the ``(merged, into)`` pairs, so every merge can be explained. Runs to a
    fixed point: a merge can hand a node new aliases.
    """
    merges: list[tuple[str, str]] = []
    while True:
        found = _alias_merge_candidates(graph)
        if not found:
            return merges
        for source, target in found:
            if source in graph and target in graph:
                _merge_node_into(graph, source, target)
                merges.append((source, target))


def _alias_merge_candidates(graph: nx.MultiDiGraph) -> list[tuple[str, str]]:
    owners: dict[str, set[str]] = defaultdict(set)
    for nid, data in graph.nodes(data=True):
        if data.get("label") in _ALIAS_MERGE_VALUES:
            for alias in data.get("aliases", ()):
                owners[node_id(Label(data["label"]), normalise_name(alias))].add(nid)
    pairs = []
    for source, nodes in sorted(owners.items()):
        targets = nodes - {source}
        if source in graph and len(targets) == 1:
            pairs.append((source, next(iter(targets))))
    return pairs


def _merge_node_into(graph: nx.MultiDiGraph, source: str, target: str) -> None:
    data = graph.nodes[source]
    node = graph.nodes[target]
    node["aliases"] = sorted(set(node.get("aliases", ())) | set(data.get("aliases", ())) | {data.get("name", data["key"])})
    for paper, _, key, attrs in list(graph.in_edges(source, keys=True, data=True)):
        attrs = {k: v for k, v in attrs.items() if k != "type"}
        _merge_edge(graph, paper, target, RelType(key), attrs)
    graph.remove_node(source)


def derive_implements(graph: nx.MultiDiGraph) -> None:
    """Repository -IMPLEMENTS-> Method when one paper both proposes the method and links the code."""
    graph.remove_edges_from([e for e in graph.edges(keys=True) if e[2] == RelType.IMPLEMENTS.value])
    for paper in paper_nodes(graph):
        proposed = [t for _, t, k in graph.out_edges(paper, keys=True) if k == RelType.PROPOSES.value and t.startswith("Method:")]
        repos = [t for _, t, k in graph.out_edges(paper, keys=True) if k == RelType.HAS_CODE.value and graph.nodes[t].get("kind", "repository") == "repository"]
        for repo in repos:
            for method in proposed:
                _merge_edge(graph, repo, method, RelType.IMPLEMENTS, {"rule": IMPLEMENTS_RULE, "confidence": 1.0, "via": paper.partition(":")[2]})


def prune_orphans(graph: nx.MultiDiGraph) -> None:
    """Drop entities no paper links to any more, and citation stubs no paper cites."""
    def linked_from_paper(nid: str) -> bool:
        return any(is_full_paper(graph, src) for src in graph.pred[nid])

    doomed = [n for n, d in graph.nodes(data=True) if (d.get("label") != _PAPER or d.get("cited_only")) and not linked_from_paper(n)]
    graph.remove_nodes_from(doomed)


# -- reading back -------------------------------------------------------------------------------------------------


def node_name(graph: nx.MultiDiGraph, nid: str) -> str:
    """The display name of a node: a paper's id, a repository's key, otherwise its ``name``."""
    data = graph.nodes[nid]
    if data["label"] in (Label.PAPER.value, Label.REPOSITORY.value):
        return data["key"]
    return data.get("name", data["key"])


def label_counts(graph: nx.MultiDiGraph) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for nid, data in graph.nodes(data=True):
        counts[data["label"]] += 1
    return dict(sorted(counts.items()))


def stats_rows(graph: nx.MultiDiGraph) -> list[tuple[str, str, int]]:
    """``(kind, name, count)`` rows for ``paperkg stats``; citation stubs are counted apart."""
    stubs = sum(1 for _, d in graph.nodes(data=True) if d.get("cited_only"))
    rows = []
    for label, count in label_counts(graph).items():
        if label == Label.PAPER.value and stubs:
            rows += [("node", "Paper", count - stubs), ("node", "Paper (cited only, not read)", stubs)]
        else:
            rows.append(("node", label, count))
    return rows + [("relationship", name, count) for name, count in relationship_counts(graph).items()]


def relationship_counts(graph: nx.MultiDiGraph) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for *_, key in graph.edges(keys=True):
        counts[key] += 1
    return dict(sorted(counts.items()))
