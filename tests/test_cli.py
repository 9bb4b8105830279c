"""The `paperkg` command line, driven in-process on real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest

from kg.cli import cli
from kg.errors import ExitCode
from kg.graph import paper_nodes
from kg.store import load_graph, save_graph

SAMPLE_LISTING = Path(__file__).resolve().parent.parent / "examples" / "daily_papers_listing.txt"


def _all_commands(group: click.Group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from _all_commands(command, prefix + (name,))


ALL_COMMANDS = list(_all_commands(cli))


@pytest.mark.parametrize("path", [p for p, _ in ALL_COMMANDS], ids=" ".join)
def test_every_command_has_help_with_an_example(run_cli, path):
    code, out, _ = run_cli(*path, "--help")
    assert code == 0
    assert "Example" in out, f"`paperkg {' '.join(path)} --help` shows no example"


def test_build_stats_query_export_remove(run_cli, tmp_path):
    graph = tmp_path / "g.json"
    code, _, err = run_cli("build", SAMPLE_LISTING, "--graph", graph)
    assert code == 0, err
    assert "read 69 papers from 1 file" in err
    code, out, _ = run_cli("stats", "--graph", graph, "--format", "json")
    counts = {(r["kind"], r["name"]): r["count"] for r in json.loads(out)}
    assert counts["node", "Paper"] == 69

    before = graph.read_bytes()
    code, _, err = run_cli("build", SAMPLE_LISTING, "--graph", graph)
    assert code == 0 and "0 papers added, 69 replaced" in err
    assert graph.read_bytes() == before  # building twice changes nothing

    paper_id = paper_nodes(load_graph(graph))[0].split(":", 1)[1]
    code, out, _ = run_cli("query", "paper", paper_id, "--graph", graph, "--format", "csv")
    assert code == 0 and out.startswith("relation,label,entity,evidence,rule,confidence")

    code, _, _ = run_cli("export", "graphml", tmp_path / "g.graphml", "--graph", graph)
    assert code == 0 and (tmp_path / "g.graphml").stat().st_size > 0

    code, _, err = run_cli("remove", paper_id, "--graph", graph)
    assert code == 0
    assert f"Paper:{paper_id}" not in load_graph(graph)


def test_graph_path_from_environment(run_cli, tmp_path, monkeypatch, tiny_graph):
    path = tmp_path / "env.graph.json"
    save_graph(tiny_graph, path)
    monkeypatch.setenv("PAPERKG_GRAPH", str(path))
    code, out, _ = run_cli("query", "shared-benchmarks", "--format", "json")
    assert code == 0
    assert [r["dataset"] for r in json.loads(out)] == ["COCO", "ImageNet"]


@pytest.mark.parametrize(
    "args, code, message",
    [
        (("stats", "--graph", "{tmp}/missing.json"), ExitCode.ERROR, "no graph file here"),
        (("export", "gexf", "{tmp}/x", "--graph", "{graph}"), ExitCode.ERROR, "unknown export format 'gexf'; choose one of:"),
        (("query", "top", "Widget", "--graph", "{graph}"), ExitCode.ERROR, "unknown label 'Widget'"),
        (("query", "paper", "0000.00000", "--graph", "{graph}"), ExitCode.ERROR, "no paper '0000.00000'"),
        (("build", "{tmp}/nothing-here/*.json", "--graph", "{tmp}/g.json"), ExitCode.ERROR, "nothing-here"),
        (("remove", "0000.00000", "--graph", "{graph}"), ExitCode.ERROR, "no such paper"),
        (("query", "nope"), ExitCode.USAGE, "No such command 'nope'"),
    ],
)
def test_errors_are_one_clear_line_with_a_meaningful_exit_code(run_cli, tmp_path, tiny_graph, args, code, message):
    save_graph(tiny_graph, tmp_path / "tiny.json")
    args = [a.format(tmp=tmp_path, graph=tmp_path / "tiny.json") for a in args]
    got, out, err = run_cli(*args)
    assert got == code
    assert message in err
    assert "Traceback" not in err


def test_corrupt_graph_is_reported_and_left_untouched(run_cli, tmp_path):
    graph = tmp_path / "g.json"
    graph.write_text('{"format": "paperkg-graph", "schema": 1, "graph": {"nodes": [', encoding="utf-8")
    before = graph.read_bytes()
    code, _, err = run_cli("build", SAMPLE_LISTING, "--graph", graph)
    assert code == ExitCode.ERROR and "corrupt graph file" in err
    assert graph.read_bytes() == before


def test_strict_turns_skipped_records_into_exit_code_3(run_cli, tmp_path):
    bad = tmp_path / "papers.jsonl"
    bad.write_text('{"title": "A paper", "abstract": "We study things."}\n{not json\n', encoding="utf-8")
    code, _, err = run_cli("build", bad, "--graph", tmp_path / "g.json")
    assert code == 0 and "papers.jsonl:2" in err and "skipped 1" in err
    code, _, _ = run_cli("build", bad, "--graph", tmp_path / "g.json", "--strict")
    assert code == ExitCode.SKIPPED


def test_extract_writes_the_contract(run_cli, tmp_path):
    out = tmp_path / "x.jsonl"
    code, _, err = run_cli("extract", SAMPLE_LISTING, "-o", out)
    assert code == 0, err
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 69
    entity = next(e for line in lines for e in line["entities"])
    assert {"label", "name", "aliases", "relation", "sentence", "start", "end", "rule", "confidence"} <= set(entity)


def test_console_script_and_module_entry_points():
    result = subprocess.run([sys.executable, "-m", "kg", "--version"], capture_output=True, text=True, check=True)
    assert result.stdout.startswith("paperkg, version")
