"""kg.extract.phrases against the plain definitions it speeds up: offsets summed over every
piece, exact-case checks on tuples of tokens as written, and the C trie walk against the
Python one."""

from __future__ import annotations

import os
import random
from itertools import accumulate
from pathlib import Path

import pytest

from kg.extract.native import NATIVE, PURE_PYTHON_VARIABLE
from kg.extract.phrases import _WORD, PhraseIndex, WordTokens, next_word, words_of, written

_ALPHABET = "aAbBgGpPtT0145 \n-_.()/+*'\"%:éÉ–×İß"


def _random_text(rng: random.Random) -> str:
    return "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 40)))


def _random_case(rng: random.Random, form: str) -> str:
    return "".join(c.upper() if rng.random() < 0.3 else c.lower() if rng.random() < 0.3 else c for c in form)


def test_offsets_and_exact_keys_match_the_plain_definitions() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        text = _random_text(rng)
        starts = [rng.randint(0, len(text)) for _ in range(4)]
        forms = [_random_case(rng, text[a:a + rng.randint(1, 12)]) for a in starts]
        index, by_path = PhraseIndex(), {}
        for idx, form in enumerate(forms):
            if _WORD.findall(form):
                index.add(form, exact=idx)
                by_path.setdefault(tuple(_WORD.findall(form.lower())), {}).setdefault(words_of(form), idx)
        tokens = WordTokens(text)
        ends = list(accumulate(map(len, tokens.pieces)))
        hits = index.find(tokens)
        for i, j, hit in rng.sample(hits, len(hits)):  # any order: the offset cursor goes back too
            start, end = tokens.span(i, j)
            assert (start, end) == (ends[i] - len(tokens.pieces[i].lstrip(" ")), ends[j - 1])
            as_written = tuple(text[ends[k] - len(tokens.pieces[k].lstrip(" ")):ends[k]] for k in range(i, j))
            path = tuple(piece.lstrip(" ") for piece in tokens.pieces[i:j])
            assert hit.exact.get(written(text, start, end)) == by_path[path].get(as_written)


# The C walk (kg/extract/_speedups.c) against the pure-Python walk it replaces for ASCII text.

_ASCII_ALPHABET = "aAbBgGpPtT0145 \n\t\x1f-_.()/+*'\"%:"


def test_the_c_walk_is_built_under_ci() -> None:
    if os.environ.get("CI") == "true" and not os.environ.get(PURE_PYTHON_VARIABLE):
        assert NATIVE, "kg.extract._speedups was not built (no C compiler?): the gazetteer runs ~3x slower"
    elif not NATIVE:
        pytest.skip("kg.extract._speedups not built: the pure-Python walk is in use")


@pytest.mark.skipif(not NATIVE, reason="kg.extract._speedups not built")
def test_c_walk_finds_what_the_python_walk_finds() -> None:
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice(_ASCII_ALPHABET) for _ in range(rng.randint(0, 60)))
        forms = [_random_case(rng, text[a:a + rng.randint(1, 12)]) for a in (rng.randint(0, len(text)) for _ in range(5))]
        forms += ["gpt", "gpt-4", "a b", "a", "b a", "-", "4 - 4"]
        native, python = PhraseIndex(), PhraseIndex(native=False)
        for idx, form in enumerate(forms):
            if _WORD.findall(form):
                native.add(form, exact=idx, task=idx % 2 == 0)
                python.add(form, exact=idx, task=idx % 2 == 0)
        lowered, hits = native.phrases(text)
        assert (lowered, [(s, e, h.exact, h.task) for s, e, h in hits]) == \
            (lowered, [(s, e, h.exact, h.task) for s, e, h in python.phrases(text)[1]]), text


@pytest.mark.skipif(not NATIVE, reason="kg.extract._speedups not built")
def test_c_walk_on_the_real_gazetteer_and_the_examples() -> None:
    from kg.extract.gazetteer import GazetteerMatcher
    from kg.ingest import read_papers

    index = GazetteerMatcher().index
    python = PhraseIndex(native=False)
    python.root = index.root  # the same trie, walked in Python
    texts = [f"{p.title}\n\n{p.abstract}" for p in read_papers([Path(__file__).parents[2] / "examples"])]
    assert sum(t.isascii() for t in texts) > 50
    for text in texts:
        assert index.phrases(text) == python.phrases(text), text[:80]


@pytest.mark.skipif(not NATIVE, reason="kg.extract._speedups not built")
def test_c_trie_rejects_what_it_cannot_walk() -> None:
    from kg.extract._speedups import Trie

    trie = Trie()
    with pytest.raises(ValueError):
        trie.find("naïve")  # the caller walks non-ASCII text in Python
    with pytest.raises(TypeError):
        trie.add(("gpt", 4), object())
    with pytest.raises(ValueError):
        trie.add((), object())
    first, second = object(), object()
    assert trie.add(("gpt",), first) is first and trie.add(("gpt",), second) is first
    assert trie.find("") == [] and trie.find("  gpt\n") == [(2, 5, first)]


def test_next_word_is_the_token_after_the_phrase() -> None:
    rng = random.Random(5)
    for _ in range(3000):
        text = _random_text(rng)
        tokens = WordTokens(text)
        ends = list(accumulate(map(len, tokens.pieces)))
        for j in range(len(tokens.pieces) + 1):
            k = j + 1 if j < len(tokens.pieces) and tokens.pieces[j].isspace() else j
            expected = tokens.pieces[k].lstrip(" ") if k < len(tokens.pieces) else ""
            assert next_word(tokens.lowered, ends[j - 1] if j else 0) == expected, (text, j)


def test_the_shared_lower_cased_text_gives_the_same_phrases() -> None:
    """The gazetteer reads the paper's lower-cased text from the state (``lowered_text``, made once
    and shared with the code-link rule): given it or not, the phrases are the same, also where
    lower-casing changes the length ("İ", kept as it is so that the offsets hold)."""
    from kg.extract.gazetteer import GazetteerMatcher
    from kg.extract.state import PaperText, lowered_text

    index = GazetteerMatcher().index
    for text in ("We fine-tune GPT-4 on ImageNet and MS COCO.", "İstanbul: BERT and ImageNet-1k", ""):
        paper = PaperText(text)
        shared = lowered_text(paper)
        assert shared == text.lower() and lowered_text(paper) is shared  # made once per paper
        assert index.phrases(text, shared) == index.phrases(text)
