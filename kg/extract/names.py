"""What a *name* looks like in an abstract (shared by the proposal and context rules).

A name-like word is CamelCase ("GradSign", "LLaVA"), an acronym ("GRPO"), letters with
digits ("Qwen2.5", "GPT-4o", "Mixtral-8x7B") or a capitalised word that is not an
ordinary English word ("Mamba" is, "Results" is not):

>>> [w for w in "GradSign beats Adam and GPT-4o on The test".split() if looks_like_name(w)]
['GradSign', 'GPT-4o']
"""

from __future__ import annotations

import functools
import re

from kg.extract.lexicon import GENERIC_NAMES, load_lexicon
from kg.extract.native import speedups

#: A character of a word, and a dot or apostrophe inside one ("Qwen2.5", "Hugging's" but not "Net.Then").
_CHAR, _INNER_DOT = r"[\w+&@]", r"[.'](?=\w)(?![A-Z][a-z])"
#: One name-ish word, hyphenated parts and version dots included: ``(?:char|dot)*`` and ``(?:char|dot)+``
#: after each hyphen, written "unrolled" as ``char*(?:dot char*)*`` (``char+(?:dot char*)*|(?:dot char*)+``).
#: Both try the same ends in the same order (longest first, the lookaheads hold at the same places), so
#: every pattern built on a word matches the same; but ``re`` runs a repeated single character class in
#: one C loop, where a repeated alternation keeps a backtracking state per character: the patterns built
#: on ``PHRASE`` run ~20% faster (``_NAME_AT``, ``_DIRECT`` and ``_ITEM`` together ~6.4 -> ~5.1 µs per
#: paper; fuzzed against the plain form in tests/extract/test_proposals_speed.py).
_BODY = (rf"{_CHAR}*(?:{_INNER_DOT}{_CHAR}*)*"
         rf"(?:-(?:{_CHAR}+(?:{_INNER_DOT}{_CHAR}*)*|(?:{_INNER_DOT}{_CHAR}*)+))*")
WORD = rf"[A-Za-z0-9]{_BODY}"
CAPWORD = rf"[A-Z0-9]{_BODY}"
#: Up to five capitalised / name-like words: a candidate multiword name.
PHRASE = rf"{WORD}(?:[ \t]+(?:{CAPWORD}|of|for)(?![\w\-])){{0,5}}"
PHRASE_RE = re.compile(PHRASE)

_INNER = re.compile(r"^(?=[A-Za-z0-9]).*?(?:[a-z0-9][A-Z]|[A-Z]{2}|[A-Za-z]\d|\d[A-Za-z])")
_LEADS = frozenset(
    """towards toward beyond rethinking revisiting on when why how what is are do does can should position
    survey review benchmarking scaling learning understanding exploring evaluating improving unlocking
    unveiling breaking bridging mind from through into the a an all less more not one two three let
    enhancing boosting leveraging making training teaching measuring probing""".split()
)
_GENERIC_HEADS = frozenset(
    """model models network networks learning agents agent systems system methods method approach approaches
    framework frameworks language languages generation reasoning vision data analysis""".split()
)
_STOPWORDS = frozenset("of for and in to on with the a an".split())


_NUMBERISH = re.compile(r"[\d.,%x×]+[A-Za-z]?|\d+[BMKT]|[A-Z][a-z]?|\d+(?:st|nd|rd|th|D)")
_ALLCAPS = re.compile(r"[A-Z]{2,}s?")
#: What :func:`_name_shape` tells apart.
_PLAIN, _NUMBER_LIKE, _INNER_SHAPE, _INNER_ALLCAPS = range(4)


def _name_shape(word: str) -> int:
    """The shape of ``word`` that :func:`looks_like_name` asks about: ``_NUMBER_LIKE`` when
    ``_NUMBERISH`` matches all of it, else ``_INNER_SHAPE`` when ``_INNER`` matches it
    (``_INNER_ALLCAPS`` when ``_ALLCAPS`` also matches all of it), else ``_PLAIN``. An ASCII
    word is read in C when the speedups were built (``name_shape``: the three regexes cost
    ~2,500 instructions a new word); this is the reference the tests compare it with."""
    if speedups is not None and word.isascii():
        return speedups.name_shape(word)
    if _NUMBERISH.fullmatch(word):
        return _NUMBER_LIKE
    if not _INNER.match(word):
        return _PLAIN
    return _INNER_ALLCAPS if _ALLCAPS.fullmatch(word) else _INNER_SHAPE


