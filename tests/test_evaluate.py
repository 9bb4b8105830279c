"""Gold scoring: alias-aware matching, categories, misses and false hits, the CLI."""

from __future__ import annotations

import json

from click.testing import CliRunner

from kg.cli import cli
from kg.evaluate import category_of, evaluate_files, score

GOLD = {"id": "p1", "title": "T", "repos": ["github:o/r"], "proposed": [{"name": "Reach-Aware Value Learning", "aliases": ["RAVL"]}],
        "methods": [{"name": "Proximal Policy Optimization", "aliases": ["PPO"]}, {"name": "BERT", "aliases": []}],
        "datasets": [{"name": "ImageNet", "aliases": ["ImageNet-1k"]}], "concepts": ["semantic segmentation"],
        "code_promised": False}
PRED = {"id": "p1", "title": "T", "entities": [
    {"label": "Repository", "name": "github:O/R", "relation": "HAS_CODE"},
    {"label": "Method", "name": "RAVL", "aliases": [], "relation": "PROPOSES"},
    {"label": "Method", "name": "PPO", "aliases": [], "relation": "USES"},
    {"label": "Method", "name": "GPT-4", "aliases": [], "relation": "USES"},
    {"label": "Dataset", "name": "ImageNet-1K", "aliases": [], "relation": "EVALUATES_ON"},
    {"label": "Concept", "name": "Semantic  Segmentation", "relation": "MENTIONS"},
]}


def test_alias_aware_scores_per_category() -> None:
    report = score([GOLD], [PRED])
    cats = report.categories
    assert (cats["repos"].tp, cats["proposed"].tp, cats["datasets"].tp, cats["concepts"].tp) == (1, 1, 1, 1)
    assert (cats["methods"].tp, cats["methods"].fp, cats["methods"].fn) == (1, 1, 1)
    assert cats["methods"].misses == [("p1", "BERT")] and cats["methods"].false_hits == [("p1", "GPT-4")]
    assert cats["methods"].precision == 0.5 and cats["methods"].recall == 0.5


def test_each_gold_item_matches_once_and_missing_papers_count_as_misses() -> None:
    dup = dict(PRED, entities=PRED["entities"] + [{"label": "Method", "name": "Proximal Policy Optimization",
                                                   "aliases": ["PPO"], "relation": "USES"}])
    assert score([GOLD], [dup]).categories["methods"].tp == 1
    other = dict(GOLD, id="p2", title="Other")
    report = score([GOLD, other], [PRED])
    assert report.missing_papers == ["p2"] and report.categories["repos"].fn == 1


def test_category_of_relations() -> None:
    assert category_of("Dataset", "USES") == "datasets"
    assert category_of("Dataset", "PROPOSES") == "proposed"
    assert category_of("Paper", "CITES") is None


def test_eval_command_reads_files_and_lists_errors(tmp_path) -> None:
    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold.write_text(json.dumps(GOLD) + "\n")
    pred.write_text(json.dumps(PRED) + "\n")
    assert evaluate_files(gold, pred).categories["proposed"].f1 == 1.0
    result = CliRunner().invoke(cli, ["eval", str(gold), str(pred)])
    assert result.exit_code == 0, result.output
    assert "methods" in result.output and "false-hit methods" in result.output and "GPT-4" in result.output
    result = CliRunner().invoke(cli, ["eval", str(gold), str(pred), "--format", "json"])
    assert json.loads(result.output)["categories"][0]["category"] == "repos"


def test_eval_command_rejects_both_inputs(tmp_path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(GOLD) + "\n")
    result = CliRunner().invoke(cli, ["eval", str(gold)])
    assert result.exit_code == 2 and "PREDICTIONS" in result.output
