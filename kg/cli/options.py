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
