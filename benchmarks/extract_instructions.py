"""Machine instructions the extractor executes per abstract, counted by valgrind.

A cost figure that does not move with the machine's load:

    python benchmarks/extract_instructions.py [--papers 300] [--data /work/shared/data] [--pure-python] [--keep FILE]

Wall-clock and CPU-time rates on this machine vary by 10-25% between runs of the same code
(a shared host), which hides any change smaller than that. Instruction counts repeat to
within a fraction of a percent, so a change to the extractor can be measured by running
this before and after it. They do not see cache misses, so they complement
``bench_extract.py`` rather than replace it.

The script re-runs itself under ``valgrind --tool=callgrind`` (Debian: ``apt-get install
valgrind``; about 2.5 minutes), warms the extractor on a third of the HF API papers, and
counts only the extraction of ``--papers`` others: collection is switched on inside
libffi's ``ffi_call``, through which ctypes calls the measured work back (nothing else calls it;
libffi is a shared library, so its symbols are there even in an interpreter whose own symbols
were stripped, such as Debian's ``/usr/bin/python3.11``). It prints instructions per abstract, and
how they divide between regular expressions, the interpreter, the compiled modules, the C
speedups, memory management and the garbage collector (self cost of the C functions, by name).
``--pure-python`` counts the extractor run as Python (``PAPERKG_PURE_PYTHON=1``); ``--keep FILE``
saves the profile, for ``callgrind_annotate --inclusive=yes FILE``: the compiled modules'
functions (``__pyx_pw_…``) appear there by name, with what they and their callees cost.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: What a C function's name says it belongs to (first match wins); the rest is "other".
KINDS = (
    ("regular expressions (_sre)", re.compile(r"_sre|sre_")),
    ("C speedups (_speedups.c)", re.compile(r"_speedups\.c")),
    ("compiled modules (Cython)", re.compile(r"__pyx_|build/cython/")),
    ("garbage collector", re.compile(r"gcmodule\.c")),
    ("memory (obmalloc, malloc, free)", re.compile(r"obmalloc\.c|malloc|_int_free|\bfree\b")),
    ("interpreter (ceval, frames)", re.compile(r"ceval\.c|_PyEval_EvalFrameDefault|frame\.c|_PyFrame")),
    ("dicts and hashing", re.compile(r"dictobject\.c|pyhash\.c")),
    ("str and bytes operations", re.compile(r"unicodeobject\.c|unicodectype\.c|stringlib|bytes_methods\.c|"
                                            r"bytesobject\.c|mem(?:cmp|cpy|move|set)")),
    ("objects, tuples, lists, calls", re.compile(r"tupleobject|listobject|object\.[ch]:|abstract\.c|call\.c|getargs|"
                                                 r"modsupport|typeobject|methodobject|descrobject|funcobject|longobject|"
                                                 r"floatobject|sliceobject|boolobject|setobject|pycore_")),
    # a stripped interpreter (Debian's /usr/bin/python3.11) names only its exported functions, without
    # their files: the rest of its code (the regex engine among it) is counted here
    ("interpreter, unnamed (stripped build)", re.compile(r"^\?\?\?:0x")),
)


def measured_run(data: Path, papers: int) -> None:
    """The part valgrind runs: warm up, then extract ``papers`` unseen papers inside ``ffi_call``."""
    sys.path.insert(0, str(ROOT))
    from kg.extract import Extractor
    from kg.ingest import read_papers

    corpus = list(read_papers([data / "hf_daily_papers_api"]))
    extractor = Extractor()
    list(extractor.extract_many(corpus[0::3]))  # every third paper: patterns compiled, tables built
    unseen = corpus[1::3][:papers]  # none of them was in the warm-up
    if len(unseen) < papers:
        raise SystemExit(f"only {len(unseen)} unseen papers in {data}")
    ctypes.CFUNCTYPE(None)(lambda: list(extractor.extract_many(unseen)))()  # counted: see the module's docstring
    from kg._compiled import summary
    print(summary())


def self_costs(profile: Path) -> list[tuple[int, str]]:
    """(instructions, function) of each C function, self cost, from ``callgrind_annotate``."""
    out = subprocess.run(["callgrind_annotate", "--inclusive=no", "--threshold=100", "--auto=no", str(profile)],
                         capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines():
        match = re.match(r"\s*([\d,]+) \([ \d.]+%\)\s+(\S.*)$", line)
        if match and "PROGRAM TOTALS" not in line:
            rows.append((int(match.group(1).replace(",", "")), match.group(2)))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("PAPERKG_SHARED_DATA", "/work/shared/data")),
                        help="the shared data folder (holds hf_daily_papers_api/)")
    parser.add_argument("--papers", type=int, default=300, help="abstracts to count (default 300)")
    parser.add_argument("--pure-python", action="store_true",
                        help="without the C speedups and compiled modules (PAPERKG_PURE_PYTHON=1)")
    parser.add_argument("--keep", type=Path, metavar="FILE",
                        help="keep valgrind's profile here (callgrind_annotate --inclusive=yes FILE: costs by function)")
    parser.add_argument("--measured-run", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measured_run:
        measured_run(args.data, args.papers)
        return 0
    if shutil.which("valgrind") is None or shutil.which("callgrind_annotate") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    env = dict(os.environ, PYTHONHASHSEED="0")  # the same str hashes, so the same dict probes, each run
    if args.pure_python:
        env["PAPERKG_PURE_PYTHON"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "callgrind.out"
        command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={profile}", "--collect-atstart=no",
                   "--toggle-collect=ffi_call", sys.executable, __file__, "--measured-run",
                   "--data", str(args.data), "--papers", str(args.papers)]
        run = subprocess.run(command, env=env, capture_output=True, text=True)
        if run.returncode != 0:
            print(run.stderr[-2000:], file=sys.stderr)
            return 1
        rows = self_costs(profile)
        if args.keep:
            shutil.copyfile(profile, args.keep)
    total = sum(cost for cost, _ in rows)
    if total == 0:
        print("callgrind counted nothing (does ctypes still call through libffi's ffi_call?)", file=sys.stderr)
        return 1
    print(f"{args.papers} abstracts, compiled code {'off' if args.pure_python else 'on'}: "
          f"{total / args.papers:,.0f} instructions per abstract")
    print(f"  ({run.stdout.strip()})")
    by_kind: dict[str, int] = {}
    for cost, function in rows:
        kind = next((name for name, pattern in KINDS if pattern.search(function)), "other (calls, objects, lists …)")
        by_kind[kind] = by_kind.get(kind, 0) + cost
    for kind, cost in sorted(by_kind.items(), key=lambda item: -item[1]):
        print(f"  {kind:<36} {cost / args.papers:12,.0f}  {cost / total:6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
