"""Claimed results: "84.6% top-1 accuracy on ImageNet-1k", "improves recall by 101.52%".

Attached by ``kg_roles`` to the EVALUATES_ON mention of the dataset named in the same
sentence (nearest after the number), as ``metric``, ``value``, ``unit``, ``result`` (the
matched text) and ``claimed: True``:

>>> [(r.metric, r.value, r.unit) for r in find_results("reaches 84.6% top-1 accuracy on ImageNet")]
[('top-1 accuracy', 84.6, '%')]
>>> [(r.metric, r.value, r.unit) for r in find_results("improves recall by 101.52%")]
[('recall', 101.52, '%')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.names import looks_like_name
from kg.extract.native import speedups
from kg.extract.scan import keywords, matches_at, offsets_of, register_start_words
from kg.extract.state import abstract_start, props, text_of

METRIC = (
    r"(?:(?:top-[15]|zero-shot|few-shot|average|mean|overall|absolute|relative|exact[- ]match|macro[- ]|micro[- ])\s*)?"
    r"(?:accuracy|acc\.?|F1(?:[- ]score)?|BLEU|ROUGE(?:-[12L])?|METEOR|CIDEr|mAP|mIoU|AP|AUC|AUROC|recall|precision|"
    r"pass@\d+|Pass@\d+|success rate|win[- ]rate|FID|FVD|PSNR|SSIM|LPIPS|WER|CER|EM|perplexity|PPL|NDCG(?:@\d+)?|"
    r"MRR|Hits@\d+|R@\d+|Recall@\d+|IoU|Dice|score|points?|BLEU score|CLIPScore|throughput|speedup|latency)"
)
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(%|pp|points?|x|×|dB)?")
_DIGITS = tuple("0123456789")
#: Digits at word starts: where a claimed number can begin (see ``_numbers``).
register_start_words("number", _DIGITS)
#: The characters a METRIC match can begin with (the test checks them against the pattern). Searched
#: for in the 60 characters before each number, ``\b(METRIC)`` tried its ~55 alternatives at every
#: word boundary (~7 us a number, half of this module's time); this lookahead turns most of them
#: away at one character test (in ``_METRIC_AFTER`` too, at the one or two words after a number).
METRIC_FIRST_CHARS = "ABCDEFHILMNPRSWaeflmoprstwz"
_METRIC_AFTER = re.compile(rf"\s+(?:\w+\s+){{0,1}}?(?=[{METRIC_FIRST_CHARS}])({METRIC})\b(?:\s+(?:on|in)\b)?")
_METRIC_BEFORE = re.compile(
    rf"\b(?=[{METRIC_FIRST_CHARS}])({METRIC})\s+(?:of|by|to|at|reaching|=|:)?\s*(?:up to\s+|over\s+|about\s+|nearly\s+)?$")


@dataclass(frozen=True)
class Result:
    """One claimed number: metric, value, unit and where it was written."""

    metric: str
    value: float
    unit: str
    start: int
    end: int


def find_results(text: str, start: int = 0, number_starts: list[int] | None = None) -> list[Result]:
    """Every "value unit metric" or "metric by value unit" claim in ``text[start:]``
    (``number_starts``: the keyword pass's "number" offsets, when it has run)."""
    found = []
    for at, number_end, value, unit in _numbers(text, start, number_starts):
        previous = text[at - 1:at]  # "" at the start of the text
        if previous and (previous.isalnum() or previous in ".-"):
            continue
        # after the value and its unit; a unit-less number's match also holds the blanks after it
        # ("84.6 top-1 accuracy"), which ``_METRIC_AFTER`` begins with. A unit-less number right
        # after a name or a number is part of it ("the AIME 2025 score", "ImageNet 256 times 256 and FVD").
        after = _METRIC_AFTER.match(text, number_end if unit else at + len(value))
        if after and not unit and _after_name(text, at):
            after = None
        if after:
            found.append(Result(after.group(1), float(value), unit, at, after.end()))
            continue
        # _METRIC_BEFORE ends with a blank or a connector ("of", "by", "to", "at", "reaching", "=", ":")
        # right before the number: after "(", ",", "+" … (a fifth of the numbers) it cannot match
        if not (previous.isspace() or previous in "fyotg=:"):
            continue
        lo = max(start, at - 60)
        before = _METRIC_BEFORE.search(text, lo, at) if _may_end_metric(text, lo, at) else None
        if before:
            found.append(Result(before.group(1), float(value), unit, before.start(), number_end))
    return found


#: How every METRIC match ends (a digit for "pass@1", "NDCG@10", "ROUGE-2").
_METRIC_ENDINGS = ("accuracy", "acc", "acc.", "F1", "score", "Score", "BLEU", "ROUGE", "-L", "METEOR", "CIDEr", "AP",
                   "IoU", "AUC", "AUROC", "recall", "precision", "rate", "FID", "FVD", "PSNR", "SSIM", "LPIPS", "WER",
                   "CER", "EM", "perplexity", "PPL", "NDCG", "MRR", "Dice", "point", "points", "throughput", "speedup",
                   "latency", *"0123456789")


#: The endings by their last character (``endswith`` over all 45 per word cost more than the search it saves).
_METRIC_ENDINGS_BY_LAST = {last: tuple(e for e in _METRIC_ENDINGS if e[-1] == last) for last in {e[-1] for e in _METRIC_ENDINGS}}


def _may_end_metric(text: str, lo: int, at: int) -> bool:
    """A pre-check for ``_METRIC_BEFORE.search(text, lo, at)``: a match is a metric, blanks, at most
    a connector ("of", "=") and "up to" / "over" …, so the metric ends one of the last four words
    before ``at``. The search tried ~55 alternatives at every word of the 60 characters (~4 µs a
    number); most numbers have no metric there (tests/extract/test_results.py fuzzes the two)."""
    for word in text[lo:at].split()[-4:]:
        endings = _METRIC_ENDINGS_BY_LAST.get(word[-1])
        if endings is not None and word.endswith(endings):
            return True
    return False


#: Words that join two numbers into one size ("256 times 256", "512 x 512").
_TIMES = frozenset(("times", "x", "×"))


def _after_name(text: str, at: int) -> bool:
    """The word before the blanks before ``at`` is a name or a number that the number at ``at``
    belongs to ("AIME 2025", "ImageNet 256", "Llama 3", "256 times 256")."""
    lo = max(0, at - 40)
    before = text[lo:at].rstrip()
    if not before or len(before) == at - lo:
        return False  # nothing before the number, or no blank between
    word = before.rsplit(None, 1)[-1]
    return word[0].isdigit() or word in _TIMES or looks_like_name(word)


def _numbers(text: str, start: int, number_starts: list[int] | None) -> list[tuple[int, int, str, str]]:
    """(start, end, value, unit or "") of the matches of ``_NUMBER.finditer(text, start)`` as far as
    claims go, tried only where a digit is (the regex engine tests for a digit at every position,
    ~3x slower than finding each digit with ``str.find``). ASCII text is read in C when the speedups
    were built (``numbers_at``; the regex is the reference the tests compare it with).

    Given ``number_starts``, only digits at word starts: a number right after a letter, digit,
    "." or "-" is no claim (``find_results`` skips it), and no such number can span the start of
    one that is (a number holds no digit after a blank or a unit), so the claims are the same.
    """
    if not text.isascii():  # the regex's digits include other scripts' digits: it finds those
        return [_number_row(match) for match in _NUMBER.finditer(text, start)]
    starts = offsets_of(text, _DIGITS, start) if number_starts is None else number_starts
    if speedups is not None:
        return speedups.numbers_at(text, starts)
    return [_number_row(match) for match in matches_at(_NUMBER, text, starts)]


def _number_row(match: re.Match) -> tuple[int, int, str, str]:
    """A ``_NUMBER`` match as :func:`_numbers` returns it."""
    return match.start(), match.end(), match.group(1), match.group(2) or ""


_METRIC_WORD = re.compile(rf"(?<![\w\-]){METRIC}(?![\w\-])")


def find_metric_words(text: str) -> list[tuple[int, int]]:
    """Spans of metric names written anywhere ("BLEU", "top-1 accuracy"), numbers or not."""
    return [(m.start(), m.end()) for m in _METRIC_WORD.finditer(text)]


class ClaimedResults:
    """Stores ``Doc._.kg_props["_results"]`` for ``kg_roles`` to attach to datasets."""

    def __call__(self, doc: Doc) -> Doc:
        props(doc)["_results"] = find_results(text_of(doc), abstract_start(doc), keywords(doc).starts["number"])
        return doc


@Language.factory("kg_results")
def make_results(nlp: Language, name: str) -> ClaimedResults:
    """Registered factory: ``nlp.add_pipe("kg_results")``."""
    return ClaimedResults()
