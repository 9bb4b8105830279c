"""Fixtures of the Neo4j tests: one real Neo4j 5.26 server for the whole session.

The server is fetched from Maven Central (``infra/neo4j/pom.xml``) and started in a temporary
folder with auth on, as users run it (password :data:`TEST_PASSWORD`, set before the first start);
every test that uses ``neo4j_db`` gets an empty database instead of a restart.
``PAPERKG_TEST_NEO4J_URI`` (+ ``PAPERKG_TEST_NEO4J_PASSWORD``, ``PAPERKG_TEST_NEO4J_HTTP_PORT``)
points the tests at a server that is already running instead. Under CI=true a server that cannot
start fails the run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.neo4j.fixtures import TEST_PASSWORD, require, wipe


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory):
    """A running server: ``ServerInfo`` (bolt_uri, http_url, browser_url)."""
    from kg.errors import ServerError
    from kg.neo4j import server

    external = os.environ.get("PAPERKG_TEST_NEO4J_URI")
    if external:
        http_port = int(os.environ.get("PAPERKG_TEST_NEO4J_HTTP_PORT", "7474"))
        yield server.ServerInfo("", 0, int(external.rsplit(":", 1)[1]), http_port, auth=bool(os.environ.get("PAPERKG_TEST_NEO4J_PASSWORD")))
        return
    require(shutil.which("java") is not None, "Java 17 is not installed (apt-get install -y openjdk-17-jre-headless)")
    require(shutil.which("mvn") is not None or server.server_lib().is_dir(), "Maven is not installed (apt-get install -y maven)")
    instance = tmp_path_factory.mktemp("neo4j-server")
    try:
        info = server.start(instance, password=TEST_PASSWORD, auth=True, heap="1g", java_options=server.QUICK_START)
    except ServerError as exc:
        require(False, f"Neo4j did not start: {exc}")
    yield info
    server.stop(instance)


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_server):
    import neo4j

    auth = ("neo4j", password_of(neo4j_server)) if neo4j_server.auth else None
    driver = neo4j.GraphDatabase.driver(neo4j_server.bolt_uri, auth=auth, notifications_min_severity="OFF")
    yield driver
    driver.close()


@pytest.fixture(scope="session")
def neo4j_settings(neo4j_server):
    from kg.neo4j.connection import Neo4jSettings

    return Neo4jSettings(uri=neo4j_server.bolt_uri, password=password_of(neo4j_server) if neo4j_server.auth else None)


@pytest.fixture
def neo4j_db(neo4j_driver):
    """The session's driver, on an empty database."""
    wipe(neo4j_driver)
    return neo4j_driver


@pytest.fixture
def neo4j_env(neo4j_server, monkeypatch):
    """NEO4J_* environment of the test server, for CLI tests."""
    monkeypatch.setenv("NEO4J_URI", neo4j_server.bolt_uri)
    if neo4j_server.auth:
        monkeypatch.setenv("NEO4J_PASSWORD", password_of(neo4j_server))
    else:
        monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    monkeypatch.delenv("NEO4J_USERNAME", raising=False)
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    return neo4j_server


def password_of(info) -> str:
    """The password of the test server (a running one's from PAPERKG_TEST_NEO4J_PASSWORD)."""
    return os.environ.get("PAPERKG_TEST_NEO4J_PASSWORD") if not info.instance else TEST_PASSWORD
