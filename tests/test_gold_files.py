"""The hand-annotated development set stays consistent with the readers' paper ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.ingest import IngestReport, read_papers

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
CATEGORIES = ("repos", "proposed", "methods", "datasets", "concepts", "code_promised")


@pytest.mark.parametrize(
    "gold, source",
    [("sample_listing.jsonl", ROOT / "examples" / "daily_papers_listing.txt"), ("hf_dev.jsonl", GOLD / "hf_dev_papers.json")],
)
def test_gold_ids_are_the_ids_the_reader_gives(gold, source):
    rows = [json.loads(line) for line in (GOLD / gold).read_text(encoding="utf-8").splitlines()]
    papers = list(read_papers([source], report=IngestReport()))
    assert [r["id"] for r in rows] == sorted(p.id for p in papers)
    assert all(set(CATEGORIES) <= set(r) for r in rows)
