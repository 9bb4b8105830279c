"""The graph as the page's data: a compact, deterministic JSON-ready dict.

Nodes and edges become short records indexed by position (numbers are cheaper than
string ids for vis-network at 20k nodes); evidence sentences are shared through a
string table and identical edge property sets through a props table; every link is
checked here against a small allow-list of hosts. Nothing in it is markup: the page
turns every string into text.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from enum import Enum
from typing import Any, Hashable, Mapping
from urllib.parse import quote, urlsplit

import networkx as nx

from kg.ids import ARXIV_ID
from kg.model import Label, RelType

from .styles import EDGE_STYLES, NODE_STYLES, UNKNOWN_EDGE, UNKNOWN_NODE

#: Links are only made to these hosts (and only over http/https).
LINK_HOSTS = frozenset({"arxiv.org", "github.com", "gitlab.com", "huggingface.co", "doi.org"})
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
_DISPLAY_MAX = 48
_SKIP_NODE_ATTRS = {"label", "key"}


def safe_url(url: Any) -> str | None:
    """``url`` if it is an http(s) URL on an allowed host without credentials, else ``None``.

    >>> safe_url("https://github.com/a/b"), safe_url("javascript:alert(1)"), safe_url("https://evil.example/x")
    ('https://github.com/a/b', None, None)
    """
    if not isinstance(url, str) or any(c.isspace() or ord(c) < 32 for c in url):
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    if parts.scheme not in ("https", "http") or parts.username or parts.password or host not in LINK_HOSTS:
        return None
    return url


def node_links(label: str, key: str, attrs: Mapping[str, Any]) -> list[list[str]]:
    """``[[text, url], …]`` for the details panel: arXiv and HF paper pages, repository, HF dataset."""
    links: list[list[str]] = []
    if label == Label.PAPER.value and ARXIV_ID.fullmatch(key):
        links += [["arXiv", f"https://arxiv.org/abs/{key}"], ["Hugging Face", f"https://huggingface.co/papers/{key}"]]
    elif label == Label.PAPER.value and safe_url(attrs.get("url")):
        links.append(["paper", attrs["url"]])
    if label == Label.REPOSITORY.value and safe_url(attrs.get("url")):
        links.append([str(attrs.get("host") or "code"), attrs["url"]])
    hub_id = attrs.get("hub_id")
    if label == Label.DATASET.value and isinstance(hub_id, str) and _HUB_ID.match(hub_id):
        links.append(["Hugging Face dataset", f"https://huggingface.co/datasets/{quote(hub_id, safe='/')}"])
    return links


def display_name(label: str, key: str, attrs: Mapping[str, Any]) -> str:
    """The short text drawn next to a node (papers: their title, cut at ``_DISPLAY_MAX``)."""
    text = attrs.get("title") if label == Label.PAPER.value else attrs.get("name")
    text = str(text or key)
    return text if len(text) <= _DISPLAY_MAX else text[: _DISPLAY_MAX - 1].rstrip() + "…"


def node_size(degree: int) -> int:
    """Drawn radius in pixels: grows with the log of the degree (9 px alone, 16 at 10 links, 36 at ~500)."""
    return min(36, 6 + round(3 * math.log2(1 + degree)))


def _plain(value: Any) -> Any:
    """Graph property values as JSON: str, number, bool, or a list of str."""
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return [str(v) for v in value]
    return str(value)


def _node_record(nid: Hashable, attrs: Mapping[str, Any], labels: list[str], degree: int, xy: Any) -> dict:
    label, key = str(attrs.get("label", "")), str(attrs.get("key", nid))
    props = {k: _plain(v) for k, v in sorted(attrs.items()) if k not in _SKIP_NODE_ATTRS and v is not None}
    record = {"id": str(nid), "l": labels.index(label), "t": display_name(label, key, attrs), "d": degree,
              "s": node_size(degree), "p": props}
    links = node_links(label, key, attrs)
    if links:
        record["k"] = links
    if xy is not None:
        record["x"], record["y"] = xy
    return record


def evidence_mark(evidence: str, attrs: Mapping[str, Any], source_text: str, names: list[str]) -> list[int] | None:
    """Offsets ``[start, end]`` of the matched words inside ``evidence``.

    ``start``/``end`` on an edge point into the abstract (or title); the sentence is located
    in that text to translate them. Failing that, the first of ``names`` found in the
    sentence (case-insensitive) is marked.
    """
    start, end = attrs.get("start"), attrs.get("end")
    if isinstance(start, int) and isinstance(end, int) and source_text:
        offset = source_text.find(evidence)
        if offset >= 0 and offset <= start < end <= offset + len(evidence):
            return [start - offset, end - offset]
    lowered = evidence.casefold()
    for name in names:
        at = lowered.find(name.casefold()) if name else -1
        if at >= 0 and len(lowered) == len(evidence):
            return [at, at + len(name)]
    return None


class _Table:
    """An interning table: each distinct value is stored once and referred to by its index."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self._index: dict[str, int] = {}

    def add(self, value: Any) -> int:
        key = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
        if key not in self._index:
            self._index[key] = len(self.items)
            self.items.append(value)
        return self._index[key]


