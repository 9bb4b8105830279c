"""`paperkg push`, `paperkg cypher` and `paperkg neo4j start|stop|status|fetch|password`.

Thin commands over :mod:`kg.neo4j`. Connection settings come from NEO4J_URI, NEO4J_USERNAME,
NEO4J_PASSWORD and NEO4J_DATABASE (options override all but the password, which is only read
from the environment or typed at a hidden prompt, never echoed).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import click

from kg.cli.options import connection_options, graph_option, neo4j_settings, output_format_option, quiet_option, show_progress
from kg.neo4j.cypher import DEFAULT_BATCH_SIZE

F = Callable[..., Any]


# -- push ---------------------------------------------------------------------------------------------------------


@click.command()
@graph_option
@connection_options
@click.option("--batch-size", type=click.IntRange(1), default=DEFAULT_BATCH_SIZE, show_default=True, help="Rows per UNWIND transaction.")
@click.option("--wipe", is_flag=True, help="Delete everything in the database before pushing.")
@quiet_option
def push(graph_path: Path, uri: str | None, username: str | None, database: str | None, batch_size: int, wipe: bool, quiet: bool) -> None:
    """Write the embedded graph to Neo4j (idempotent: pushing twice changes nothing).

    \b
    Example:
      paperkg neo4j start --password 'my-secret-pw'   # or use your own server
      NEO4J_PASSWORD='my-secret-pw' paperkg push --graph paperkg.graph.json
    """
    from kg.neo4j.push import push_graph
    from kg.store import load_graph

    graph = load_graph(graph_path)
    with _progress_bar(not show_progress(quiet)) as advance:
        summary = push_graph(graph, neo4j_settings(uri, username, database), batch_size=batch_size, wipe=wipe, progress=advance)
    if not quiet:
        click.echo(str(summary), err=True)


class _progress_bar:
    """A tqdm bar on stderr driven by push_graph's ``progress(n, total)`` callback."""

    def __init__(self, disabled: bool):
        self.disabled, self.bar = disabled, None

    def __enter__(self) -> Callable[[int, int], None]:
        return self.advance

    def advance(self, n: int, total: int) -> None:
        if self.disabled:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="row", desc="push", leave=False)
        self.bar.update(n)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


# -- cypher -------------------------------------------------------------------------------------------------------


def _parse_param(text: str) -> tuple[str, Any]:
    """``NAME=text`` is a string; ``NAME:=json`` is a JSON value (number, list, map, true, null)."""
    name, sep, raw = text.partition("=")
    is_json = name.endswith(":")
    name = name[:-1] if is_json else name
    if not sep or not name.strip():
        raise click.BadParameter(f"{text!r}: expected NAME=TEXT or NAME:=JSON", param_hint="--param")
    if not is_json:
        return name.strip(), raw
    try:
        return name.strip(), json.loads(raw)
    except json.JSONDecodeError as exc:
        raise click.BadParameter(f"{text!r}: not JSON after ':=' ({exc.msg})", param_hint="--param") from None


@click.command()
@click.argument("query")
@click.option("--param", "-P", "params", multiple=True, metavar="NAME=TEXT|NAME:=JSON", help="A query parameter: text, or a JSON value with ':='.")
@connection_options
@output_format_option
def cypher(query: str, params: tuple[str, ...], uri: str | None, username: str | None, database: str | None, output_format: str) -> None:
    """Run a read-only Cypher query on Neo4j and print the rows.

    \b
    Examples:
      paperkg cypher "MATCH (d:Dataset) RETURN d.name AS dataset LIMIT 5"
      paperkg cypher 'MATCH (p:Paper {key: $id})-->(m) RETURN m.name' --param id=2405.13729 --format json
      paperkg cypher 'MATCH (d:Dataset) RETURN d.name LIMIT $n' --param n:=5
    """
    from kg.cli.output import echo_rows
    from kg.neo4j.run import run_cypher

    result = run_cypher(neo4j_settings(uri, username, database), query, dict(map(_parse_param, params)))
    echo_rows(result.columns, result.rows, output_format)


# -- neo4j start / stop / status ----------------------------------------------------------------------------------


def instance_option(func: F) -> F:
    return click.option(
        "--instance", type=click.Path(file_okay=False, path_type=Path), default=None, envvar="PAPERKG_NEO4J_INSTANCE",
        help="The server's folder (config, data, logs) [default: var/neo4j in the checkout].",
    )(func)


