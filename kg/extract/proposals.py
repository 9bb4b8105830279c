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
from kg.extract.roles import classify_long_form
from kg.extract.names import PHRASE, looks_like_name, phrase_before, phrase_is_name, trim_phrase
from kg.extract.state import Candidate, abstract_start, acronyms, cands, get, text_of

_DATASET_WORDS = re.compile(
    r"\b(?:data ?sets?|benchmarks?|corpus|corpora|suite|leaderboard|testbed|test bed|arena|collection|"
    r"evaluation (?:set|framework|suite)|bench)\b", re.I)
_TITLE = re.compile(r"^\s*([^:]{2,60}?)\s*:\s+\S")
_TRIGGER = re.compile(
    r"\b(?:[Ww]e|[Tt]his (?:paper|work|study|report|article)|[Ii]n this (?:paper|work),? we|[Hh]ere,? we|[Oo]ur work|"
    r"and|to|then)"
    r"\s+(?:(?:\w+ly|also|further|then|first|now|thus|hence|therefore|additionally|finally|newly|manually)\s+)?"
    r"(?:propose|present|introduce|develop|design|build|construct|create|curate|release|contribute|offer|unveil|"
    r"establish|devise|put forward|open-source|collect|assemble|compile|formulate)[sd]?\b")
_CALLED = re.compile(
    r"\b(?:called|named|dubbed|termed|coined|namely|codenamed|(?:we|which we) (?:call|name|dub|term|coin)"
    r"(?: (?:it|this|them|these \w+|our \w+))?|(?:referred|refer) to (?:it |this |them |these \w+ |our \w+ )?as)\s+"
    r"(?:the\s+)?")
_NAME_AT = re.compile(rf"[\"“'`]*({PHRASE})")
_HEADS = (r"(?:framework|method|model|approach|benchmark|dataset|system|algorithm|architecture|pipeline|agent|suite|"
          r"corpus|metric|technique|toolkit|library|strategy|paradigm|family|series|network|module|platform|"
          r"environment|recipe|tokenizer|encoder|decoder|attack|simulator|engine|solution|mechanism|loss|objective|"
          r"collection|leaderboard|testbed|regularizer|optimizer|block|policy|scheme|procedure|protocol|evaluation)s?")
_APPOSITION = re.compile(rf",\s*(?:an?|the first|the)\s+(?:[\w\-]+\s+){{0,5}}?{_HEADS}\b")
#: "a model-agnostic framework RLMRec that …", "a new benchmark called X".
_HEAD_THEN_NAME = re.compile(rf"^\s*(?:an?|the|our)\s+(?:[\w\-]+,?\s+){{0,5}}?{_HEADS},?\s+(?:(?:called|named|dubbed|termed|namely)\s+)?")
#: "a novel but simple approach, Constrained Word2Vec (CW2V), …" anywhere in the abstract.
_NOVEL_HEAD = re.compile(rf"\b(?:novel|new|our)\s+(?:[\w\-]+,?\s+){{0,4}}?{_HEADS},?\s+(?:(?:called|named|dubbed|termed|namely)\s+)?")
_QUOTED = re.compile(rf"[\"“]([^\"”]{{3,40}})[\"”]\s+{_HEADS}\b")
_LOWER_COINED = re.compile(rf"[\"“'`]*((?:[a-z][\w\-]*\s+){{0,2}}?[a-z][\w\-]*)[\"”'`]*(?=\s*[,.;(]|\s+{_HEADS}\b)")
_DIRECT = re.compile(rf"^\s*(?:the\s+)?[\"“'`]*({PHRASE})\s*[\"”'`]*\s*(?=[,(:—–]|\s+(?:that|which|to|for|as|with|a|an|and|--)\b|\.)")
_TASK_WORDS = re.compile(r"\b(?:task|problem|setting|phenomenon|challenge|paradigm|issue)s?\s*(?:as\s*)?$", re.I)
_OUR_PROPOSED = re.compile(r"\b(?:our|the) (?:newly |recently )?(?:proposed|introduced|new) (?:[\w\-]+ ){0,2}?(?=[A-Z])")
_REPORT = re.compile(r"\s+(?:Technical|Tech\.?|System|Model)\s+(?:Report|Card)$|\s+Report$")
#: Named findings and laws are concepts (guidelines H7), not proposals.
_NOT_PROPOSED_HEADS = frozenset("law laws gap leap phenomenon effect hypothesis".split())
_NOVEL_BEFORE = re.compile(r"\b(?:novel|new|our|proposed)\b(?=[^.;]*$)")
_MIXED_CASE = re.compile(r"[a-z].*[A-Z]|[A-Z].*[a-z]")
_GERUND = re.compile(r"^[A-Z][a-z]+ing$")
_TITLE_GLUE = frozenset("of for de da di von van der la le".split())


