"""`push_graph` against the real server: counts, idempotence, growth, replaced edges, native types."""

from __future__ import annotations

import pytest

from kg.errors import Neo4jUnavailableError
from kg.graph import add_extractions, build_graph
from kg.model import Extraction, Label, RelType
from kg.neo4j.connection import Neo4jSettings
from kg.neo4j.push import push_graph
from tests.neo4j.fixtures import wipe, counts, graph_property_count, graph_snapshot, hostile_graph, mention, paper, snapshot

pytestmark = pytest.mark.neo4j


def test_push_writes_exactly_the_graph(neo4j_db, tiny_graph):
    summary = push_graph(tiny_graph, neo4j_db)
    assert (summary.nodes, summary.relationships) == (tiny_graph.number_of_nodes(), tiny_graph.number_of_edges())
    assert summary.nodes_created == tiny_graph.number_of_nodes()
    assert snapshot(neo4j_db) == graph_snapshot(tiny_graph)
    assert counts(neo4j_db)["properties"] == graph_property_count(tiny_graph)


def test_push_creates_one_uniqueness_constraint_per_label(neo4j_db, tiny_graph):
    wipe(neo4j_db, constraints=True)
    push_graph(tiny_graph, neo4j_db)
    records = neo4j_db.execute_query("SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties").records
    assert sorted((r["type"], r["labelsOrTypes"][0], tuple(r["properties"])) for r in records) == sorted(
        ("UNIQUENESS", label.value, ("key",)) for label in Label
    )


@pytest.mark.parametrize("batch_size", [1, 2, 1000])
def test_pushing_twice_changes_nothing(neo4j_db, batch_size):
    graph = hostile_graph()
    push_graph(graph, neo4j_db, batch_size=batch_size)
    before, first = counts(neo4j_db), snapshot(neo4j_db)
    again = push_graph(graph, neo4j_db, batch_size=batch_size)
    assert (again.nodes_created, again.relationships_created, again.relationships_deleted) == (0, 0, 0)
    assert counts(neo4j_db) == before
    assert snapshot(neo4j_db) == first == graph_snapshot(graph)


def test_pushing_a_grown_graph_adds_only_what_is_new(neo4j_db, tiny_graph, tiny_extractions):
    push_graph(tiny_graph, neo4j_db)
    grown = build_graph(tiny_extractions)
    add_extractions(grown, [Extraction(paper("2401.00009", "New paper", authors=("Ada Lovelace", "Grace Hopper")),
                                       (mention(Label.DATASET, "COCO", RelType.EVALUATES_ON),))])
    summary = push_graph(grown, neo4j_db)
    assert summary.nodes_created == 2  # the paper and Grace Hopper; COCO and Ada exist
    assert summary.relationships_created == grown.number_of_edges() - tiny_graph.number_of_edges()
    assert snapshot(neo4j_db) == graph_snapshot(grown)


def test_repushing_a_paper_whose_edges_changed_replaces_them(neo4j_db, tiny_extractions):
    push_graph(build_graph(tiny_extractions), neo4j_db)
    first = tiny_extractions[0]
    changed = Extraction(first.paper, (mention(Label.DATASET, "ImageNet", RelType.EVALUATES_ON, evidence="new evidence", start=3, end=4, sentence=1),))
    graph = build_graph(tiny_extractions[1:] + [changed])
    summary = push_graph(graph, neo4j_db)
    assert summary.relationships_deleted > 0
    assert snapshot(neo4j_db)[1] == graph_snapshot(graph)[1]
    evidence = neo4j_db.execute_query(
        "MATCH (:Paper {key: '2401.00001'})-[r:EVALUATES_ON]->(d) RETURN d.key AS d, r.evidence AS e"
    ).records
    assert [(r["d"], r["e"]) for r in evidence] == [("imagenet", "new evidence")]


def test_lists_and_evidence_are_native_neo4j_types(neo4j_db, tiny_graph):
    push_graph(tiny_graph, neo4j_db)
    record = neo4j_db.execute_query(
        "MATCH (p:Paper {key: '2401.00001'})-[r:EVALUATES_ON]->(:Dataset {key: 'coco'}) "
        "MATCH (m:Method {key: 'group relative policy optimization'}) "
        "RETURN valueType(p.authors) AS authors, valueType(m.aliases) AS aliases, valueType(r.value) AS value, "
        "valueType(r.claimed) AS claimed, valueType(r.start) AS start, r.evidence AS evidence"
    ).records[0]
    assert record["authors"] == "LIST<STRING NOT NULL> NOT NULL"
    assert record["aliases"] == "LIST<STRING NOT NULL> NOT NULL"
    assert (record["value"], record["claimed"], record["start"]) == ("FLOAT NOT NULL", "BOOLEAN NOT NULL", "INTEGER NOT NULL")
    assert record["evidence"] == "We evaluate on COCO."


def test_wipe_removes_what_the_graph_does_not_have(neo4j_db, tiny_graph):
    neo4j_db.execute_query("CREATE (:Stray {key: 'x'})")
    push_graph(tiny_graph, neo4j_db, wipe=True)
    assert counts(neo4j_db)["nodes"] == tiny_graph.number_of_nodes()


def test_progress_reports_every_row(neo4j_db, tiny_graph):
    seen = []
    push_graph(tiny_graph, neo4j_db, batch_size=2, progress=lambda n, total: seen.append((n, total)))
    total = seen[0][1]
    assert sum(n for n, _ in seen) == total
    assert total >= tiny_graph.number_of_nodes() + tiny_graph.number_of_edges()


def test_unreachable_server_is_one_clear_error(tiny_graph):
    from kg.neo4j.server import free_port

    with pytest.raises(Neo4jUnavailableError, match=r"cannot reach Neo4j at bolt://127\.0\.0\.1:\d+"):
        push_graph(tiny_graph, Neo4jSettings(uri=f"bolt://127.0.0.1:{free_port()}"))


def test_settings_come_from_the_environment_and_hide_the_password():
    env = {"NEO4J_URI": "bolt://h:1", "NEO4J_USERNAME": "u", "NEO4J_PASSWORD": "s3cret-pass", "NEO4J_DATABASE": "db"}
    settings = Neo4jSettings.from_env(env, database="other")
    assert (settings.uri, settings.username, settings.password, settings.database) == ("bolt://h:1", "u", "s3cret-pass", "other")
    assert "s3cret" not in repr(settings) and "s3cret" not in str(settings)
