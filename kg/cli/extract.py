"""`paperkg extract`: the extractor's output as JSON lines, for inspection and scoring."""

from __future__ import annotations

import click

from kg.cli.build import input_options
from kg.cli.options import quiet_option, show_progress
from kg.cli.output import report_ingest
from kg.errors import ExitCode


@click.command()
@input_options
@click.option("-o", "--output", "out", default="-", show_default=True, metavar="OUT.jsonl", help="Where to write; - is stdout.")
@quiet_option
@click.pass_context
def extract(ctx: click.Context, inputs, fmt, workers, strict, out, quiet: bool) -> None:
    """Extract methods, datasets, code links and concepts; one JSON object per paper.

    Each line is {"id", "title", "entities": [{"label", "name", "aliases",
    "relation", "sentence", "start", "end", "rule", "confidence", ...}]}.

    \b
    Examples:
      paperkg extract examples/daily_papers_listing.txt -o sample.jsonl
      paperkg eval tests/gold/sample_listing.jsonl sample.jsonl
    """
    from kg.ingest import IngestReport
    from kg.pipelines import run_pipeline

    report = IngestReport()
    result = run_pipeline("extract", paths=list(inputs), fmt=fmt, report=report, workers=workers, progress=show_progress(quiet), out=out)
    if not quiet:
        report_ingest(report)
        click.echo(f"wrote {result['written']} papers to {'stdout' if out == '-' else out}", err=True)
    if strict and report.skipped:
        ctx.exit(ExitCode.SKIPPED)


COMMANDS = [extract]
