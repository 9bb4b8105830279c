"""Build-time selections: label filters, --focus with depth, --top; and the `paperkg view` command."""

from __future__ import annotations

import json
import re

import pytest

from kg.errors import UnknownNameError

from kg.visualizations.focus import filter_labels, find_nodes, focus_subgraph, top_subgraph
from kg.visualizations.synthetic import synthetic_graph


@pytest.fixture(scope="module")
def graph():
    return synthetic_graph(200, seed=5)


def _most_used_dataset(graph):
    return max((n for n, l in graph.nodes(data="label") if l == "Dataset"), key=lambda n: (graph.degree(n), n))


def test_find_by_name_alias_title_and_id(tiny_graph):
    assert find_nodes(tiny_graph, "GRPO") == ["Method:group relative policy optimization"]
    assert find_nodes(tiny_graph, "group relative policy optimization") == ["Method:group relative policy optimization"]
    assert find_nodes(tiny_graph, "A vision paper") == ["Paper:2401.00003"]
    assert find_nodes(tiny_graph, "Dataset:coco") == ["Dataset:coco"]


def test_focus_depth_one_is_the_neighbourhood(graph):
    seed = _most_used_dataset(graph)
    sub = focus_subgraph(graph, graph.nodes[seed]["name"], depth=1)
    assert set(sub) == {seed, *graph.predecessors(seed), *graph.successors(seed)}
    assert all(sub.nodes[n] == graph.nodes[n] for n in sub)


def test_focus_depth_two_grows(graph):
    name = graph.nodes[_most_used_dataset(graph)]["name"]
    one, two = focus_subgraph(graph, name, 1), focus_subgraph(graph, name, 2)
    assert set(one) < set(two)


def test_top_keeps_entities_and_their_papers(graph):
    sub = top_subgraph(graph, 5)
    entities = [n for n, l in sub.nodes(data="label") if l != "Paper"]
    assert len(entities) == 5
    ranked = sorted((n for n, l in graph.nodes(data="label") if l != "Paper"), key=lambda n: (-graph.degree(n), n))[:5]
    assert sorted(entities) == sorted(ranked)
    assert all(any(sub.has_edge(p, e) or sub.has_edge(e, p) for e in entities) for p, l in sub.nodes(data="label") if l == "Paper")


def test_label_filters(graph):
    no_authors = filter_labels(graph, exclude=["Author"])
    assert "Author" not in {l for _, l in no_authors.nodes(data="label")}
    only = filter_labels(graph, include=["Paper", "Dataset"])
    assert {l for _, l in only.nodes(data="label")} == {"Paper", "Dataset"}


def test_unknown_label_lists_the_valid_ones(graph):
    with pytest.raises(UnknownNameError, match="choose one of: Author, Concept"):
        filter_labels(graph, exclude=["Authors"])


def test_empty_graph_renders():
    import networkx as nx

    from kg.visualizations.renderer import render_html

    assert '"nodes":[]' in render_html(nx.MultiDiGraph())


def test_view_command_writes_a_focused_page(tmp_path, run_cli, tiny_graph):
    from kg.store import save_graph

    save_graph(tiny_graph, tmp_path / "g.json")
    out = tmp_path / "v.html"
    code, _out, err = run_cli("view", "-g", tmp_path / "g.json", "-o", out, "--focus", "COCO", "-x", "author", "--title", "COCO")
    assert code == 0, err
    data = json.loads(re.search(r'id="graph-data">(.*?)</script>', out.read_text(encoding="utf-8"), re.S).group(1))
    assert sorted(n["id"] for n in data["nodes"]) == ["Dataset:coco", "Paper:2401.00001", "Paper:2401.00002"]
    assert "focus: COCO" in data["meta"]["view"]


def test_view_command_unknown_focus_fails_cleanly(tmp_path, run_cli, tiny_graph):
    from kg.store import save_graph

    save_graph(tiny_graph, tmp_path / "g.json")
    code, _out, err = run_cli("view", "-g", tmp_path / "g.json", "-o", tmp_path / "v.html", "--focus", "NoSuchThing")
    assert code == 1 and "NoSuchThing" in err and not (tmp_path / "v.html").exists()


def test_view_help_has_an_example(run_cli):
    code, out, _ = run_cli("view", "--help")
    assert code == 0 and "paperkg view --focus" in out


def test_view_command_default_matches_the_library():
    from kg.cli.view import PHYSICS_MAX_NODES
    from kg.visualizations.renderer import PHYSICS_MAX_NODES as LIBRARY

    assert PHYSICS_MAX_NODES == LIBRARY
