"""Ingest read speed per format (kg.ingest.read_papers), best of --repeat runs.

Inputs: the 112 real Hugging Face daily-papers responses and the sample listing
(shared/data), and synthetic files of --papers records (default 20,000) built
from those abstracts with distinct ids: arXiv snapshot JSONL, generic JSONL,
CSV and arXiv Atom XML.

    .venv/bin/python benchmarks/bench_ingest.py [--papers 20000] [--repeat 3]

Also the peak memory of reading the snapshot file in a fresh process (JSON lines over
64 MB are streamed; pass --papers 100000 to cross that line).

Prints one line per input: papers, wall and CPU seconds (CPU is steadier on a busy machine),
papers/s, MB/s. No assertions.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("PAPERKG_SHARED_DATA", ROOT.parent / "shared" / "data"))

from kg.ingest import IngestReport, read_papers  # noqa: E402


def corpus(n: int) -> list[dict]:
    """``n`` records cycling over the real HF papers, each with its own id and title."""
    base = list(read_papers(SHARED / "hf_daily_papers_api"))
    return [
        {"id": f"{2000 + i // 100000:04d}.{i % 100000:05d}", "title": f"{p.title} ({i})", "abstract": p.abstract,
         "authors": list(p.authors), "date": p.published}
        for i, p in ((i, base[i % len(base)]) for i in range(n))
    ]


def write_inputs(folder: Path, records: list[dict]) -> dict[str, Path]:
    paths = {name: folder / name for name in ("snapshot.jsonl", "generic.jsonl", "papers.csv", "feed.xml")}
    with paths["snapshot.jsonl"].open("w") as out:
        for r in records:
            out.write(json.dumps({"id": r["id"], "title": r["title"], "abstract": r["abstract"], "authors": ", ".join(r["authors"]),
                                  "categories": "cs.LG", "update_date": r["date"]}) + "\n")
    with paths["generic.jsonl"].open("w") as out:
        out.writelines(json.dumps(r) + "\n" for r in records)
    with paths["papers.csv"].open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "title", "abstract", "authors", "date"])
        writer.writerows([r["id"], r["title"], r["abstract"], "; ".join(r["authors"]), r["date"]] for r in records)
    with paths["feed.xml"].open("w") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n')
        for r in records:
            authors = "".join(f"<author><name>{escape(a)}</name></author>" for a in r["authors"])
            out.write(f"<entry><id>http://arxiv.org/abs/{r['id']}v1</id><published>{r['date']}T00:00:00Z</published>"
                      f"<title>{escape(r['title'])}</title><summary>{escape(r['abstract'])}</summary>{authors}</entry>\n")
        out.write("</feed>\n")
    return paths


def measure(label: str, path: Path, repeat: int) -> None:
    size = sum(p.stat().st_size for p in ([path] if path.is_file() else path.rglob("*")) if p.is_file())
    best, cpu, report = float("inf"), float("inf"), IngestReport()
    for _ in range(repeat):
        report = IngestReport()
        start, start_cpu = time.perf_counter(), time.process_time()
        for _paper in read_papers(path, report=report):
            pass
        best, cpu = min(best, time.perf_counter() - start), min(cpu, time.process_time() - start_cpu)
    print(f"{label:<26} {report.read:>6} papers {best:6.3f} s wall {cpu:6.3f} s cpu {report.read / best:>7,.0f} papers/s "
          f"{size / best / 1e6:5.1f} MB/s  ({report.summary()})")


def peak_memory(path: Path) -> None:
    """Peak RSS of a fresh process that reads ``path`` (streamed when over STREAM_BYTES)."""
    # VmHWM, not ru_maxrss: on Linux ru_maxrss survives exec and would report this (big) parent's peak.
    code = (
        "import re, sys; from kg.ingest import IngestReport, read_papers; r = IngestReport(); "
        "[None for _ in read_papers(sys.argv[1], report=r)]; "
        "print(r.read, int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)) // 1024)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=ROOT, check=True)
    papers, rss_mb = out.stdout.split()
    print(f"{'peak RSS ' + path.name:<26} {int(papers):>6} papers from {path.stat().st_size / 1e6:,.0f} MB: {rss_mb} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    measure("hf-daily (112 files)", SHARED / "hf_daily_papers_api", args.repeat)
    measure("listing (sample)", SHARED / "daily_papers_listing.txt", args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_inputs(Path(tmp), corpus(args.papers))
        for name, path in paths.items():
            measure(f"{name} ({args.papers:,})", path, args.repeat)
        peak_memory(paths["snapshot.jsonl"])


if __name__ == "__main__":
    main()
