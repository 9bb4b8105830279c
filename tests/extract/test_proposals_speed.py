"""The shortcuts of the proposal and context rules find what the plain patterns find (fuzzed)."""

from __future__ import annotations

import random
from pathlib import Path

from kg.extract import contexts, names, proposals, scan
from kg.extract.state import PaperText, put


def _paper(text: str, title_end: int) -> PaperText:
    paper = PaperText(text)
    put(paper, "kg_title_end", title_end)
    return paper


def test_trigger_ends_are_where_the_trigger_pattern_matches() -> None:
    rng = random.Random(3)
    pieces = ["we", "We", "This paper", "this work", "In this paper,", "In this work", "Here,", "here", "Our work",
              "and", "to", "then", "also", "newly", "presently", "only", "propose", "presents", "developed", "build",
              "put forward", "open-sourced", "designs", ",", ".", "\n", "é", "x", "(", "-", "ély", "İ", "\u00a0",
              "a", "method", "x" * 30]
    for _ in range(4000):
        text = "".join(rng.choice(pieces) + rng.choice([" ", " ", "", "\n", "  ", ", "])
                       for _ in range(rng.randint(1, 14)))
        title_end = rng.choice([0, 0, rng.randint(0, len(text))])
        if title_end:
            text = text[:title_end] + "\n\n" + text[title_end:]
        start = title_end + 2 if title_end else 0
        found = scan.keywords(_paper(text, title_end))
        expected = [m.end() for m in proposals._TRIGGER.finditer(text, start)]
        assert list(proposals._trigger_ends(text, found.blanked, found.starts["verb"], start)) == expected, text


def test_bench_names_found_from_their_endings_are_the_pattern_matches() -> None:
    rng = random.Random(5)
    pieces = ["Bench", "bench", "-bench", "BENCH", "Eval", "Arena", "QArena", "Gym", "QA", "mark", "Flex", "i", "-",
              "-2", "2.1", "_", " ", " ", "\n", ".", ",", "é", "X", "-Pro", "(", "s"]
    for _ in range(4000):
        title, abstract = ("".join(rng.choice(pieces) for _ in range(rng.randint(0, n))) for n in (4, 12))
        text, start = f"{title}\n\n{abstract}", len(title) + 2
        starts = scan.word_starts(text, contexts._bench_endings(text, start), start)
        found = [m.span() for m in scan.matches_at(contexts._BENCH_NAME, text, starts)]
        assert found == [m.span() for m in contexts._BENCH_NAME.finditer(text, start)], text


def _phrase_before_plainly(text: str, end: int, max_words: int = 5) -> tuple[int, str] | None:
    """``names.phrase_before`` as first written: split the whole window, slice it back word by word."""
    lo = max(0, end - 80)
    blank = text.rfind("\n\n", lo, end)
    lo = blank + 2 if blank >= 0 else lo
    window = text[lo:end]
    if not window or not window[-1:].isalnum() and window[-1:] not in ")+":
        return None
    words = window.split()
    if lo == end - 80 and not window[0].isspace():
        words = words[1:]
    taken: list[str] = []
    for word in reversed(words):
        if len(taken) >= max_words or not names._TRAIL.isdisjoint(word) or word[-1] in ",;:.!?":
            break
        if not (word[0].isupper() or word[0].isdigit() or names.looks_like_name(word)) and word not in ("of", "for"):
            break
        taken.append(word)
    if not taken:
        return None
    taken.reverse()
    phrase = names.trim_phrase(" ".join(taken))
    if not phrase:
        return None
    first = taken.index(phrase.split()[0])
    start = end
    for word in reversed(taken[first:]):
        start = lo + len(window[:start - lo].rstrip()) - len(word)
    return start, " ".join(text[start:end].split())


def test_phrase_before_reads_as_the_plain_version() -> None:
    rng = random.Random(11)
    alphabet = list("abcxyzABCXYZ0189 \n\t()[].,;:-/_+'\"%é–×İß") + ["  ", "\n\n", " of ", " for ", "Net", "GPT-4",
                                                                    "the ", "Model", "“", "`"]
    for _ in range(6000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 140)))
        end, max_words = rng.randint(0, len(text)), rng.choice([5, 5, 5, 1, 2, 0, 7])
        assert names.phrase_before(text, end, max_words) == _phrase_before_plainly(text, end, max_words), (text, end)


