"""Claimed results: the pre-checks in front of the metric patterns turn nothing away that they match."""

from __future__ import annotations

import random
import re
import re._constants as sre_constants
import re._parser as sre_parser

import pytest

from kg.extract import results


def _first_chars(items: list) -> set[str]:
    """The characters a match of the parsed ``items`` can begin with (literals, sets and branches;
    an optional item adds what follows it)."""
    op, arg = items[0]
    if op is sre_constants.LITERAL:
        return {chr(arg)}
    if op is sre_constants.SUBPATTERN:
        return _first_chars(list(arg[3]) + items[1:])
    if op is sre_constants.BRANCH:
        return {c for branch in arg[1] for c in _first_chars(list(branch) + items[1:])}
    if op is sre_constants.MAX_REPEAT and arg[0] == 0:
        return _first_chars(list(arg[2]) + items[1:]) | _first_chars(items[1:])
    raise AssertionError(f"cannot tell how {op} begins")


def test_metric_first_chars_are_every_way_a_metric_begins() -> None:
    assert _first_chars(list(sre_parser.parse(results.METRIC))) == set(results.METRIC_FIRST_CHARS)


_OLD_METRIC_BEFORE = re.compile(
    rf"\b({results.METRIC})\s+(?:of|by|to|at|reaching|=|:)?\s*(?:up to\s+|over\s+|about\s+|nearly\s+)?$")


def test_claims_are_those_of_the_pattern_without_the_first_char_check() -> None:
    rng = random.Random(11)
    pieces = ["top-1 ", "accuracy", "BLEU", " score", " of ", "by ", "12", ".5", "%", " ", "-", "F1", "x", ":",
              "=", "pp", "points", "\n", "(", "mean ", "up to ", "ROUGE-L", "é", "pass@1", "zz"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        for end in range(len(text) + 1):
            for begin in (0, max(0, end - 7)):
                new = results._METRIC_BEFORE.search(text, begin, end)
                old = _OLD_METRIC_BEFORE.search(text, begin, end)
                assert (new and (new.span(), new.group(1))) == (old and (old.span(), old.group(1))), (text, begin, end)


def _plain_results(text: str) -> list[results.Result]:
    """The rule without shortcuts: every number, both metric patterns tried as written."""
    found = []
    for number in results._NUMBER.finditer(text):
        if number.start() > 0 and (text[number.start() - 1].isalnum() or text[number.start() - 1] in ".-"):
            continue
        value, unit = float(number.group(1)), number.group(2) or ""
        if unit:  # a unit-less number is followed by its metric from the end of its value, unless it is part of a name
            after = results._METRIC_AFTER.match(text, number.end())
        else:
            after = None if results._after_name(text, number.start()) else \
                results._METRIC_AFTER.match(text, number.start() + len(number.group(1)))
        if after:
            found.append(results.Result(after.group(1), value, unit, number.start(), after.end()))
            continue
        before = _OLD_METRIC_BEFORE.search(text, max(0, number.start() - 60), number.start())
        if before:
            found.append(results.Result(before.group(1), value, unit, before.start(), number.end()))
    return found


def test_claims_are_those_of_the_plain_rule() -> None:
    rng = random.Random(13)
    pieces = ["top-1 ", "accuracy", "BLEU", " score", " of ", " by ", "12", ".5", "%", " ", "-", "F1", "x", ":", "=",
              "(", "+", "~", "pp", " points", "\n", "mean ", "up to ", "ROUGE-L", "é", "pass@1", "reaching", "at", "dB"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 16)))
        assert results.find_results(text) == _plain_results(text), text


def test_metric_pre_check_never_turns_away_a_metric_before_a_number() -> None:
    """``_may_end_metric`` against ``_METRIC_BEFORE.search`` on random windows built from metric
    words, connectors, "up to" and other words, with and without blanks between them."""
    pieces = ("accuracy", "top-1", "top-5 accuracy", "acc", "acc.", "F1", "F1-score", "F1 score", "BLEU", "BLEU score",
              "ROUGE", "ROUGE-L", "ROUGE-2", "METEOR", "CIDEr", "mAP", "mIoU", "AP", "AUC", "AUROC", "recall",
              "precision", "pass@1", "Pass@10", "success rate", "win-rate", "win rate", "FID", "FVD", "PSNR", "SSIM",
              "LPIPS", "WER", "CER", "EM", "perplexity", "PPL", "NDCG", "NDCG@10", "MRR", "Hits@1", "R@5",
              "Recall@20", "IoU", "Dice", "score", "point", "points", "CLIPScore", "throughput", "speedup",
              "latency", "zero-shot", "average", "exact match", "macro-", "of", "by", "to", "at", "reaching", "=",
              ":", "up to", "over", "about", "nearly", "the", "model", "improves", "(", "scores", "rates", "APs",
              "x", "1.5", "%")
    rng = random.Random(11)
    found = rejected = 0
    for _ in range(30000):
        text = "".join(rng.choice(pieces) + rng.choice(("", " ", " ", "  ", "\n", "\t")) for _ in range(rng.randint(1, 9)))
        lo = rng.randint(0, 3)
        match = results._METRIC_BEFORE.search(text, lo, len(text))
        passes = results._may_end_metric(text, lo, len(text))
        assert passes or match is None, text
        found += match is not None
        rejected += not passes
    assert found > 5000 and rejected > 2000  # (~15,000 and ~3,700: both outcomes are tested)


def test_numbers_read_in_c_are_the_pattern_matches() -> None:
    """``_speedups.numbers_at`` against ``matches_at(_NUMBER, …)`` on fuzzed ASCII text: decimals, a "."
    with no digit after it, every unit ("points" before "point"), blanks before a unit or none, units at
    the end of the text, and starts anywhere (not on a digit, inside a number, out of order)."""
    from kg.extract.native import speedups
    from kg.extract.scan import matches_at

    if speedups is None:
        import pytest

        pytest.skip("the C speedups were not built (tests/extract/test_phrases.py fails under CI=true)")
    rng = random.Random(13)
    pieces = ["1", "84", "0", ".", "5", "%", "pp", "p", "point", "points", "pointsx", "x", "dB", "d", "B", " ", "  ",
              "\t", "\n", "\x1f", "a", "-", ","]
    for _ in range(30_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        starts = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, rng.randint(0, 8))))
        if rng.random() < 0.2:
            starts = [rng.randint(-1, len(text) + 1) for _ in range(5)]
        expected = [(m.start(), m.end(), m.group(1), m.group(2) or "") for m in matches_at(results._NUMBER, text, starts)]
        assert speedups.numbers_at(text, starts) == expected, (text, starts)


@pytest.mark.parametrize(("text", "claims"), [
    ("reaches 84.6 top-1 accuracy on ImageNet", [("top-1 accuracy", 84.6, "")]),  # no unit: the metric after it
    ("achieves an 1.79 FID score", [("FID", 1.79, "")]),
    ("by almost 20 percentage points", [("points", 20.0, "")]),
    ("boosting the AIME 2025 score by 37.4%", [("score", 37.4, "%")]),  # "AIME 2025" is a name, not a claim
    ("FID of 2.0 on ImageNet 256 times 256 and FVD of 72.8 on UCF-101", [("FID", 2.0, ""), ("FVD", 72.8, "")]),
    ("Llama 3 accuracy", []),
])
def test_a_unit_less_number_takes_the_metric_after_it_unless_it_belongs_to_a_name(text: str, claims: list) -> None:
    assert [(r.metric, r.value, r.unit) for r in results.find_results(text)] == claims
