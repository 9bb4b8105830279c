"""The Daily Papers listing reader: header handling, pairing, robustness."""

from __future__ import annotations

from tests.ingest.helpers import ABSTRACT, DATA, read, skips

FOONET, BARBENCH = "FooNet: Fast Segmentation", "BarBench: Broad Evaluation of LLMs"


def test_crlf_stray_spaces_no_header_and_no_final_newline():
    papers, report = read(DATA / "listing_crlf.txt")
    assert [p.title for p in papers] == [FOONET, BARBENCH]
    assert papers[1].abstract.startswith("Large language models") and papers[1].abstract.endswith("harness.")
    assert [p.origin.rsplit("/", 1)[-1] for p in papers] == ["listing_crlf.txt:1", "listing_crlf.txt:6"]
    assert (report.skipped, report.warnings) == ([], [])


def test_title_and_abstract_on_consecutive_lines_are_split():
    papers, _ = read(DATA / "listing_compact.txt")
    assert [p.title for p in papers] == [FOONET, BARBENCH]
    assert all(p.source == "listing" and p.id.startswith("title-") and p.url is None for p in papers)


def test_messy_listing_reports_orphans_and_unknown_header_and_keeps_the_rest():
    papers, report = read(DATA / "listing_messy.txt")
    assert [p.title for p in papers][:2] == [FOONET, BARBENCH]
    assert skips(report) == [
        "listing_messy.txt:19: missing abstract",
        "listing_messy.txt:25: missing title: abstract-like paragraph without a title",
    ]
    assert len(report.warnings) == 1 and "listing_messy.txt:11: unrecognised header line" in report.warnings[0]
    assert report.by_reason() == {"missing abstract": 1, "missing title": 1}


def test_hostile_title_is_kept_verbatim():
    papers, _ = read(DATA / "listing_messy.txt")
    assert papers[-1].title == "<img src=x onerror=alert(1)> & \"DROP TABLE\"; Robert'); MATCH (n) DETACH DELETE n //"


def test_short_abstracts_still_pair_by_position(tmp_path):
    path = tmp_path / "short.txt"
    path.write_text("Daily Papers\n\nTitle One\n\nA short abstract.\n\nTitle Two\n\nAnother short one.\n", encoding="utf-8")
    papers, report = read(path)
    assert [(p.title, p.abstract) for p in papers] == [("Title One", "A short abstract."), ("Title Two", "Another short one.")]
    assert report.skipped == []


def test_concatenated_listings_drop_repeated_headers(tmp_path):
    one = f"new\n\nDaily Papers\n\nAug 5\n\nFooNet\n\n{ABSTRACT}\n"
    path = tmp_path / "two_days.txt"
    path.write_text(one + "\n" + one.replace("Aug 5", "Aug 6").replace("FooNet\n", "BarNet\n"), encoding="utf-8")
    papers, report = read(path)
    assert [p.title for p in papers] == ["FooNet", "BarNet"]
    assert report.warnings == []


def test_title_at_end_of_file_without_abstract_is_skipped(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_text(f"FooNet\n\n{ABSTRACT}\n\nA Title Cut Off", encoding="utf-8")
    papers, report = read(path)
    assert [p.title for p in papers] == ["FooNet"]
    assert skips(report) == ["cut.txt:5: missing abstract"]


def test_every_real_hf_paper_round_trips_through_a_listing(hf_dir, tmp_path):
    from kg.ingest import read_papers

    papers = list(read_papers(hf_dir))
    header = "new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\nbyAK and the research community\n\nAug 5\n\n"
    (tmp_path / "all.txt").write_text(header + "".join(f"{p.title}\n\n{p.abstract}\n\n" for p in papers), encoding="utf-8")
    listed, report = read(tmp_path / "all.txt")
    assert [(p.title, p.abstract) for p in listed] == [(p.title, p.abstract) for p in papers]
    assert (report.skipped, report.warnings) == ([], [])