@functools.lru_cache(maxsize=1 << 16)
def looks_like_name(word: str) -> bool:
    """True for a word that reads as a coined name rather than an English word."""
    word = word.strip(".,;:'\"")
    if len(word) < 2 or word in GENERIC_NAMES or word.isdigit():
        return False
    shape = _name_shape(word)
    if shape == _NUMBER_LIKE:
        return False
    if shape != _PLAIN:
        return shape == _INNER_SHAPE or word.rstrip("s") not in GENERIC_NAMES
    if not word[0].isupper():
        return False
    head = word.split("-")[0]
    return len(head) >= 3 and not load_lexicon().is_common(head)


@functools.lru_cache(maxsize=1 << 14)
def phrase_is_name(phrase: str) -> bool:
    """A multiword capitalised phrase that is a name ("Stable Diffusion", "Denoising LM"),
    not an ordinary title phrase ("Large Language Models", "The Quest for the Right Mediator")."""
    words = phrase.split()
    if not words or words[0].lower() in _LEADS or len(words) > 5:
        return False
    if len(words) == 1:
        return looks_like_name(words[0])
    if any(looks_like_name(w) for w in words):
        return True
    content = [w for w in words if w.lower() not in _STOPWORDS]
    if any(not w[0].isupper() for w in content) or words[-1].lower() in _STOPWORDS:
        return False
    return words[-1].lower() not in _GENERIC_HEADS and len(content) <= 3


@functools.lru_cache(maxsize=1 << 14)
def trim_phrase(phrase: str) -> str:
    """Drop trailing connectives and generic lowercase words from a matched phrase."""
    words = phrase.split()
    while words and not (words[0][0].isupper() or words[0][0].isdigit() or looks_like_name(words[0])):
        words.pop(0)
    while words and (words[-1].lower() in _STOPWORDS or not (words[-1][0].isupper() or words[-1][0].isdigit()
                                                            or looks_like_name(words[-1]))):
        words.pop()
    return " ".join(words)


#: Characters that end a phrase read backwards (a quote or bracket before a word).
_TRAIL = frozenset("\"'“”`([")


def phrase_before(text: str, end: int, max_words: int = 5) -> tuple[int, str] | None:
    """The name-like phrase that ends at ``end`` (its start and text), read backwards word by
    word, never across a blank line: "… on the Crafter| benchmark" -> (offset of "Crafter", "Crafter")."""
    lo = max(0, end - 80)
    blank = text.rfind("\n\n", lo, end)
    lo = blank + 2 if blank >= 0 else lo
    window = text[lo:end]
    if not window or not window[-1:].isalnum() and window[-1:] not in ")+":
        return None
    words = window.rsplit(None, max_words)  # only the last words can be taken: no need to split them all
    if len(words) > max_words or lo == end - 80 and not window[0].isspace():
        del words[0]  # the rest of the window, or a possibly cut word
    taken: list[str] = []  # the phrase's words, last first
    for word in reversed(words):
        if len(taken) >= max_words or not _TRAIL.isdisjoint(word) or word[-1] in ",;:.!?":
            break
        if not (word[0].isupper() or word[0].isdigit() or looks_like_name(word)) and word not in ("of", "for"):
            break
        taken.append(word)
    if not taken:
        return None
    taken.reverse()
    phrase = trim_phrase(" ".join(taken))
    if not phrase:
        return None
    first = taken.index(phrase.split()[0])
    start = end
    for word in reversed(taken[first:]):  # back over each word and the blanks after it
        while start > lo and text[start - 1].isspace():
            start -= 1
        start -= len(word)
    return start, " ".join(text[start:end].split())


def clear_caches() -> None:
    """Forget the words and phrases :func:`looks_like_name`, :func:`phrase_is_name` and
    :func:`trim_phrase` memoised (results do not change)."""
    for memoised in (looks_like_name, phrase_is_name, trim_phrase):
        memoised.cache_clear()
