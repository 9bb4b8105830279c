"""Acronym definitions in both orders, Schwartz–Hearst style.

"Reach-Aware Value Learning (RAVL)" and "STARC (STAndardised Reward Comparison)" both
pair a short form with its long form; the letters of the short form must appear, in
order, in the long form, the first one at the start of a word:

>>> [(d.short, d.long) for d in find_acronyms("We use Group Relative Policy Optimization (GRPO) here.")]
[('GRPO', 'Group Relative Policy Optimization')]
>>> [(d.short, d.long) for d in find_acronyms("STARC (STAndardised Reward Comparison) is new.")]
[('STARC', 'STAndardised Reward Comparison')]
>>> find_acronyms("results (see Table 2) are good")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.native import speedups
from kg.extract.state import acronyms, text_of

_PAREN = re.compile(r"\(([^()]{1,120})\)")
_SHORT = re.compile(r"^(?=[^a-z]*[A-Z])[A-Za-z0-9][A-Za-z0-9\-+&.']{0,11}$")
_SHORT_FORM_END = re.compile(r"[;,]\s")  # "(GRPO; Shao et al., 2024)": the short form ends here
_WORD_PARTS = re.compile(r"[-/]")
_BRACKET_OR_COLON = re.compile(r"[()\[\]{};:]")
_WINDOW_WORDS = 12  #: a long form is looked for among this many words before "(SF)"
_LF_STOP = frozenset("the a an of in on for and or to with by we our this that is are".split())


@dataclass(frozen=True)
class AcronymDef:
    """A short form defined with its long form; offsets into the searched text."""

    short: str
    long: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int


def best_long_form(short_form: str, candidate: str) -> str | None:
    """The shortest suffix of ``candidate`` that contains the letters of ``short_form`` in order
    (the first letter at a word start), or None."""
    # str.rfind jumps from letter to letter (stepping through every character was hot);
    # ``lowered`` keeps the offsets of ``candidate``: a character whose lowercase is longer
    # (only "İ") stays as it is, and matches no letter either way.
    lowered = candidate.lower() if candidate.isascii() else "".join(_lower_char(c) for c in candidate)
    s, i = len(short_form) - 1, len(candidate) - 1
    while s >= 0:
        letter = short_form[s].lower()
        if not letter.isalnum():
            s -= 1
            continue
        i = lowered.rfind(letter, 0, i + 1)
        if s == 0:  # the first letter must start a word
            while i > 0 and candidate[i - 1].isalnum():
                i = lowered.rfind(letter, 0, i)
        if i < 0:
            return None
        i -= 1
        s -= 1
    start = max(candidate.rfind(" ", 0, i + 1), candidate.rfind("\n", 0, i + 1)) + 1
    return candidate[start:]


def _lower_char(letter: str) -> str:
    """``letter.lower()`` when that is one character, else ``letter`` (keeps offsets aligned)."""
    lowered = letter.lower()
    return lowered if len(lowered) == 1 else letter


def initials_match(short_form: str, words: list[str]) -> bool:
    """True when every word (hyphen parts count as words; connectives may be skipped) starts
    a consecutive piece of ``short_form``: "STAndardised Reward Comparison" for STARC."""
    letters = "".join(c for c in short_form.lower() if c.isalnum())
    # the regex split only for words that have hyphen parts (a split per word was half the time)
    original = [p for w in words for p in (_WORD_PARTS.split(w) if "-" in w or "/" in w else (w,)) if p]
    parts = [p.lower() for p in original]

    def fits(i: int, j: int) -> bool:
        if j == len(parts):
            return i == len(letters)
        if j > 0 and (parts[j] in _LF_STOP or parts[j][:1].islower() and original[j][:1].islower()) and fits(i, j + 1):
            return True
        return any(letters[i:i + n] == parts[j][:n] and fits(i + n, j + 1) for n in range(1, len(letters) - i + 1))

    return bool(parts) and fits(0, 0)


def _extend(short_form: str, long_form: str, window: str) -> str:
    """Prefer the longest window suffix whose word initials spell ``short_form`` ("Proximal Policy
    Optimization (PPO)", where the letter match alone stops at "Policy Optimization")."""
    words = window.split()
    letters = sum(map(str.isalnum, short_form))
    initial = next(filter(str.isalnum, short_form.lower()), "")
    for k in range(min(len(words), letters + 2), len(long_form.split()), -1):
        head = words[-k]  # the candidate is words[-k:], sliced only when it passes the first-word tests
        first = head.lstrip("-/")
        if first and first.lower()[0] != initial:  # cheap reject: initials_match wants the first letter here
            continue
        if head.lower() not in _LF_STOP and initials_match(short_form, words[-k:]):
            return " ".join(words[-k:])
    return long_form


def _valid(short_form: str, long_form: str) -> bool:
    """Whether ``long_form`` can be the long form of ``short_form`` (which matched ``_SHORT``, so it holds a
    capital and is no number): the cheap character tests come first (an empty ``long_form`` fails the
    length test), and the short form is looked for among the long form's words only when it is
    written in it at all."""
    if len(long_form) <= len(short_form) or not long_form[0].isalnum():
        return False
    words = long_form.split()
    letters = sum(map(str.isalpha, short_form))
    if words[0].lower() in _LF_STOP or len(words) > min(letters + 5, letters * 2 + 1):
        return False
    short_lowered, long_lowered = short_form.lower(), long_form.lower()
    if short_lowered in long_lowered and short_lowered in long_lowered.split():
        return False
    return not _BRACKET_OR_COLON.search(long_form)


#: (short_form, long_form, short_start, short_end, long_start, long_end): an :class:`AcronymDef` as the component
#: reads it (building the frozen dataclass costs ~2 us a definition).
_Definition = tuple[str, str, int, int, int, int]


def _short_first(text: str, match: re.Match) -> _Definition | None:
    """"LF (SF)": the parenthesis holds the short form."""
    group, paren = match.group(1), match.start()
    inner = (_SHORT_FORM_END.split(group, 1)[0] if ";" in group or "," in group else group).strip()
    if not _SHORT.match(inner):
        return None
    window_start = max(0, paren - 160)
    raw = text[window_start:paren]
    cut = max(raw.rfind(". "), raw.rfind("; "), raw.rfind(": "), raw.rfind("("), raw.rfind(")")) + 1
    words, first = _last_words(raw, cut)
    if not words:
        return None
    window = " ".join(words)
    window_start += first
    long_form = best_long_form(inner, window)
    if not long_form:
        return None
    long_form = long_form.lstrip("\"“'`‘")
    long_form = _extend(inner, long_form.strip(" ,"), window.strip(" ,"))
    if not _valid(inner, long_form):
        return None
    long_start = window_start + window.rfind(long_form)
    if text[long_start:long_start + len(long_form)] != long_form:  # the window had line breaks or double spaces
        found = text.rfind(long_form.split()[0], window_start, paren)
        long_start = found if found >= 0 else long_start
        long_form = text[long_start:paren].rstrip(" ,\t\n")
        if not long_form or not _valid(inner, " ".join(long_form.split())):
            return None
    s0 = match.start(1) + group.find(inner)
    return inner, long_form, s0, s0 + len(inner), long_start, long_start + len(long_form)


def _last_words(raw: str, cut: int) -> tuple[list[str], int]:
    """The last ``_WINDOW_WORDS`` words of ``raw[cut:]`` and the offset in ``raw`` of the first."""
    words = raw[cut:].rsplit(None, _WINDOW_WORDS)
    first = cut
    if len(words) > _WINDOW_WORDS:  # words[0] is everything before the kept words
        first += len(words.pop(0))
    rest = raw[first:]
    return words, first + len(rest) - len(rest.lstrip())


def _long_inside(text: str, match: re.Match) -> _Definition | None:
    """"SF (Long Form)": the word before the parenthesis is the short form."""
    inner = match.group(1).strip()
    if len(inner.split()) < 2:
        return None
    before = text[max(0, match.start() - 16):match.start()]
    if not before or before[-1:] not in " \t" or not before.split():
        return None
    short_form = before.split()[-1]
    if not _SHORT.match(short_form):
        return None
    short_start = match.start() - len(before) + before.rfind(short_form)
    long_form = best_long_form(short_form, inner)
    if long_form != inner or not _valid(short_form, inner):
        return None
    l0 = match.start(1) + match.group(1).find(inner)
    return short_form, inner, short_start, short_start + len(short_form), l0, l0 + len(inner)


def find_acronyms(text: str, start: int = 0) -> list[AcronymDef]:
    """Every acronym definition in ``text[start:]``, in order."""
    return [AcronymDef(*definition) for definition in _definitions(text, start)]


def _definitions(text: str, start: int = 0) -> Iterable[_Definition]:
    """:func:`find_acronyms` as plain tuples. ASCII text is read in C when the speedups were built
    (``acronym_definitions``, the same definitions: ~95k -> ~17k instructions an abstract); it hands
    back None where only the Python code decides (a long form not found in its own window)."""
    if speedups is not None and text.isascii():
        found = speedups.acronym_definitions(text, start)
        if found is not None:
            return found
    return _scan_definitions(text, start)


def _scan_definitions(text: str, start: int = 0) -> Iterator[_Definition]:
    """:func:`_definitions` in Python: the reference for the C scan, and its fallback."""
    for match in _PAREN.finditer(text, start):
        definition = _short_first(text, match) or _long_inside(text, match)
        if definition:
            yield definition


@Language.factory("kg_acronyms")
def make_acronyms(nlp: Language, name: str) -> "Acronyms":
    """Registered factory: ``nlp.add_pipe("kg_acronyms")``."""
    return Acronyms()


class Acronyms:
    """Fills ``Doc._.kg_acronyms`` (short form -> long form and its span); first definition wins."""

    def __call__(self, doc: Doc) -> Doc:
        table = acronyms(doc)
        for short_form, long_form, _, _, long_start, long_end in _definitions(text_of(doc)):
            table.setdefault(short_form, (long_form, long_start, long_end))
        return doc
