"""CITES: arXiv identifiers written in an abstract ("arXiv:2405.13729", "2405.13729v2").

>>> [m.group(0) for m in ARXIV_ID.finditer("see arXiv:2405.13729v2 and hep-th/9901001")]
['2405.13729v2', 'hep-th/9901001']
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.ids import ARXIV_ID, strip_arxiv_version
from kg.extract.state import Candidate, abstract_start, cands, text_of


_QUICK = re.compile(r"\d{4}\.\d{4}|/\d{7}")


class ArxivCites:
    """Adds a Paper candidate (relation CITES, name = the arXiv id without version) per id."""

    def __call__(self, doc: Doc) -> Doc:
        out = cands(doc)
        if not _QUICK.search(text_of(doc)):
            return doc
        for match in ARXIV_ID.finditer(text_of(doc), abstract_start(doc)):
            before = text_of(doc)[max(0, match.start() - 20):match.start()].lower()
            if "arxiv" not in before and not match.group("new"):
                continue
            arxiv = strip_arxiv_version(match.group(0))
            out.append(Candidate("Paper", arxiv, match.start(), match.end(), "cites.arxiv_id", 0.95, "CITES"))
        return doc


@Language.factory("kg_cites")
def make_cites(nlp: Language, name: str) -> ArxivCites:
    """Registered factory: ``nlp.add_pipe("kg_cites")``."""
    return ArxivCites()
