"""kg.export.json_graph and kg.export.graphml: deterministic bytes that other tools read back."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from kg.errors import UnknownNameError
from kg.export import available_exporters, export_graph, get_exporter
from kg.export.graphml import generate_graphml, read_graphml
from kg.export.json_graph import generate_json


def test_json_reads_back_into_networkx(tiny_graph):
    data = json.loads(generate_json(tiny_graph))
    again = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    assert nx.utils.graphs_equal(nx.MultiDiGraph(again), tiny_graph)


def test_graphml_round_trips_through_networkx(tiny_graph, tmp_path):
    path = tmp_path / "g.graphml"
    export_graph(tiny_graph, "graphml", path)
    again = read_graphml(path)
    assert sorted(again.nodes) == sorted(tiny_graph.nodes)
    assert sorted(again.edges(keys=True)) == sorted(tiny_graph.edges(keys=True))
    assert again.nodes["Method:group relative policy optimization"]["aliases"] == ["GRPO"]
    assert again.nodes["Paper:2401.00001"]["authors"] == ["Ada Lovelace", "Alan Turing"]
    assert again.edges["Paper:2401.00001", "Dataset:coco", "EVALUATES_ON"]["value"] == 50.1


def test_graphml_reads_in_igraph_with_names_as_labels(tiny_graph, tmp_path):
    igraph = pytest.importorskip("igraph")
    path = tmp_path / "g.graphml"
    export_graph(tiny_graph, "graphml", path)
    g = igraph.Graph.Read_GraphML(str(path))
    assert (g.vcount(), g.ecount()) == (tiny_graph.number_of_nodes(), tiny_graph.number_of_edges())
    labels = dict(zip(g.vs["id"], g.vs["label"]))
    assert labels["Method:group relative policy optimization"] == "Group Relative Policy Optimization"
    assert set(g.vs["type"]) == {"Paper", "Method", "Dataset", "Repository", "Concept", "Author"}


@pytest.mark.parametrize("generate", [generate_json, generate_graphml])
def test_same_graph_same_bytes_whatever_the_insertion_order(tiny_graph, generate):
    shuffled = nx.MultiDiGraph()
    shuffled.graph.update(tiny_graph.graph)
    shuffled.add_nodes_from(reversed(list(tiny_graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(tiny_graph.edges(keys=True, data=True))))
    assert generate(shuffled) == generate(tiny_graph)


def test_hostile_strings_are_escaped_in_graphml(tiny_graph, tmp_path):
    title = '</data><node id="evil"/> & "quotes" \u202e 🚀'
    tiny_graph.nodes["Paper:2401.00003"]["title"] = title
    path = tmp_path / "g.graphml"
    export_graph(tiny_graph, "graphml", path)
    assert read_graphml(path).nodes["Paper:2401.00003"]["title"] == title


def test_unknown_format_lists_the_valid_ones():
    with pytest.raises(UnknownNameError) as info:
        get_exporter("gexf")
    assert "graphml" in str(info.value) and "json" in str(info.value)


def test_registry_has_the_builtin_formats():
    assert {"json", "graphml"} <= set(available_exporters())
