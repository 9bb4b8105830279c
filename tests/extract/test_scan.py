"""Rules that try a pattern only where ``str.find`` sees one of its first words must list every
first word the pattern can begin with: checked here against the patterns themselves."""

from __future__ import annotations

import re
import re._constants as sre_constants
import re._parser as sre_parser

import pytest

from kg.extract import contexts


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


@pytest.mark.parametrize("pattern, starts", [(contexts._EVAL, contexts._EVAL_STARTS),
                                             (contexts._USE, contexts._USE_STARTS)])
def test_every_way_a_pattern_begins_is_in_its_start_words(pattern: re.Pattern, starts: tuple[str, ...]) -> None:
    prefixes = _prefixes(list(sre_parser.parse(pattern.pattern, pattern.flags)))
    missing = sorted(p for p in prefixes if not any(p.startswith(word) for word in starts))
    assert not missing, f"matches can begin with {missing}: add them to the start words"
