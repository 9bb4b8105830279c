"""Concepts a paper claims to address, from the title ("… for Video Face Super-Resolution",
"StyleSplat: 3D Object Style Transfer with …"): the key phrase of the contribution.

PwC task names found anywhere (``gazetteer.task``), acronym long forms of tasks and topics
(``acronym.concept``) and the source's keywords (``metadata.keywords``) come from the other
components and the extractor; this one adds ``concept.title``:

>>> title_concepts("Kalman-Inspired Feature Propagation for Video Face Super-Resolution")
['video face super-resolution']
>>> title_concepts("StyleSplat: 3D Object Style Transfer with Gaussian Splatting")
['3d object style transfer']
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.names import looks_like_name
from kg.extract.state import Candidate, cands, get, text_of

#: ``\s\s*`` rather than ``\s+``: the same matches, but every alternative then starts with a character
#: class, which lets the regex engine skip quickly to the spaces and punctuation (~30% faster).
_CUT = re.compile(r"\s\s*(?:with|via|using|through|by|from|in|on|under|without|based on|and its|beyond|at|as)\s+|"
                  r"[,;?!(]|\s\s*-+\s+", re.I)
_LEAD = re.compile(r"^(?:an?|the|towards?|on|rethinking|revisiting|improving|enhancing|efficient|scalable|"
                   r"robust|unified|fast|simple|general|generalizable|better|learning|boosting|scaling|understanding)\s+", re.I)
_GENERIC = re.compile(r"^(?:an?\s+)?(?:survey|benchmark|dataset|framework|study|review|case study|position paper|"
                      r"technical report|report|empirical study|new|novel)\b", re.I)


_FOR = re.compile(r"\sfor\s")
#: The three patterns without ``re.I``, for lowercased ASCII (case-insensitive matching costs ~3x).
_CUT_LOWER, _LEAD_LOWER, _GENERIC_LOWER = (re.compile(p.pattern) for p in (_CUT, _LEAD, _GENERIC))


def _clean(phrase: str) -> str | None:
    """The task phrase in a piece of a title: up to the first cut word, without lead words; None
    when it is no task phrase. The patterns run on ``probe``: the phrase lowercased when it is
    ASCII (``lower()`` keeps the offsets, and ``re.I`` folds nothing else there; elsewhere it also
    matches "ſ" to "s"), else the phrase itself with the ``re.I`` patterns."""
    phrase = phrase.strip()
    if phrase.isascii():
        probe, cut, lead_words, generic = phrase.lower(), _CUT_LOWER, _LEAD_LOWER, _GENERIC_LOWER
    else:
        probe, cut, lead_words, generic = phrase, _CUT, _LEAD, _GENERIC
    found = cut.search(probe)  # where ``cut.split(phrase, maxsplit=1)`` would split
    if found:
        phrase, probe = phrase[:found.start()], probe[:found.start()]
    phrase, probe = phrase.strip(" .:"), probe.strip(" .:")  # (the same characters either way)
    for _ in range(2):  # _LEAD.sub("", phrase) twice: _LEAD is anchored, so a match is at 0 or nowhere
        lead = lead_words.match(probe)
        if not lead:
            break  # nothing (more) to drop: the second pass would find nothing either
        phrase, probe = phrase[lead.end():], probe[lead.end():]
    words = phrase.split()
    if not 1 <= len(words) <= 6 or generic.match(probe) or any(looks_like_name(w) and not w.isupper() for w in words):
        return None
    if len(words) == 1 and len(phrase) < 6:
        return None
    return phrase.lower()


def title_concepts(title: str) -> list[str]:
    """Task phrases of a title: what follows " for ", else the subtitle after the colon."""
    title = " ".join(title.split())
    head, _, sub = title.partition(":")
    out = []
    for part in (sub, head) if sub else (head,):
        pieces = _FOR.split(part) if "for" in part else ()  # most titles have no "for": no regex pass
        if len(pieces) > 1:
            found = _clean(pieces[-1])
            if found:
                out.append(found)
    if sub and not out:
        found = _clean(sub)
        if found:
            out.append(found)
    return out


class TitleConcepts:
    """Adds Concept candidates (kind topic) for the title's task phrases."""

    def __call__(self, doc: Doc) -> Doc:
        end = get(doc, "kg_title_end", 0)
        if not end:
            return doc
        title, out = text_of(doc)[:end], cands(doc)
        lowered = title.lower()
        for phrase in title_concepts(title):
            start = lowered.find(phrase.split()[0])
            start = max(start, 0)
            out.append(Candidate("Concept", phrase, start, min(end, start + len(phrase)), "concept.title", 0.7,
                                 "MENTIONS", properties={"kind": "topic"}))
        return doc


@Language.factory("kg_concepts")
def make_concepts(nlp: Language, name: str) -> TitleConcepts:
    """Registered factory: ``nlp.add_pipe("kg_concepts")``."""
    return TitleConcepts()
