"""The extractor builds its Mention objects with ``Mention.of_fields``, which fills ``__dict__``
(3x cheaper than the frozen dataclass's __init__): they must be the objects ``Mention(...)`` makes,
in one process and from the fork pool's rows."""

from __future__ import annotations

import dataclasses
import pickle

from kg.model import Mention

from tests.extract.extract_helpers import run


def test_mention_has_no_hook_the_fast_construction_would_skip() -> None:
    assert not hasattr(Mention, "__post_init__") and "__slots__" not in vars(Mention)


def test_text_mentions_equal_mentions_built_by_init() -> None:
    result = run("We propose Reach-Aware Value Learning (RAVL), built on Llama-3-8B. It beats GPT-4o on GSM8K "
                 "with 84.6% accuracy. Code: github.com/o/r.", title="RAVL: Value Learning")
    assert len(result.mentions) >= 4
    for mention in result.mentions:
        fields = {f.name: getattr(mention, f.name) for f in dataclasses.fields(Mention)}
        built = Mention(**fields)
        assert mention == built and vars(mention) == vars(built) and list(vars(mention)) == list(vars(built))
        assert repr(mention) == repr(built)
        assert pickle.loads(pickle.dumps(mention)) == built


def test_mentions_from_the_fork_pool_equal_mentions_built_by_init() -> None:
    from kg.extract.pipeline import _from_row, _to_row

    result = run("We propose RAVL, built on Llama-3-8B. Code: github.com/o/r.", title="RAVL: Value Learning")
    for mention in result.mentions:
        rebuilt = _from_row(_to_row(mention))
        assert rebuilt == mention and repr(rebuilt) == repr(mention) and list(vars(rebuilt)) == list(vars(mention))


def test_rounded_confidences_are_round_to_three_places() -> None:
    """The memo of rounded confidences gives what ``round(x, 3)`` gives, first time or not,
    and stays bounded."""
    import random

    from kg.extract import pipeline

    rng = random.Random(2)
    values = [rng.random() for _ in range(3000)] + [0.8, 0.75, 0.9, 0.6, 0.85, 0.7, 0.99, 1.0, 0.0]
    for value in values + values:
        assert pipeline._rounded(value) == round(value, 3)
    assert len(pipeline._ROUNDED) <= 1024
