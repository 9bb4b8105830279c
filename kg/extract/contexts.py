"""Names not in any list, recognised by their context (USES / EVALUATES_ON).

* ``context.dataset_head``: "the X benchmark", "X dataset";
* ``context.evaluated_on``: "experiments / results / evaluated … on X, Y and Z";
* ``context.compared``: "compared with X", "outperforms X", "baselines such as X",
  "built on X", "fine-tuned X" (each listed item must look like a name).

Items already known to the gazetteers are left to them; this only adds unseen names.
"""

from __future__ import annotations

import functools
import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.lexicon import load_lexicon
from kg.extract.names import PHRASE, looks_like_name, phrase_before, trim_phrase
from kg.extract.native import speedups
from kg.extract.scan import keywords, matches_at, offsets_of, register_start_words, word_starts
from kg.extract.state import Candidate, abstract_start, acronyms, cands, text_of

_ITEM = re.compile(rf"\s*(?:the\s+)?({PHRASE})")
_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|&)\s+|\s*/\s*)")
_HEAD = re.compile(r" (?:benchmarks?|datasets?|data set|corpus|suite|leaderboard)\b")
#: The word after the blank every ``_HEAD`` match begins with is one of these.
_HEAD_STARTS = ("benchmark", "dataset", "data set", "corpus", "suite", "leaderboard")
#: Coined benchmark names: "FlexTravelBench", "iWorld-Bench", "Terminal-Bench-2", "VideoQA-Eval".
_BENCH_NAME = re.compile(r"(?<![\w\-])[A-Za-z][\w\-]*?(?:Bench|-bench|BENCH|Eval|Arena|Gym|QA)(?:-?\d[\w.]*|-[A-Z][\w]*)?(?![\w\-])")
#: The words every ``_BENCH_NAME`` match ends with (before an optional version), as in its pattern.
_BENCH_ENDINGS = ("Bench", "-bench", "BENCH", "Eval", "Arena", "Gym", "QA")
_CLASS_AFTER = re.compile(r"[\s\-]+(?:methods|models|approaches|baselines|techniques|systems|variants|frameworks|"
                          r"algorithms|architectures|agents|pipelines)\b")
#: The words an "evaluated on" claim begins with, and the prepositions that end it (up to four words later).
_EVAL_LEADS = ("experiments", "experiment", "evaluations", "evaluation", "results", "result", "evaluated", "evaluate",
               "evaluating", "tested", "testing", "benchmarked", "validated", "performance", "accuracy", "improvements",
               "improvement", "gains", "gain", "state-of-the-art", "SOTA", "trained", "fine-tuned", "pre-trained",
               "pretrained")
_EVAL_PREPOSITIONS = ("on", "across", "over")
_EVAL_MAX_BETWEEN = 4
_EVAL = re.compile(rf"\b(?:{'|'.join(map(re.escape, _EVAL_LEADS))})(?:\s+[\w\-]+){{0,{_EVAL_MAX_BETWEEN}}}?"
                   rf"\s+(?:{'|'.join(_EVAL_PREPOSITIONS)})\s+")
_EVAL_LEAD_BYTES = tuple(word.encode() for word in _EVAL_LEADS)
_EVAL_PREPOSITION_BYTES = tuple(word.encode() for word in _EVAL_PREPOSITIONS)
_USE = re.compile(
    r"\b(?:compared? (?:with|to|against)|comparisons? (?:with|to|against)|outperform(?:s|ing|ed)?|"
    r"surpass(?:es|ing|ed)?|beat(?:s|ing)?|baselines?(?: methods| models)?,? (?:such as|including|like)|"
    r"(?:models?|methods|LLMs|VLMs|approaches|backbones?|architectures?) (?:such as|including|like)|"
    r"built (?:up)?on|on top of|fine-?tun(?:e|es|ed|ing)|distill(?:ed|ing)? (?:from|into)|"
    r"initiali[sz]ed (?:from|with)|extends?|extending|variants? of|versions? of)\s+(?:the\s+|a\s+|an\s+)?")
#: Every ``_USE`` match begins with one of these (keep the two in step). The words that are common on
#: their own ("models", "comparison", "baselines", "version") are registered with the words the pattern
#: needs after them: the keyword pass then finds 4x fewer places to try it (each failed try ~1 µs).
_USE_STARTS = (
    *(f"{word} {after}" for word in ("compare", "compared", "comparison", "comparisons")
      for after in ("with", "to", "against")),
    "outperform", "surpass", "beat",
    *(f"{word}{head}{comma} {after}" for word in ("baseline", "baselines") for head in ("", " methods", " models")
      for comma in ("", ",") for after in ("such as", "including", "like")),
    *(f"{word} {after}" for word in ("model", "models", "methods", "LLMs", "VLMs", "approaches", "backbone", "backbones",
                                     "architecture", "architectures") for after in ("such as", "including", "like")),
    "built on", "built upon", "on top of", "fine-tun", "finetun",
    *(f"{word} {after}" for word in ("distill", "distilled", "distilling") for after in ("from", "into")),
    "initiali", "extend", "variant of", "variants of", "version of", "versions of",
)
register_start_words("dataset head", _HEAD_STARTS)
register_start_words("evaluated on", _EVAL_LEADS)  # every match begins with one: the pattern is built from them
register_start_words("compared", _USE_STARTS)


_FIRST_WORD_END = re.compile(r"[\s\-]")
_QUANTIFIERS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve several multiple many various diverse our "
    "these those both all existing popular standard public widely-used common other new real-world".split())


