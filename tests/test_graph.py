"""kg.graph: resolution, idempotence, replacement, removal, determinism."""

from __future__ import annotations

import itertools

import pytest

from kg.errors import NotFoundError
from kg.graph import add_extractions, build_graph, consolidate_aliases, label_counts, relationship_counts, remove_papers
from kg.model import Extraction, Label, Mention, Paper, RelType
from kg.store import dumps


def test_bare_acronym_merges_into_the_long_form_that_defines_it(tiny_graph):
    assert "Method:grpo" not in tiny_graph
    node = tiny_graph.nodes["Method:group relative policy optimization"]
    assert node["aliases"] == ["GRPO"]
    assert tiny_graph.has_edge("Paper:2401.00002", "Method:group relative policy optimization", key="USES")


def test_ambiguous_acronym_is_not_merged():
    papers = [Paper(f"2401.0000{i}", "t", "a") for i in range(3)]
    graph = build_graph([
        Extraction(papers[0], (Mention(Label.METHOD, "Fast Attention", RelType.PROPOSES, "r", 0.9, aliases=("FA",)),)),
        Extraction(papers[1], (Mention(Label.METHOD, "Flash Attention", RelType.USES, "r", 0.9, aliases=("FA",)),)),
        Extraction(papers[2], (Mention(Label.METHOD, "FA", RelType.USES, "r", 0.9),)),
    ])
    assert "Method:fa" in graph
    assert consolidate_aliases(graph) == []


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_same_papers_in_any_order_give_the_same_bytes(tiny_extractions, order):
    expected = dumps(build_graph(tiny_extractions))
    assert dumps(build_graph([tiny_extractions[i] for i in order])) == expected


def test_incremental_build_equals_full_build(tiny_extractions):
    graph = build_graph(tiny_extractions[:1])
    add_extractions(graph, tiny_extractions[1:])
    assert dumps(graph) == dumps(build_graph(tiny_extractions))


def test_building_twice_changes_nothing(tiny_extractions, tiny_graph):
    before = dumps(tiny_graph)
    summary = add_extractions(tiny_graph, tiny_extractions)
    assert dumps(tiny_graph) == before
    assert (summary.papers_added, summary.papers_replaced) == (0, 3)


def test_rereading_a_paper_replaces_its_extracted_edges(tiny_graph, tiny_extractions):
    paper = tiny_extractions[2].paper
    add_extractions(tiny_graph, [Extraction(paper, (Mention(Label.DATASET, "CIFAR-10", RelType.EVALUATES_ON, "r", 0.8),))])
    targets = {t for _, t in tiny_graph.out_edges("Paper:2401.00003")}
    assert targets == {"Dataset:cifar 10"}
    assert "Method:resnet" not in tiny_graph  # no paper links it any more


def test_one_edge_per_type_and_target_counts_mentions():
    paper = Paper("2401.00009", "t", "COCO and COCO again")
    mentions = (
        Mention(Label.DATASET, "COCO", RelType.EVALUATES_ON, "weak", 0.5, 0, 4, 0, "first"),
        Mention(Label.DATASET, "coco", RelType.EVALUATES_ON, "strong", 0.9, 9, 13, 0, "second"),
    )
    graph = build_graph([Extraction(paper, mentions)])
    edge = graph.edges["Paper:2401.00009", "Dataset:coco", "EVALUATES_ON"]
    assert (edge["mentions"], edge["rule"], edge["start"], edge["evidence"]) == (2, "strong", 9, "second")
    assert graph.nodes["Dataset:coco"]["name"] == "coco"  # the higher-confidence surface form


def test_metadata_and_abstract_code_links_merge_into_one_repository(tiny_graph):
    repos = [n for n in tiny_graph if n.startswith("Repository:")]
    assert repos == ["Repository:github:x/y"]
    assert tiny_graph.edges["Paper:2401.00001", "Repository:github:x/y", "HAS_CODE"]["sources"] == ["metadata"]
    assert tiny_graph.has_edge("Repository:github:x/y", "Method:group relative policy optimization", key="IMPLEMENTS")


def test_proposing_a_method_suppresses_using_it():
    paper = Paper("2401.00010", "t", "a")
    graph = build_graph([Extraction(paper, (
        Mention(Label.METHOD, "X", RelType.PROPOSES, "r", 0.9),
        Mention(Label.METHOD, "X", RelType.USES, "r", 0.6),
    ))])
    assert [k for *_, k in graph.out_edges("Paper:2401.00010", keys=True)] == ["PROPOSES"]


def test_citation_of_an_unknown_paper_is_a_stub_until_the_paper_arrives(tiny_graph, tiny_extractions):
    graph = build_graph(tiny_extractions[1:])
    assert graph.nodes["Paper:2401.00001"] == {"label": "Paper", "key": "2401.00001", "url": "https://arxiv.org/abs/2401.00001", "cited_only": True}
    add_extractions(graph, tiny_extractions[:1])
    assert "cited_only" not in graph.nodes["Paper:2401.00001"]
    assert graph.has_edge("Paper:2401.00002", "Paper:2401.00001", key="CITES")


def test_remove_drops_papers_and_orphaned_entities(tiny_graph):
    remove_papers(tiny_graph, ["2401.00003"])
    assert "Method:resnet" not in tiny_graph and "Paper:2401.00003" not in tiny_graph
    assert "Dataset:imagenet" in tiny_graph  # still evaluated on by 2401.00002


def test_removing_a_cited_paper_keeps_a_stub(tiny_graph):
    remove_papers(tiny_graph, ["2401.00001"])
    assert tiny_graph.nodes["Paper:2401.00001"]["cited_only"] is True
    assert "Method:group relative policy optimization" in tiny_graph  # still used by 2401.00002


def test_remove_unknown_paper_names_it(tiny_graph):
    with pytest.raises(NotFoundError, match="9999.99999"):
        remove_papers(tiny_graph, ["9999.99999"])


def test_counts(tiny_graph):
    assert label_counts(tiny_graph) == {"Author": 2, "Concept": 1, "Dataset": 2, "Method": 2, "Paper": 3, "Repository": 1}
    assert relationship_counts(tiny_graph)["EVALUATES_ON"] == 4


def test_no_none_values_anywhere(tiny_graph):
    for _, data in tiny_graph.nodes(data=True):
        assert None not in data.values()
    for *_, data in tiny_graph.edges(data=True):
        assert None not in data.values()
