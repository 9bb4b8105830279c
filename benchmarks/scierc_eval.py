"""Span-level scores of the extractor on SciERC dev (Luan et al., EMNLP 2018), a reference point.

    python benchmarks/scierc_eval.py [--data /work/shared/data] [--split dev]

SciERC annotates every scientific term of older NLP/CV abstracts (Method, Task, Material,
Metric, OtherScientificTerm, Generic); paperkg extracts *named* entities of recent ML
papers, so low recall is expected and precision is the more telling figure. Mapping:
Method <- Method mentions, Material <- Dataset mentions, Task <- Concept mentions found in
the text, Metric <- metric words of claimed results. Exact = same character span and
type; overlap = the spans share a character (each gold span matched at most once).
SciERC is research-use data: it is read from the shared folder, never shipped.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.extract import Extractor  # noqa: E402
from kg.extract.results import find_metric_words  # noqa: E402
from kg.model import Paper  # noqa: E402

TYPES = ("Method", "Task", "Material", "Metric")
_MAP = {"Method": "Method", "Dataset": "Material", "Concept": "Task"}


def predicted_spans(extractor: Extractor, text: str) -> set[tuple[str, int, int]]:
    """(type, start, end) of everything the extractor found in ``text``, mapped to SciERC types."""
    spans = set()
    for m in extractor.extract(Paper(id="scierc", title="", abstract=text)).mentions:
        kind = _MAP.get(m.label.value)
        if kind and m.start is not None and m.field == "abstract":
            spans.add((kind, m.start, m.end))
    spans.update(("Metric", s, e) for s, e in find_metric_words(text))
    return spans


def score(gold: set, pred: set, overlap: bool) -> tuple[int, int, int]:
    """tp, fp, fn; exact spans or any overlap (each gold span used once)."""
    if not overlap:
        tp = len(gold & pred)
        return tp, len(pred) - tp, len(gold) - tp
    used, tp = set(), 0
    for kind, s, e in sorted(pred):
        hit = next((g for g in sorted(gold) if g not in used and g[0] == kind and g[1] < e and s < g[2]), None)
        if hit:
            used.add(hit)
            tp += 1
    return tp, len(pred) - tp, len(gold) - tp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("PAPERKG_SHARED_DATA", "/work/shared/data")))
    parser.add_argument("--split", default="dev")
    args = parser.parse_args()
    extractor = Extractor()
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    path = args.data / "scierc" / f"scierc_{args.split}_charspans.jsonl"
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for doc in docs:
        gold = {(e["type"], e["start"], e["end"]) for e in doc["entities"] if e["type"] in TYPES}
        pred = predicted_spans(extractor, doc["text"])
        for kind in TYPES:
            g = {x for x in gold if x[0] == kind}
            p = {x for x in pred if x[0] == kind}
            for mode in ("exact", "overlap"):
                for i, v in enumerate(score(g, p, mode == "overlap")):
                    counts[(kind, mode)][i] += v
    print(f"SciERC {args.split}: {len(docs)} abstracts")
    print(f"{'type':<10}{'match':<9}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}")
    for kind in TYPES:
        for mode in ("exact", "overlap"):
            tp, fp, fn = counts[(kind, mode)]
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            print(f"{kind:<10}{mode:<9}{p:7.3f}{r:7.3f}{f:7.3f}{tp:6d}{fp:6d}{fn:6d}")


if __name__ == "__main__":
    main()
