"""The shared Cypher builders and the dump text, without a server."""

from __future__ import annotations

import pytest

from kg.errors import ExportError
from kg.export.cypher import generate_cypher
from kg.model import Label, RelType
from kg.neo4j import cypher
from tests.neo4j.fixtures import HOSTILE, hostile_graph


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain", "'plain'"),
        ("it's", "'it\\'s'"),
        ('say "hi"', "'say \\\"hi\\\"'"),
        ("back\\slash", "'back\\\\slash'"),
        ("a\nb\r\tc", "'a\\nb\\r\\tc'"),
        ("x; y // z", "'x\\u003B y \\u002F\\u002F z'"),
        ("\x00\x1f\x7f\u2028\ufeff", "'\\u0000\\u001F\\u007F\\u2028\\uFEFF'"),
        ("😀", "'😀'"),
        (True, "true"),
        (3, "3"),
        (2.5, "2.5"),
        (1e20, "1e20"),
        (None, "null"),
        (["a", "b"], "['a', 'b']"),
        ({"k": 1}, "{`k`: 1}"),
    ],
)
def test_literal_escapes_exactly(value, expected):
    assert cypher.literal(value) == expected


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), "\ud800", object()])
def test_literal_refuses_values_neo4j_cannot_store(bad):
    with pytest.raises(ExportError):
        cypher.literal(bad)


def test_labels_and_types_are_backtick_quoted_enum_values():
    assert cypher.merge_nodes(Label.PAPER) == "UNWIND $rows AS row MERGE (n:`Paper` {key: row.key}) SET n = row.props"
    query = cypher.merge_relationships(RelType.EVALUATES_ON, Label.PAPER, Label.DATASET)
    assert "(a:`Paper` {key: row.src})" in query and "[r:`EVALUATES_ON`]" in query and "(b:`Dataset` {key: row.dst})" in query
    assert cypher.quote_name("we`ird") == "`we``ird`"


def test_plan_starts_with_one_constraint_per_label_then_nodes_prune_relationships():
    plan = cypher.write_plan(hostile_graph(), batch_size=3)
    kinds = [s.kind for s in plan]
    assert kinds[: len(Label) + 1] == ["schema"] * (len(Label) + 1)
    assert plan[len(Label)].query == "CALL db.awaitIndexes(300)"
    assert kinds == sorted(kinds, key=["schema", "nodes", "prune", "relationships"].index)
    assert all(len(s.rows) <= 3 for s in plan)
    for statement in plan:
        for text in HOSTILE:  # values only travel as parameters, never in the query text
            assert text not in statement.query


def test_rows_cover_every_node_and_edge_once():
    graph = hostile_graph()
    assert sum(len(r) for r in cypher.node_rows(graph).values()) == graph.number_of_nodes()
    assert sum(len(r) for r in cypher.relationship_rows(graph).values()) == graph.number_of_edges()


def test_dump_is_deterministic_and_hides_statement_markers_in_values():
    graph = hostile_graph()
    text = generate_cypher(graph)
    assert text == generate_cypher(graph.copy())
    body = [line for line in text.splitlines() if not line.startswith("//")]
    for line in body:  # inside values, ';' and '//' are escaped: only statement ends remain
        assert "//" not in line
        assert ";" not in line[:-1]
    assert text.count(";\n") == len(cypher.write_plan(graph, 500))


def test_node_props_refuse_nested_values():
    with pytest.raises(ExportError, match="dict"):
        cypher.node_props("Paper:x", {"label": "Paper", "key": "x", "bad": {"a": 1}})
