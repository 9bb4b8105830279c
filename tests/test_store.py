"""kg.store: round trips, atomic writes, clear errors on corrupt files."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from kg.errors import StoreError
from kg.store import dumps, load_graph, save_graph


def test_round_trip_is_exact(tiny_graph, tmp_path):
    path = tmp_path / "g.json"
    save_graph(tiny_graph, path)
    again = load_graph(path)
    assert nx.utils.graphs_equal(again, tiny_graph)
    assert dumps(again) == path.read_text(encoding="utf-8")


def test_missing_file_is_empty_only_when_allowed(tmp_path):
    assert load_graph(tmp_path / "none.json", missing_ok=True).number_of_nodes() == 0
    with pytest.raises(StoreError, match="paperkg build"):
        load_graph(tmp_path / "none.json")


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"format": "paperkg-graph", "schema": 1, "graph": {', r"g\.json:1: corrupt graph file"),
        ('{"hello": 1}', "not a paperkg graph file"),
        ('{"format": "paperkg-graph", "schema": 99, "graph": {}}', "schema 99 is not supported"),
    ],
)
def test_corrupt_files_get_a_clear_error(tmp_path, content, message):
    path = tmp_path / "g.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(StoreError, match=message):
        load_graph(path)


def test_failed_write_leaves_the_old_file_intact(tiny_graph, tmp_path, monkeypatch):
    path = tmp_path / "g.json"
    save_graph(tiny_graph, path)
    before = path.read_bytes()
    tiny_graph.add_node("Paper:bad", label="Paper", key="bad", title=object())  # not JSON-serialisable
    with pytest.raises(TypeError):
        save_graph(tiny_graph, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["g.json"]  # no temp file left behind


def test_unicode_and_hostile_strings_survive(tiny_graph, tmp_path):
    title = "<img src=x onerror=alert(1)> \"quotes\" \\ // ; \u202e emoji 🚀 e\u0301"
    tiny_graph.nodes["Paper:2401.00003"]["title"] = title
    path = tmp_path / "g.json"
    save_graph(tiny_graph, path)
    assert load_graph(path).nodes["Paper:2401.00003"]["title"] == title
    json.loads(path.read_text(encoding="utf-8"))  # plain JSON for other tools


def test_atomic_writes_get_ordinary_permissions(tiny_graph, tmp_path):
    import os
    import stat

    umask = os.umask(0o022)
    try:
        path = tmp_path / "g.json"
        save_graph(tiny_graph, path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        path.chmod(0o640)
        save_graph(tiny_graph, path)  # replacing keeps the file's own permissions
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
    finally:
        os.umask(umask)
