"""Connection settings from Neo4j's own environment variables, and a driver built from them.

``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE`` are read (command
line options override them). Without ``NEO4J_URI`` the server started by ``paperkg neo4j start``
is used when it runs, else ``bolt://localhost:7687``. The password never appears in ``repr``,
logs or error messages.

>>> s = Neo4jSettings(uri="bolt://127.0.0.1:7687", password="hunter2hunter2")
>>> "hunter2" in repr(s)
False
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Iterator, Mapping

import neo4j
from neo4j.exceptions import AuthError, ConfigurationError, ServiceUnavailable, SessionExpired
from neo4j.exceptions import Neo4jError as RemoteError

from kg.errors import Neo4jError, Neo4jUnavailableError

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USERNAME = "neo4j"
DEFAULT_DATABASE = "neo4j"


@dataclass(frozen=True)
class Neo4jSettings:
    """Where and as whom to connect. ``password=None`` means auth off."""

    uri: str = DEFAULT_URI
    username: str = DEFAULT_USERNAME
    password: str | None = field(default=None, repr=False)
    database: str = DEFAULT_DATABASE

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: str | None) -> "Neo4jSettings":
        """Settings from ``env`` (default ``os.environ``); non-``None`` ``overrides`` win."""
        env = os.environ if env is None else env
        values = {
            "uri": env.get("NEO4J_URI") or _local_server_uri() or DEFAULT_URI,
            "username": env.get("NEO4J_USERNAME") or DEFAULT_USERNAME,
            "password": env.get("NEO4J_PASSWORD") or None,
            "database": env.get("NEO4J_DATABASE") or DEFAULT_DATABASE,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_overrides(self, **overrides: str | None) -> "Neo4jSettings":
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})

    @property
    def auth(self) -> tuple[str, str] | None:
        return None if self.password is None else (self.username, self.password)


def _local_server_uri() -> str | None:
    """The Bolt URI of the project's own server (``paperkg neo4j start``) when it runs."""
    from kg.neo4j import server

    info, up = server.status()
    return info.bolt_uri if info and up else None


def open_driver(settings: Neo4jSettings) -> neo4j.Driver:
    """A driver whose connectivity and credentials are verified; one clear error otherwise."""
    try:
        driver = neo4j.GraphDatabase.driver(
            settings.uri, auth=settings.auth, connection_timeout=10.0, notifications_min_severity="OFF"
        )
    except (ConfigurationError, ValueError) as exc:
        raise Neo4jUnavailableError(f"bad Neo4j URI {settings.uri!r}: {exc}") from None
    try:
        driver.verify_connectivity()
    except BaseException as exc:
        driver.close()
        raise translate_connection_error(exc, settings) from None
    return driver


def translate_connection_error(exc: BaseException, settings: Neo4jSettings) -> BaseException:
    """A one-line :class:`Neo4jUnavailableError` for connection and auth failures (others unchanged)."""
    if isinstance(exc, AuthError):
        return Neo4jUnavailableError(
            f"Neo4j at {settings.uri} refused the credentials of user {settings.username!r} "
            "(check NEO4J_USERNAME / NEO4J_PASSWORD)"
        )
    if isinstance(exc, (ServiceUnavailable, SessionExpired, OSError)):
        return Neo4jUnavailableError(
            f"cannot reach Neo4j at {settings.uri} (is it running? `paperkg neo4j start`, or set NEO4J_URI)"
        )
    return exc


def resolve(target: "Neo4jSettings | neo4j.Driver | None") -> "Neo4jSettings | neo4j.Driver":
    """``target``, or the settings from the environment when it is ``None``."""
    return Neo4jSettings.from_env() if target is None else target


@contextmanager
def connect(target: "Neo4jSettings | neo4j.Driver | None") -> Iterator[neo4j.Driver]:
    """Yield a driver: the one given (left open), or one opened from settings (closed after);
    ``None`` means settings from the environment."""
    if target is None:
        target = Neo4jSettings.from_env()
    if isinstance(target, Neo4jSettings):
        driver = open_driver(target)
        try:
            yield driver
        finally:
            driver.close()
    else:
        yield target


def database_name(target: "Neo4jSettings | neo4j.Driver", database: str | None) -> str:
    """The database to use: the one asked for, else the settings' one, else ``neo4j``."""
    if database:
        return database
    return target.database if isinstance(target, Neo4jSettings) else "neo4j"


def first_line(exc: RemoteError) -> str:
    """The first line of a server error (Neo4j's messages can run to a page)."""
    text = (exc.message or str(exc)).strip()
    return text.splitlines()[0] if text else type(exc).__name__


@contextmanager
def open_session(
    target: "Neo4jSettings | neo4j.Driver | None", database: str | None, *, refused: str, read_only: bool = False
) -> Iterator[neo4j.Session]:
    """A session on ``target`` (``None``: settings from the environment), with errors translated once:
    a server error becomes ``Neo4jError("<refused>: <its first line>")``, a connection or auth failure a
    one-line :class:`Neo4jUnavailableError` that names the URI and never the password."""
    target = resolve(target)
    settings = target if isinstance(target, Neo4jSettings) else Neo4jSettings()
    mode = neo4j.READ_ACCESS if read_only else neo4j.WRITE_ACCESS
    try:
        with connect(target) as driver, driver.session(database=database_name(target, database), default_access_mode=mode) as session:
            yield session
    except RemoteError as exc:
        raise Neo4jError(f"{refused}: {first_line(exc)}") from None
    except Exception as exc:
        translated = translate_connection_error(exc, settings)
        if translated is exc:
            raise
        raise translated from None