#: Edge attributes the page does not show (``mk`` replaces the offsets into the abstract).
_SKIP_EDGE_ATTRS = {"type", "evidence", "start", "end", "sentence"}


def _edge_props(graph: nx.MultiDiGraph, u: Hashable, v: Hashable, attrs: Mapping[str, Any], strings: _Table) -> dict:
    props = {k: _plain(val) for k, val in sorted(attrs.items()) if k not in _SKIP_EDGE_ATTRS and val is not None}
    if props.get("mentions") == 1:
        del props["mentions"]
    evidence = attrs.get("evidence")
    if isinstance(evidence, str) and evidence:
        paper = graph.nodes[u]
        source = paper.get("title" if attrs.get("field") == "title" else "abstract") or ""
        target = graph.nodes[v]
        names = [str(x) for x in (target.get("name"), *target.get("aliases", ()), target.get("key")) if x]
        props["ev"] = strings.add(evidence)
        mark = evidence_mark(evidence, attrs, str(source), names)
        if mark:
            props["mk"] = mark
    return props


def _edge_records(graph: nx.MultiDiGraph, ids: dict, rels: list[str]) -> tuple[list[list[int]], list[dict], list[str]]:
    """``[source, target, rel, props]`` index quadruples, the shared props table and the evidence strings.

    Metadata edges (AUTHORED_BY, keyword MENTIONS …) mostly share identical properties, so
    each distinct property set is stored once (a third of the HF page's size otherwise).
    """
    strings, props = _Table(), _Table()
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (ids[e[0]], ids[e[1]], str(e[2])))
    records = [
        [ids[u], ids[v], rels.index(str(a.get("type", ""))), props.add(_edge_props(graph, u, v, a, strings))]
        for u, v, _k, a in edges
    ]
    return records, props.items, strings.items


def _label_order(graph: nx.MultiDiGraph) -> list[str]:
    known = [label.value for label in Label]
    present = {str(label) for _, label in graph.nodes(data="label")}
    return [x for x in known if x in present] + sorted(present - set(known))


def _rel_order(graph: nx.MultiDiGraph) -> list[str]:
    known = [rel.value for rel in RelType]
    present = {str(t) for *_, t in graph.edges(data="type")}
    return [x for x in known if x in present] + sorted(present - set(known))


def _style_rows(names: list[str], counts: Mapping[str, int], kind: type[Enum], table: Mapping, unknown: Any) -> list[dict]:
    """Legend rows: the name, its style's fields (NodeStyle or EdgeStyle), and how many there are."""
    rows = []
    for name in names:
        style = table.get(kind(name), unknown) if name in kind._value2member_map_ else unknown
        rows.append({"name": name, **dataclasses.asdict(style), "n": counts[name]})
    return rows


def build_payload(graph: nx.MultiDiGraph, positions: Mapping[Hashable, tuple[int, int]] | None,
                  meta: Mapping[str, Any]) -> dict[str, Any]:
    """Everything the page draws, as plain JSON-ready data, in sorted (deterministic) order."""
    labels, rels = _label_order(graph), _rel_order(graph)
    nodes = sorted(graph, key=str)
    ids = {n: i for i, n in enumerate(nodes)}
    positions = positions or {}
    records = [_node_record(n, graph.nodes[n], labels, graph.degree(n), positions.get(n)) for n in nodes]
    edge_records, edge_props, strings = _edge_records(graph, ids, rels)
    label_counts = {x: 0 for x in labels}
    for record in records:
        label_counts[labels[record["l"]]] += 1
    rel_counts = {x: 0 for x in rels}
    for record in edge_records:
        rel_counts[rels[record[2]]] += 1
    return {
        "meta": dict(sorted(meta.items())),
        "labels": _style_rows(labels, label_counts, Label, NODE_STYLES, UNKNOWN_NODE),
        "rels": _style_rows(rels, rel_counts, RelType, EDGE_STYLES, UNKNOWN_EDGE),
        "nodes": records,
        "edges": edge_records,
        "eprops": edge_props,
        "strings": strings,
    }
