"""Option sets shared by several commands, as decorators (the sqlite-utils habit)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

import click

#: Where the embedded graph lives unless ``--graph`` or ``PAPERKG_GRAPH`` says otherwise.
DEFAULT_GRAPH = "paperkg.graph.json"

F = Callable[..., Any]


def graph_option(func: F) -> F:
    return click.option(
        "-g",
        "--graph",
        "graph_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=DEFAULT_GRAPH,
        envvar="PAPERKG_GRAPH",
        show_default=True,
        show_envvar=True,
        help="The embedded graph file.",
    )(func)


def quiet_option(func: F) -> F:
    return click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary on stderr.")(func)


def output_format_option(func: F) -> F:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(["table", "json", "csv"]),
        default="table",
        show_default=True,
        help="Output as a readable table, JSON or CSV.",
    )(func)


def show_progress(quiet: bool) -> bool:
    """Progress bars go to stderr, and only when it is a terminal and not ``--quiet``."""
    return not quiet and sys.stderr.isatty()


def connection_options(func: F) -> F:
    """--uri / --username / --database (NEO4J_* environment variables are the defaults)."""
    func = click.option("--database", "-d", default=None, metavar="NAME", help="Database name [env NEO4J_DATABASE, default neo4j].")(func)
    func = click.option("--username", "-u", default=None, metavar="USER", help="User name [env NEO4J_USERNAME, default neo4j].")(func)
    func = click.option(
        "--uri", "-a", default=None, metavar="URI",
        help="Bolt URI [env NEO4J_URI; default: the server of `paperkg neo4j start` if it runs, else bolt://localhost:7687].",
    )(func)
    return func


def neo4j_settings(uri: str | None, username: str | None, database: str | None):
    """Connection settings: options first, then NEO4J_* variables (the password only from NEO4J_PASSWORD)."""
    from kg.neo4j.connection import Neo4jSettings

    return Neo4jSettings.from_env(uri=uri, username=username, database=database)
