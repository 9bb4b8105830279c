"""JSON layouts: arrays, wrappers, JSON lines, and broken ones."""

from __future__ import annotations

import json

import pytest

from tests.ingest.helpers import read, skips

GOOD = {"title": "FooNet", "abstract": "An abstract."}


@pytest.mark.parametrize(
    "text, origins, skipped",
    [
        ('{"title": "broken\n' + json.dumps(GOOD) + "\n", ["x.jsonl:2"], ["x.jsonl:1: invalid JSON: Unterminated string starting at (column 11)"]),
        ("\n" + json.dumps(GOOD, indent=2), ["x.jsonl:2"], []),  # one pretty-printed object
        (json.dumps({"data": [GOOD, GOOD]}), ["x.jsonl#0", "x.jsonl#1"], []),
        ("[" + json.dumps(GOOD) + ",", [], ["x.jsonl:1: invalid JSON: Expecting value (column 50); file not read"]),
        ("42", [], ["x.jsonl:1: invalid JSON: expected an array of records, got int"]),
        ("\n\n" + json.dumps(GOOD) + "\n\n\n" + json.dumps(GOOD), ["x.jsonl:3", "x.jsonl:6"], []),
    ],
)
def test_layouts(tmp_path, text, origins, skipped):
    (tmp_path / "x.jsonl").write_text(text, encoding="utf-8")
    papers, report = read(tmp_path / "x.jsonl", fmt="jsonl")
    assert [p.origin.rsplit("/", 1)[-1] for p in papers] == origins
    assert skips(report) == skipped


def test_deeply_nested_json_is_one_skipped_file(tmp_path):
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "ok.jsonl").write_text(json.dumps(GOOD))
    papers, report = read(tmp_path, fmt="jsonl")
    assert len(papers) == 1 and report.by_reason() == {"unreadable file": 1}
