"""docs/input-formats.md documents every format and every skip reason."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import FORMATS
from tests.ingest.helpers import DATA, read

DOC = (Path(__file__).resolve().parents[2] / "docs" / "input-formats.md").read_text(encoding="utf-8")


def test_every_format_has_a_section():
    assert [name for name in FORMATS if f"### `{name}`" not in DOC] == []


def test_every_skip_reason_the_fixtures_produce_is_in_the_table():
    _, report = read(DATA)
    assert report.by_reason()  # the fixtures do exercise skipping
    assert [reason for reason in report.by_reason() if f"| `{reason}`" not in DOC and f"/ `{reason}`" not in DOC] == []

