"""kg.extract.phrases against the plain definitions it speeds up: offsets summed over every
piece, and exact-case checks on tuples of tokens as written."""

from __future__ import annotations

import random
from itertools import accumulate

from kg.extract.phrases import _WORD, PhraseIndex, WordTokens, words_of

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
            written = tuple(text[ends[k] - len(tokens.pieces[k].lstrip(" ")):ends[k]] for k in range(i, j))
            path = tuple(piece.lstrip(" ") for piece in tokens.pieces[i:j])
            assert hit.exact.get(tokens.written(start, end)) == by_path[path].get(written)
