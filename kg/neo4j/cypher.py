"""Cypher builders shared by the live writer (:mod:`kg.neo4j.push`) and the Cypher dump
(:mod:`kg.export.cypher`), so the two cannot drift.

Labels and relationship types come only from :class:`kg.model.Label` / :class:`kg.model.RelType`
and are backtick-quoted; every value is a parameter (``$rows``) for the live writer, or an
exactly escaped literal (:func:`literal`) in the dump. A write plan is:

1. one uniqueness constraint per label on ``key``, and a wait until their indexes are online
   (a MERGE planned before that would scan the whole label, and its plan is cached);
2. per label, ``UNWIND $rows AS row MERGE (n:Label {key: row.key}) SET n = row.props``;
3. per source label, delete the out-relationships a node no longer has in the graph
   (so re-pushing a paper whose edges changed replaces them);
4. per (type, source label, target label), ``MERGE (a)-[r:TYPE]->(b) SET r = row.props``.

``SET x = row.props`` replaces all properties, so writing the same graph twice changes nothing.

>>> merge_nodes(Label.METHOD)
'UNWIND $rows AS row MERGE (n:`Method` {key: row.key}) SET n = row.props'
>>> literal(["a'b", 1, 2.5, True])
"['a\\\\'b', 1, 2.5, true]"
"""

from __future__ import annotations

import math
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterator, Mapping

import networkx as nx

from kg.errors import ExportError
from kg.model import Label, RelType

KEY = "key"
#: Labels whose nodes have out-relationships in the model (Paper -> *, Repository -IMPLEMENTS->).
SOURCE_LABELS = (Label.PAPER, Label.REPOSITORY)
DEFAULT_BATCH_SIZE = 1000


def quote_name(name: str) -> str:
    """Backtick-quote a label, type or property name (backticks doubled)."""
    return "`" + name.replace("`", "``") + "`"


# -- statements ---------------------------------------------------------------------------------------------------


def constraint_name(label: Label) -> str:
    return f"paperkg_{label.value.lower()}_key"


def create_constraint(label: Label) -> str:
    """The uniqueness constraint on a label's ``key`` (idempotent)."""
    return f"CREATE CONSTRAINT {constraint_name(label)} IF NOT EXISTS FOR (n:{quote_name(label.value)}) REQUIRE n.{KEY} IS UNIQUE"


def merge_nodes(label: Label, rows: str = "$rows") -> str:
    """Create or update nodes of one label from rows ``{key, props}``."""
    return f"UNWIND {rows} AS row MERGE (n:{quote_name(label.value)} {{{KEY}: row.key}}) SET n = row.props"


def prune_relationships(label: Label, rows: str = "$rows") -> str:
    """Delete out-relationships of nodes ``{key, keep}`` that are not in ``keep`` ([type, label, key] triples)."""
    return (
        f"UNWIND {rows} AS row MATCH (a:{quote_name(label.value)} {{{KEY}: row.key}})-[r]->(b) "
        f"WHERE NOT [type(r), labels(b)[0], b.{KEY}] IN row.keep DELETE r"
    )


def merge_relationships(rel: RelType, source: Label, target: Label, rows: str = "$rows") -> str:
    """Create or update relationships of one type between two labels from rows ``{src, dst, props}``."""
    return (
        f"UNWIND {rows} AS row MATCH (a:{quote_name(source.value)} {{{KEY}: row.src}}) "
        f"MATCH (b:{quote_name(target.value)} {{{KEY}: row.dst}}) "
        f"MERGE (a)-[r:{quote_name(rel.value)}]->(b) SET r = row.props"
    )


def wipe_statement() -> str:
    """Delete every node and relationship, in batches (needs an auto-commit transaction)."""
    return "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"


# -- rows from the graph ------------------------------------------------------------------------------------------


def neo4j_value(value: Any, where: str) -> Any:
    """Check that ``value`` is a Neo4j property value (str, bool, int, finite float, list of one of those)."""
    if isinstance(value, (list, tuple)):
        items = [neo4j_value(v, where) for v in value]
        if len({type(v) for v in items}) > 1 and not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in items):
            raise ExportError(f"{where}: a list property mixes types: {value!r}")
        return items
    if isinstance(value, float) and not math.isfinite(value):
        raise ExportError(f"{where}: {value!r} cannot be stored in Neo4j")
    if isinstance(value, (str, bool, int, float)):
        return value
    raise ExportError(f"{where}: a {type(value).__name__} cannot be stored as a Neo4j property")


