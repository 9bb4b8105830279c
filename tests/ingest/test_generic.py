"""Generic JSON lines and CSV readers."""

from __future__ import annotations

import pytest

from tests.ingest.helpers import ABSTRACT, DATA, EXAMPLES, read, skips


def test_jsonl_key_spellings_urls_and_limits():
    papers, report = read(DATA / "generic.jsonl")
    foo, bar = papers
    assert foo.id.startswith("title-") and foo.url == "https://example.org/p17"  # P-17 is no arXiv id
    assert foo.published == "2024-05-01" and foo.authors == ("Ada Lovelace", "Alan Turing")
    assert foo.keywords == ("segmentation", "cnn") and foo.source == "jsonl"
    assert (bar.id, bar.url) == ("2405.00002", "https://arxiv.org/abs/2405.00002")  # id from the abs URL
    assert skips(report) == [
        "generic.jsonl:3: invalid title: expected text, got dict",
        "generic.jsonl:4: title too long: 1200 characters > 1000",
        "generic.jsonl:5: abstract too long: 24999 characters > 20000",
    ]


def test_semicolon_csv_with_quoted_newlines_extra_fields_and_blank_rows():
    papers, report = read(DATA / "papers_semicolon.csv")
    foo, sampling = papers
    assert (foo.id, foo.code_url, foo.published) == ("2405.00001", "https://github.com/foo/foonet", "2024-05-01")
    assert foo.authors == ("Ada Lovelace", "Alan Turing") and "\n" not in foo.abstract
    assert sampling.origin.endswith("papers_semicolon.csv:7")  # line numbers count the quoted newline
    assert sampling.authors == ("Ada Lovelace", "Alan Turing", "Grace Hopper")
    assert skips(report) == [
        "papers_semicolon.csv:5: wrong number of fields: 8 > 6 columns",
        "papers_semicolon.csv:6: missing title",
    ]


def test_csv_without_title_column_is_skipped_as_a_file():
    papers, report = read(DATA / "no_title_column.csv")
    assert papers == [] and skips(report) == ["no_title_column.csv: missing title column: header is 'name, abstract'"]


def test_example_csv():
    papers, report = read(EXAMPLES / "papers.csv")
    assert report.summary() == "read 6 papers from 1 file"
    assert all(p.url == f"https://arxiv.org/abs/{p.id}" and p.published for p in papers)


@pytest.mark.parametrize("suffix, delimiter", [(".tsv", "\t"), (".csv", "|"), (".csv", "\t")])
def test_other_delimiters(tmp_path, suffix, delimiter):
    path = tmp_path / f"p{suffix}"
    path.write_text(delimiter.join(["title", "abstract"]) + "\n" + delimiter.join(["FooNet", ABSTRACT]) + "\n")
    papers, report = read(path)
    assert [p.title for p in papers] == ["FooNet"] and papers[0].abstract == ABSTRACT


def test_json_array_of_generic_records(tmp_path):
    path = tmp_path / "papers.json"
    path.write_text('[{"title": "FooNet", "abstract": "x"}, {"title": "BarNet", "abstract": "y"}]')
    papers, _ = read(path)
    assert [(p.title, p.source, p.origin.rsplit("/", 1)[-1]) for p in papers] == [
        ("FooNet", "jsonl", "papers.json#0"),
        ("BarNet", "jsonl", "papers.json#1"),
    ]
