"""Helpers of the Neo4j tests: graphs with hostile strings, database snapshots, skipping rules."""

from __future__ import annotations

from typing import Any

from kg.graph import build_graph, new_graph
from kg.model import Extraction, Label, Mention, Paper, RelType
from tests.conftest import require  # noqa: F401  (re-exported for the Neo4j tests)

#: The neo4j user's password on the session's test server (auth is on, as for users).
TEST_PASSWORD = "paperkg-test-pw"

#: Strings that break naive escaping: quotes, backslashes, newlines, comment and statement markers,
#: emoji, right-to-left text, combining marks, invisible characters, control characters.
HOSTILE = (
    "it's \"quoted\" and back\\slashed\\",
    "line one\nline two\r\nline three\ttabbed",
    "a // comment-looking; DROP CONSTRAINT x; MATCH (n) DETACH DELETE n; //",
    "emoji 😀🧪 family 👨‍👩‍👧 and flags 🇪🇺",
    "RTL שלום עולם مرحبا \u202e reversed \u202c",
    "combining e\u0301 a\u0308 \u0915\u094d\u0937 zero\u200bwidth \ufeffbom",
    "controls \x00 \x01 \x1f \x7f \u2028 \u2029 $param `backtick` {brace} [bracket]",
    "\\u0041 is not A; \\n is not a newline; '' and \"\"",
)


def wipe(driver, constraints: bool = False) -> None:
    """Empty the database: every node and relationship (and constraint, when asked: slow to recreate)."""
    from kg.neo4j.cypher import wipe_statement

    with driver.session(database="neo4j") as session:  # CALL … IN TRANSACTIONS needs an auto-commit transaction
        session.run(wipe_statement()).consume()
    if not constraints:
        return
    for record in driver.execute_query("SHOW CONSTRAINTS YIELD name").records:
        driver.execute_query(f"DROP CONSTRAINT `{record['name']}` IF EXISTS")


def snapshot(driver) -> tuple[list, list]:
    """Everything in the database, comparable: sorted (label, props) nodes and (src, type, dst, props) relationships."""
    nodes = driver.execute_query("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props").records
    rels = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN labels(a)[0] AS sl, a.key AS s, type(r) AS t, labels(b)[0] AS tl, b.key AS d, properties(r) AS props"
    ).records
    return (
        sorted((tuple(sorted(r["labels"])), _frozen(r["props"])) for r in nodes),
        sorted((r["sl"], r["s"], r["t"], r["tl"], r["d"], _frozen(r["props"])) for r in rels),
    )


def graph_snapshot(graph) -> tuple[list, list]:
    """The same shape as :func:`snapshot`, from an embedded graph."""
    nodes = sorted(((d["label"],), _frozen({k: v for k, v in d.items() if k != "label"})) for _, d in graph.nodes(data=True))
    rels = sorted(
        (graph.nodes[u]["label"], graph.nodes[u]["key"], k, graph.nodes[v]["label"], graph.nodes[v]["key"], _frozen({a: b for a, b in d.items() if a != "type"}))
        for u, v, k, d in graph.edges(keys=True, data=True)
    )
    return nodes, rels


def _frozen(props: dict[str, Any]) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in props.items()))


def counts(driver) -> dict[str, int]:
    from kg.neo4j.push import database_counts

    return database_counts(driver)


def graph_property_count(graph) -> int:
    nodes = sum(len([k for k in d if k != "label"]) for _, d in graph.nodes(data=True))
    return nodes + sum(len([k for k in d if k != "type"]) for *_, d in graph.edges(keys=True, data=True))


def paper(pid: str, title: str, abstract: str = "An abstract.", **extra: Any) -> Paper:
    return Paper(pid, title, abstract, source="test", **extra)


def mention(label: Label, name: str, rel: RelType, **extra: Any) -> Mention:
    extra.setdefault("confidence", 0.9)
    extra.setdefault("rule", "test.rule")
    return Mention(label, name, rel, **extra)


def hostile_graph(strings=HOSTILE):
    """Papers whose titles, abstracts, authors and evidence are the HOSTILE strings."""
    extractions = []
    for i, text in enumerate(strings):
        p = paper(f"2501.{i:05d}", text, abstract=text + " abstract", authors=(f"Author {i} {text[:12]}",))
        mentions = (
            mention(Label.METHOD, f"Method {i}", RelType.PROPOSES, evidence=text, start=0, end=5, sentence=0, aliases=(f"M{i}", text[:20])),
            mention(Label.DATASET, "Shared Bench", RelType.EVALUATES_ON, evidence=text, start=1, end=2, sentence=0, properties={"metric": "acc", "value": 10.5 + i, "claimed": True}),
        )
        extractions.append(Extraction(p, mentions))
    return build_graph(extractions)


def string_graph(values: list[str]):
    """One paper per string (as title and as an author), for round-trip tests."""
    graph = new_graph()
    for i, value in enumerate(values):
        graph.add_node(f"Paper:p{i}", label="Paper", key=f"p{i}", title=value, authors=[value, "x"])
    return graph
