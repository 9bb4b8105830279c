"""`paperkg query NAME …`: the named queries, on the embedded graph or on Neo4j.

One subcommand per registered query (:mod:`kg.queries`), built from its
parameters: required ones are arguments, the others options.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from kg.cli.options import connection_options, graph_option, neo4j_settings, output_format_option
from kg.cli.output import echo_rows
from kg.queries import NamedQuery, QueryResult, available_queries


def run_query(query: NamedQuery, backend: str, graph_path: Path, params: dict[str, Any], settings: Any = None) -> QueryResult:
    """Run ``query`` on the chosen backend (the CLI's one call into the library)."""
    if backend == "neo4j":
        from kg.neo4j.run import run_named_query

        return run_named_query(settings, query.name, params)
    from kg.store import load_graph

    return query.run_embedded(load_graph(graph_path), **params)


def _command_for(query: NamedQuery) -> click.Command:
    def callback(backend: str, graph_path: Path, output_format: str, uri: str | None, username: str | None,
                 database: str | None, **params: Any) -> None:
        settings = neo4j_settings(uri, username, database) if backend == "neo4j" else None
        result = run_query(query, backend, graph_path, {k: v for k, v in params.items() if v is not None}, settings)
        echo_rows(result.columns, result.rows, output_format)

    first = next((p.name for p in query.params if p.required), None)
    example = f"paperkg query {query.name}" + (f" <{first.upper()}>" if first else "")
    command = click.Command(
        query.name,
        callback=callback,
        help=f"{query.description}\n\nColumns: {', '.join(query.columns)}.\n\n\b\nExample:\n  {example}\n  {example} --backend neo4j --format json",
        short_help=query.description,
    )
    for param in reversed(query.params):
        if param.required:
            command.params.insert(0, click.Argument([param.name], type=param.type))
        else:
            command.params.append(
                click.Option([f"--{param.name.replace('_', '-')}", param.name], type=param.type, default=param.default, show_default=True)
            )
    graph_option(command)
    connection_options(command)
    output_format_option(command)
    click.option(
        "--backend", type=click.Choice(["embedded", "neo4j"]), default="embedded", show_default=True,
        help="The embedded graph file, or the Neo4j server named by NEO4J_URI.",
    )(command)
    return command


@click.group()
def query() -> None:
    """Run a named query (the same queries exist as Cypher in queries/*.cypher).

    \b
    Examples:
      paperkg query shared-benchmarks --min-papers 3
      paperkg query papers-for COCO --format csv
      paperkg query related 2405.13729
    """


for _query in available_queries().values():
    query.add_command(_command_for(_query))

COMMANDS = [query]
