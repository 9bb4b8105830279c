"""Rules that try a pattern only where the keyword pass (``kg.extract.scan.keywords``) sees one of
its start words must register every first word the pattern can begin with: checked here against
the patterns themselves."""

from __future__ import annotations

import random
import re
import re._constants as sre_constants
import re._parser as sre_parser

import pytest

from kg.extract import contexts, proposals, results, scan
from kg.extract.native import speedups
from kg.extract.state import PaperText, put


def _prefixes(items: list, prefix: str = "") -> set[str]:
    """The literal text every match of the parsed ``items`` begins with, one entry per way
    (branches and optional characters expand; any other construct ends the prefix)."""
    if not items:
        return {prefix}
    op, arg = items[0]
    rest = items[1:]
    if op is sre_constants.AT:  # \b
        return _prefixes(rest, prefix)
    if op is sre_constants.LITERAL:
        return _prefixes(rest, prefix + chr(arg))
    if op is sre_constants.SUBPATTERN:
        return _prefixes(list(arg[3]) + rest, prefix)
    if op is sre_constants.BRANCH:
        return {p for branch in arg[1] for p in _prefixes(list(branch) + rest, prefix)}
    if op is sre_constants.MAX_REPEAT and arg[0] == 0 and arg[1] == 1:
        return _prefixes(rest, prefix) | _prefixes(list(arg[2]) + rest, prefix)
    return {prefix}


@pytest.mark.parametrize("pattern, kind, lead", [
    (contexts._EVAL, "evaluated on", ""),
    (contexts._USE, "compared", ""),
    (contexts._HEAD, "dataset head", " "),  # the blank before the word
    (proposals._VERB, "verb", ""),
    (proposals._CALLED, "called", ""),
    (proposals._NOVEL_HEAD, "novel", ""),
    (proposals._OUR_PROPOSED, "proposed", ""),
])
def test_every_way_a_pattern_begins_is_in_its_start_words(pattern: re.Pattern, kind: str, lead: str) -> None:
    """Each way is the registered word (or words) itself, maybe longer: the keyword pass finds it there."""
    starts = scan._START_WORDS[kind]
    prefixes = _prefixes(list(sre_parser.parse(pattern.pattern, pattern.flags)))
    assert all(p.startswith(lead) for p in prefixes)
    missing = sorted(p for p in prefixes if not any(p[len(lead):].startswith(word) for word in starts))
    assert not missing, f"matches can begin with {missing}: add them to the start words"


def _paper(text: str) -> PaperText:
    paper = PaperText(text)
    put(paper, "kg_title_end", 0)
    return paper


def test_keyword_pass_reports_every_kind_of_each_word() -> None:
    text = "We present pre-trained models (on top of SOTA) state-of-the-art, which we call X-3 and 12."
    starts = scan.keywords(_paper(text)).starts
    assert [text[at:at + 7] for at in starts["evaluated on"]] == ["pre-tra", "trained", "SOTA) s", "state-o"]
    assert [text[at:at + 6] for at in starts["compared"]] == ["on top"]  # "models" only before "such as" …
    assert [text[at:at + 5] for at in starts["called"]] == ["which", "we ca", "call "]
    assert [text[at:at + 2] for at in starts["number"]] == ["3 ", "12"]  # digits at word starts
    text = "Strong baselines, such as A, models like B and the models we compare with C."
    starts = scan.keywords(_paper(text)).starts
    assert [text[at:at + 9] for at in starts["compared"]] == ["baselines", "models li", "compare w"]


def test_claims_found_from_the_number_words_are_the_claims_found_from_every_digit() -> None:
    rng = random.Random(7)
    pieces = ["accuracy", " of ", "by ", "12", ".5", "%", " ", "-", "v3", "F1", "x", "pp", "points", "\n", "(", "9.", "0"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        expected = results.find_results(text)
        assert results.find_results(text, 0, scan.keywords(_paper(text)).starts["number"]) == expected, text


needs_speedups = pytest.mark.skipif(speedups is None, reason="kg.extract._speedups not built")


@needs_speedups
def test_c_keyword_pass_finds_what_the_pattern_finds() -> None:
    """The registered words, and random vocabularies with multiword entries and shared prefixes."""
    rng = random.Random(13)
    real = scan._keyword_scan()
    assert real.native is not None
    vocabulary = sorted({w for words in scan._START_WORDS.values() for w in words})
    for _ in range(2000):
        text = " ".join(rng.choice(vocabulary + ["x", "on", "top", "of", "7", "-", "pre-trained", "present"])
                        for _ in range(rng.randint(0, 25)))
        data, pos = b" " + scan.blanked(text), rng.randint(0, 5)
        assert real.words(data, pos) == real.words_by_pattern(data, pos), text
        assert real.starts(data, pos) == real.starts_by_pattern(data, pos), text
    letters = "abo "
    for _ in range(3000):
        words = {"".join(rng.choice(letters) for _ in range(rng.randint(1, 6))).strip() or "a" for _ in range(6)}
        built = scan._build_keyword_scan({"k1": set(list(words)[:3]), "k2": set(list(words)[3:]) | {"1"}})
        data = b" " + scan.blanked("".join(rng.choice(letters + "1-") for _ in range(rng.randint(0, 40))))
        assert built.native is not None and built.words(data, 0) == built.words_by_pattern(data, 0), (words, data)
        assert built.starts(data, 0) == built.starts_by_pattern(data, 0), (words, data)


@needs_speedups
def test_c_blanked_copy_is_the_python_one() -> None:
    """``blank_words`` against ``b" " + blanked(text)`` on text of every width (ASCII, Latin-1, BMP, astral)."""
    rng = random.Random(17)
    alphabet = "aZ09_ -.,()\n\t\x00\x7féß—“𝒳İ"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert speedups.blank_words(text) == b" " + scan.blanked(text) == scan.blanked_after_blank(text), text
    with pytest.raises(TypeError):
        speedups.blank_words(b"bytes")


@needs_speedups
def test_c_keyword_matcher_checks_its_input() -> None:
    for bad in ([("str", ())], [(b"a", ("str",))], [[b"a", ()]], [(b"a",)], [1]):
        with pytest.raises(TypeError):
            speedups.KeywordMatcher(bad)
    with pytest.raises(ValueError):
        speedups.KeywordMatcher([(b"", ())])
    matcher = speedups.KeywordMatcher([(b"on", (b" top of",)), (b"o", ())])
    assert matcher.scan(b" on top of o x on") == [(0, 0), (7, 1), (10, 1), (14, 1)]
    assert matcher.scan(b"") == [] and matcher.scan(b" on", 99) == []
    with pytest.raises(TypeError):
        matcher.offsets(b" on")  # built without kinds
    for bad_kinds, error in (([[0]], ValueError), ([[0], [64]], ValueError), ([[0], None], TypeError),
                             ([[0], ["a"]], TypeError)):
        with pytest.raises(error):
            speedups.KeywordMatcher([(b"on", (b" top of",)), (b"o", ())], bad_kinds)
    grouped = speedups.KeywordMatcher([(b"on", (b" top of",)), (b"o", ())], [[1], [0, 2]])
    assert grouped.offsets(b" on top of o x on") == [[7, 10, 14], [0], [7, 10, 14]]
    assert grouped.offsets(b"") == [[], [], []]
    # alternatives that begin with other bytes than [A-Za-z0-9_] are scanned without the two-character index
    other = speedups.KeywordMatcher([(b"o-n", ()), (b"o", ()), (b"-x", ())])
    assert other.scan(b" o-n o -x ox") == [(0, 0), (4, 1), (6, 2), (9, 1)]
