"""What the extractor's components share about one paper: candidates, acronyms, sentences.

A paper is processed as one workspace whose text is ``title + "\\n\\n" + abstract``: a
:class:`PaperText` when :class:`~kg.extract.pipeline.Extractor` runs the components itself (no
spaCy tokens are needed), or a spaCy ``Doc`` inside ``nlp(text)``. Both keep the state in
``user_data``, read and written through the helpers below (``kg_title_end`` marks where the
title stops, 0 when there is no title). Each component appends :class:`Candidate` objects to
``kg_cands``; the final ``kg_roles`` component decides relations and merges them into
``kg_mentions`` (``doc._.kg_mentions`` on a Doc).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Callable

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


class PaperText:
    """One paper's text and the components' working state, without a spaCy ``Doc``.

    The components only read the text and ``user_data`` (through the helpers below), never
    spaCy tokens, so :class:`~kg.extract.pipeline.Extractor` runs them on this stand-in and
    skips tokenising into a ``Doc``: tokenising was a third of the extraction time. Run inside
    ``nlp(text)`` they get a real ``Doc`` and behave the same. Its ``user_data`` holds the state
    under the plain names (``kg_cands``), a ``Doc``'s under spaCy's extension keys.
    """

    __slots__ = ("user_data",)

    def __init__(self, text: str):
        self.user_data: dict[Any, Any] = {"kg_text": text}

    @property
    def text(self) -> str:
        return self.user_data["kg_text"]


#: What a component runs on: a spaCy ``Doc`` (inside ``nlp(...)``) or a :class:`PaperText`.
Workspace = Doc | PaperText


def get(doc: Workspace, name: str, default: Any = None) -> Any:
    """``doc._.<name>`` read straight from its storage (``doc._`` builds an object per access,
    which cost ~0.5 ms per abstract when components used it in loops). A :class:`PaperText`
    keeps it under the plain name: no key tuple to build and hash on each of the ~30 reads
    per paper (~2% of the extractor's instructions)."""
    data: dict = doc.user_data  # (typed, the compiled module reads it with a C call, not a method call)
    if type(doc) is PaperText:
        value = data.get(name)
    else:
        value = data.get(("._.", name, None, None))
    return default if value is None else value


def put(doc: Workspace, name: str, value: Any) -> None:
    """``doc._.<name> = value`` without building the ``doc._`` object."""
    if type(doc) is PaperText:
        doc.user_data[name] = value
    else:
        doc.user_data[("._.", name, None, None)] = value


@dataclass(slots=True)
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


def text_of(doc: Workspace) -> str:
    """``doc.text``, computed once (spaCy rebuilds it from the tokens on every access)."""
    data: dict = doc.user_data
    text = data.get("kg_text")
    if text is None:
        text = data["kg_text"] = doc.text
    return text


def lowered_text(doc: Workspace) -> str:
    """``text_of(doc).lower()``, computed once per paper: the code-link and gazetteer components
    both read the whole text lower-cased (~7k instructions an abstract each time)."""
    data: dict = doc.user_data
    lowered = data.get("kg_lowered")
    if lowered is None:
        lowered = data["kg_lowered"] = text_of(doc).lower()
    return lowered


def cands(doc: Workspace) -> list[Candidate]:
    """The candidate list of ``doc`` (created on first use)."""
    value = get(doc, "kg_cands")
    if value is None:
        value = []
        put(doc, "kg_cands", value)
    return value


def acronyms(doc: Workspace) -> dict[str, tuple[str, int, int]]:
    """Short form -> (long form, start, end of the long form) defined in ``doc``."""
    value = get(doc, "kg_acronyms")
    if value is None:
        value = {}
        put(doc, "kg_acronyms", value)
    return value


def props(doc: Workspace) -> dict[str, Any]:
    """Facts about the paper itself (``code_promised`` …)."""
    value = get(doc, "kg_props")
    if value is None:
        value = {}
        put(doc, "kg_props", value)
    return value


def abstract_start(doc: Workspace) -> int:
    """Offset in ``text_of(doc)`` where the abstract starts."""
    end = get(doc, "kg_title_end", 0)
    return end + len(TITLE_SEP) if end else 0


def sentence_of(doc: Workspace, offset: int) -> tuple[int, int, int]:
    """(index within its field, start, end) of the sentence containing ``offset``."""
    return sentence_locator(doc)(offset)


def sentence_locator(doc: Workspace) -> Callable[[int], tuple[int, int, int]]:
    """:func:`sentence_of` for many offsets of one paper: reads the state once (reading it
    was most of the ~2 us a ``sentence_of`` call cost, per mention)."""
    sents = get(doc, "kg_sents") or [(0, len(text_of(doc)))]
    cached = doc.user_data.get("kg_sent_starts")  # (sentence list, its starts): once per paper, not per mention
    if cached is None or cached[0] is not sents:
        cached = doc.user_data["kg_sent_starts"] = (sents, [s for s, _ in sents])
    starts = cached[1]
    first_abstract = 1 if get(doc, "kg_title_end", 0) else 0
    find = bisect.bisect_right

    def locate(offset: int) -> tuple[int, int, int]:
        i = find(starts, offset) - 1
        if i < 0:
            i = 0
        start, end = sents[i]
        return (i if i < first_abstract else i - first_abstract), start, end

    return locate
