"""The shared sample corpora read completely and cleanly."""

from pathlib import Path

import pytest

from kg.ingest import IngestReport, read_papers

DATA = Path("/work/shared/data")


@pytest.mark.skipif(not DATA.exists(), reason="shared data folder not on this machine")
def test_hf_daily_folder_reads_all_1833_papers():
    report = IngestReport()
    papers = list(read_papers([DATA / "hf_daily_papers_api"], report=report))
    assert (report.read, report.files, report.skipped) == (1833, 112, [])
    assert all(p.source == "hf-daily" and p.url == f"https://arxiv.org/abs/{p.id}" for p in papers)


@pytest.mark.skipif(not DATA.exists(), reason="shared data folder not on this machine")
def test_listing_reads_all_69_papers_without_the_header():
    report = IngestReport()
    papers = list(read_papers(DATA / "daily_papers_listing.txt", report=report))
    assert (report.read, report.skipped, report.warnings) == (69, [], [])
    assert papers[0].title == "GradSign: Model Performance Inference with Theoretical Insights"
    assert papers[0].origin.endswith("daily_papers_listing.txt:13")
