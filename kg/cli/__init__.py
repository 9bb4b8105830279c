"""The ``paperkg`` command line: thin click commands over the library.

Each command module in this package exposes ``COMMANDS`` (a list of click commands
or groups); they only parse options and call one library function. Errors from
the library (:class:`kg.errors.PaperKGError`) are translated here, once, into one
line on stderr and the exit code named in :class:`kg.errors.ExitCode`; the
traceback is shown only with ``--verbose``.
"""

from __future__ import annotations

import importlib
import logging
import sys

import click

from kg import __version__
from kg.errors import ExitCode, PaperKGError

COMMAND_MODULES = ("build", "extract", "query", "export", "view", "neo4j", "eval")


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="paperkg")
@click.option("-v", "--verbose", is_flag=True, help="Show debug logs and full tracebacks.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """paperkg: build a knowledge graph of papers, methods, datasets, code and concepts.

    \b
    Quick start:
      paperkg build examples/daily_papers_listing.txt     # creates paperkg.graph.json
      paperkg stats
      paperkg query shared-benchmarks
      paperkg view -o graph.html
    """
    ctx.ensure_object(dict)
    ctx.obj["verbose"] = verbose
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


for _name in COMMAND_MODULES:
    for _command in importlib.import_module(f"kg.cli.{_name}").COMMANDS:
        cli.add_command(_command)


def run(argv: list[str] | None = None) -> int:
    """Run the CLI with ``argv``; translate library errors into a message and an exit code."""
    args = sys.argv[1:] if argv is None else list(argv)
    verbose = "-v" in args or "--verbose" in args
    try:
        code = cli.main(args=args, prog_name="paperkg", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except PaperKGError as exc:
        if verbose:
            raise
        click.echo(f"Error: {exc}", err=True)
        return exc.exit_code
    except BrokenPipeError:
        return ExitCode.OK
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        return 130
    return code if isinstance(code, int) else ExitCode.OK


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    sys.exit(run(argv))
