"""Fixtures of the Neo4j tests: one real Neo4j 5.26 server for the whole session.

The server is fetched from Maven Central (``infra/neo4j/pom.xml``) and started with auth off in
a temporary folder; every test that uses ``neo4j_db`` gets an empty database (nodes, relationships
and constraints dropped) instead of a restart. ``PAPERKG_TEST_NEO4J_URI`` points the tests at a
server that is already running instead (auth off). Under CI=true a server that cannot start
fails the run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.neo4j.fixtures import require, wipe


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory):
    """A running server: ``ServerInfo`` (bolt_uri, http_url, browser_url)."""
    from kg.errors import ServerError
    from kg.neo4j import server

    external = os.environ.get("PAPERKG_TEST_NEO4J_URI")
    if external:
        yield server.ServerInfo("", 0, int(external.rsplit(":", 1)[1]), int(os.environ.get("PAPERKG_TEST_NEO4J_HTTP_PORT", "7474")), False)
        return
    require(shutil.which("java") is not None, "Java 17 is not installed (apt-get install -y openjdk-17-jre-headless)")
    require(shutil.which("mvn") is not None or server.server_lib().is_dir(), "Maven is not installed (apt-get install -y maven)")
    instance = tmp_path_factory.mktemp("neo4j-server")
    try:
        info = server.start(instance, auth=False, heap="1g")
    except ServerError as exc:
        require(False, f"Neo4j did not start: {exc}")
    yield info
    server.stop(instance)


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_server):
    import neo4j

    driver = neo4j.GraphDatabase.driver(neo4j_server.bolt_uri, auth=None, notifications_min_severity="OFF")
    yield driver
    driver.close()


@pytest.fixture(scope="session")
def neo4j_settings(neo4j_server):
    from kg.neo4j.connection import Neo4jSettings

    return Neo4jSettings(uri=neo4j_server.bolt_uri, password=None)


@pytest.fixture
def neo4j_db(neo4j_driver):
    """The session's driver, on an empty database."""
    wipe(neo4j_driver)
    return neo4j_driver


@pytest.fixture
def neo4j_env(neo4j_server, monkeypatch):
    """NEO4J_* environment of the test server, for CLI tests."""
    monkeypatch.setenv("NEO4J_URI", neo4j_server.bolt_uri)
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    monkeypatch.delenv("NEO4J_USERNAME", raising=False)
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    return neo4j_server
