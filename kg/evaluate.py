"""Score extractor output against hand annotations (tests/gold/*.jsonl).

Categories (design §3 / issue 5):

========== ============================================================
repos      Repository mentions, compared by lowercased key
proposed   relation PROPOSES (Method or Dataset)
methods    label Method, relation USES
datasets   label Dataset, relation EVALUATES_ON or USES
concepts   label Concept
========== ============================================================

Matching is alias-aware: a predicted entity matches a gold one when any normalised form
(:func:`kg.ids.normalise_name` of the name or an alias) of one equals any normalised form
of the other; each gold item is matched at most once. Scores are micro-averaged over
papers, matched by id (or, failing that, by normalised title); every miss and false hit is listed.

>>> gold = [{"id": "p", "proposed": [{"name": "Reach-Aware Value Learning", "aliases": ["RAVL"]}],
...          "repos": [], "methods": [], "datasets": [], "concepts": []}]
>>> pred = [{"id": "p", "entities": [{"label": "Method", "name": "RAVL", "aliases": [], "relation": "PROPOSES"}]}]
>>> report = score(gold, pred)
>>> report.categories["proposed"].f1
1.0
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from kg.errors import InputError
from kg.ids import normalise_name
from kg.model import Extraction

CATEGORIES = ("repos", "proposed", "methods", "datasets", "concepts")


@dataclass(frozen=True)
class Item:
    """One entity to compare: its display name and every normalised form."""

    name: str
    forms: frozenset[str]


@dataclass
class CategoryScore:
    """Counts, scores and the itemised errors of one category."""

    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)  #: (paper id, gold name)
    false_hits: list[tuple[str, str]] = field(default_factory=list)  #: (paper id, predicted name)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"category": self.name, "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "misses": [list(m) for m in self.misses], "false_hits": [list(f) for f in self.false_hits]}


@dataclass
class EvalReport:
    """Per-category scores over all gold papers."""

    categories: dict[str, CategoryScore]
    papers: int
    missing_papers: list[str]  #: gold ids with no prediction (all their items count as misses)
    code_promised: CategoryScore

    def to_json(self) -> dict[str, Any]:
        return {"papers": self.papers, "missing_papers": self.missing_papers,
                "categories": [c.to_json() for c in self.categories.values()],
                "code_promised": self.code_promised.to_json()}

    def table(self, errors: bool = True) -> str:
        """A readable summary, then every miss and false hit."""
        lines = [f"papers: {self.papers}" + (f" ({len(self.missing_papers)} without predictions)" if self.missing_papers else ""),
                 f"{'category':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
        for c in (*self.categories.values(), self.code_promised):
            lines.append(f"{c.name:<14}{c.precision:7.3f}{c.recall:7.3f}{c.f1:7.3f}{c.tp:6d}{c.fp:6d}{c.fn:6d}")
        if errors:
            for c in self.categories.values():
                lines.extend(f"miss      {c.name:<9} {pid}  {name}" for pid, name in c.misses)
                lines.extend(f"false-hit {c.name:<9} {pid}  {name}" for pid, name in c.false_hits)
        return "\n".join(lines)


def _item(name: str, aliases: Iterable[str] = ()) -> Item:
    return Item(name, frozenset(normalise_name(f) for f in (name, *aliases) if f))


def gold_items(record: Mapping[str, Any]) -> dict[str, list[Item]]:
    """The items of one gold line, per category."""
    out = {"repos": [_item(r.lower()) for r in record.get("repos", [])],
           "concepts": [_item(c) for c in record.get("concepts", [])]}
    for cat in ("proposed", "methods", "datasets"):
        out[cat] = [_item(e["name"], e.get("aliases", ())) if isinstance(e, Mapping) else _item(e)
                    for e in record.get(cat, [])]
    return out


def predicted_items(entities: Iterable[Mapping[str, Any]]) -> dict[str, list[Item]]:
    """The items of one prediction line (``entities`` of ``paperkg extract`` output), per category."""
    out: dict[str, list[Item]] = {c: [] for c in CATEGORIES}
    for ent in entities:
        cat = category_of(ent.get("label", ""), ent.get("relation", ""))
        if cat is None:
            continue
        name = ent["name"].lower() if cat == "repos" else ent["name"]
        item = _item(name, () if cat == "repos" else ent.get("aliases", ()))
        if all(not (item.forms & other.forms) for other in out[cat]):
            out[cat].append(item)
    return out


def category_of(label: str, relation: str) -> str | None:
    """Which scored category a (label, relation) pair falls in, if any."""
    if label == "Repository":
        return "repos"
    if relation == "PROPOSES" and label in ("Method", "Dataset"):
        return "proposed"
    if label == "Method" and relation == "USES":
        return "methods"
    if label == "Dataset" and relation in ("EVALUATES_ON", "USES"):
        return "datasets"
    if label == "Concept":
        return "concepts"
    return None


def _match(score: CategoryScore, pid: str, gold: list[Item], pred: list[Item]) -> None:
    used = [False] * len(gold)
    for p in pred:
        hit = next((i for i, g in enumerate(gold) if not used[i] and g.forms & p.forms), None)
        if hit is None:
            score.fp += 1
            score.false_hits.append((pid, p.name))
        else:
            used[hit] = True
            score.tp += 1
    for g, was_used in zip(gold, used):
        if not was_used:
            score.fn += 1
            score.misses.append((pid, g.name))


def score(gold: Iterable[Mapping[str, Any]], predictions: Iterable[Mapping[str, Any] | Extraction]) -> EvalReport:
    """Score prediction records (extract JSON lines or :class:`Extraction` objects) against gold records."""
    preds, by_title = {}, {}
    for p in predictions:
        rec = p.to_json() if isinstance(p, Extraction) else p
        preds[rec["id"]] = rec
        by_title.setdefault(normalise_name(rec.get("title") or ""), rec)
    cats = {c: CategoryScore(c) for c in CATEGORIES}
    promised = CategoryScore("code_promised")
    gold_list = list(gold)
    missing = []
    for record in gold_list:
        pid = record["id"]
        pred = preds.get(pid) or by_title.get(normalise_name(record.get("title") or "\0"))
        if pred is None:
            missing.append(pid)
        g_items = gold_items(record)
        p_items = predicted_items(pred.get("entities", []) if pred else [])
        for cat in CATEGORIES:
            _match(cats[cat], pid, g_items[cat], p_items[cat])
        _score_flag(promised, pid, bool(record.get("code_promised")), bool((pred or {}).get("paper", {}).get("code_promised")))
    return EvalReport(cats, len(gold_list), missing, promised)


def _score_flag(score: CategoryScore, pid: str, gold: bool, pred: bool) -> None:
    if gold and pred:
        score.tp += 1
    elif pred:
        score.fp += 1
        score.false_hits.append((pid, "code_promised"))
    elif gold:
        score.fn += 1
        score.misses.append((pid, "code_promised"))


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSON Lines file (blank lines skipped); a bad line names file and line."""
    out = []
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(str(path), f"not JSON: {exc.msg}", line=number) from exc
    return out


def evaluate_files(gold_path: str | Path, predictions_path: str | Path) -> EvalReport:
    """Score an extract output file against a gold file."""
    return score(read_jsonl(gold_path), read_jsonl(predictions_path))


def evaluate_papers(gold_path: str | Path, inputs: Iterable[str | Path], workers: int = 1) -> EvalReport:
    """Extract the papers read from ``inputs`` with the default extractor and score them."""
    from kg.extract import Extractor
    from kg.ingest import read_papers

    extractor = Extractor()
    return score(read_jsonl(gold_path), extractor.extract_many(read_papers(list(inputs)), workers=workers))
