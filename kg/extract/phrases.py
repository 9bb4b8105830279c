"""Known-phrase lookup without a spaCy ``Doc``: word tokens and a token trie.

The gazetteer holds ~25,000 names. spaCy's ``PhraseMatcher`` needs a tokenised ``Doc``,
and tokenising cost more than every rule of the extractor together, so phrases are matched
here on plain text: one regular-expression pass splits the lower-cased text into word
tokens (runs of letters and digits, and single other characters), and a trie keyed by those
tokens is walked from each token that starts a known phrase. Like ``PhraseMatcher`` it
ignores the whitespace between tokens, except that a phrase never spans more than one space
(a line break or the title/abstract separator ends it).

That whitespace rule is built into the tokens, so the trie walk compares no offsets: each
token keeps the single space before it (" gpt"), other whitespace is a piece of its own
(" \\n", "  "), and the trie knows every token both bare and with its space. A phrase thus
continues only through tokens glued to the previous one or one space away, and any token
can start one. The pieces cover the text, so their lengths add up to the offsets.

>>> index = PhraseIndex()
>>> index.add("GPT-4", exact=7)
>>> index.add("image generation", task=True)
>>> text = "Text-to-image generation with GPT-4 and gpt - 4.\\n\\nImage  generation"
>>> words = WordTokens(text)
>>> words.pieces[:8]
['text', '-', 'to', '-', 'image', ' generation', ' with', ' gpt']
>>> [(text[slice(*words.span(i, j))], hit.exact) for i, j, hit in index.find(words)]
[('image generation', {}), ('GPT-4', {'GPT-4': 7}), ('gpt - 4', {'GPT-4': 7})]
>>> i, j, hit = index.find(words)[2]
>>> written(text, *words.span(i, j)), hit.exact.get(written(text, *words.span(i, j)))
('gpt-4', None)

:meth:`PhraseIndex.phrases` gives the same hits as character offsets. For ASCII text (98% of
abstracts) it walks a copy of the trie in C (``kg/extract/_speedups.c``), which never makes
the pieces at all; the walk above is the reference it is tested against, and the fallback
when the extension was not built:

>>> lowered, hits = index.phrases(text)
>>> [(text[start:end], next_word(lowered, end)) for start, end, hit in hits]
[('image generation', 'with'), ('GPT-4', 'and'), ('gpt - 4', '.')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import compress

from kg.extract.native import speedups

_WORD = re.compile(r"[^\W_]+|[^\w\s]|_")
#: A token with the one space before it, or a run of other whitespace; ASCII text has a
#: faster pattern with the same pieces.
_PIECE = re.compile(r" ?[^\W_]+| ?(?:[^\w\s]|_)|\s+")
_PIECE_ASCII = re.compile(r" ?[a-z0-9]+| ?[^\sa-z0-9]|\s+")


def lower_keeping_offsets(text: str, lowered: str | None = None) -> str:
    """``text.lower()``, except that a character whose lower case is two characters ("İ")
    stays as it is, so offsets into the copy are offsets into ``text``. ``lowered``: ``text.lower()``
    when the caller has it already."""
    if lowered is None:
        lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered


def written(text: str, start: int, end: int) -> str:
    """The phrase at ``start:end`` as written, without the spaces between its tokens
    ("GPT - 4" -> "GPT-4"): what :attr:`Hit.exact` is keyed by."""
    return text[start:end].replace(" ", "")


_NEXT_WORD = re.compile(r"\s*([^\W_]+|[^\w\s]|_)")


def next_word(lowered: str, end: int) -> str:
    """The lower-cased token after a phrase that ends at ``end`` ("" at the end of the text):
    whitespace between them does not matter here."""
    found = _NEXT_WORD.match(lowered, end)
    return found.group(1) if found else ""


def words_of(form: str) -> tuple[str, ...]:
    """The word tokens of ``form`` as written: "GPT-4o" -> ("GPT", "-", "4o")."""
    return tuple(_WORD.findall(form))


class WordTokens:
    """The word tokens of one text as lower-cased pieces ("gpt", " gpt", " \\n").

    One regex pass returns the pieces. Offsets are only needed for the few tokens where a
    phrase is found (~8 of ~256 per abstract), so they are not summed for every piece
    (``accumulate`` over all pieces cost ~25 µs per abstract): a cursor remembers where the
    last piece asked for begins, and the next offset adds the lengths of the pieces in
    between (``len("".join(...))``, a copy in C), so asking in text order reads each piece
    once.
    """

    __slots__ = ("lowered", "pieces", "_cursor")

    def __init__(self, text: str, lowered: str | None = None):
        self.lowered = lowered = lower_keeping_offsets(text) if lowered is None else lowered
        self.pieces: list[str] = (_PIECE_ASCII if lowered.isascii() else _PIECE).findall(lowered)
        self._cursor = (0, 0)  # (a piece, the offset where it begins)

    def begin(self, i: int) -> int:
        """Offset where piece ``i`` begins (its leading space included)."""
        piece, offset = self._cursor
        if i < piece:
            piece, offset = 0, 0
        offset += len("".join(self.pieces[piece:i]))
        self._cursor = (i, offset)
        return offset

    def start(self, i: int) -> int:
        """Offset of token ``i`` (where its piece ends minus the token's length)."""
        piece = self.pieces[i]
        return self.begin(i) + len(piece) - len(piece.lstrip(" "))

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Offsets of tokens ``i..j-1`` (a phrase: no whitespace-only piece among them)."""
        start = self.start(i)
        return start, start + len("".join(self.pieces[i:j]).lstrip(" "))


@dataclass(slots=True)
class Hit:
    """What a phrase's lower-cased tokens stand for."""

    #: tokens as written, joined ("GPT-4") -> entry. Joined strings compare faster than tuples of
    #: tokens, and they are as strict: every text reaching this node has the same tokens in lower
    #: case, so tokens of the same lengths that join to the same string are the same tokens.
    exact: dict[str, int] = field(default_factory=dict)
    any_case: int | None = None  #: entry matched in any case
    task: bool = False


_HIT = ""  # the trie key of a node's Hit: no piece is the empty string


class PhraseIndex:
    """A trie of known phrases over lower-cased word tokens, each token under two keys:
    bare and with the one space before it; and the same trie in C, when it was built, for
    :meth:`phrases` on ASCII text (``native=False`` leaves it out)."""

    def __init__(self, native: bool = True) -> None:
        self.root: dict = {}
        self.native = speedups.Trie() if native and speedups is not None else None

    def add(self, form: str, exact: int | None = None, any_case: int | None = None, task: bool = False) -> None:
        """Register ``form``: as an exact-case name of entry ``exact``, an any-case name of
        entry ``any_case``, and/or a task. The first registration of each kind wins."""
        node, lowered = self.root, _WORD.findall(form.lower())
        for word in lowered:
            child = node.get(word)
            if child is None:
                child = node[word] = node[" " + word] = {}
            node = child
        hit = node.setdefault(_HIT, Hit())
        if self.native is not None:
            self.native.add(lowered, hit)  # the same Hit object at the same node
        as_written = words_of(form)
        if exact is not None and list(map(len, as_written)) == list(map(len, lowered)):
            # (a form whose tokens change length in lower case, "İ", never matches its own text)
            hit.exact.setdefault("".join(as_written), exact)
        if any_case is not None and hit.any_case is None:
            hit.any_case = any_case
        hit.task = hit.task or task

    def find(self, tokens: WordTokens) -> list[tuple[int, int, Hit]]:
        """(first token, end token, hit) of every known phrase, by start then length.

        ~76 of ~256 tokens per abstract start some phrase (" the" starts "The Pile"), ~8 end
        one: the walk from a token is kept to two dictionary lookups when the next token
        does not continue (a leaf has only the hit key, which no piece equals)."""
        pieces = tokens.pieces
        n, found = len(pieces), []
        root = self.root.get
        for i in compress(range(n), map(root, pieces)):  # the tokens that start a phrase (a C loop)
            node = root(pieces[i])
            hit = node.get(_HIT)
            if hit is not None:
                found.append((i, i + 1, hit))
            j = i + 1
            while j < n:
                node = node.get(pieces[j])  # None past a line break or a second space
                if node is None:
                    break
                j += 1
                hit = node.get(_HIT)
                if hit is not None:
                    found.append((i, j, hit))
        return found

    def phrases(self, text: str, lowered: str | None = None) -> tuple[str, list[tuple[int, int, Hit]]]:
        """The lower-cased text and (start, end, hit) of every known phrase in it, by start
        then length: :meth:`find` in character offsets. The C walk takes ASCII text (~40 µs
        an abstract against ~150 for ``WordTokens`` and :meth:`find`)."""
        lowered = lower_keeping_offsets(text, lowered)
        if self.native is not None and lowered.isascii():
            return lowered, self.native.find(lowered)
        tokens = WordTokens(text, lowered)
        return lowered, [(*tokens.span(i, j), hit) for i, j, hit in self.find(tokens)]


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
