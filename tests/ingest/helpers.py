"""Helpers shared by the ingest tests (no fixtures: plain functions and paths)."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import IngestReport, read_papers
from kg.model import Paper

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def read(*paths: str | Path, fmt: str | None = None) -> tuple[list[Paper], IngestReport]:
    """All papers of ``paths`` and the report of the run."""
    report = IngestReport()
    papers = list(read_papers(list(paths), fmt=fmt, report=report))
    return papers, report


def skips(report: IngestReport) -> list[str]:
    """The skipped records as ``file-name[:line] reason`` strings (directory left out)."""
    return [str(s).rsplit("/", 1)[-1] for s in report.skipped]


ABSTRACT = (
    "We propose FooNet, a convolutional network for semantic segmentation. FooNet is trained on ImageNet "
    "and evaluated on ADE20K, where it reaches 52.1 mIoU. Code is at https://github.com/foo/foonet."
)
