"""Known-phrase lookup without a spaCy ``Doc``: word tokens and a token trie.

The gazetteer holds ~25,000 names. spaCy's ``PhraseMatcher`` needs a tokenised ``Doc``,
and tokenising cost more than every rule of the extractor together, so phrases are matched
here on plain text: one regular-expression pass splits the lower-cased text into word
tokens (runs of letters and digits, and single other characters), and a trie keyed by those
tokens is walked from each token that starts a known phrase. Like ``PhraseMatcher`` it
ignores the whitespace between tokens, except that a phrase never spans more than one space
(a line break or the title/abstract separator ends it).

>>> index = PhraseIndex()
>>> index.add("GPT-4", exact=7)
>>> index.add("image generation", task=True)
>>> text = "Text-to-image generation with GPT-4 and gpt-4."
>>> words = WordTokens(text)
>>> [(words.text[words.start(i):words.ends[j - 1]], hit.exact) for i, j, hit in index.find(words)]
[('image generation', {}), ('GPT-4', {('GPT', '-', '4'): 7}), ('gpt-4', {('GPT', '-', '4'): 7})]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import accumulate, compress

_WORD = re.compile(r"[^\W_]+|[^\w\s]|_")
#: A token with the whitespace before it; ASCII text has a faster pattern with the same tokens.
_PIECE = re.compile(r"\s*(?:[^\W_]+|[^\w\s]|_)")
_PIECE_ASCII = re.compile(r"\s*(?:[a-z0-9]+|[^\sa-z0-9])")


def words_of(form: str) -> tuple[str, ...]:
    """The word tokens of ``form`` as written: "GPT-4o" -> ("GPT", "-", "4o")."""
    return tuple(_WORD.findall(form))


class WordTokens:
    """The word tokens of one text: lower-cased strings and their offsets in the text.

    One regex pass returns each token with the whitespace before it; the rest is done by
    ``map``/``accumulate`` in C, not by a Python loop over every token.
    """

    __slots__ = ("text", "lowered", "words", "ends")

    def __init__(self, text: str):
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters lower-case to two ("İ"): keep offsets
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        pieces = (_PIECE_ASCII if lowered.isascii() else _PIECE).findall(lowered)
        self.text, self.lowered = text, lowered
        self.words: list[str] = list(map(str.lstrip, pieces))
        self.ends: list[int] = list(accumulate(map(len, pieces)))

    def start(self, i: int) -> int:
        """Offset of token ``i`` (its end minus its length: no list of starts is built)."""
        return self.ends[i] - len(self.words[i])

    def original(self, i: int, j: int) -> tuple[str, ...]:
        """Tokens ``i..j-1`` as written (for exact-case checks)."""
        text, words, ends = self.text, self.words, self.ends
        return tuple(text[ends[k] - len(words[k]):ends[k]] for k in range(i, j))

    def after(self, j: int) -> str:
        """The lower-cased token after a phrase ending before token ``j`` ("" at the end)."""
        return self.words[j] if j < len(self.words) else ""


@dataclass
class Hit:
    """What a phrase's lower-cased tokens stand for."""

    exact: dict[tuple[str, ...], int] = field(default_factory=dict)  #: tokens as written -> entry
    any_case: int | None = None  #: entry matched in any case
    task: bool = False


_HIT = ""  # the trie key of a node's Hit: no token is the empty string


class PhraseIndex:
    """A trie of known phrases over lower-cased word tokens."""

    def __init__(self) -> None:
        self.root: dict = {}

    def add(self, form: str, exact: int | None = None, any_case: int | None = None, task: bool = False) -> None:
        """Register ``form``: as an exact-case name of entry ``exact``, an any-case name of
        entry ``any_case``, and/or a task. The first registration of each kind wins."""
        node = self.root
        for word in _WORD.findall(form.lower()):
            node = node.setdefault(word, {})
        hit = node.setdefault(_HIT, Hit())
        if exact is not None:
            hit.exact.setdefault(words_of(form), exact)
        if any_case is not None and hit.any_case is None:
            hit.any_case = any_case
        hit.task = hit.task or task

    def find(self, tokens: WordTokens) -> list[tuple[int, int, Hit]]:
        """(first token, end token, hit) of every known phrase, by start then length."""
        root, words, ends, text = self.root, tokens.words, tokens.ends, tokens.text
        n, found = len(words), []
        nodes = list(map(root.get, words))  # the trie node each token starts, or None (a C loop)
        for i in compress(range(n), nodes):
            node, j = nodes[i], i + 1
            while True:
                hit = node.get(_HIT)
                if hit is not None:
                    found.append((i, j, hit))
                if j == n or len(node) == (hit is not None):
                    break  # the end of the text, or no longer phrase goes through this node
                gap = ends[j] - len(words[j]) - ends[j - 1]
                if gap > 1 or (gap == 1 and text[ends[j - 1]] != " "):
                    break
                node = node.get(words[j])
                if node is None:
                    break
                j += 1
        return found


_GLUED_BEFORE = frozenset("-_@.+~\\")
_CLOSERS = frozenset(",.;:!?)]}\"'")
_URL_SHAPE = re.compile(r"://|www\.|\w\.[a-z]{2,}/")


def standalone(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is written as a word of its own, not glued to a longer one: not
    inside a URL path or host ("…/internlm/Intern-S1", "MOSE.video"), a compound or version
    ("Cosmos-Predict2", "Claude 3.5", "FLUX.2", "Transformer++"; the compound rule decides
    those) or a snake_case identifier. "CLIP/SigLIP" names two models."""
    before, after, then = text[start - 1:start], text[end:end + 1], text[end + 1:end + 2]
    if before == "/" or (after == "/" and then.isalnum()):
        return not _in_url(text, start)
    if before and (before.isalnum() or before in _GLUED_BEFORE):
        return False
    if after.isalnum() or after in ("_", "+", "~") or (after in ("-", ".") and then.isalnum()):
        return False
    # a form ending in a symbol ("A*", "C++") must end where the word ends ("**A**dvantage")
    return text[end - 1].isalnum() or not after or after.isspace() or after in _CLOSERS


def _in_url(text: str, pos: int) -> bool:
    """The run of non-space characters around ``pos`` is a URL ("https://…", "github.com/…")."""
    begin = max(text.rfind(" ", 0, pos), text.rfind("\n", 0, pos)) + 1
    ends = [found for found in (text.find(" ", pos), text.find("\n", pos)) if found >= 0]
    return bool(_URL_SHAPE.search(text, begin, min(ends, default=len(text))))
