"""Acronym definitions, both orders, and no false pairs."""

from __future__ import annotations

import random

import pytest

from kg.extract.acronyms import find_acronyms


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("We propose Reach-Aware Value Learning (RAVL), a simple method.", [("RAVL", "Reach-Aware Value Learning")]),
        ("STARC (STAndardised Reward Comparison) metrics", [("STARC", "STAndardised Reward Comparison")]),
        ("trained with Proximal Policy Optimization (PPO).", [("PPO", "Proximal Policy Optimization")]),
        ("Kalman-inspired Feature Propagation (KEEP) keeps", [("KEEP", "Kalman-inspired Feature Propagation")]),
        ("a mixture-of-experts (MoE) layer", [("MoE", "mixture-of-experts")]),
        ("large language models (LLMs) can", [("LLMs", "large language models")]),
        ("on ImageNet (Deng et al., 2009)", []),
        ("accuracy (84.6%) and (see Table 2)", []),
        ("a model (GPT) trained", []),
    ],
)
def test_acronym_pairs(text: str, pairs: list[tuple[str, str]]) -> None:
    found = find_acronyms(text)
    assert [(d.short, d.long) for d in found] == pairs
    for d in found:
        assert text[d.short_start:d.short_end] == d.short
        assert text[d.long_start:d.long_end] == d.long


def test_long_form_offsets_with_short_words_repeated_later() -> None:
    text = "we present a framework for learning a small yet generalizable temperature prediction network (TempNet) to"
    (d,) = find_acronyms(text)
    assert (d.short, d.long) == ("TempNet", "temperature prediction network")
    assert text[d.long_start:d.long_end] == d.long


_PIECES = ["Group", "Relative", "Policy", "Optimization", "GRPO", "GrPO", "gRPO", "(", ")", "(", ")", " ", " ", " ", "  ",
           "\n", "\t", "\x0b", "\x1c", "-", "/", "of", "the", "The", "and", "for", "on", "STARC", "STAndardised",
           "Reward", "Comparison", ", ", "; ", ". ", ": ", ",", ";", ".", ":", "'", '"', "`", "[", "]", "{", "}", "MoE",
           "mixture-of-experts", "LLMs", "large", "language", "models", "x" * 30, "e.g.", "2024", "Shao et al.", "A+B",
           "R&D", "a.b", "\x00", "P-O", "p/o", "G", "R", "P", "O", "g", "r", "KEEP", "Kalman-inspired", "Feature",
           "Propagation", "RAVL", "Reach-Aware", "Value", "Learning", "ab", "AB12", "3D", "X'Y", "ABCDEFGHIJKLM"]


_WORDS = ["Group", "relative", "Policy", "optimization", "Reach-Aware", "mixture-of-experts", "of", "the", "and", "for",
          "Kalman-inspired", "STAndardised", "Reward", "large", "Language", "models", "Vision/Language", "3D", "x-Ray",
          "Deep", "Q", "Network", "an", "with", "Net", "BERT", "GPT-4", "Multi-Head", "Attention", "Long-Short-Term"]
_GAPS = [" ", " ", " ", "  ", "\n", "\t", " \n ", "-", " , ", "/", "\x1c"]


def _fuzzed_definition(rng: random.Random) -> str:
    """A long form and a short form made from its initials (now and then a wrong letter, a lower-case
    one, a plural "s", a citation after "; " or ", "), in either order."""
    words = [rng.choice(_WORDS) for _ in range(rng.randint(1, 6))]
    short = "".join(word.lstrip("-/")[:rng.choice((1, 1, 1, 2))] for word in words if rng.random() < 0.85)
    short = "".join(c.upper() if rng.random() < 0.8 else c.lower() for c in short) or "X"
    short += rng.choice(["", "", "", "s", "-2", "+", "Z"])
    long = words[0] + "".join(rng.choice(_GAPS) + word for word in words[1:])
    inner = rng.choice([short, short, f" {short} ", f"{short}; Shao et al., 2024", f"{short}, ours", f"{short};x"])
    lead = rng.choice(["We propose ", "a ", "", "the \"", "(see) ", "x. ", "use: ", "'"])
    if rng.random() < 0.7:
        return lead + long + rng.choice([" ", " ", "  ", "", ", ", "\n"]) + f"({inner})"
    return lead + short + rng.choice([" ", " ", "\t", ""]) + f"({long})"


def test_the_c_reader_gives_the_definitions_of_the_python_one() -> None:
    """``_speedups.acronym_definitions`` against ``_scan_definitions`` on fuzzed ASCII text: both
    orders, short forms cut at "; " and ", ", long forms over line breaks, hyphens, slashes,
    quotes, stop words, every ASCII whitespace and parentheses of every length around 120."""
    from kg.extract import acronyms
    from kg.extract.native import speedups

    if speedups is None:
        pytest.skip("the C speedups were not built (tests/extract/test_phrases.py fails under CI=true)")
    rng = random.Random(5)
    deferred = 0
    for _ in range(40000):
        text = "".join(rng.choice(_PIECES) if rng.random() < 0.8 else _fuzzed_definition(rng)
                       for _ in range(rng.randint(0, 40)))
        if rng.random() < 0.1:  # parentheses near the 120-character limit
            text = f"{text} ({'y' * rng.randint(110, 125)}) {text}"
        start = rng.randint(-2, len(text) + 1)
        found = speedups.acronym_definitions(text, start)
        if found is None:
            deferred += 1
            continue
        assert found == list(acronyms._scan_definitions(text, start)), (text, start)
    assert deferred < 40  # None only where the Python code must decide
    assert sorted(speedups.ACRONYM_STOP_WORDS) == sorted(acronyms._LF_STOP)  # the C list is the Python set


def test_the_c_reader_takes_only_ascii_text() -> None:
    from kg.extract.native import speedups

    if speedups is None:
        pytest.skip("the C speedups were not built")
    with pytest.raises(ValueError):
        speedups.acronym_definitions("Réseau Neuronal (RN)", 0)
    assert speedups.acronym_definitions("Group Relative Policy Optimization (GRPO)", 0) == [
        ("GRPO", "Group Relative Policy Optimization", 36, 40, 0, 34)]
