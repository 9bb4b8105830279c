"""Snapshot every mention the extractor finds, to check that a speed-up changed nothing.

    python benchmarks/extract_snapshot.py before.jsonl            # on main, before the change
    python benchmarks/extract_snapshot.py after.jsonl --compare before.jsonl

The corpus is every HF daily-papers API paper in ``--data``, the example inputs and the gold
development papers: about 2,000 papers. Each output line is one paper: its id and its
mentions (every field, in extraction order) and paper properties, so a diff names the paper
and the mention that moved. ``--compare`` prints how many papers differ, the first
``--show`` differences, and exits 1 when any paper differs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract import Extractor  # noqa: E402
from kg.ingest import read_papers  # noqa: E402
from kg.model import Paper  # noqa: E402


def snapshot_corpus(data: Path) -> list[Paper]:
    """HF API papers, the examples and the gold papers, first occurrence of each id kept."""
    sources = [data / "hf_daily_papers_api", ROOT / "examples", ROOT / "tests" / "gold" / "hf_dev_papers.json"]
    papers: dict[str, Paper] = {}
    for paper in read_papers([s for s in sources if s.exists()]):
        papers.setdefault(paper.id, paper)
    return list(papers.values())


def snapshot_lines(papers: list[Paper], extractor: Extractor) -> list[str]:
    """One JSON line per paper: id, mentions (all fields) and paper properties."""
    lines = []
    for extraction in extractor.extract_many(papers):
        mentions = [[m.label.value, m.name, m.relation.value, m.rule, m.confidence, m.start, m.end, m.sentence,
                     m.field, list(m.aliases), m.properties, m.evidence] for m in extraction.mentions]
        lines.append(json.dumps({"id": extraction.paper.id, "mentions": mentions,
                                 "props": extraction.paper_properties}, sort_keys=True, ensure_ascii=False))
    return lines


def compare(lines: list[str], baseline: Path, show: int) -> int:
    """Print the papers whose line differs from ``baseline``; the number that differ."""
    before = {json.loads(line)["id"]: json.loads(line) for line in baseline.read_text(encoding="utf-8").splitlines()}
    differ = 0
    for line in lines:
        now = json.loads(line)
        old = before.get(now["id"])
        if old == now:
            continue
        differ += 1
        if differ <= show:
            print(f"--- {now['id']}")
            old_m = {json.dumps(m) for m in (old or {}).get("mentions", [])}
            new_m = {json.dumps(m) for m in now["mentions"]}
            for m in sorted(old_m - new_m):
                print(f"  - {m[:300]}")
            for m in sorted(new_m - old_m):
                print(f"  + {m[:300]}")
            if old and old["props"] != now["props"]:
                print(f"  props {old['props']} -> {now['props']}")
    print(f"{differ} of {len(lines)} papers differ from {baseline}")
    return differ


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="where to write the snapshot (JSON lines)")
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("PAPERKG_SHARED_DATA", "/work/shared/data")))
    parser.add_argument("--compare", type=Path, help="a snapshot to compare with")
    parser.add_argument("--show", type=int, default=20, help="how many differing papers to print")
    args = parser.parse_args()
    papers = snapshot_corpus(args.data)
    extractor = Extractor()
    start = time.process_time()
    lines = snapshot_lines(papers, extractor)
    seconds = time.process_time() - start
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} papers, {sum(len(json.loads(x)['mentions']) for x in lines)} mentions, "
          f"{len(lines) / seconds:.0f} papers/CPU-s -> {args.output}")
    return 1 if args.compare and compare(lines, args.compare, args.show) else 0


if __name__ == "__main__":
    sys.exit(main())
