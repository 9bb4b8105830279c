"""Regenerate the README's screenshot of the HTML view (docs/graph-view.png).

Builds the demo graph (the same inputs as ``make demo``: the sample listing and three days
of the HF API under examples/) unless ``--graph`` names a graph file, writes the page, opens
it in Debian's headless Chromium (Playwright, ``executable_path``; no browser download),
searches for the most connected dataset so the details panel shows evidence, and saves a PNG.

    python -m kg.visualizations.screenshot                     # -> docs/graph-view.png
    python -m kg.visualizations.screenshot --graph out/sample.graph.json -o /tmp/view.png

Needs the ``test`` extra (playwright) and ``apt-get install chromium``.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

import networkx as nx

from kg.model import Label

from .renderer import ViewOptions, write_html

ROOT = Path(__file__).resolve().parent.parent
DEMO_INPUTS = ("examples/daily_papers_listing.txt", "examples/hf_daily_papers")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--hide-scrollbars"]


def demo_graph(root: Path = ROOT) -> nx.MultiDiGraph:
    """The graph ``make demo`` builds, made in memory."""
    from kg.extract import Extractor
    from kg.graph import build_graph
    from kg.ingest import IngestReport, read_papers

    papers = read_papers([root / p for p in DEMO_INPUTS], report=IngestReport())
    return build_graph(Extractor().extract_many(papers))


def showcase_node(graph: nx.MultiDiGraph) -> str:
    """The entity the screenshot selects: the dataset (else method) with most links, ties by id."""
    for label in (Label.DATASET.value, Label.METHOD.value):
        candidates = [n for n, lab in graph.nodes(data="label") if lab == label]
        if candidates:
            return min(candidates, key=lambda n: (-graph.degree(n), n))
    return min(graph, key=lambda n: (-graph.degree(n), n))


def take_screenshot(page_path: Path, out: Path, select: str, chromium: str, size: tuple[int, int] = (1024, 620)) -> Path:
    """Open ``page_path``, select node ``select`` through the search box, save a PNG at ``out``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        page.goto(page_path.resolve().as_uri())
        page.wait_for_selector("html[data-ready]", timeout=120_000)
        name = page.evaluate("id => { const n = paperkg.data.nodes.find(x => x.id === id); return n.p.name || n.t; }", select)
        page.fill("#search", name)
        page.wait_for_selector("#search-results li[data-node]")
        page.keyboard.press("Enter")
        page.wait_for_selector("html[data-selected]", state="attached")
        page.wait_for_timeout(800)  # the zoom animation
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Regenerate docs/graph-view.png")
    parser.add_argument("--graph", type=Path, help="a graph file (default: build the demo graph from examples/)")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "graph-view.png")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args(argv)
    if args.graph:
        from kg.store import load_graph

        graph = load_graph(args.graph)
    else:
        graph = demo_graph()
    with tempfile.TemporaryDirectory() as tmp:
        page = write_html(graph, Path(tmp) / "view.html", ViewOptions(title="paperkg demo"))
        take_screenshot(page, args.output, showcase_node(graph), args.chromium)
    print(f"wrote {args.output} ({args.output.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
