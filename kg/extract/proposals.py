"""What the paper itself introduces (PROPOSES): title names and contribution sentences.

Signals, each a rule name in the evidence:

* ``proposal.title``: the title "Name: subtitle" when "Name" reads as a name;
* ``proposal.we_propose``: "we propose / introduce / present / develop … X", with X right
  after the verb, in an apposition ("a new benchmark, X, …") or an acronym definition;
* ``proposal.called``: "called / named / dubbed / termed / namely / we call it X";
* ``proposal.apposition``: "X, a novel framework / benchmark …".

A coined task name ("we refer to this task as model performance inference") is a
Concept, not a proposal.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.lexicon import load_lexicon
from kg.extract.names import PHRASE, looks_like_name, phrase_before, phrase_is_name, trim_phrase
from kg.extract.state import Candidate, abstract_start, acronyms, cands, text_of

_DATASET_WORDS = re.compile(
    r"\b(?:data ?sets?|benchmarks?|corpus|corpora|suite|leaderboard|testbed|test bed|arena|collection|"
    r"evaluation (?:set|framework|suite)|bench)\b", re.I)
_TITLE = re.compile(r"^\s*([^:]{2,60}?)\s*:\s+\S")
_TRIGGER = re.compile(
    r"\b(?:[Ww]e|[Tt]his (?:paper|work|study|report|article)|[Ii]n this (?:paper|work),? we|[Hh]ere,? we|[Oo]ur work)"
    r"\s+(?:(?:\w+ly|also|further|then|first|now|thus|hence|therefore|additionally|finally|newly)\s+)?"
    r"(?:propose|present|introduce|develop|design|build|construct|create|curate|release|contribute|offer|unveil|"
    r"establish|devise|put forward|open-source|train|collect|assemble|compile|formulate)[sd]?\b")
_CALLED = re.compile(
    rf"\b(?:called|named|dubbed|termed|coined|namely|codenamed|(?:we|which we) (?:call|name|dub|term)"
    rf"(?: (?:it|this|them|our \w+))?|(?:referred|refer) to (?:it |this |them |our \w+ )?as)\s+(?:the\s+)?[\"“'`]*({PHRASE})")
_APPOSITION = re.compile(
    r",\s*(?:an?|the first|the)\s+(?:[\w\-]+\s+){0,5}?"
    r"(?:framework|method|model|approach|benchmark|dataset|system|algorithm|architecture|pipeline|agent|suite|"
    r"corpus|metric|technique|toolkit|library|strategy|paradigm|family|series|network|module|platform|"
    r"environment|recipe|tokenizer|encoder|decoder|attack|simulator|engine|solution|mechanism|loss|objective|"
    r"collection|leaderboard|testbed)s?\b")
_APPOS_AFTER = re.compile(rf"^\s*(?:(?:an?|the)\s+[^,.;()]{{0,90}}?,\s*|(?:an?|the)\s+(?:new\s+|novel\s+)?)"
                          rf"({PHRASE})\s*(?=[,(]|\s+(?:that|which|to|for|as|with|,)\b)")
_DIRECT = re.compile(rf"^\s*(?:the\s+)?[\"“'`]*({PHRASE})\s*[\"”'`]*\s*(?=[,(:]|\s+(?:that|which|to|for|as|with|a|an|and)\b|\.)")
_TASK_WORDS = re.compile(r"\b(?:task|problem|setting|phenomenon|challenge|paradigm|issue)\s*$", re.I)


#: What may stand between "we propose" and the proposed long form: articles, adjectives, a head
#: noun with "called"/"named", a colon or comma — but no preposition or verb ("a new approach to using X").
_LEAD_IN = re.compile(
    r"(?:\s*(?:(?:a|an|the|our|novel|new|simple|effective|efficient|general|unified|first|scalable|lightweight|"
    r"principled|generic|versatile|robust|powerful|open|large-scale|comprehensive|\w+ly|[\w-]+(?:-based|-aware|-free|"
    r"-efficient))\b|(?:method|framework|approach|model|algorithm|technique|benchmark|dataset|architecture|"
    r"system|pipeline|metric|paradigm|strategy|module|agent|family|suite)s?(?:,|\s+(?:called|named|dubbed|termed))?|[,:\"“]))*\s*",
    re.I)
_TITLE_DATASET = re.compile(
    r"^\s*(?:(?:an?|the)\s+(?:[\w\-]+\s+){0,5}?|(?:[\w\-]+\s+){0,2}?)(?:benchmark|dataset|data set|corpus|suite|testbed|"
    r"leaderboard|arena|test set|collection)s?\b", re.I)


def _label_for(context: str) -> str:
    return "Dataset" if _DATASET_WORDS.search(context) else "Method"


class ProposalFinder:
    """Adds PROPOSES candidates."""

    def __call__(self, doc: Doc) -> Doc:
        text, out = text_of(doc), cands(doc)
        if doc._.kg_title_end:
            self._title(doc, out)
        start = abstract_start(doc)
        for trig in _TRIGGER.finditer(text, start):
            self._after_trigger(doc, trig.end(), out)
        for match in _CALLED.finditer(text, start):
            if _TASK_WORDS.search(text, max(0, match.start() - 40), match.start()):
                continue
            self._add(doc, match.start(1), match.group(1), "proposal.called", 0.85, out)
        for match in _APPOSITION.finditer(text, start):
            end = match.start()
            if text[end - 1:end] == ")":  # "X (Long Form), a new …"
                end = text.rfind("(", max(0, end - 70), end)
                end = end if end > 0 else match.start()
            found = phrase_before(text, end - (text[end - 1:end] == " "))
            if found and load_lexicon().lookup(found[1]) is None:
                self._add(doc, found[0], found[1], "proposal.apposition", 0.75, out, context=match.group(0))
        return doc

    def _title(self, doc: Doc, out: list[Candidate]) -> None:
        title = text_of(doc)[: doc._.kg_title_end]
        match = _TITLE.match(title)
        if not match or not phrase_is_name(match.group(1)):
            return
        name = match.group(1)
        if load_lexicon().lookup(name) is not None and len(name.split()) == 1 and not looks_like_name(name):
            return
        label_context = "dataset" if _TITLE_DATASET.match(title[match.end(0) - 1:]) or re.search(r"[Bb]ench\b", name) else "method"
        self._add(doc, match.start(1), name, "proposal.title", 0.9, out, context=label_context)

    def _after_trigger(self, doc: Doc, pos: int, out: list[Candidate]) -> None:
        text = text_of(doc)
        window = text[pos:pos + 220]
        for short, (long, ls, le) in acronyms(doc).items():
            if pos <= ls < pos + 90 and _LEAD_IN.fullmatch(text[pos:ls]):
                self._add(doc, ls, long, "proposal.we_propose", 0.9, out, aliases=(short,), context=window)
                return
        for regex in (_APPOS_AFTER, _DIRECT):
            match = regex.match(window)
            if match:
                name = trim_phrase(match.group(1))
                if name and phrase_is_name(name):
                    self._add(doc, pos + match.start(1), match.group(1), "proposal.we_propose", 0.85, out, context=window)
                    return

    def _add(self, doc: Doc, start: int, name: str, rule: str, conf: float, out: list[Candidate],
             aliases: tuple[str, ...] = (), context: str = "") -> None:
        if not aliases:
            raw, name = name, trim_phrase(name)
            start += raw.find(name) if name else 0
        if not name or (not aliases and not phrase_is_name(name)):
            return
        label = _label_for(context[:120] if context else text_of(doc)[start:start + 120])
        out.append(Candidate(label, name, start, start + len(name), rule, conf, "PROPOSES", aliases=aliases))


@Language.factory("kg_proposals")
def make_proposals(nlp: Language, name: str) -> ProposalFinder:
    """Registered factory: ``nlp.add_pipe("kg_proposals")``."""
    return ProposalFinder()
