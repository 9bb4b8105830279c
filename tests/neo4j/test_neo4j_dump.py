"""`paperkg export cypher`: runs unchanged in the real cypher-shell, loads what push loads, round-trips strings."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.export.cypher import generate_cypher, write_cypher
from kg.neo4j import server
from kg.neo4j.cypher import render_statement, write_plan
from kg.neo4j.push import push_graph
from tests.neo4j.fixtures import HOSTILE, counts, graph_snapshot, hostile_graph, snapshot, string_graph, wipe

pytestmark = pytest.mark.neo4j


def _run_shell(settings, path):
    done = server.cypher_shell(settings.uri, "--format", "plain", "-f", str(path), password=settings.password)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def test_dump_through_cypher_shell_loads_what_push_loads(neo4j_settings, neo4j_db, tmp_path, tiny_graph):
    graph = nx.compose(hostile_graph(), tiny_graph)
    write_cypher(graph, tmp_path / "graph.cypher")
    _run_shell(neo4j_settings, tmp_path / "graph.cypher")
    from_dump = snapshot(neo4j_db)
    assert from_dump == graph_snapshot(graph)
    wipe(neo4j_db)
    push_graph(graph, neo4j_db)
    assert snapshot(neo4j_db) == from_dump


def test_loading_the_dump_twice_changes_nothing(neo4j_settings, neo4j_db, tmp_path):
    graph = hostile_graph()
    push_graph(graph, neo4j_db)
    pushed, pushed_counts = snapshot(neo4j_db), counts(neo4j_db)
    twice = tmp_path / "twice.cypher"  # one cypher-shell run (a JVM start) loading the dump two times over
    twice.write_text(generate_cypher(graph) * 2, encoding="utf-8")
    _run_shell(neo4j_settings, twice)
    assert (snapshot(neo4j_db), counts(neo4j_db)) == (pushed, pushed_counts)


def test_hostile_strings_round_trip_byte_for_byte(neo4j_db, tmp_path):
    _load_dump_statements(neo4j_db, string_graph(list(HOSTILE)))
    titles = _titles(neo4j_db)
    assert titles == {f"p{i}": text for i, text in enumerate(HOSTILE)}


# Any Unicode text but lone surrogates (not encodable as UTF-8, so never in a graph file).
unicode_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(unicode_text, min_size=1, max_size=4))
def test_any_unicode_round_trips_through_the_dump(neo4j_db, values):
    wipe(neo4j_db)
    _load_dump_statements(neo4j_db, string_graph(values))
    assert _titles(neo4j_db) == {f"p{i}": value for i, value in enumerate(values)}
    authors = {r["k"]: r["a"] for r in neo4j_db.execute_query("MATCH (p:Paper) RETURN p.key AS k, p.authors AS a").records}
    assert authors == {f"p{i}": [value, "x"] for i, value in enumerate(values)}


def _load_dump_statements(driver, graph) -> None:
    """Run the dump's statement texts (no parameters) through the server's Cypher parser."""
    with driver.session(database="neo4j") as session:
        for statement in write_plan(graph):
            session.run(render_statement(statement)).consume()


def _titles(driver) -> dict[str, str]:
    return {r["k"]: r["t"] for r in driver.execute_query("MATCH (p:Paper) RETURN p.key AS k, p.title AS t").records}


def test_dump_of_empty_graph_is_only_schema(tmp_path):
    from kg.graph import new_graph

    text = generate_cypher(new_graph())
    assert [line.split(" IF ")[0] for line in text.splitlines() if not line.startswith("//")] == [
        f"CREATE CONSTRAINT paperkg_{label}_key" for label in ("paper", "method", "dataset", "repository", "concept", "author")
    ] + ["CALL db.awaitIndexes(300);"]