def test_unrolled_phrase_pattern_matches_as_the_plain_one() -> None:
    import re

    char, dot = names._CHAR, names._INNER_DOT
    body = rf"(?:{char}|{dot})*(?:-(?:{char}|{dot})+)*"  # the plain form of ``names._BODY``

    def patterns(word_body: str) -> list[re.Pattern]:
        phrase = rf"[A-Za-z0-9]{word_body}(?:[ \t]+(?:[A-Z0-9]{word_body}|of|for)(?![\w\-])){{0,5}}"
        return [re.compile(phrase), re.compile(proposals._NAME_AT.pattern.replace(names.PHRASE, phrase)),
                re.compile(proposals._DIRECT.pattern.replace(names.PHRASE, phrase)),
                re.compile(contexts._ITEM.pattern.replace(names.PHRASE, phrase))]

    plain, unrolled = patterns(body), patterns(names._BODY)
    assert [p.pattern for p in patterns(names._BODY)[1:]] == [p.pattern for p in
                                                            (proposals._NAME_AT, proposals._DIRECT, contexts._ITEM)]
    rng = random.Random(7)
    alphabet = list("abcXYZAb0189 \t\n.'-+&@,;:()\"“”`_/é–×İß") + [" of ", " for ", "Net", "GPT-4", ". ", "'s", "--",
                                                                 " that", " and ", "A.", "x.Y", ".Ab"]
    for _ in range(4000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        for pos in range(len(text) + 1):
            for old, new in zip(plain, unrolled):
                found, expected = new.match(text, pos), old.match(text, pos)
                assert (found and found.regs) == (expected and expected.regs), (text, pos, old.pattern)


def test_appositions_found_in_c_are_the_pattern_matches() -> None:
    """``_speedups.AppositionScanner`` against ``_APPOSITION.finditer`` on fuzzed ASCII text: every
    article ("the first" and "the" both), up to six words, heads with and without "s", heads that are
    prefixes of longer words, hyphens, commas in a row and every ASCII whitespace."""
    from kg.extract.native import speedups

    if speedups is None:
        import pytest

        pytest.skip("the C speedups were not built (tests/extract/test_phrases.py fails under CI=true)")
    rng = random.Random(9)
    pieces = [",", ", ", ",\n", ",,", "a", "an", "A", "the", "the first", "The", "first", "new", "simple", "model-agnostic",
              "framework", "frameworks", "frameworkss", "methodology", "model", "models_", "benchmark2", "loss",
              "losses", "evaluation", "MoE", "x" * 20, "-", "_", "(", ")", ".", "\t", "\x0b", "\x1c", "  ", " ", " ", " "]
    matched = 0
    for _ in range(30000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", " ", "\n"]) if rng.random() < 0.7 else
                       rng.choice([",", ", ", ",  "]) + rng.choice(["a", "an", "the", "the first", "The"])
                       + "".join(rng.choice([" ", " ", "\n", "", "  "]) + rng.choice(pieces[11:22])
                                 for _ in range(rng.randint(0, 7)))
                       for _ in range(rng.randint(0, 20)))
        start = rng.randint(0, len(text) + 1)
        expected = [m.span() for m in proposals._APPOSITION.finditer(text, start)]
        assert proposals._APPOSITION_SCANNER.spans(text, start) == expected, (text, start)
        assert proposals._appositions(text, start) == expected
        matched += bool(expected)
    assert matched > 3000  # the fuzzer reaches the matches, not only the misses
    assert proposals._appositions("Réseau, a new framework", 0) == [(6, 23)]  # non-ASCII: the pattern


def test_bench_endings_found_in_c_are_those_of_the_python_scan() -> None:
    """``_speedups.bench_endings`` against ``_scan_bench_endings`` (seven ``str.find`` scans) on fuzzed
    ASCII text: overlapping endings, endings at the very end, and letters, "_" or digits after them."""
    from kg.extract.native import speedups

    if speedups is None:
        import pytest

        pytest.skip("the C speedups were not built (tests/extract/test_phrases.py fails under CI=true)")
    assert speedups.BENCH_ENDINGS == contexts._BENCH_ENDINGS  # the C list is the Python list
    rng = random.Random(21)
    pieces = ["Bench", "bench", "-bench", "BENCH", "Eval", "Arena", "QArena", "Gym", "QA", "QAQA", "mark", "s", "_",
              "2", "-", " ", "\n", "B", "E", "A", "G", "Q", "x"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        start = rng.randint(0, len(text) + 1)
        assert speedups.bench_endings(text, start) == contexts._scan_bench_endings(text, start), (text, start)
        assert contexts._bench_endings(text, start) == contexts._scan_bench_endings(text, start)


def _shape_by_patterns(word: str) -> int:
    """``names._name_shape`` by its three regexes, whatever was built."""
    if names._NUMBERISH.fullmatch(word):
        return names._NUMBER_LIKE
    if not names._INNER.match(word):
        return names._PLAIN
    return names._INNER_ALLCAPS if names._ALLCAPS.fullmatch(word) else names._INNER_SHAPE


def test_name_shapes_read_in_c_are_those_of_the_patterns() -> None:
    """``_speedups.name_shape`` against ``_NUMBERISH`` / ``_INNER`` / ``_ALLCAPS`` on fuzzed ASCII
    words (numbers, ordinals, sizes, capitals, inner digits, line breaks) and the words of the corpus."""
    import pytest

    from kg.extract.native import speedups

    if speedups is None:
        pytest.skip("the C speedups were not built (tests/extract/test_phrases.py fails under CI=true)")
    rng = random.Random(11)
    alphabet = "0123456789.,%xXsBMKTDtdhnrAZaz-_\n'" + "Ab"
    words = ["", "1st", "22nd", "3rd", "4th", "3D", "7B", "70B", "1.5x", "x", "xa", "ax", "A", "Ab", "AB", "ABs", "ABC",
             "GPT-4o", "LLaVA", "Qwen2.5", "Mamba", "iPhone", "a\nB", "\nAB", "ResNet-50", "10%", "1,000", "2x", "A1"]
    words += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9))) for _ in range(60_000)]
    listing = Path(__file__).resolve().parents[2] / "examples" / "daily_papers_listing.txt"
    words += [word.strip(".,;:'\"") for word in listing.read_text(encoding="utf-8").split() if word.isascii()]
    for word in words:
        assert speedups.name_shape(word) == _shape_by_patterns(word), repr(word)
    for name in ("GPT-4o", "Mamba", "BERT", "LLMs", "the", "Results"):  # and looks_like_name reads it as before
        assert names._name_shape(name) == _shape_by_patterns(name)


