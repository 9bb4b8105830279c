"""Push throughput into a real Neo4j 5.26: batched `paperkg push` vs a naive writer vs neo4j-admin import.

Prints nodes+relationships per second for the 1,833-paper HF graph and for a copy of it scaled
``--scale`` times (every node key suffixed per copy, so the graph really is that much larger),
all in one run against one server that this script starts (full JIT, auth off, temporary folder):

* ``push``        : kg.neo4j.push.push_graph into an empty database (constraints present), batch 1000;
* ``re-push``     : the same graph again (idempotent: creates nothing);
* ``naive``       : one auto-commit MERGE statement per node and per relationship, on a subgraph of
                    about ``--naive-items`` items (it is too slow to run on the whole graph);
* ``admin import``: ``paperkg export neo4j-csv`` + ``neo4j-admin database import full`` into a stopped
                    instance; wall time including the JVM start, and the tool's own "IMPORT DONE" time.

Usage::

    python benchmarks/bench_push.py                       # builds the HF graph with the extractor
    python benchmarks/bench_push.py --graph hf.graph.json --scale 10 --naive-items 4000
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
import neo4j

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.export.neo4j_csv import import_arguments, write_neo4j_csv  # noqa: E402
from kg.graph import new_graph  # noqa: E402
from kg.model import Label  # noqa: E402
from kg.neo4j import server  # noqa: E402
from kg.neo4j.cypher import KEY, edge_props, node_props, quote_name, schema_plan, wipe_statement  # noqa: E402
from kg.neo4j.push import push_graph  # noqa: E402

HF_DIR = ROOT.parent / "shared" / "data" / "hf_daily_papers_api"


def hf_graph(path: Path | None) -> nx.MultiDiGraph:
    """The graph of the 1,833 HF papers: read from ``path`` or built with the project's extractor."""
    if path is not None:
        from kg.store import load_graph

        return load_graph(path)
    from kg.extract import Extractor
    from kg.graph import build_graph
    from kg.ingest import IngestReport, read_papers

    return build_graph(Extractor().extract_many(read_papers([HF_DIR], report=IngestReport())))


def scaled(graph: nx.MultiDiGraph, copies: int) -> nx.MultiDiGraph:
    """``copies`` disjoint copies of ``graph`` (keys suffixed ``~<copy>``)."""
    out = new_graph()
    for copy in range(copies):
        suffix = f"~{copy}" if copy else ""
        for nid, data in graph.nodes(data=True):
            out.add_node(nid + suffix, **{**data, KEY: data[KEY] + suffix})
        for u, v, k, data in graph.edges(keys=True, data=True):
            out.add_edge(u + suffix, v + suffix, key=k, **data)
    return out


def subgraph(graph: nx.MultiDiGraph, items: int) -> nx.MultiDiGraph:
    """The first papers (sorted) and everything they link to, up to about ``items`` nodes+edges."""
    chosen: set[str] = set()
    for nid in sorted(n for n, d in graph.nodes(data=True) if d["label"] == Label.PAPER.value):
        chosen |= {nid, *graph.successors(nid)}
        sub = graph.subgraph(chosen)
        if sub.number_of_nodes() + sub.number_of_edges() >= items:
            break
    return graph.subgraph(chosen).copy()


def size(graph: nx.MultiDiGraph) -> int:
    return graph.number_of_nodes() + graph.number_of_edges()


def reset(driver: neo4j.Driver) -> None:
    with driver.session() as session:
        session.run(wipe_statement()).consume()
        for statement in schema_plan():
            session.run(statement.query).consume()


def naive_write(graph: nx.MultiDiGraph, driver: neo4j.Driver) -> float:
    """One auto-commit statement per node and per relationship; returns seconds."""
    started = time.perf_counter()
    with driver.session() as session:
        for nid, data in graph.nodes(data=True):
            query = f"MERGE (n:{quote_name(data['label'])} {{key: $key}}) SET n = $props"
            session.run(query, key=data[KEY], props=node_props(nid, data)).consume()
        nodes = graph.nodes
        for u, v, k, data in graph.edges(keys=True, data=True):
            query = (
                f"MATCH (a:{quote_name(nodes[u]['label'])} {{key: $src}}) MATCH (b:{quote_name(nodes[v]['label'])} {{key: $dst}}) "
                f"MERGE (a)-[r:{quote_name(k)}]->(b) SET r = $props"
            )
            session.run(query, src=nodes[u][KEY], dst=nodes[v][KEY], props=edge_props(f"{u}->{v}", data)).consume()
    return time.perf_counter() - started


