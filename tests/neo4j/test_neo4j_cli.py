"""The Neo4j commands as a user types them: push, query --backend neo4j, cypher, export, neo4j status."""

from __future__ import annotations

import json

import pytest

from kg.errors import ExitCode
from kg.store import save_graph
from tests.neo4j.fixtures import counts, graph_snapshot, snapshot

pytestmark = pytest.mark.neo4j


@pytest.fixture
def graph_file(tmp_path, tiny_graph):
    path = tmp_path / "g.graph.json"
    save_graph(tiny_graph, path)
    return path


def test_push_then_query_on_neo4j_prints_what_the_embedded_backend_prints(run_cli, neo4j_env, neo4j_db, graph_file, tiny_graph):
    code, out, err = run_cli("push", "--graph", graph_file, "--batch-size", "2")
    assert code == 0, err
    assert f"pushed {tiny_graph.number_of_nodes()} nodes and {tiny_graph.number_of_edges()} relationships" in err
    assert snapshot(neo4j_db) == graph_snapshot(tiny_graph)
    embedded = run_cli("query", "shared-benchmarks", "--min-papers", "1", "--graph", graph_file, "--format", "json")
    on_neo4j = run_cli("query", "shared-benchmarks", "--min-papers", "1", "--backend", "neo4j", "--format", "json")
    assert on_neo4j == embedded and embedded[0] == 0
    assert json.loads(on_neo4j[1])[0]["dataset"] in ("COCO", "ImageNet")


def test_push_twice_from_the_cli_changes_nothing(run_cli, neo4j_env, neo4j_db, graph_file):
    assert run_cli("push", "--graph", graph_file, "--quiet")[0] == 0
    before = counts(neo4j_db)
    code, out, err = run_cli("push", "--graph", graph_file, "--quiet")
    assert (code, out, err) == (0, "", "")
    assert counts(neo4j_db) == before


def test_the_password_is_never_printed(run_cli, neo4j_env, neo4j_db, graph_file, monkeypatch):
    code, out, err = run_cli("push", "--graph", graph_file)
    assert code == 0
    password = __import__("os").environ.get("NEO4J_PASSWORD")
    if password:
        assert password not in out + err
        monkeypatch.setenv("NEO4J_PASSWORD", "definitely-wrong-pw")
        code, out, err = run_cli("push", "--graph", graph_file)
        assert code == ExitCode.SERVICE
        assert "refused the credentials" in err and "definitely-wrong-pw" not in out + err
        assert len(err.strip().splitlines()) == 1


def test_unreachable_server_exits_with_the_service_code(run_cli, graph_file, monkeypatch):
    from kg.neo4j.server import free_port

    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{free_port()}")
    code, out, err = run_cli("push", "--graph", graph_file)
    assert code == ExitCode.SERVICE
    assert err.strip().startswith("Error: cannot reach Neo4j at bolt://127.0.0.1:")
    assert len(err.strip().splitlines()) == 1


def test_cypher_command_runs_read_only_queries_with_parameters(run_cli, neo4j_env, neo4j_db, graph_file):
    run_cli("push", "--graph", graph_file, "--quiet")
    code, out, err = run_cli("cypher", "MATCH (p:Paper {key: $id})-[:EVALUATES_ON]->(d) RETURN d.name AS dataset ORDER BY dataset",
                             "--param", "id=2401.00002", "--format", "json")
    assert code == 0, err
    assert json.loads(out) == [{"dataset": "COCO"}, {"dataset": "ImageNet"}]
    code, out, err = run_cli("cypher", "MATCH (n) DETACH DELETE n")
    assert code == ExitCode.ERROR and "refused" in err
    assert counts(neo4j_db)["nodes"] > 0


def test_export_writes_the_cypher_dump_and_the_csv_folder(run_cli, graph_file, tmp_path, tiny_graph):
    from kg.export.cypher import generate_cypher
    from kg.export.neo4j_csv import generate_neo4j_csv

    assert run_cli("export", "cypher", tmp_path / "g.cypher", "--graph", graph_file)[0] == 0
    assert (tmp_path / "g.cypher").read_text(encoding="utf-8") == generate_cypher(tiny_graph)
    assert run_cli("export", "neo4j-csv", tmp_path / "csv", "--graph", graph_file)[0] == 0
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(generate_neo4j_csv(tiny_graph))


def test_neo4j_status_names_the_bolt_uri_and_browser(run_cli, neo4j_server):
    if not neo4j_server.instance:
        pytest.skip("external test server: no instance folder")
    code, out, err = run_cli("neo4j", "status", "--instance", neo4j_server.instance)
    assert code == 0
    assert neo4j_server.bolt_uri in out and neo4j_server.browser_url in out and "auth on" in out
    code, out, err = run_cli("neo4j", "env", "--instance", neo4j_server.instance)
    assert out.strip() == f"export NEO4J_URI={neo4j_server.bolt_uri}"


@pytest.mark.parametrize("command", [("push",), ("cypher",), ("neo4j",), ("neo4j", "start"), ("neo4j", "stop"), ("neo4j", "status")])
def test_every_neo4j_command_has_help_with_an_example(run_cli, command):
    code, out, _ = run_cli(*command, "--help")
    assert code == 0 and "Example" in out


@pytest.mark.parametrize(("given", "expected"), [("id=2401.00002", ("id", "2401.00002")), ("n:=5", ("n", 5)), ("xs:=[1, \"a\"]", ("xs", [1, "a"])), ("t=a=b", ("t", "a=b"))])
def test_cypher_params_are_text_unless_given_as_json(given, expected):
    from kg.cli.neo4j import _parse_param

    assert _parse_param(given) == expected
