"""How fast is the HTML view? Prints, for graphs of about 500, 5,000 and 20,000 nodes:
HTML generation time (layout included), file size, and the time until the page is
interactive in headless Chromium (layout done and first frame drawn: the page sets
``html[data-ready]`` in vis-network's first ``afterDrawing`` after stabilisation, and
``paperkg.readyAt`` = ms since navigation start).

Graphs are synthetic but follow the schema and the HF graph's shape
(:mod:`kg.visualizations.synthetic`); ``--graph FILE`` adds a real graph file
(e.g. the 1,833-paper HF graph) rendered whole and as ``--top 200 -x Author``.

    python benchmarks/bench_view.py                 # 500 / 5k / 20k nodes, 3 page loads each
    python benchmarks/bench_view.py --sizes 5000 --repeat 5
    python benchmarks/bench_view.py --graph hf.graph.json

Times are wall-clock on this machine (2 cores, shared): the load average is printed with
the figures, since other work on the machine slows Chromium down. The page's main-thread
CPU time until ready (Chrome's ``ThreadTime``) is printed too: it hardly depends on the
load, and is about what an idle machine takes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.visualizations.layout import precompute_layout  # noqa: E402
from kg.visualizations.renderer import ViewOptions, select_graph, write_html  # noqa: E402
from kg.visualizations.synthetic import synthetic_graph  # noqa: E402

#: Papers giving about 500, 5,000 and 20,000 nodes (4.6 nodes per paper with authors).
PAPERS_FOR = {500: 110, 5000: 1100, 20000: 4400}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
MARKS_JS = "performance.getEntriesByType('mark').map(m => [m.name, Math.round(m.startTime)])"


def time_generation(graph: nx.MultiDiGraph, options: ViewOptions, out: Path) -> tuple[float, float]:
    """(seconds for the whole page, of which layout) — the layout timed separately on the selection."""
    start = time.perf_counter()
    write_html(graph, out, options)
    total = time.perf_counter() - start
    selected = select_graph(graph, options)
    start = time.perf_counter()
    precompute_layout(selected, seed=options.seed)
    return total, time.perf_counter() - start


def time_to_interactive(browser, path: Path, repeat: int) -> tuple[list[float], list[float], list, int]:
    """For ``repeat`` fresh loads: readyAt (ms, wall clock) and the page's main-thread CPU time until
    then (ms, Chrome's ``ThreadTime`` metric: what an idle machine would take, about); the marks of
    the last load, and how many requests tried to leave the page."""
    readies, cpu, marks, leaked = [], [], [], 0
    for _ in range(repeat):
        page = browser.new_page(viewport={"width": 1400, "height": 850})
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")
        own = path.resolve().as_uri()
        hits: list[str] = []
        page.route("**/*", lambda r: r.continue_() if r.request.url == own else (hits.append(r.request.url), r.abort()))
        page.goto(own)
        page.wait_for_selector("html[data-ready]", timeout=300_000)
        readies.append(page.evaluate("paperkg.readyAt"))
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        cpu.append(metrics.get("ThreadTime", float("nan")) * 1000)
        marks = page.evaluate(MARKS_JS)
        leaked += len(hits)
        page.close()
    return readies, cpu, marks, leaked


def report(name: str, graph: nx.MultiDiGraph, options: ViewOptions, browser, repeat: int, workdir: Path) -> None:
    out = workdir / f"{name}.html"
    total, layout = time_generation(graph, options, out)
    selected = select_graph(graph, options)
    readies, cpu, marks, leaked = time_to_interactive(browser, out, repeat) if browser else ([], [], [], 0)
    tti = "n/a"
    if readies:
        tti = (f"median {statistics.median(readies) / 1000:5.2f} s  min {min(readies) / 1000:5.2f} s"
               f"  (main-thread CPU {statistics.median(cpu) / 1000:4.2f} s)")
    print(f"{name:<22} {selected.number_of_nodes():>6} nodes {selected.number_of_edges():>6} edges | "
          f"generate {total:5.2f} s (layout {layout:4.2f} s) | {out.stat().st_size / 1e6:5.1f} MB | "
          f"interactive {tti} | requests out: {leaked}", flush=True)
    if marks:
        print(f"{'':<22} page marks (ms since navigation): {', '.join(f'{k} {v}' for k, v in marks)}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=sorted(PAPERS_FOR), choices=sorted(PAPERS_FOR))
    parser.add_argument("--repeat", type=int, default=3, help="page loads per graph (median and min are printed)")
    parser.add_argument("--graph", type=Path, help="also a real graph file (whole, and --top 200 -x Author)")
    parser.add_argument("--no-browser", action="store_true", help="only generation time and size")
    parser.add_argument("--chromium", default=os.environ.get("PAPERKG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args(argv)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        if args.no_browser:
            _run(args, None, Path(tmp))
            return 0
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
            _run(args, browser, Path(tmp))
            browser.close()
    print(f"load average {os.getloadavg()[0]:.1f} at the end", flush=True)
    return 0


def _run(args: argparse.Namespace, browser, workdir: Path) -> None:
    for size in args.sizes:
        graph = synthetic_graph(PAPERS_FOR[size], seed=1)
        report(f"synthetic ~{size}", graph, ViewOptions(title=f"~{size}"), browser, args.repeat, workdir)
    if args.graph:
        from kg.store import load_graph

        graph = load_graph(args.graph)
        report(f"{args.graph.stem} top200 -xAuthor", graph, ViewOptions(top=200, exclude=("Author",)), browser, args.repeat, workdir)
        report(f"{args.graph.stem} -x Author", graph, ViewOptions(exclude=("Author",)), browser, 1, workdir)
        report(f"{args.graph.stem} whole", graph, ViewOptions(), browser, 1, workdir)


if __name__ == "__main__":
    sys.exit(main())