#: What may stand between "we propose" and the proposed long form: articles, adjectives, a head
#: noun with "called"/"named", a colon or comma — but no preposition or verb ("a new approach to using X").
_LEAD_WORDS = frozenset(
    """a an the our novel new simple effective efficient general unified first scalable lightweight principled
    generic versatile robust powerful open large-scale comprehensive method methods framework frameworks approach
    model models algorithm technique benchmark dataset architecture system pipeline metric paradigm strategy module
    agent family suite regularizer called named dubbed termed namely and yet but""".split()
)
_LEAD_SHAPE = re.compile(r"\w+ly|[\w-]+-(?:based|aware|free|efficient|driven|guided)")


def _lead_in_ok(text: str) -> bool:
    """True when ``text`` holds only lead-in words (checked word by word: no regex backtracking)."""
    for word in text.split():
        word = word.strip(",:\"“”'")
        if word and word.lower() not in _LEAD_WORDS and not _LEAD_SHAPE.fullmatch(word):
            return False
    return True


_TITLE_DATASET = re.compile(
    r"^\s*(?:(?:an?|the)\s+(?:[\w\-]+\s+){0,5}?|(?:[\w\-]+\s+){0,2}?)(?:benchmark|dataset|data set|corpus|suite|testbed|"
    r"leaderboard|arena|test set|collection)s?\b", re.I)


def _label_for(context: str) -> str:
    return "Dataset" if _DATASET_WORDS.search(context) else "Method"


