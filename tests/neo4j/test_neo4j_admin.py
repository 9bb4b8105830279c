"""`paperkg export neo4j-csv` through the real neo4j-admin; auth on the test server."""

from __future__ import annotations

import pytest

from kg.errors import ExportError, Neo4jUnavailableError
from kg.export.neo4j_csv import ARRAY_DELIMITER, generate_neo4j_csv, write_neo4j_csv
from kg.neo4j import server
from kg.neo4j.connection import Neo4jSettings, open_driver
from kg.neo4j.push import push_graph
from tests.neo4j.fixtures import HOSTILE, counts, graph_property_count, hostile_graph, string_graph


@pytest.fixture(scope="module")
def import_graph():
    import networkx as nx

    import tests.conftest as shared
    from kg.graph import build_graph

    # U+001F joins list elements in the CSV files (see the test below); every other hostile character stays
    strings = [text.replace(ARRAY_DELIMITER, "") for text in HOSTILE]
    return nx.compose(build_graph(shared.tiny_extractions.__wrapped__()), hostile_graph(strings))


def test_csv_headers_follow_the_neo4j_admin_format(import_graph):
    files = generate_neo4j_csv(import_graph)
    assert files["nodes_Paper.csv"].splitlines()[0].startswith("key:ID(Paper),abstract:string,authors:string[]")
    header = files["relationships_EVALUATES_ON_Paper_Dataset.csv"].splitlines()[0]
    assert header.startswith(":START_ID(Paper),:END_ID(Dataset),claimed:boolean,confidence:double")
    assert "value:double" in header and "start:long" in header
    assert files == generate_neo4j_csv(import_graph.copy())


def test_a_list_element_holding_the_array_delimiter_is_refused_not_split():
    with pytest.raises(ExportError, match="U\\+001F"):
        generate_neo4j_csv(string_graph(["one\x1ftwo"]))


@pytest.mark.neo4j
def test_neo4j_admin_imports_the_same_counts_that_push_writes(import_graph, tmp_path, neo4j_db):
    write_neo4j_csv(import_graph, tmp_path / "csv")
    instance = tmp_path / "imported"  # a stopped instance of its own: import needs the database offline
    server.write_config(instance, server.free_port(), server.free_port(), auth=True)
    reported = server.admin_import(instance, tmp_path / "csv", java_options=server.QUICK_START)
    expected = {"nodes": import_graph.number_of_nodes(), "relationships": import_graph.number_of_edges(), "properties": graph_property_count(import_graph)}
    assert reported == expected
    push_graph(import_graph, neo4j_db)
    assert counts(neo4j_db) == expected


@pytest.mark.neo4j
def test_auth_is_on_and_a_wrong_password_is_one_clear_error(neo4j_server, neo4j_settings):
    if not neo4j_server.auth:
        pytest.skip("the external test server runs with auth off")
    open_driver(neo4j_settings).close()
    with pytest.raises(Neo4jUnavailableError, match="refused the credentials of user 'neo4j'") as refused:
        open_driver(Neo4jSettings(uri=neo4j_settings.uri, password="wrong-password"))
    assert "wrong-password" not in str(refused.value)
    with pytest.raises(Neo4jUnavailableError, match="refused the credentials"):
        open_driver(Neo4jSettings(uri=neo4j_settings.uri, password=None))