def node_props(nid: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """A node's Neo4j properties: every attribute but ``label`` (``key`` included), sorted."""
    return {k: neo4j_value(v, f"node {nid!r} property {k!r}") for k, v in sorted(data.items()) if k != "label" and v is not None}


def edge_props(where: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """A relationship's Neo4j properties: every attribute but ``type``, sorted."""
    return {k: neo4j_value(v, f"{where} property {k!r}") for k, v in sorted(data.items()) if k != "type" and v is not None}


def node_rows(graph: nx.MultiDiGraph) -> dict[Label, list[dict[str, Any]]]:
    """``{label: [{key, props}]}``, labels in enum order, rows sorted by key."""
    rows: dict[Label, list[dict[str, Any]]] = defaultdict(list)
    for nid, data in graph.nodes(data=True):
        rows[Label(data["label"])].append({"key": data[KEY], "props": node_props(nid, data)})
    return {label: sorted(rows[label], key=lambda r: r["key"]) for label in Label if rows.get(label)}


def relationship_rows(graph: nx.MultiDiGraph) -> dict[tuple[RelType, Label, Label], list[dict[str, Any]]]:
    """``{(type, source label, target label): [{src, dst, props}]}``, sorted."""
    rows: dict[tuple[RelType, Label, Label], list[dict[str, Any]]] = defaultdict(list)
    nodes = graph.nodes
    for u, v, key, data in graph.edges(keys=True, data=True):
        group = (RelType(key), Label(nodes[u]["label"]), Label(nodes[v]["label"]))
        where = f"relationship {u!r} -[{key}]-> {v!r}"
        rows[group].append({"src": nodes[u][KEY], "dst": nodes[v][KEY], "props": edge_props(where, data)})
    order = {rel: i for i, rel in enumerate(RelType)}
    return {
        group: sorted(rows[group], key=lambda r: (r["src"], r["dst"]))
        for group in sorted(rows, key=lambda g: (order[g[0]], g[1].value, g[2].value))
    }


def keep_rows(graph: nx.MultiDiGraph) -> dict[Label, list[dict[str, Any]]]:
    """``{source label: [{key, keep}]}``: the out-relationships each source node should have."""
    rows: dict[Label, list[dict[str, Any]]] = {}
    nodes = graph.nodes
    for label in SOURCE_LABELS:
        found = []
        for nid, data in nodes(data=True):
            if data["label"] == label.value:
                keep = sorted([k, nodes[v]["label"], nodes[v][KEY]] for _, v, k in graph.out_edges(nid, keys=True))
                found.append({"key": data[KEY], "keep": keep})
        if found:
            rows[label] = sorted(found, key=lambda r: r["key"])
    return rows


# -- the write plan -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Statement:
    """One write: a query with ``$rows`` (or no rows for schema statements) and its rows."""

    query: str
    rows: tuple[Mapping[str, Any], ...] = ()
    kind: str = "rows"  #: "schema" | "nodes" | "prune" | "relationships"


def batches(rows: list, size: int) -> Iterator[list]:
    if size < 1:
        raise ValueError("batch size must be at least 1")
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def await_indexes() -> str:
    """Wait until the constraints' indexes are online: a MERGE planned before that scans the label."""
    return "CALL db.awaitIndexes(300)"


def schema_plan() -> list[Statement]:
    """The uniqueness constraints, one per label, then a wait for their indexes."""
    return [Statement(create_constraint(label), kind="schema") for label in Label] + [Statement(await_indexes(), kind="schema")]


def data_plan(graph: nx.MultiDiGraph, batch_size: int = DEFAULT_BATCH_SIZE) -> list[Statement]:
    """Every data write for ``graph``: nodes, then stale-relationship pruning, then relationships."""
    plan: list[Statement] = []
    for label, rows in node_rows(graph).items():
        plan += [Statement(merge_nodes(label), tuple(b), "nodes") for b in batches(rows, batch_size)]
    for label, rows in keep_rows(graph).items():
        plan += [Statement(prune_relationships(label), tuple(b), "prune") for b in batches(rows, batch_size)]
    for (rel, source, target), rows in relationship_rows(graph).items():
        query = merge_relationships(rel, source, target)
        plan += [Statement(query, tuple(b), "relationships") for b in batches(rows, batch_size)]
    return plan


def write_plan(graph: nx.MultiDiGraph, batch_size: int = DEFAULT_BATCH_SIZE) -> list[Statement]:
    """Schema first, then data: what both ``paperkg push`` and ``paperkg export cypher`` run."""
    return schema_plan() + data_plan(graph, batch_size)


# -- literals (for the dump) --------------------------------------------------------------------------------------

#: Characters written as \\uXXXX: controls, format/invisible marks, separators, and the characters a naive
#: statement splitter or comment stripper might trip on (``;`` ends a statement, ``//`` starts a comment).
_ESCAPE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Co", "Cn"}
_SIMPLE = {"\\": "\\\\", "'": "\\'", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_UNSAFE = set(";/`$")


def _escape_char(char: str) -> str:
    if char in _SIMPLE:
        return _SIMPLE[char]
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        raise ExportError(f"lone surrogate U+{code:04X} cannot be written as Cypher text")
    if char in _UNSAFE or (code < 0x10000 and unicodedata.category(char) in _ESCAPE_CATEGORIES):
        return f"\\u{code:04X}"
    return char


def string_literal(text: str) -> str:
    """``text`` as a single-quoted Cypher string that reads back byte for byte.

    >>> print(string_literal("it's; a // test\\n"))
    'it\\'s\\u003B a \\u002F\\u002F test\\n'
    """
    return "'" + "".join(_escape_char(c) for c in text) + "'"


def _float_literal(value: float) -> str:
    if not math.isfinite(value):
        raise ExportError(f"{value!r} cannot be written as Cypher")
    text = repr(value).replace("e+", "e")
    return text if any(c in text for c in ".en") else text + ".0"


def literal(value: Any) -> str:
    """A Cypher literal for a parameter value (str, bool, int, float, None, list, map)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float_literal(value)
    if isinstance(value, str):
        return string_literal(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{quote_name(str(k))}: {literal(v)}" for k, v in value.items()) + "}"
    raise ExportError(f"a {type(value).__name__} cannot be written as Cypher")


def render_statement(statement: Statement) -> str:
    """The statement as standalone Cypher text (rows inlined as a literal list), ending in ``;``."""
    if statement.kind == "schema":
        return statement.query + ";"
    rows = "[\n" + ",\n".join("  " + literal(dict(row)) for row in statement.rows) + "\n]"
    return statement.query.replace("$rows", rows, 1) + ";"