def admin_import(graph: nx.MultiDiGraph, work: Path) -> tuple[float, float, float]:
    """(export seconds, neo4j-admin wall seconds, neo4j-admin's own IMPORT DONE seconds)."""
    csv_dir, instance = work / "csv", work / "import-instance"
    shutil.rmtree(csv_dir, ignore_errors=True)
    shutil.rmtree(instance, ignore_errors=True)
    started = time.perf_counter()
    write_neo4j_csv(graph, csv_dir)
    exported = time.perf_counter() - started
    server.write_config(instance, server.free_port(), server.free_port(), auth=False)
    started = time.perf_counter()
    done = server.admin_command(
        instance, "database", "import", "full", "--overwrite-destination", f"--report-file={instance / 'import.report'}",
        *import_arguments(csv_dir), "neo4j", java_options=(),
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"neo4j-admin import failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    counts = server._imported_counts(done.stdout)
    assert counts["nodes"] == graph.number_of_nodes() and counts["relationships"] == graph.number_of_edges(), counts
    return exported, wall, _import_done_seconds(done.stdout)


def _import_done_seconds(report: str) -> float:
    match = re.search(r"IMPORT DONE in ((?:\d+m )?(?:\d+s )?\d+ms)", report)
    if not match:
        return float("nan")
    parts = dict((unit, int(n)) for n, unit in re.findall(r"(\d+)(ms|m|s)\b", match.group(1)))
    return parts.get("m", 0) * 60 + parts.get("s", 0) + parts.get("ms", 0) / 1000


def row(name: str, what: str, items: int, seconds: float) -> None:
    print(f"{name:<10} {what:<34} {items:>9,} items {seconds:>8.2f} s {items / seconds:>10,.0f} items/s", flush=True)


def bench(name: str, graph: nx.MultiDiGraph, driver: neo4j.Driver, work: Path, naive_items: int) -> None:
    reset(driver)
    pushed = push_graph(graph, driver)
    push_rate = size(graph) / pushed.seconds
    row(name, "push (UNWIND batches of 1000)", size(graph), pushed.seconds)
    again = push_graph(graph, driver)
    assert again.nodes_created == again.relationships_created == 0
    row(name, "re-push (idempotent, no changes)", size(graph), again.seconds)
    small = subgraph(graph, naive_items)
    reset(driver)
    naive_seconds = naive_write(small, driver)
    row(name, "naive (1 MERGE per row, subgraph)", size(small), naive_seconds)
    reset(driver)
    small_push = push_graph(small, driver)
    row(name, "push, same subgraph", size(small), small_push.seconds)
    exported, wall, own = admin_import(graph, work)
    row(name, "export neo4j-csv", size(graph), exported)
    row(name, "neo4j-admin import (wall, JVM incl.)", size(graph), wall)
    row(name, "neo4j-admin import (its IMPORT DONE)", size(graph), own)
    naive_rate = size(small) / naive_seconds
    print(f"{name:<10} push is {push_rate / naive_rate:.0f}x the naive writer's rate "
          f"({size(small) / small_push.seconds / naive_rate:.0f}x on the same subgraph); "
          f"neo4j-admin import (wall) is {size(graph) / wall / push_rate:.1f}x push\n", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, help="an embedded graph file (default: build the HF corpus)")
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--naive-items", type=int, default=4000)
    parser.add_argument("--heap", default="2g")
    args = parser.parse_args()

    started = time.perf_counter()
    graph = hf_graph(args.graph)
    print(f"HF graph: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} relationships ({time.perf_counter() - started:.1f} s)")
    big = scaled(graph, args.scale)
    print(f"x{args.scale} graph: {big.number_of_nodes():,} nodes, {big.number_of_edges():,} relationships")
    with tempfile.TemporaryDirectory(prefix="bench-push-") as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        info = server.start(work / "server", auth=False, heap=args.heap, pagecache="1g")
        print(f"Neo4j {info.version} started in {time.perf_counter() - started:.1f} s at {info.bolt_uri}\n")
        driver = neo4j.GraphDatabase.driver(info.bolt_uri, auth=None, notifications_min_severity="OFF")
        try:
            started = time.perf_counter()  # a fresh JVM runs the first pushes 3-5x slower: warm it up once
            push_graph(subgraph(scaled(graph, 2), 10_000), driver, wipe=True)
            print(f"warm-up push (10k items, not counted): {time.perf_counter() - started:.1f} s\n")
            bench("HF", graph, driver, work, args.naive_items)
            bench(f"HF x{args.scale}", big, driver, work, args.naive_items)
        finally:
            driver.close()
            server.stop(work / "server")


if __name__ == "__main__":
    main()
