"""Format detection from content first, name second."""

from __future__ import annotations

import gzip
import json

import pytest

from kg.errors import InputError
from kg.ingest import detect_format
from tests.ingest.helpers import ABSTRACT, DATA, EXAMPLES

HF_ITEM = {"paper": {"id": "2405.00001", "title": "T", "summary": "S"}, "publishedAt": "2024-05-01T00:00:00Z"}
SNAPSHOT = {"id": "0704.0001", "title": "T", "abstract": "A", "update_date": "2008-11-13"}


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("listing.txt", f"Daily Papers\n\nFooNet\n\n{ABSTRACT}\n", "listing"),
        ("listing", f"FooNet\n\n{ABSTRACT}\n", "listing"),
        ("day.json", json.dumps([HF_ITEM]), "hf-daily"),
        ("day.jsonl", json.dumps(HF_ITEM) + "\n", "hf-daily"),
        ("snap.json", json.dumps(SNAPSHOT) + "\n", "arxiv-jsonl"),
        ("snap.jsonl", json.dumps(SNAPSHOT) + "\n", "arxiv-jsonl"),
        ("mine.jsonl", '{"title": "T", "abstract": "A"}\n', "jsonl"),
        ("mine.json", '[{"title": "T", "abstract": "A"}]', "jsonl"),
        ("mine.txt", '  {"title": "T", "abstract": "A"}\n', "jsonl"),  # content beats the name
        ("feed.xml", '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', "arxiv-atom"),
        ("feed.txt", '<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "arxiv-atom"),
        ("p.csv", "id,title,abstract\n1,T,A\n", "csv"),
        ("p.tsv", "a\tb\n", "csv"),
        ("p.txt", "Title;Abstract\nT;A\n", "csv"),
    ],
)
def test_detects(tmp_path, name, content, expected):
    (tmp_path / name).write_text(content, encoding="utf-8")
    assert detect_format(tmp_path / name) == expected


def test_gzip_is_looked_through(tmp_path):
    path = tmp_path / "snap.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps(SNAPSHOT) + "\n").encode()))
    assert detect_format(path) == "arxiv-jsonl"


@pytest.mark.parametrize("name, content", [("page.html", "<html><body>hi</body></html>"), ("notes.py", "x = 1\n"), ("e.txt", "")])
def test_undetectable_files_raise_with_the_valid_formats(tmp_path, name, content):
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=r"cannot tell the input format; use --format \(arxiv-atom, arxiv-jsonl, csv"):
        detect_format(tmp_path / name)


def test_shipped_examples_and_fixtures_detect_as_their_format():
    assert detect_format(EXAMPLES / "arxiv_sample.atom.xml") == "arxiv-atom"
    assert detect_format(EXAMPLES / "arxiv_sample.jsonl") == "arxiv-jsonl"
    assert detect_format(EXAMPLES / "papers.csv") == "csv"
    assert detect_format(DATA / "hf_mixed.json") == "hf-daily"
    assert detect_format(DATA / "listing_crlf.txt") == "listing"


def test_missing_file_names_the_file(tmp_path):
    with pytest.raises(InputError, match="nope.json: unreadable file: No such file or directory"):
        detect_format(tmp_path / "nope.json")