class ProposalFinder:
    """Adds PROPOSES candidates."""

    def __call__(self, doc: Doc) -> Doc:
        text, out = text_of(doc), cands(doc)
        if get(doc, "kg_title_end", 0):
            self._title(doc, out)
        start = abstract_start(doc)
        for trig in _TRIGGER.finditer(text, start):
            self._after_trigger(doc, trig.end(), out)
        lowered = text.lower()
        has = lambda *words: any(w in lowered for w in words)  # noqa: E731  (cheap pre-checks)
        called = _CALLED.finditer(text, start) if has("call", "name", "dub", "term", "coin", "refer") else ()
        for match in called:
            if not _TASK_WORDS.search(text, max(0, match.start() - 40), match.start()):
                self._called(doc, match, out)
        for match in _APPOSITION.finditer(text, start):
            self._apposition(doc, match, out)
        for match in _NOVEL_HEAD.finditer(text, start) if has("novel", "new", "our") else ():
            self._name_at(doc, match.end(), "proposal.novel_head", 0.75, out, context=match.group(0), follow=True)
        for short, (long, ls, le) in acronyms(doc).items():
            novel = _NOVEL_BEFORE.search(text, max(start, ls - 60), ls)
            if novel and _lead_in_ok(text[novel.end():ls]) and classify_long_form(long, short) is not None:
                self._add(doc, ls, long, "proposal.novel_acronym", 0.8, out, aliases=(short,), context=text[ls:le + 40])
        for match in _OUR_PROPOSED.finditer(text, start) if has("proposed", "introduced", "new") else ():
            self._name_at(doc, match.end(), "proposal.our_proposed", 0.8, out, context=text[match.end():match.end() + 60])
        for match in _QUOTED.finditer(text, start) if has('"', "“") else ():
            if phrase_is_name(match.group(1)) and re.search(r"\b(?:this|our|the proposed)\s*$", text[max(0, match.start() - 20):match.start()], re.I):
                self._add(doc, match.start(1), match.group(1), "proposal.quoted", 0.7, out, context=match.group(0))
        return doc

    def _title(self, doc: Doc, out: list[Candidate]) -> None:
        title = text_of(doc)[: get(doc, "kg_title_end", 0)]
        match = _TITLE.match(title)
        if not match:
            return
        name, offset = _REPORT.sub("", match.group(1)), match.start(1)
        words = name.split()
        if len(words) > 1 and (_GERUND.match(words[0]) or "," in name or
                               any(w[0].islower() and w not in _TITLE_GLUE and not looks_like_name(w) for w in words)):
            last = words[-1]
            if not re.search(r"[a-z0-9][A-Z]|[A-Z]{2}|\d", last) or not looks_like_name(last):
                return
            name, offset = last, offset + name.rfind(last)
        if not phrase_is_name(name):
            return
        if load_lexicon().lookup(name) is not None and len(words) == 1 and not looks_like_name(name):
            return
        words = name.split()
        if len(words) > 1 and not any(looks_like_name(w) for w in words):
            # an ordinary capitalised phrase ("See-Saw Modality Balance") is a name only if the
            # abstract uses it too ("Denoising LM" … "DLM")
            abstract = text_of(doc)[abstract_start(doc):].lower()
            if name.lower() not in abstract and not any(l.lower() == name.lower() for l, _, _ in acronyms(doc).values()):
                return
        rest = title[match.end(0) - 1:]
        label_context = "dataset" if _TITLE_DATASET.match(rest) or re.search(r"[Bb]ench\b", name) else "method"
        self._add(doc, offset, name, "proposal.title", 0.9, out, context=label_context)

    def _acronym_at(self, doc: Doc, pos: int, limit: int, rule: str, conf: float, out: list[Candidate],
                    context: str, coined_only: bool = False) -> bool:
        """Propose an acronym definition whose long form starts right after ``pos``."""
        text = text_of(doc)
        for short, (long, ls, le) in acronyms(doc).items():
            if not pos <= ls < pos + limit:
                continue
            lead_ok = _lead_in_ok(text[pos:ls])
            coined = (bool(_MIXED_CASE.search(short[:-1] if short.endswith("s") else short))
                      and not re.search(r"[.;]\s", text[pos:ls]) and classify_long_form(long, short) == "Method")
            if lead_ok or (coined_only is False and coined and load_lexicon().lookup(short) is None):
                self._add(doc, ls, long, rule, conf, out, aliases=(short,), context=context)
                return True
        return False

    def _after_trigger(self, doc: Doc, pos: int, out: list[Candidate]) -> None:
        text = text_of(doc)
        window = text[pos:pos + 220]
        if self._acronym_at(doc, pos, 120, "proposal.we_propose", 0.9, out, window):
            return
        head = _HEAD_THEN_NAME.match(window)
        if head and self._name_at(doc, pos + head.end(), "proposal.we_propose", 0.85, out, context=window):
            return
        for comma in [m.end() for m in re.finditer(r",\s*", window[:110])]:
            if re.search(r"[.;]", window[:comma]):
                break
            if self._name_at(doc, pos + comma, "proposal.we_propose", 0.85, out, context=window, follow=True):
                return
        match = _DIRECT.match(window)
        if match and phrase_is_name(trim_phrase(match.group(1)) or "-"):
            self._add(doc, pos + match.start(1), match.group(1), "proposal.we_propose", 0.85, out, context=window)

    def _called(self, doc: Doc, match: re.Match, out: list[Candidate]) -> None:
        text, pos = text_of(doc), match.end()
        if self._acronym_at(doc, pos, 8, "proposal.called", 0.85, out, match.group(0), coined_only=True):
            return
        if self._name_at(doc, pos, "proposal.called", 0.85, out, context=text[pos:pos + 80]):
            return
        lower = _LOWER_COINED.match(text, pos)
        coining = re.search(r"\b(?:we call|we dub|we term|we coin|which we call|coined|dubbed|termed|refer)", match.group(0))
        if lower and coining and not re.search(r"so-$", text[max(0, match.start() - 3):match.start()]):
            name = lower.group(1)
            out.append(Candidate(_label_for(text[pos:pos + 80]), name, lower.start(1), lower.start(1) + len(name),
                                 "proposal.coined", 0.6, "PROPOSES"))

    def _apposition(self, doc: Doc, match: re.Match, out: list[Candidate]) -> None:
        text, end = text_of(doc), match.start()
        if text[end - 1:end] == ")":  # "X (Long Form), a new …"
            paren = text.rfind("(", max(0, end - 70), end)
            end = paren if paren > 0 else end
        found = phrase_before(text, end - (text[end - 1:end] == " "))
        if found and load_lexicon().lookup(found[1]) is None:
            self._add(doc, found[0], found[1], "proposal.apposition", 0.75, out, context=match.group(0))

    def _name_at(self, doc: Doc, pos: int, rule: str, conf: float, out: list[Candidate], context: str,
                 follow: bool = False) -> bool:
        """Propose the name written at ``pos`` (or the acronym definition starting there)."""
        text = text_of(doc)
        if self._acronym_at(doc, pos, 4, rule, conf, out, context, coined_only=True):
            return True
        match = _NAME_AT.match(text, pos)
        if not match:
            return False
        if follow and not re.match(r"\s*(?:[,(:]|\s(?:that|which|to|for|as|with|is|--)\b)", text[match.end():match.end() + 8]):
            return False
        name = trim_phrase(match.group(1))
        if not name or not phrase_is_name(name):
            return False
        self._add(doc, match.start(1), match.group(1), rule, conf, out, context=context)
        return True

    def _add(self, doc: Doc, start: int, name: str, rule: str, conf: float, out: list[Candidate],
             aliases: tuple[str, ...] = (), context: str = "") -> None:
        if not aliases:
            raw, name = name, trim_phrase(name)
            start += raw.find(name) if name else 0
        if not name or (not aliases and not phrase_is_name(name)) or name.split()[-1].lower() in _NOT_PROPOSED_HEADS:
            return
        label = _label_for(context[:120] if context else text_of(doc)[start:start + 120])
        out.append(Candidate(label, name, start, start + len(name), rule, conf, "PROPOSES", aliases=aliases))


@Language.factory("kg_proposals")
def make_proposals(nlp: Language, name: str) -> ProposalFinder:
    """Registered factory: ``nlp.add_pipe("kg_proposals")``."""
    return ProposalFinder()
