"""kg.ids.clean_text and normalise_name take fast paths for clean ASCII text and names without
hyphens or underscores: they must return exactly what the plain definitions return."""

from __future__ import annotations

import random
import re
import sys
import unicodedata

from kg.ids import _UNIFY, clean_text, normalise_name

_SEPARATORS = re.compile(r"[\s\-_]+")


def reference_clean_text(text: str) -> str:
    """The definition, without fast paths."""
    text = unicodedata.normalize("NFKC", text)
    for char, replacement in _UNIFY:
        text = text.replace(char, replacement)
    return " ".join(text.split())


def reference_normalise_name(name: str) -> str:
    return _SEPARATORS.sub(" ", reference_clean_text(name).casefold()).strip()


_ALPHABET = (
    "abcXYZ019" + "    " + "\n\t\r\x0b\x0c\x1c\x1f\x7f\x00" + "()[]{}.,;:-/_+*'\"%" + "é–×İßﬁ\u00a0\u2011\u2019\u201c\u3000ǅ"
)


def _random_texts(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 24))) for _ in range(count)]


def test_fast_paths_equal_the_definitions_on_random_text():
    for text in _random_texts(30_000):
        assert clean_text(text) == reference_clean_text(text), repr(text)
        assert normalise_name(text) == reference_normalise_name(text), repr(text)


def test_casefold_never_makes_whitespace():
    """normalise_name skips the separator regex when the casefolded name has no hyphen or
    underscore: right only because casefolding never produces whitespace."""
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        if not char.isspace():
            assert not any(c.isspace() for c in char.casefold()), hex(code)
