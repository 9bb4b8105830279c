"""`paperkg eval`: score an extract output against hand annotations (kg.evaluate)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.cli.options import quiet_option


@click.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("predictions", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--papers", "papers", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Extract these inputs now instead of reading PREDICTIONS (repeatable).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1), help="Extraction processes with --papers.")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="A readable table with every miss and false hit, or JSON.")
@click.option("--errors/--no-errors", default=True, show_default=True, help="List every miss and false hit.")
@quiet_option
def eval_command(gold: Path, predictions: Path | None, papers: tuple[Path, ...], workers: int,
                 output_format: str, errors: bool, quiet: bool) -> None:
    """Score extraction against GOLD.jsonl: P/R/F1 per category (repos, proposed,
    methods, datasets, concepts), alias-aware, and every miss and false hit.

    \b
    Examples:
      paperkg extract examples/daily_papers_listing.txt -o out.jsonl
      paperkg eval tests/gold/sample_listing.jsonl out.jsonl
      paperkg eval tests/gold/hf_dev.jsonl --papers tests/gold/hf_dev_papers.json --no-errors
    """
    from kg.evaluate import evaluate_files, evaluate_papers

    if (predictions is None) == (not papers):
        raise click.UsageError("give either PREDICTIONS (an extract output) or --papers INPUT, not both")
    report = evaluate_files(gold, predictions) if predictions else evaluate_papers(gold, papers, workers=workers)
    if output_format == "json":
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, sort_keys=True))
    else:
        click.echo(report.table(errors=errors))


COMMANDS = [eval_command]
