"""Realistic synthetic graphs (same schema as :mod:`kg.graph`) for the view's tests and benchmarks.

The degree distribution imitates the Hugging Face daily-papers graph: every paper has
a few authors, mentions a handful of concepts, uses/evaluates on a few methods and
datasets drawn from a heavy-tailed (Zipf-like) popularity, sometimes has code.
Everything is drawn from a seeded :class:`random.Random`, so the same arguments give
the same graph.

>>> g = synthetic_graph(papers=20, seed=1)
>>> g.number_of_nodes() > 20
True
"""

from __future__ import annotations

import random

import networkx as nx

from kg.model import Label, RelType

_WORDS = (
    "adaptive sparse neural visual latent robust efficient contrastive diffusion graph token reward policy "
    "vision language multimodal retrieval agent reasoning video speech memory causal prior scalable"
).split()


def _name(rng: random.Random, prefix: str, i: int) -> str:
    return f"{rng.choice(_WORDS).title()}{prefix}-{i}"


def _zipf_pick(rng: random.Random, pool: list[str], k: int, uniform: float) -> list[str]:
    """``k`` distinct items: with probability ``uniform`` any item, else a popular one (low index)."""
    chosen: set[str] = set()
    while len(chosen) < min(k, len(pool)):
        if rng.random() < uniform:
            chosen.add(pool[rng.randrange(len(pool))])
        else:
            chosen.add(pool[min(int(rng.paretovariate(0.8)) - 1, len(pool) - 1)])
    return sorted(chosen)


def _entity_pools(rng: random.Random, papers: int) -> dict[Label, list[str]]:
    sizes = {Label.METHOD: papers // 3 + 5, Label.DATASET: papers // 4 + 5,
             Label.CONCEPT: papers // 3 + 5, Label.AUTHOR: papers * 2 + 5}
    pools: dict[Label, list[str]] = {}
    for label, size in sizes.items():
        order = list(range(size))
        rng.shuffle(order)
        pools[label] = [_name(rng, label.value[:3], i) for i in order]
    return pools


def _add_entity(graph: nx.MultiDiGraph, label: Label, name: str) -> str:
    nid = f"{label.value}:{name.lower()}"
    if nid not in graph:
        props = {"name": name}
        if label in (Label.METHOD, Label.DATASET):
            props["aliases"] = [name.split("-")[0].upper()[:5]]
        if label is Label.CONCEPT:
            props["kind"] = "task"
        graph.add_node(nid, label=label.value, key=name.lower(), **props)
    return nid


def _add_edge(graph: nx.MultiDiGraph, src: str, rel: RelType, dst: str, evidence: str, name: str) -> None:
    start = evidence.find(name)
    attrs = {"type": rel.value, "rule": "synthetic", "confidence": 0.9, "mentions": 1}
    if start >= 0:
        attrs.update(evidence=evidence, field="abstract", start=start, end=start + len(name), sentence=0)
    else:
        attrs.update(field="metadata")
    graph.add_edge(src, dst, key=rel.value, **attrs)


def _add_paper(graph: nx.MultiDiGraph, rng: random.Random, i: int, pools: dict[Label, list[str]]) -> None:
    pid = f"{2400 + i // 10000:04d}.{i % 10000:05d}"
    methods = [f"{rng.choice(_WORDS).title()}Net-{i}"] + _zipf_pick(rng, pools[Label.METHOD], rng.randint(0, 3), 0.3)
    datasets = _zipf_pick(rng, pools[Label.DATASET], rng.randint(0, 3), 0.3)
    concepts = _zipf_pick(rng, pools[Label.CONCEPT], rng.randint(1, 3), 0.4)
    authors = _zipf_pick(rng, pools[Label.AUTHOR], rng.randint(1, 4), 0.97)
    title = f"{methods[0]}: {rng.choice(_WORDS)} {rng.choice(_WORDS)} for {concepts[0]}"
    nid = f"Paper:{pid}"
    graph.add_node(nid, label="Paper", key=pid, title=title, abstract=f"We propose {methods[0]}.",
                   published=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}", url=f"https://arxiv.org/abs/{pid}",
                   source="synthetic", authors=sorted(authors), keywords=[], categories=[])
    sentence = f"We propose {methods[0]} and evaluate it on {', '.join(datasets) or 'nothing'}."
    _add_edge(graph, nid, RelType.PROPOSES, _add_entity(graph, Label.METHOD, methods[0]), sentence, methods[0])
    for name in methods[1:]:
        _add_edge(graph, nid, RelType.USES, _add_entity(graph, Label.METHOD, name), f"We build on {name}.", name)
    for name in datasets:
        _add_edge(graph, nid, RelType.EVALUATES_ON, _add_entity(graph, Label.DATASET, name), sentence, name)
    for name in concepts:
        _add_edge(graph, nid, RelType.MENTIONS, _add_entity(graph, Label.CONCEPT, name), f"Study of {name}.", name)
    for name in authors:
        _add_edge(graph, nid, RelType.AUTHORED_BY, _add_entity(graph, Label.AUTHOR, name), "", "")
    if rng.random() < 0.4:
        _add_code(graph, nid, methods[0], i)


def _add_code(graph: nx.MultiDiGraph, paper: str, method: str, i: int) -> None:
    owner, name = f"lab{i % 97}", method.lower()
    rid = f"Repository:github:{owner}/{name}"
    graph.add_node(rid, label="Repository", key=f"github:{owner}/{name}", url=f"https://github.com/{owner}/{name}",
                   host="github.com", owner=owner, name=name, kind="repository")
    graph.add_edge(paper, rid, key="HAS_CODE", type="HAS_CODE", source="metadata", field="metadata",
                   rule="metadata.github_repo", confidence=1.0, mentions=1)
    graph.add_edge(rid, f"Method:{method.lower()}", key="IMPLEMENTS", type="IMPLEMENTS",
                   rule="derived.proposes_and_has_code", confidence=1.0, mentions=1)


def synthetic_graph(papers: int, seed: int = 0) -> nx.MultiDiGraph:
    """A graph of ``papers`` papers and their entities (about 4.5 nodes per paper)."""
    rng = random.Random(seed)
    pools = _entity_pools(rng, papers)
    graph = nx.MultiDiGraph(schema=1)
    for i in range(papers):
        _add_paper(graph, rng, i, pools)
    return graph