def test_evaluated_on_ends_read_in_c_are_the_pattern_matches() -> None:
    """``_speedups.words_then_preposition`` against ``matches_at(_EVAL, …)`` on fuzzed ASCII text: every
    lead, prepositions inside words ("onto", "overall") and at the end, zero to six words between, every
    ASCII whitespace, hyphens and punctuation, and starts anywhere (mid-word, repeated, out of order)."""
    from kg.extract.native import speedups

    if speedups is None:
        import pytest

        pytest.skip("the C speedups were not built (tests/extract/test_phrases.py fails under CI=true)")
    rng = random.Random(5)
    pieces = [*contexts._EVAL_LEADS, *contexts._EVAL_PREPOSITIONS, "onto", "overall", "acrossx", "the", "GLUE", "x-y",
              "-", ",", ".", "(", "a_b", "7", "Experiments", "resulted", "pre", "trained-on"]
    blanks = [" ", " ", "  ", "\t", "\n", "\x1c", "\x0b", "", ", "]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) + rng.choice(blanks) for _ in range(rng.randint(1, 12)))
        starts = sorted(rng.sample(range(len(text) + 2), min(len(text) + 2, rng.randint(0, 12))))
        if rng.random() < 0.3:
            starts = [rng.randint(-2, len(text) + 2) for _ in range(6)]  # unsorted, out of range
        expected = [match.end() for match in scan.matches_at(contexts._EVAL, text, starts)]
        found = speedups.words_then_preposition(text, starts, contexts._EVAL_LEAD_BYTES, contexts._EVAL_PREPOSITION_BYTES,
                                                contexts._EVAL_MAX_BETWEEN)
        assert found == expected, (text, starts)


def test_head_noun_matches_read_in_c_are_the_pattern_matches() -> None:
    """``_speedups.lead_words_head`` against ``_NOVEL_HEAD`` (tried at starts, with ``matches_at``) and
    ``_HEAD_THEN_NAME`` (at the start of a window) on fuzzed ASCII text: every article and novelty word,
    heads with "s", a comma or glued to more letters, the naming words, zero to six words between, every
    ASCII whitespace, and starts anywhere."""
    from kg.extract.native import speedups

    if speedups is None:
        import pytest

        pytest.skip("the C speedups were not built (tests/extract/test_phrases.py fails under CI=true)")
    rng = random.Random(7)
    heads = list(proposals._HEAD_WORDS)
    pieces = [*proposals._ARTICLES, *proposals._NOVEL_WORDS, *proposals._NAMING_WORDS, "namelyx", "new-found", "An", "x",
              "model-based", "frameworkX", "simple", "Deep", "-", "_", "7", "(", ".", "newest", "ours"]
    blanks = [" ", " ", "  ", "\t", "\n", "\x1c", "", ",", ", ", ",,", "s ", "s, ", "s,"]
    for _ in range(20_000):
        words = [rng.choice(heads) if rng.random() < 0.35 else rng.choice(pieces) for _ in range(rng.randint(1, 10))]
        text = rng.choice(["", " ", "\n "]) + "".join(word + rng.choice(blanks) for word in words)
        starts = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, rng.randint(0, 10))))
        pos = rng.choice([0, 0, rng.randint(0, len(text))])
        expected = [match.span() for match in scan.matches_at(proposals._NOVEL_HEAD, text, starts, pos)]
        found = speedups.lead_words_head(text, starts, pos, proposals._NOVEL_BYTES, proposals._HEAD_BYTES,
                                         proposals._NAMING_BYTES, 4, False)
        assert found == expected, (text, starts, pos)
        head = proposals._HEAD_THEN_NAME.match(text)
        found = speedups.lead_words_head(text, [0], 0, proposals._ARTICLE_BYTES, proposals._HEAD_BYTES,
                                         proposals._NAMING_BYTES, 5, True)
        assert found == ([(0, head.end())] if head else []), text
