"""Extraction throughput: the full extractor (1 process and --workers N) beside a plain-regex
baseline, on the HF daily-papers abstracts repeated to at least 20,000 papers.

    python benchmarks/bench_extract.py [--data /work/shared/data] [--min-papers 20000] [--workers 2] [--passes 5]

Prints abstracts/s for each run. The repeated corpus meets every paper ~11 times, and names
the extractor memoised on the first meeting make the later ones cheaper (~9% fewer
instructions, ``extract_instructions.py``), so the first figure is for papers it has never
seen: passes over the distinct papers, each after ``Extractor.clear_caches()`` (the median
pass, and the best). That is the figure to hold against a target.

The baseline only finds GitHub links and "(ACR)" acronyms with two regular expressions: it
shows the floor of pure-Python text scanning here. spaCy's tokenizer alone is printed for
reference: the extractor no longer tokenises (its components read the text), and it was the
largest single cost when it did. ``PAPERKG_PURE_PYTHON=1`` runs it without the C speedups
(kg/extract/_speedups.c) and as Python rather than compiled (kg/_compiled.py), for the ratio.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.extract import Extractor  # noqa: E402
from kg._compiled import summary as compiled_summary  # noqa: E402
from kg.extract.native import NATIVE  # noqa: E402
from kg.ingest import read_papers  # noqa: E402
from kg.model import Paper  # noqa: E402

_GITHUB = re.compile(r"github\.com/([\w.\-]+)/([\w.\-]+)")
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9\-]{1,9})\)")


def corpus(data: Path, minimum: int) -> list[Paper]:
    """The HF API papers, repeated until there are at least ``minimum``."""
    papers = list(read_papers([data / "hf_daily_papers_api"]))
    repeats = -(-minimum // len(papers))
    return (papers * repeats)[: max(minimum, len(papers))]


def unseen_passes(extractor: Extractor, papers: list[Paper], passes: int) -> list[float]:
    """Abstracts per CPU-second of each pass over ``papers``, every pass after the extractor
    forgot the names it memoised (CPU time: the machine may be shared)."""
    rates = []
    for _ in range(passes):
        extractor.clear_caches()
        start = time.process_time()
        for _ in extractor.extract_many(papers):
            pass
        rates.append(len(papers) / (time.process_time() - start))
    return rates


def regex_baseline(papers: list[Paper]) -> int:
    """Two regexes per abstract; returns how many things they found."""
    found = 0
    for paper in papers:
        found += len(_GITHUB.findall(paper.abstract)) + len(_ACRONYM.findall(paper.abstract))
    return found


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the fork pool's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(label: str, n: int, func) -> float:
    """Run ``func``; print wall-clock and CPU-time rates (the machine may be shared: CPU time
    says what one core does, wall clock what this run got)."""
    cpu, start = _cpu(), time.perf_counter()
    result = func()
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    print(f"{label:<34} {n:>7} abstracts  {seconds:7.2f} s  {n / seconds:9.0f} abstracts/s wall"
          f"  {n / cpu if cpu else float('inf'):9.0f} abstracts/CPU-s  ({result} found)")
    return n / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("PAPERKG_SHARED_DATA", "/work/shared/data")))
    parser.add_argument("--min-papers", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--passes", type=int, default=5, help="passes over the distinct papers, caches cleared before each")
    args = parser.parse_args()
    papers = corpus(args.data, args.min_papers)
    start = time.perf_counter()
    extractor = Extractor()
    print(f"pipeline build: {time.perf_counter() - start:.2f} s; cores: {os.cpu_count()}; C speedups: "
          f"{'in use' if NATIVE else 'not in use (not built, or PAPERKG_PURE_PYTHON set)'}; {compiled_summary()}")
    # the interpreter matters: Debian's PGO/LTO build runs the extractor in ~13% fewer instructions than pyenv's
    print(f"python {platform.python_version()} ({os.path.realpath(sys.executable)})")
    count = lambda extractions: sum(len(e.mentions) for e in extractions)  # noqa: E731
    timed("regex baseline (1 process)", len(papers), lambda: regex_baseline(papers))
    extractor.extract(papers[0])  # warm up
    distinct = list({paper.id: paper for paper in papers}.values())
    rates = sorted(unseen_passes(extractor, distinct, args.passes))
    print(f"{'extractor, 1 process, unseen papers':<34} {len(distinct):>7} abstracts  {args.passes} passes"
          f"  {rates[len(rates) // 2]:9.0f} abstracts/CPU-s (median pass)  {rates[-1]:9.0f} (best pass)")
    one = timed("extractor, 1 process, repeated", len(papers), lambda: count(extractor.extract_many(papers)))
    many = timed(f"extractor, --workers {args.workers}", len(papers),
                 lambda: count(extractor.extract_many(papers, workers=args.workers)))
    # Last: it fills the shared vocabulary with every token, which slowed later runs by ~15%.
    timed("spaCy tokenizer alone (reference)", len(papers), lambda: sum(len(extractor.nlp.make_doc(p.abstract)) for p in papers))
    print(f"speed-up with {args.workers} workers (wall clock): {many / one:.2f}x; load average now: "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
