"""Acronym definitions, both orders, and no false pairs."""

from __future__ import annotations

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
