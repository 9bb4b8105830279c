"""kg.extract.cites: arXiv ids in abstracts, and the pre-check that skips the abstracts without one."""

from __future__ import annotations

import random
import re

from kg.extract.cites import _has_id_hint
from kg.ids import ARXIV_ID


def test_id_hint_holds_wherever_an_arxiv_id_is_written() -> None:
    """``_has_id_hint`` against the regular expressions it replaced (and ``ARXIV_ID`` itself) on
    random texts of digits, dots, slashes, letters and other scripts' digits."""
    new_hint, old_hint = re.compile(r"\.\d{4}"), re.compile(r"/\d{7}")
    rng = random.Random(3)
    alphabet = "0123456789" * 3 + "./ abv-hep-th\n" + "٣५²"  # Arabic-Indic and Devanagari digits, a superscript
    hinted = 0
    for _ in range(30000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        expected = bool(new_hint.search(text) or old_hint.search(text))
        assert _has_id_hint(text) is expected or (_has_id_hint(text) and "²" in text), text
        assert _has_id_hint(text) or not ARXIV_ID.search(text), text
        hinted += expected
    assert 1000 < hinted < 29000  # (~1,900: both outcomes are tested)


def test_real_ids_pass_the_hint() -> None:
    for text in ("see arXiv:2405.13729v2", "hep-th/9901001 shows", "2405.1372", "cs.CL/0101001"):
        assert _has_id_hint(text)
    for text in ("", "v1.2 and 3.14", "a/b/123456", "2405.", "no ids here."):
        assert not _has_id_hint(text)
