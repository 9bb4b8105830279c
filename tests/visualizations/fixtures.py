"""Helpers for the HTML view tests: hostile graphs and a real headless Chromium.

Imported by the tests of this folder (not a conftest: the shared conftest is the lead's).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from tests.conftest import ROOT, require

CHROMIUM = os.environ.get("PAPERKG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions"]
ARTIFACTS = ROOT / "test-artifacts" / "view"

#: Strings that must show literally and run nothing.
HOSTILE_TITLE = "<img src=x onerror=alert(1)></script><script>alert(2)</script><!-- \u2028 & done"
HOSTILE_NAME = '"><svg onload=alert(3)>'
HOSTILE_EVIDENCE = "We test <b onmouseover=alert(4)>HostileNet</b> on </script>COCO."


def hostile_graph() -> nx.MultiDiGraph:
    """A small graph whose every string field tries to break out of the page."""
    g = nx.MultiDiGraph(schema=1)
    g.add_node("Paper:2401.00001", label="Paper", key="2401.00001", title=HOSTILE_TITLE, abstract=HOSTILE_EVIDENCE,
               authors=[HOSTILE_NAME], url="javascript:alert(5)", published="2024-01-01", source="test")
    g.add_node("Method:hostilenet", label="Method", key="hostilenet", name=HOSTILE_NAME, aliases=["HostileNet"])
    g.add_node("Dataset:coco", label="Dataset", key="coco", name="COCO", aliases=["MS COCO"], hub_id="x/y\"><script>")
    g.add_node("Repository:github:evil/repo", label="Repository", key="github:evil/repo",
               url="https://evil.example/</script>", host="github.com", owner="evil", name="repo", kind="repository")
    start = HOSTILE_EVIDENCE.index("HostileNet")
    g.add_edge("Paper:2401.00001", "Method:hostilenet", key="PROPOSES", type="PROPOSES", evidence=HOSTILE_EVIDENCE,
               field="abstract", start=start, end=start + 10, sentence=0, rule="test", confidence=0.9, mentions=1)
    g.add_edge("Paper:2401.00001", "Dataset:coco", key="EVALUATES_ON", type="EVALUATES_ON", evidence=HOSTILE_EVIDENCE,
               field="abstract", sentence=0, rule="test", confidence=0.8, mentions=1, metric="<b>mAP</b>", value=1.5)
    g.add_edge("Paper:2401.00001", "Repository:github:evil/repo", key="HAS_CODE", type="HAS_CODE",
               source="metadata", field="metadata", rule="meta", confidence=1.0, mentions=1)
    return g


def chromium_available() -> bool:
    return Path(CHROMIUM).exists()


@dataclass
class PageRun:
    """What happened while a page was open: requests other than the file, console messages, dialogs."""

    page: object
    requests: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[tuple[str, str]]:
        return [m for m in self.console if m[0] in ("error", "pageerror", "warning")]


def launch_browser(playwright):
    require(chromium_available(), f"Debian's chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def open_page(browser, path: Path, timeout_ms: int = 120_000) -> PageRun:
    """Open ``path`` with every request except the file itself aborted and recorded; wait until ready."""
    page = browser.new_page(viewport={"width": 1400, "height": 850})
    run = PageRun(page)
    own = path.resolve().as_uri()

    def route(r):
        if r.request.url == own:
            r.continue_()
        else:
            run.requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: run.console.append((m.type, m.text)))
    page.on("pageerror", lambda e: run.console.append(("pageerror", str(e))))
    page.on("dialog", lambda d: (run.dialogs.append(d.message), d.dismiss()))
    page.goto(own)
    page.wait_for_selector("html[data-ready]", timeout=timeout_ms)
    return run


def screenshot(run: PageRun, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    out = ARTIFACTS / f"{name}.png"
    run.page.screenshot(path=str(out))
    return out