@click.group("neo4j")
def neo4j_group() -> None:
    """Run a local Neo4j 5.26 Community server fetched from Maven Central (needs Java 17 and Maven).

    \b
    Example:
      paperkg neo4j start --password 'my-secret-pw'
      eval "$(paperkg neo4j env)"; export NEO4J_PASSWORD='my-secret-pw'
      paperkg push && paperkg query shared-benchmarks --backend neo4j
      paperkg neo4j stop
    """


@neo4j_group.command("fetch")
def fetch_command() -> None:
    """Download the server, Neo4j Browser and cypher-shell jars (cached; ~150 MB once).

    \b
    Example:
      paperkg neo4j fetch
    """
    from kg.neo4j.server import fetch

    click.echo(f"Neo4j jars in {fetch()}", err=True)


@neo4j_group.command("start")
@instance_option
@click.option("--password", envvar="NEO4J_PASSWORD", default=None, help="The neo4j user's password on first start [env NEO4J_PASSWORD]; prompted for when missing.")
@click.option("--no-auth", is_flag=True, help="Turn authentication off (for throw-away local servers only).")
@click.option("--heap", default="1g", show_default=True, help="Java heap size.")
def start_command(instance: Path | None, password: str | None, no_auth: bool, heap: str) -> None:
    """Start the server on 127.0.0.1 (free ports) and wait until it answers.

    \b
    Example:
      paperkg neo4j start --password 'my-secret-pw'
    """
    from kg.neo4j import server

    if not no_auth and not password and _first_start(instance):
        password = click.prompt("New password for user neo4j (8+ characters)", hide_input=True, confirmation_prompt=True)
    info = server.start(instance, password=password, auth=not no_auth, heap=heap)
    _echo_info(info, up=True)


def _first_start(instance: Path | None) -> bool:
    from kg.neo4j import server

    return not ((instance or server.default_instance()) / "data" / "dbms").exists()


@neo4j_group.command("stop")
@instance_option
def stop_command(instance: Path | None) -> None:
    """Stop the server cleanly.

    \b
    Example:
      paperkg neo4j stop
    """
    from kg.neo4j import server

    click.echo("stopped" if server.stop(instance) else "not running", err=True)


@neo4j_group.command("status")
@instance_option
def status_command(instance: Path | None) -> None:
    """Say whether the server runs, and where (Bolt URI, Neo4j Browser URL).

    \b
    Example:
      paperkg neo4j status
    """
    from kg.neo4j import server

    info, up = server.status(instance)
    if info is None:
        click.echo("never started", err=True)
        raise click.exceptions.Exit(1)
    _echo_info(info, up)
    if not up:
        raise click.exceptions.Exit(1)


@neo4j_group.command("env")
@instance_option
def env_command(instance: Path | None) -> None:
    """Print NEO4J_URI for the running server, as shell `export` lines (no password).

    \b
    Example:
      eval "$(paperkg neo4j env)"
    """
    from kg.neo4j import server

    info, up = server.status(instance)
    if not up or info is None:
        raise click.ClickException("the server is not running (paperkg neo4j start)")
    click.echo(f"export NEO4J_URI={info.bolt_uri}")


@neo4j_group.command("password")
@instance_option
def password_command(instance: Path | None) -> None:
    """Change the neo4j user's password (current one from NEO4J_PASSWORD or a prompt).

    \b
    Example:
      paperkg neo4j password
    """
    import os

    from kg.neo4j.server import change_password

    current = os.environ.get("NEO4J_PASSWORD") or click.prompt("Current password", hide_input=True)
    new = click.prompt("New password (8+ characters)", hide_input=True, confirmation_prompt=True)
    change_password(instance, current, new)
    click.echo("password changed", err=True)


def _echo_info(info, up: bool) -> None:
    state = "running" if up else "not running"
    auth = "auth on" if info.auth else "auth off"
    click.echo(f"Neo4j {info.version} {state} ({auth}, pid {info.pid})")
    click.echo(f"  bolt:    {info.bolt_uri}")
    click.echo(f"  browser: {info.browser_url}")
    click.echo(f"  folder:  {info.instance}")


COMMANDS = [push, cypher, neo4j_group]
