"""What the extractor's components share on a ``Doc``: candidates, acronyms, sentences.

A paper is processed as one ``Doc`` whose text is ``title + "\\n\\n" + abstract``
(``Doc._.kg_title_end`` marks where the title stops, 0 when there is no title). Each
component appends :class:`Candidate` objects to ``Doc._.kg_cands``; the final
``kg_roles`` component decides relations and merges them into ``Doc._.kg_mentions``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

TITLE_SEP = "\n\n"

for _name, _default in (
    ("kg_title_end", 0),
    ("kg_sents", None),
    ("kg_cands", None),
    ("kg_acronyms", None),
    ("kg_props", None),
    ("kg_mentions", None),
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def get(doc: Doc, name: str, default: Any = None) -> Any:
    """``doc._.<name>`` read straight from its storage (``doc._`` builds an object per access,
    which cost ~0.5 ms per abstract when components used it in loops)."""
    value = doc.user_data.get(("._.", name, None, None))
    return default if value is None else value


def put(doc: Doc, name: str, value: Any) -> None:
    """``doc._.<name> = value`` without building the ``doc._`` object."""
    doc.user_data[("._.", name, None, None)] = value


@dataclass
class Candidate:
    """A span one component believes is an entity (mutable until ``kg_roles`` settles it)."""

    label: str  #: Label value
    name: str
    start: int  #: offsets into ``text_of(doc)``
    end: int
    rule: str
    confidence: float
    relation: str | None = None  #: RelType value when the component knows it
    aliases: tuple[str, ...] = ()
    properties: dict[str, Any] = field(default_factory=dict)


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once (spaCy rebuilds it from the tokens on every access)."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def cands(doc: Doc) -> list[Candidate]:
    """The candidate list of ``doc`` (created on first use)."""
    value = get(doc, "kg_cands")
    if value is None:
        value = []
        put(doc, "kg_cands", value)
    return value


def acronyms(doc: Doc) -> dict[str, tuple[str, int, int]]:
    """Short form -> (long form, start, end of the long form) defined in ``doc``."""
    value = get(doc, "kg_acronyms")
    if value is None:
        value = {}
        put(doc, "kg_acronyms", value)
    return value


def props(doc: Doc) -> dict[str, Any]:
    """Facts about the paper itself (``code_promised`` …)."""
    value = get(doc, "kg_props")
    if value is None:
        value = {}
        put(doc, "kg_props", value)
    return value


def abstract_start(doc: Doc) -> int:
    """Offset in ``text_of(doc)`` where the abstract starts."""
    end = get(doc, "kg_title_end", 0)
    return end + len(TITLE_SEP) if end else 0


def sentence_of(doc: Doc, offset: int) -> tuple[int, int, int]:
    """(index within its field, start, end) of the sentence containing ``offset``."""
    sents = get(doc, "kg_sents") or [(0, len(text_of(doc)))]
    starts = [s for s, _ in sents]
    i = max(bisect.bisect_right(starts, offset) - 1, 0)
    first_abstract = 1 if get(doc, "kg_title_end", 0) else 0
    index = i if i < first_abstract else i - first_abstract
    return index, sents[i][0], sents[i][1]


def sentence_text(doc: Doc, offset: int) -> str:
    """The text of the sentence containing ``offset``."""
    _, start, end = sentence_of(doc, offset)
    return text_of(doc)[start:end]
