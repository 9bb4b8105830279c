"""`paperkg export FORMAT OUT`: write the graph in one of the registered formats."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import graph_option, quiet_option
from kg.export import available_exporters, export_graph


class _ExporterChoice(click.ParamType):
    """Lists the registered exporters lazily (so --help stays fast)."""

    name = "format"

    def convert(self, value, param, ctx):
        return value

    def get_metavar(self, param, ctx=None):
        return "FORMAT"


@click.command()
@click.argument("fmt", metavar="FORMAT", type=_ExporterChoice())
@click.argument("out", type=click.Path(path_type=Path), metavar="OUT")
@graph_option
@quiet_option
def export(fmt: str, out: Path, graph_path: Path, quiet: bool) -> None:
    """Export the graph. Same graph, same bytes.

    \b
    FORMAT is one of:
      json        node-link JSON (NetworkX)
      graphml     GraphML (Gephi, Cytoscape, igraph)
      cypher      a Cypher script for cypher-shell -f or Neo4j Browser
      neo4j-csv   a folder of CSV files for neo4j-admin database import
      html        the interactive page (see also `paperkg view`)

    \b
    Examples:
      paperkg export graphml graph.graphml
      paperkg export cypher graph.cypher && cypher-shell -f graph.cypher
    """
    from kg.store import load_graph

    graph = load_graph(graph_path)
    export_graph(graph, fmt, out)
    if not quiet:
        exporter = available_exporters()[fmt]
        click.echo(f"wrote {exporter.description.split(' (')[0]} to {out}", err=True)


COMMANDS = [export]
