"""`paperkg build`, `remove` and `stats`: create, update and inspect the embedded graph."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import graph_option, output_format_option, quiet_option, show_progress
from kg.cli.output import echo_rows, report_ingest
from kg.errors import ExitCode
from kg.ingest import FORMATS


def input_options(func):
    """INPUT... plus --format, --workers, --strict: shared by build and extract."""
    func = click.option("--strict", is_flag=True, help=f"Exit with code {ExitCode.SKIPPED} when any input record was skipped.")(func)
    func = click.option("-w", "--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Extraction processes.")(func)
    func = click.option(
        "-f",
        "--format",
        "fmt",
        default=None,
        metavar="FORMAT",
        help=f"Input format ({', '.join(sorted(FORMATS))}); detected per file when omitted.",
    )(func)
    return click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")(func)


@click.command()
@input_options
@graph_option
@quiet_option
@click.pass_context
def build(ctx: click.Context, inputs, fmt, workers, strict, graph_path: Path, quiet: bool) -> None:
    """Read papers, extract entities and merge them into the graph file.

    INPUT may be files, directories or globs. Building the same input twice
    changes nothing; a paper read again has its extracted edges replaced.

    \b
    Examples:
      paperkg build examples/daily_papers_listing.txt
      paperkg build ../shared/data/hf_daily_papers_api/ --graph hf.graph.json --workers 2
    """
    from kg.ingest import IngestReport
    from kg.pipelines import run_pipeline

    report = IngestReport()
    out = run_pipeline(
        "build", paths=list(inputs), fmt=fmt, report=report, workers=workers, progress=show_progress(quiet), graph_path=graph_path
    )
    result = out["result"]
    if not quiet:
        report_ingest(report)
        s = result.summary
        click.echo(
            f"{graph_path}: {s.papers_added} papers added, {s.papers_replaced} replaced; "
            f"{s.nodes_after} nodes ({s.nodes_after - s.nodes_before:+d}), "
            f"{s.edges_after} relationships ({s.edges_after - s.edges_before:+d}) in {result.seconds:.1f}s",
            err=True,
        )
    if strict and report.skipped:
        ctx.exit(ExitCode.SKIPPED)


@click.command()
@click.argument("paper_ids", nargs=-1, required=True, metavar="PAPER_ID...")
@graph_option
@quiet_option
def remove(paper_ids, graph_path: Path, quiet: bool) -> None:
    """Remove papers, and the entities no remaining paper links to.

    \b
    Example:
      paperkg remove 2405.13729 2406.00001
    """
    from kg.build import remove_from_graph_file

    removed, graph = remove_from_graph_file(graph_path, paper_ids)
    if not quiet:
        click.echo(f"{graph_path}: removed {len(removed)} papers; {graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships left", err=True)


@click.command()
@graph_option
@output_format_option
def stats(graph_path: Path, output_format: str) -> None:
    """Count nodes per label and relationships per type.

    \b
    Example:
      paperkg stats --format json
    """
    from kg.graph import stats_rows
    from kg.store import load_graph

    echo_rows(("kind", "name", "count"), stats_rows(load_graph(graph_path)), output_format)


COMMANDS = [build, remove, stats]
