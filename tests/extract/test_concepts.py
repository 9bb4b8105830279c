"""kg.extract.concepts: task phrases of titles, against the plain form of the phrase cleaning."""

from __future__ import annotations

import random

from kg.extract import concepts
from kg.extract.names import looks_like_name


def _clean_reference(phrase: str) -> str | None:
    """``concepts._clean`` as first written: the ``re.I`` patterns on the phrase itself."""
    phrase = concepts._CUT.split(phrase.strip(), maxsplit=1)[0].strip(" .:")
    phrase = concepts._LEAD.sub("", phrase)
    phrase = concepts._LEAD.sub("", phrase)
    words = phrase.split()
    if not 1 <= len(words) <= 6 or concepts._GENERIC.match(phrase) or any(
            looks_like_name(w) and not w.isupper() for w in words):
        return None
    if len(words) == 1 and len(phrase) < 6:
        return None
    return phrase.lower()


_WORDS = ("With via Using through BY from in On under without based on and its beyond at as a An the Towards "
          "rethinking Revisiting improving enhancing Efficient scalable robust unified fast simple general "
          "generalizable better learning boosting scaling understanding survey Benchmark dataset framework study "
          "review case position paper technical report empirical new novel video face super-resolution GPT-4 "
          "LLaVA 3D object style transfer reasoning ſtyle \u212aey WITH").split()


def test_clean_matches_its_plain_form() -> None:
    rng = random.Random(9)
    kept = 0
    for _ in range(20000):
        phrase = "".join(rng.choice(_WORDS) + rng.choice(("", " ", " ", "  ", ", ", " - ", ": ", ".", "(")) for _ in
                         range(rng.randint(0, 8)))
        phrase = "".join(c.upper() if rng.random() < 0.05 else c for c in phrase)
        expected = _clean_reference(phrase)
        assert concepts._clean(phrase) == expected, phrase
        kept += expected is not None
    assert 2000 < kept < 18000
