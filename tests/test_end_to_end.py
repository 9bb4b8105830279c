"""The whole embedded path on the real sample listing and the 1,833 real HF papers."""

from __future__ import annotations

import re

from kg.graph import paper_nodes
from kg.queries import get_query

GITHUB = re.compile(r"github\.com/([A-Za-z0-9-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?(?=[\s,;)\]}]|\.(?:\s|$)|$)")
TITLE_NAME = re.compile(r"^([A-Z][A-Za-z0-9+-]*[A-Z0-9][A-Za-z0-9+-]*):\s")  # "GradSign: Model …"


def test_sample_listing_has_69_papers(sample_graph, sample_papers):
    assert len(sample_papers) == 69
    assert len(paper_nodes(sample_graph)) == 69


def test_every_github_link_in_an_abstract_is_a_repository_of_its_paper(sample_graph, sample_papers):
    links = [(p, m) for p in sample_papers for m in GITHUB.finditer(p.abstract)]
    assert len(links) >= 10
    for paper, match in links:
        key = f"github:{match.group(1)}/{match.group(2)}".lower()
        node = f"Repository:{key}"
        assert node in sample_graph, f"{paper.id}: {match.group(0)} not extracted"
        assert sample_graph.has_edge(f"Paper:{paper.id}", node, key="HAS_CODE")
        data = sample_graph.nodes[node]
        assert (data["owner"].lower(), data["name"].lower()) == (match.group(1).lower(), match.group(2).lower())


def test_title_names_are_proposed(sample_graph, sample_papers):
    titled = [(p, TITLE_NAME.match(p.title).group(1)) for p in sample_papers if TITLE_NAME.match(p.title)]
    assert len(titled) >= 8
    missing = []
    for paper, name in titled:
        proposed = {
            sample_graph.nodes[t].get("name", "").lower()
            for _, t, k in sample_graph.out_edges(f"Paper:{paper.id}", keys=True)
            if k == "PROPOSES"
        } | {
            a.lower() for _, t, k in sample_graph.out_edges(f"Paper:{paper.id}", keys=True) if k == "PROPOSES"
            for a in sample_graph.nodes[t].get("aliases", ())
        }
        if name.lower() not in proposed:
            missing.append((paper.id, name))
    assert len(missing) <= len(titled) // 10, missing


def test_named_benchmarks_are_linked_to_their_paper(sample_graph, sample_papers):
    imagenet = [p for p in sample_papers if "ImageNet" in p.abstract]
    assert imagenet
    for paper in imagenet:
        targets = {t for _, t in sample_graph.out_edges(f"Paper:{paper.id}")}
        assert any(t.startswith("Dataset:imagenet") for t in targets), paper.title


def test_hf_corpus_builds_and_shares_real_benchmarks(hf_graph):
    assert len(paper_nodes(hf_graph)) >= 1800
    rows = get_query("shared-benchmarks").run_embedded(hf_graph).rows
    names = {r[0].lower() for r in rows}
    assert len(rows) >= 10
    assert rows[0][1] >= 5  # the most shared benchmark is used by several papers
    assert names & {"gsm8k", "math", "mmlu", "humaneval", "imagenet", "coco", "aime", "math-500", "swe-bench"}
