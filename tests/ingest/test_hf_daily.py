"""The Hugging Face api/daily_papers reader."""

from __future__ import annotations

import json

import pytest

from kg.ingest import IngestReport, read_papers
from tests.ingest.helpers import ABSTRACT, DATA, read, skips


def test_fields_come_from_paper_then_from_the_item():
    papers, report = read(DATA / "hf_mixed.json")
    foo, bar, sampling = papers
    assert foo.id == "2405.00001" and foo.title == "FooNet: Fast Segmentation"  # newline + indent collapsed
    assert foo.published == "2024-05-01"  # paper.publishedAt wins over the item's (listing day)
    assert foo.authors == ("Ada Lovelace", "Alan Turing")
    assert foo.code_url == "https://github.com/foo/foonet"
    assert foo.keywords == ("semantic segmentation", "FooNet")
    assert foo.url == "https://arxiv.org/abs/2405.00001" and foo.source == "hf-daily"
    assert foo.origin.endswith("hf_mixed.json#0")
    assert (bar.id, bar.authors, bar.code_url) == ("2405.00002", ("Grace Hopper",), "https://github.com/bar/bench")
    assert sampling.published is None
    assert skips(report) == ["hf_mixed.json (item 2): missing title", "hf_mixed.json (item 3): not a JSON object: got str"]
    assert report.warnings == [f"{DATA / 'hf_mixed.json'}#4: unreadable date 'yesterday' ignored"]


def test_truncated_file_is_one_skipped_record_with_its_line():
    papers, report = read(DATA / "hf_truncated.json")
    assert papers == []
    assert len(report.skipped) == 1 and report.skipped[0].line == 35
    assert report.skipped[0].reason.startswith("invalid JSON: Unterminated string")


def test_wrapped_response_and_json_lines_are_accepted(tmp_path):
    item = {"paper": {"id": "2405.00001", "title": "FooNet", "summary": ABSTRACT}}
    (tmp_path / "wrapped.json").write_text(json.dumps({"papers": [item]}), encoding="utf-8")
    (tmp_path / "lines.json").write_text(json.dumps(item) + "\n" + json.dumps(item) + "\n", encoding="utf-8")
    papers, report = read(tmp_path, fmt="hf-daily")
    assert [p.origin.rsplit("/", 1)[-1] for p in papers] == ["lines.json:1", "lines.json:2", "wrapped.json#0"]
    assert report.duplicates == 2


def test_real_folder_reads_every_paper(hf_dir):
    report = IngestReport()
    papers = list(read_papers([hf_dir], report=report))
    assert (report.read, report.files, report.skipped, report.duplicates) == (1833, 112, [], 0)
    assert report.summary() == "read 1833 papers from 112 files"
    assert sum(1 for p in papers if p.code_url) > 300
    assert all(p.published and len(p.published) == 10 for p in papers)


@pytest.mark.parametrize("authors", [None, "Ada", [{"nom": "x"}, 3]])
def test_odd_author_values_give_no_authors_but_keep_the_paper(tmp_path, authors):
    (tmp_path / "a.json").write_text(json.dumps([{"paper": {"title": "T", "summary": ABSTRACT, "authors": authors}}]))
    papers, report = read(tmp_path / "a.json")
    assert papers[0].authors == () and report.skipped == []
