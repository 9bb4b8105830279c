"""kg.queries: the Python twins of the named queries, on a hand-made graph."""

from __future__ import annotations

import pytest

from kg.errors import NotFoundError, PaperKGError, UnknownNameError
from kg.queries import available_queries, cypher_header, get_query


def run(graph, query_name, **params):
    return get_query(query_name).run_embedded(graph, **params).rows


def test_shared_benchmarks_lists_datasets_of_two_or_more_papers_most_shared_first(tiny_graph):
    assert run(tiny_graph, "shared-benchmarks") == [
        ("COCO", 2, ["2401.00001", "2401.00002"]),
        ("ImageNet", 2, ["2401.00002", "2401.00003"]),
    ]
    assert run(tiny_graph, "shared-benchmarks", min_papers=3) == []


@pytest.mark.parametrize("name", ["GRPO", "grpo", "Group Relative Policy Optimization", "group-relative policy optimization"])
def test_papers_for_resolves_aliases(tiny_graph, name):
    rows = run(tiny_graph, "papers-for", name=name)
    assert [(r[0], r[2]) for r in rows] == [("2401.00001", "PROPOSES"), ("2401.00002", "USES")]


def test_paper_lists_evidence(tiny_graph):
    rows = run(tiny_graph, "paper", id="2401.00001")
    proposes = [r for r in rows if r[0] == "PROPOSES"]
    assert proposes == [("PROPOSES", "Method", "Group Relative Policy Optimization", "We propose Group Relative Policy Optimization (GRPO).", "proposal.we_propose", 0.9)]


def test_unknown_paper_is_a_clear_error(tiny_graph):
    with pytest.raises(NotFoundError, match="no paper"):
        run(tiny_graph, "paper", id="0000.00000")


def test_top_and_unknown_label(tiny_graph):
    assert run(tiny_graph, "top", label="dataset") == [("COCO", 2), ("ImageNet", 2)]
    assert run(tiny_graph, "top", label="Author", limit=1) == [("Ada Lovelace", 2)]
    with pytest.raises(UnknownNameError, match="Method"):
        run(tiny_graph, "top", label="Widget")


def test_related_ranks_by_shared_entities(tiny_graph):
    assert run(tiny_graph, "related", id="2401.00002") == [
        ("2401.00001", "GRPO: Group Relative Policy Optimization", 2, ["COCO", "Group Relative Policy Optimization"]),
        ("2401.00003", "A vision paper", 1, ["ImageNet"]),
    ]


def test_method_dataset_matrix(tiny_graph):
    rows = run(tiny_graph, "method-dataset-matrix")
    assert rows[0] == ("Group Relative Policy Optimization", "COCO", 2, ["2401.00001", "2401.00002"])
    assert ("ResNet", "ImageNet", 1, ["2401.00003"]) in rows


def test_code_for_paper_and_method(tiny_graph):
    expected = [("Group Relative Policy Optimization", "github:x/y", "https://github.com/X/Y", "2401.00001")]
    assert run(tiny_graph, "code-for", name="GRPO") == expected
    assert run(tiny_graph, "code-for", name="2401.00002") == [("2401.00002", "github:x/y", "https://github.com/X/Y", "2401.00002")]


def test_parameters_are_checked(tiny_graph):
    with pytest.raises(UnknownNameError, match="min_papers"):
        run(tiny_graph, "shared-benchmarks", min_paper=2)
    with pytest.raises(PaperKGError, match="needs parameter 'name'"):
        run(tiny_graph, "papers-for")
    with pytest.raises(UnknownNameError, match="shared-benchmarks"):
        get_query("shared-benchmark")


@pytest.mark.parametrize("name", sorted(available_queries()))
def test_every_query_has_a_cypher_twin_whose_header_matches(name):
    query = get_query(name)
    header = cypher_header(query.cypher)
    assert header.get("name") == name
    assert [c.strip() for c in header["columns"].split(",")] == list(query.columns)
    for param in query.params:
        assert param.name in header.get("params", "")
