"""Printing results: readable tables, JSON or CSV on stdout; reports on stderr."""

from __future__ import annotations

import csv
import json
import sys
from typing import Any, Iterable, Sequence

import click

MAX_LISTED_SKIPS = 20


def _cell(value: Any, width: int | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        text = ", ".join(map(str, value))
    elif isinstance(value, float):
        text = f"{value:g}"
    else:
        text = str(value)
    text = " ".join(text.split())
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def format_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int = 60) -> str:
    """A plain-text table; long cells are cut to ``max_width`` characters."""
    cells = [[_cell(v, max_width) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in cells]
    return "\n".join(lines)


def echo_rows(columns: Sequence[str], rows: Iterable[Sequence[Any]], output_format: str) -> None:
    """Print rows in the chosen format: table, json (a list of objects) or csv."""
    rows = list(rows)
    if output_format == "json":
        click.echo(json.dumps([dict(zip(columns, r)) for r in rows], ensure_ascii=False, indent=2))
    elif output_format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_cell(v) if isinstance(v, list) else v for v in r] for r in rows])
    elif rows:
        click.echo(format_table(columns, rows))
    else:
        click.echo("(no rows)", err=True)


def report_ingest(report) -> None:
    """The ingest summary and each skipped record (file:line: reason) on stderr."""
    for skipped in report.skipped[:MAX_LISTED_SKIPS]:
        click.echo(f"skipped {skipped}", err=True)
    if len(report.skipped) > MAX_LISTED_SKIPS:
        click.echo(f"… and {len(report.skipped) - MAX_LISTED_SKIPS} more skipped records", err=True)
    for warning in report.warnings[:MAX_LISTED_SKIPS]:
        click.echo(f"warning: {warning}", err=True)
    click.echo(report.summary(), err=True)
