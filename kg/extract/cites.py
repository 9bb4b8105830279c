"""CITES: arXiv identifiers written in an abstract ("arXiv:2405.13729", "2405.13729v2").

>>> [m.group(0) for m in ARXIV_ID.finditer("see arXiv:2405.13729v2 and hep-th/9901001")]
['2405.13729v2', 'hep-th/9901001']
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.ids import ARXIV_ID, strip_arxiv_version
from kg.extract.state import Candidate, abstract_start, cands, text_of


def _has_id_hint(text: str) -> bool:
    """A pre-check: hardly any abstract cites an arXiv id (6 in 1,902 pass it). Every id holds a
    "." or "/" followed by digits (the ".1372" of "2405.13729", the "/9901001" of
    "hep-th/9901001"): ``str.find`` jumps between them (the regex ``\\.\\d{4}`` stepped through
    every character: ~20k instructions an abstract, against ~1k). ``str.isdigit`` holds for every
    ``\\d`` and more, so no id is missed."""
    for mark, digits in ((".", 4), ("/", 7)):
        at = text.find(mark)
        while at >= 0:
            if text[at + 1:at + 1 + digits].isdigit() and len(text) > at + digits:
                return True
            at = text.find(mark, at + 1)
    return False


class ArxivCites:
    """Adds a Paper candidate (relation CITES, name = the arXiv id without version) per id."""

    def __call__(self, doc: Doc) -> Doc:
        out, text = cands(doc), text_of(doc)
        if not _has_id_hint(text):
            return doc
        for match in ARXIV_ID.finditer(text, abstract_start(doc)):
            before = text[max(0, match.start() - 20):match.start()].lower()
            if "arxiv" not in before and not match.group("new"):
                continue
            arxiv = strip_arxiv_version(match.group(0))
            out.append(Candidate("Paper", arxiv, match.start(), match.end(), "cites.arxiv_id", 0.95, "CITES"))
        return doc


@Language.factory("kg_cites")
def make_cites(nlp: Language, name: str) -> ArxivCites:
    """Registered factory: ``nlp.add_pipe("kg_cites")``."""
    return ArxivCites()
