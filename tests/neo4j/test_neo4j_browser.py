"""Neo4j Browser, tried as a new user would, in Debian's headless Chromium.

The Browser is served by the test server at /browser/ (the neo4j-browser jar from Maven Central).
Every request that does not go to 127.0.0.1 is blocked (the Browser asks for web fonts).
Screenshots go to the test's tmp_path and to test-artifacts/neo4j-browser/ (ignored by git).
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from kg.export.cypher import generate_cypher
from kg.neo4j.push import push_graph
from kg.queries import get_query
from tests.neo4j.fixtures import graph_snapshot, hostile_graph, require, snapshot

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "neo4j-browser"
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")


@pytest.fixture(scope="module")
def chromium():
    require(Path(CHROMIUM).exists(), f"{CHROMIUM} is missing (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def neo4j_browser(chromium, neo4j_server, neo4j_settings):
    """A page of Neo4j Browser, connected once (per module) to the test server through its own connect form."""
    origin = neo4j_server.http_url
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    page = context.new_page()
    blocked: list[str] = []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(LOCAL) else (blocked.append(route.request.url), route.abort()))
    page.goto(neo4j_server.browser_url)
    page.get_by_test_id("boltaddress").wait_for(timeout=60_000)
    page.locator("select").first.select_option("bolt://")
    page.get_by_test_id("boltaddress").fill(f"127.0.0.1:{neo4j_server.bolt_port}")
    if neo4j_settings.password is not None:
        page.get_by_test_id("username").fill("neo4j")
        page.get_by_test_id("password").fill(neo4j_settings.password)
    page.get_by_test_id("connect").click()
    page.get_by_text("You are connected as user").wait_for(timeout=60_000)
    yield page
    assert all(not url.startswith(LOCAL) for url in blocked)
    context.close()


def paste_and_run(page, text: str) -> None:
    """Paste ``text`` into the Browser's editor (through the clipboard) and press the run button."""
    page.locator(".monaco-editor").first.click()
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    page.keyboard.press("Control+V")
    page.get_by_test_id("editor-Run").first.click()


def screenshot(page, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    page.screenshot(path=str(path))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, ARTIFACTS / name)
    return path


def test_shared_benchmarks_query_from_queries_runs_in_neo4j_browser(neo4j_browser, neo4j_db, tmp_path):
    graph = hostile_graph()
    push_graph(graph, neo4j_db)
    expected = get_query("shared-benchmarks").run_embedded(graph, min_papers=2).rows[0]
    page = neo4j_browser
    paste_and_run(page, ":param min_papers => 2")
    page.get_by_test_id("rawParamData").first.wait_for(timeout=30_000)
    paste_and_run(page, get_query("shared-benchmarks").cypher)  # the file as a user pastes it, header comments included
    frame = page.get_by_test_id("frame").first
    frame.get_by_text(expected[0], exact=False).first.wait_for(timeout=60_000)
    text = frame.inner_text()
    assert "papers_count" in text and f'"{expected[0]}"' in text and str(expected[1]) in text
    assert all(f'"{paper}"' in text for paper in expected[2])
    assert screenshot(page, tmp_path, "shared-benchmarks.png").stat().st_size > 10_000


def test_a_pasted_cypher_dump_loads_the_graph_exactly(neo4j_browser, neo4j_db, tmp_path):
    graph = hostile_graph()
    paste_and_run(neo4j_browser, generate_cypher(graph))
    deadline = time.monotonic() + 90
    while snapshot(neo4j_db) != graph_snapshot(graph) and time.monotonic() < deadline:
        neo4j_browser.wait_for_timeout(500)
    screenshot(neo4j_browser, tmp_path, "pasted-dump.png")
    assert snapshot(neo4j_db) == graph_snapshot(graph)
