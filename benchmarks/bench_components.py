"""CPU time of each extractor step per abstract, to see where extraction time goes.

    python benchmarks/bench_components.py [--data /work/shared/data] [--rounds 3]

Runs the extractor's steps one paper at a time over the snapshot corpus (HF API papers,
examples, gold papers) and prints, for each step, microseconds of CPU time per paper (the best
of ``--rounds`` rounds, so a busy machine inflates the figures less), then the total and the
abstracts/s it implies. CPU time, not wall clock: the machine may be shared.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from extract_snapshot import snapshot_corpus  # noqa: E402

from kg.extract import Extractor  # noqa: E402


def step_times(extractor: Extractor, papers: list, rounds: int) -> dict[str, float]:
    """Best-of-``rounds`` CPU seconds per step over ``papers``."""
    best: dict[str, float] = {}
    for _ in range(rounds):
        spent: dict[str, float] = {}
        for paper in papers:
            for name, seconds in extractor.profile(paper):
                spent[name] = spent.get(name, 0.0) + seconds
        for name, seconds in spent.items():
            best[name] = min(best.get(name, seconds), seconds)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("PAPERKG_SHARED_DATA", "/work/shared/data")))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    papers = snapshot_corpus(args.data)
    extractor = Extractor()
    for paper in papers:  # warm caches and vocabularies once
        extractor.extract(paper)
    best = step_times(extractor, papers, args.rounds)
    total = sum(best.values())
    print(f"{len(papers)} papers, best of {args.rounds} rounds, CPU time per paper:")
    for name, seconds in best.items():
        print(f"  {name:<22} {seconds / len(papers) * 1e6:8.1f} us  {seconds / total:6.1%}")
    print(f"  {'total':<22} {total / len(papers) * 1e6:8.1f} us  -> {len(papers) / total:,.0f} abstracts/CPU-s")


if __name__ == "__main__":
    main()
