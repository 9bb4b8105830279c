"""One error tree for the whole library.

Every error paperkg raises on purpose is a :class:`PaperKGError`. The CLI translates
them once (``kg.cli``) into a one-line message and the exit code named here, so a
script can tell a bad input from an unreachable server.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


class ExitCode:
    """Exit codes of the ``paperkg`` command (documented in the README)."""

    OK = 0
    ERROR = 1  #: a domain error: bad graph file, unknown name, failed export
    USAGE = 2  #: bad command line (click's own convention)
    SKIPPED = 3  #: input records were skipped and ``--strict`` was given
    SERVICE = 4  #: a service (Neo4j) is unreachable or refused the credentials


class PaperKGError(Exception):
    """Base class of every error paperkg raises on purpose."""

    exit_code = ExitCode.ERROR


class InputError(PaperKGError):
    """An input file that cannot be read at all (missing, unknown format, unreadable)."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path, self.line, self.reason = str(path), line, message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


class UnknownNameError(PaperKGError, KeyError):
    """A name (format, query, exporter, label …) that is not registered; lists the valid ones."""

    def __init__(self, kind: str, name: str, valid: Iterable[str]):
        self.kind, self.name, self.valid = kind, name, sorted(valid)
        super().__init__(f"unknown {kind} {name!r}; choose one of: {', '.join(self.valid)}")

    def __str__(self) -> str:  # KeyError would otherwise repr() the message
        return self.args[0]


class StoreError(PaperKGError):
    """The embedded graph file is missing, corrupt or of an unsupported schema version."""


class NotFoundError(PaperKGError):
    """A paper or entity asked for by name or id is not in the graph."""


class ExtractionError(PaperKGError):
    """The extraction pipeline is misconfigured (bad component config, missing data file)."""


class ExportError(PaperKGError):
    """An export could not be written."""


class Neo4jError(PaperKGError):
    """Talking to Neo4j failed (query error, constraint conflict)."""


class Neo4jUnavailableError(Neo4jError):
    """The Neo4j server cannot be reached or refused the credentials."""

    exit_code = ExitCode.SERVICE


class ServerError(PaperKGError):
    """The project's own Neo4j server could not be fetched, started or stopped."""

    exit_code = ExitCode.SERVICE


@dataclass(frozen=True)
class SkippedRecord:
    """A malformed input record that was reported, counted and skipped."""

    path: str
    line: int | None  #: 1-based line, or the item index for JSON arrays (then ``item`` is set)
    reason: str
    item: int | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
        if self.item is not None:
            where += f" (item {self.item})"
        return f"{where}: {self.reason}"