def list_items(text: str, pos: int, limit: int = 8) -> list[tuple[int, str]]:
    """Names of a coordinated list starting at ``pos``: "X, Y, and Z" -> [(offset, name) …]."""
    items = []
    while len(items) < limit:
        match = _ITEM.match(text, pos)
        if not match:
            break
        name = trim_phrase(match.group(1))
        if not name:
            break
        items.append((match.start(1) + match.group(1).find(name), name))
        sep = _SEP.match(text, items[-1][0] + len(name))
        if not sep:
            break
        pos = sep.end()
    return items


def _is_new_name(name: str, defined: dict | None = None) -> bool:
    """An unseen name: no list knows it and the text does not define it as an acronym."""
    return not (defined and name in defined) and _is_unlisted_name(name)


@functools.lru_cache(maxsize=1 << 14)
def _is_unlisted_name(name: str) -> bool:
    """A name-like phrase no list knows (pure: the lexicon is loaded once, so it is memoised)."""
    lex = load_lexicon()
    if lex.lookup(name) is not None or name.lower() in lex.tasks:
        return False
    first = _FIRST_WORD_END.split(name, maxsplit=1)[0]
    if first != name and lex.lookup(first) is not None:
        return False  # a variant of a known name: the gazetteer handles it
    words = name.split()
    if words[0].lower() in _QUANTIFIERS or words[0][0].isdigit() and len(words) > 1:
        return False
    return len(words) <= 4 and any(looks_like_name(w) for w in words)


def _bench_endings(text: str, start: int) -> list[int]:
    """Offsets (in order, from ``start``) of the ``_BENCH_ENDINGS`` that can end a ``_BENCH_NAME``: a
    version ("-2", "2.1") or no word character follows them, so the "bench" of "benchmark" (60% of
    the words found) is never tried as a name. ASCII text is scanned in C with ``memchr`` when the
    speedups were built (``bench_endings``: ~27k -> ~3k instructions an abstract, against seven
    ``str.find`` scans in compiled Python)."""
    if speedups is not None and start >= 0 and text.isascii():
        return speedups.bench_endings(text, start)
    return _scan_bench_endings(text, start)


def _scan_bench_endings(text: str, start: int) -> list[int]:
    """:func:`_bench_endings` in Python: the reference for the C scan, and its fallback.

    ``str.find`` for each word costs about what a regex alternation of them did (~10 µs per
    abstract) and finds overlapping words too ("QArena"), so every ending is checked.
    """
    found = []
    for word in _BENCH_ENDINGS:
        at = text.find(word, start)
        while at >= 0:
            after = text[at + len(word):at + len(word) + 1]  # a version starts with "-" or a digit
            if not (after.isalpha() or after == "_"):
                found.append(at)
            at = text.find(word, at + 1)
    found.sort()
    return found


def _evaluated_on_ends(text: str, starts: list[int]) -> list[int]:
    """Where the matches of ``_EVAL`` tried at ``starts`` end (as ``matches_at`` finds them): read in C
    for ASCII text when the speedups were built (``words_then_preposition``: a failed regex try cost
    ~1 µs, and five in six fail); the regex is the reference the tests compare it with."""
    if speedups is not None and text.isascii():
        return speedups.words_then_preposition(text, starts, _EVAL_LEAD_BYTES, _EVAL_PREPOSITION_BYTES, _EVAL_MAX_BETWEEN)
    return [match.end() for match in matches_at(_EVAL, text, starts)]


class ContextNames:
    """Adds Method / Dataset candidates for unseen names in telling contexts."""

    def clear_caches(self) -> None:
        """Forget the names ``_is_unlisted_name`` memoised."""
        _is_unlisted_name.cache_clear()

    def __call__(self, doc: Doc) -> Doc:
        text: str = text_of(doc)  # (typed: the compiled module slices and searches it with C calls)
        out = cands(doc)
        start, starts = abstract_start(doc), keywords(doc).starts
        for match in matches_at(_HEAD, text, [at - 1 for at in starts["dataset head"]], start):
            found = phrase_before(text, match.start())
            if found and _is_new_name(found[1], acronyms(doc)):
                pos, name = found
                out.append(Candidate("Dataset", name, pos, pos + len(name), "context.dataset_head", 0.6, "EVALUATES_ON"))
        for match in matches_at(_BENCH_NAME, text, word_starts(text, _bench_endings(text, start), start)):
            name = match.group(0)
            if _is_new_name(name, acronyms(doc)):
                out.append(Candidate("Dataset", name, match.start(), match.end(), "context.bench_name", 0.6))
        for end in _evaluated_on_ends(text, starts["evaluated on"]):
            self._items(text, end, "Dataset", "context.evaluated_on", 0.5, "EVALUATES_ON", out, acronyms(doc))
        for match in matches_at(_USE, text, starts["compared"]):
            self._items(text, match.end(), "Method", "context.compared", 0.5, "USES", out, acronyms(doc))
        return doc

    @staticmethod
    def _items(text: str, pos: int, label: str, rule: str, conf: float, rel: str, out: list[Candidate],
               defined: dict) -> None:
        for offset, name in list_items(text, pos):
            if _CLASS_AFTER.match(text, offset + len(name)):
                continue  # "existing UQ methods": a class of methods, not a named one
            if label == "Dataset" and name in defined:
                continue  # an acronym the text defines as something else ("Theory of Mind (ToM)")
            if _is_new_name(name):
                out.append(Candidate(label, name, offset, offset + len(name), rule, conf, rel))


@Language.factory("kg_contexts")
def make_contexts(nlp: Language, name: str) -> ContextNames:
    """Registered factory: ``nlp.add_pipe("kg_contexts")``."""
    return ContextNames()
