"""End-to-end build throughput and peak memory, beside a plain-regex baseline in the same process.

Input: the 1,833 Hugging Face papers (shared/data/hf_daily_papers_api) repeated to at least
--papers abstracts (default 20,000), written once as a JSONL file with distinct titles (so every copy is
its own paper). Stages timed separately: read (kg.ingest), extract (kg.extract, 1 process and
--workers), graph (kg.graph), save (kg.store); then the whole `build` pipeline end to end. The baseline
is a naive extractor of a few regular expressions (GitHub links, "Name (ACR)" pairs, capitalised tokens
before "dataset"/"benchmark") over the same abstracts.

    .venv/bin/python benchmarks/bench_build.py [--papers 20000] [--workers 2]

Prints one line per measurement; no assertions (speed is measured here, not in tests).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HF_DIR = Path(os.environ.get("PAPERKG_SHARED_DATA", ROOT.parent / "shared" / "data")) / "hf_daily_papers_api"

BASELINE_PATTERNS = (
    re.compile(r"github\.com/[\w.-]+/[\w.-]+"),
    re.compile(r"\b([A-Z][\w-]*(?:\s+[A-Z][\w-]*){1,6})\s+\(([A-Z][A-Za-z0-9-]{1,10})\)"),
    re.compile(r"\b([A-Z][\w-]+)\s+(?:dataset|benchmark)s?\b"),
)


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_corpus(target: int, path: Path) -> int:
    """The HF papers repeated until ``target``; copy k gets " [copy k]" appended to its title."""
    items = []
    for file in sorted(HF_DIR.glob("*.json")):
        for item in json.loads(file.read_text(encoding="utf-8")):
            paper = item.get("paper", item)
            items.append({"title": paper.get("title") or item.get("title"), "abstract": paper.get("summary") or item.get("summary", "")})
    count = 0
    with path.open("w", encoding="utf-8") as out:
        copy = 0
        while count < target:
            for item in items:
                title = item["title"] if copy == 0 else f"{item['title']} [copy {copy}]"
                out.write(json.dumps({"title": title, "abstract": item["abstract"]}, ensure_ascii=False) + "\n")
                count += 1
            copy += 1
    return count


def timed(label: str, n: int, func):
    started = time.perf_counter()
    result = func()
    seconds = time.perf_counter() - started
    print(f"{label:<44} {n:>7} abstracts {seconds:8.2f} s {n / seconds:10.0f} abstracts/s   peak RSS {peak_rss_mib():7.0f} MiB")
    return result, seconds


def baseline_extract(papers) -> int:
    found = 0
    for paper in papers:
        for pattern in BASELINE_PATTERNS:
            found += len(pattern.findall(paper.abstract))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not HF_DIR.is_dir():
        sys.exit(f"shared data not found: {HF_DIR} (set PAPERKG_SHARED_DATA)")

    from kg.extract import Extractor
    from kg.graph import build_graph
    from kg.ingest import IngestReport, read_papers
    from kg.pipelines import run_pipeline
    from kg.store import save_graph

    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; baseline RSS {peak_rss_mib():.0f} MiB")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        n = write_corpus(args.papers, corpus)
        papers, _ = timed("read (kg.ingest, jsonl)", n, lambda: list(read_papers([corpus], report=IngestReport())))
        extractor, _ = timed("load extractor (pipeline + gazetteers)", 1, Extractor)
        _, base_s = timed("baseline: plain regex extraction", n, lambda: baseline_extract(papers))
        extractions, one_s = timed("extract, 1 process", n, lambda: list(extractor.extract_many(papers)))
        _, many_s = timed(f"extract, --workers {args.workers}", n, lambda: list(extractor.extract_many(papers, workers=args.workers)))
        graph, _ = timed("graph (kg.graph.build_graph)", n, lambda: build_graph(extractions))
        timed("save (kg.store, atomic)", n, lambda: save_graph(graph, Path(tmp) / "g.json"))
        size = (Path(tmp) / "g.json").stat().st_size
        print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships, file {size / 2**20:.1f} MiB")
        del extractions, graph
        for workers in (1, args.workers):
            graph_path = Path(tmp) / f"e2e-{workers}.json"
            timed(
                f"end to end: paperkg build, --workers {workers}",
                n,
                lambda: run_pipeline("build", paths=[corpus], fmt=None, report=IngestReport(), workers=workers, progress=False, graph_path=graph_path),
            )
        print(f"ratio extract(1 process) / regex baseline: {one_s / base_s:.1f}x slower; "
              f"--workers {args.workers} speed-up over 1 process: {one_s / many_s:.2f}x")


if __name__ == "__main__":
    main()
