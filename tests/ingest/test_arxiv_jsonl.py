"""The arXiv metadata snapshot (JSON lines) reader."""

from __future__ import annotations

from tests.ingest.helpers import DATA, EXAMPLES, read, skips


def test_snapshot_fields_and_bad_lines():
    papers, report = read(DATA / "snapshot.jsonl")
    new, old = papers
    assert new.id == "0704.0001" and new.title == "FooNet: Fast Segmentation"
    assert new.published == "2007-04-02"  # version 1, not update_date
    assert new.authors == ("Ada Lovelace", "Alan Turing", "Grace Hopper Jr")  # from authors_parsed
    assert new.categories == ("cs.CV", "cs.LG") and new.source == "arxiv-jsonl"
    assert "\n" not in new.abstract and new.abstract.startswith("We propose FooNet")
    assert (old.id, old.url) == ("hep-th/9901001", "https://arxiv.org/abs/hep-th/9901001")
    assert old.published == "2007-05-23" and old.authors == ("Ada Lovelace", "Alan Turing", "Grace Hopper")
    assert skips(report) == [
        "snapshot.jsonl:2: invalid JSON: Unterminated string starting at (column 30)",
        "snapshot.jsonl:3: missing title",
        "snapshot.jsonl:6: not a JSON object: got list",
    ]


def test_example_snapshot():
    papers, report = read(EXAMPLES / "arxiv_sample.jsonl")
    assert report.summary() == "read 6 papers from 1 file"
    assert papers[0].id == "2408.16245" and papers[0].title.endswith("Peptide-Nucleotide Interactions")
