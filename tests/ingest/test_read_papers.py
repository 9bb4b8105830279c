"""read_papers: paths, directories, globs, forced formats, laziness, the report."""

from __future__ import annotations

import json

import pytest

from kg.errors import InputError, UnknownNameError
from kg.ingest import FORMATS, IngestReport, read_papers
from kg.ingest.registry import register_reader
from kg.ingest.records import RawPaper, make_paper
from tests.ingest.helpers import ABSTRACT, DATA, EXAMPLES, read


def test_unknown_format_lists_the_valid_ones():
    with pytest.raises(UnknownNameError, match="unknown input format 'pdf'; choose one of: arxiv-atom, arxiv-jsonl, csv, hf-daily, jsonl, listing"):
        read_papers([EXAMPLES / "papers.csv"], fmt="pdf")


@pytest.mark.parametrize("path, message", [("nope.txt", "no such file or directory"), ("nope/*.json", "the pattern matches no file")])
def test_a_path_matching_nothing_raises_before_reading(tmp_path, path, message):
    with pytest.raises(InputError, match=message):
        read_papers([EXAMPLES / "papers.csv", tmp_path / path])


def test_a_directory_without_input_files_raises(tmp_path):
    (tmp_path / "notes.py").write_text("x = 1")
    with pytest.raises(InputError, match="no input files in this directory"):
        read_papers(tmp_path)


def test_directories_recurse_sorted_skip_hidden_and_unknown_suffixes(tmp_path):
    for name in ("b/2.jsonl", "a/1.jsonl", ".hidden/3.jsonl", "a/.4.jsonl", "a/5.py"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"title": name, "abstract": ABSTRACT}))
    papers, report = read(tmp_path)
    assert [p.title for p in papers] == ["a/1.jsonl", "b/2.jsonl"] and report.files == 2


def test_globs_and_overlapping_paths_are_read_once_in_sorted_order():
    papers, report = read(DATA / "listing_c*.txt", DATA / "listing_crlf.txt", DATA / "*.csv")
    files = sorted({p.origin.rsplit("/", 1)[-1].split(":")[0] for p in papers})
    assert files == ["listing_compact.txt", "listing_crlf.txt", "papers_semicolon.csv"]
    assert report.files == 4  # plus no_title_column.csv, skipped as a whole
    assert report.duplicates == 2  # the two listings hold the same two papers


def test_whole_fixture_folder_reads_despite_every_malformed_file():
    papers, report = read(DATA)
    assert report.files == len([p for p in DATA.iterdir()]) and len(papers) == report.read > 15
    assert report.summary().startswith(f"read {report.read} papers from {report.files} files; skipped {len(report.skipped)} (")


def test_forced_format_wins_over_detection(tmp_path):
    path = tmp_path / "listing.json"  # a listing with a misleading name
    path.write_text(f"FooNet\n\n{ABSTRACT}\n")
    papers, _ = read(path, fmt="listing")
    assert [p.title for p in papers] == ["FooNet"]


def test_undetectable_file_is_skipped_and_the_rest_read(tmp_path):
    (tmp_path / "page.xml").write_text("<html></html>")
    (tmp_path / "p.csv").write_text(f"title,abstract\nFooNet,\"{ABSTRACT}\"\n")
    papers, report = read(tmp_path)
    assert len(papers) == 1 and report.by_reason() == {"unknown format": 1}


def test_reading_is_lazy_and_the_report_fills_as_papers_are_consumed():
    report = IngestReport()
    papers = read_papers(DATA / "listing_crlf.txt", report=report)
    assert (report.files, report.read) == (0, 0)
    next(papers)
    assert (report.files, report.read) == (1, 1)


def test_third_party_reader_registers_like_the_built_ins(tmp_path):
    @register_reader("one-title-per-line", "test format", extensions=(".titles",))
    def read_titles(source):
        for number, line in enumerate(source.text.splitlines(), 1):
            paper = make_paper(RawPaper(title=line), source, "one-title-per-line", line=number)
            if paper is not None:
                yield paper

    try:
        (tmp_path / "x.titles").write_text("FooNet\n\nBarNet\n")
        papers, report = read(tmp_path)
        assert [p.title for p in papers] == ["FooNet", "BarNet"] and report.skipped[0].line == 2
        assert len(report.warnings) == 2  # empty abstracts
    finally:
        del FORMATS["one-title-per-line"]


def test_forced_format_walks_directories_for_its_own_suffixes_only(tmp_path):
    (tmp_path / "p.csv").write_text(f"title,abstract\nFooNet,\"{ABSTRACT}\"\n")
    (tmp_path / "day.json").write_text("[]")
    papers, report = read(tmp_path, fmt="csv")
    assert [p.title for p in papers] == ["FooNet"] and report.files == 1
    with pytest.raises(InputError, match=r"no input files in this directory \(looked for .atom, .xml\)"):
        read_papers(tmp_path, fmt="arxiv-atom")
