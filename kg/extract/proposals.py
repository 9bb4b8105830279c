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
from dataclasses import dataclass
from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.lexicon import load_lexicon
from kg.extract.names import PHRASE, looks_like_name, phrase_before, phrase_is_name, trim_phrase
from kg.extract.native import speedups
from kg.extract.roles import classify_long_form
from kg.extract.scan import keywords, matches_at, offsets_of, register_start_words
from kg.extract.state import Candidate, abstract_start, acronyms, cands, get, text_of

_DATASET_WORDS = re.compile(
    r"\b(?:data ?sets?|benchmarks?|corpus|corpora|suite|leaderboard|testbed|test bed|arena|collection|"
    r"evaluation (?:set|framework|suite)|bench)\b", re.I)
_TITLE = re.compile(r"^\s*([^:]{2,60}?)\s*:\s+\S")
_VERBS = ("propose", "present", "introduce", "develop", "design", "build", "construct", "create", "curate", "release",
          "contribute", "offer", "unveil", "establish", "devise", "put forward", "open-source", "collect", "assemble",
          "compile", "formulate")
_VERB = re.compile(rf"(?:{'|'.join(_VERBS)})[sd]?\b")
_ADVERBS = ("also", "further", "then", "first", "now", "thus", "hence", "therefore", "additionally", "finally", "newly",
            "manually")
_TRIGGER = re.compile(
    r"\b(?:[Ww]e|[Tt]his (?:paper|work|study|report|article)|[Ii]n this (?:paper|work),? we|[Hh]ere,? we|[Oo]ur work|"
    r"and|to|then)"
    rf"\s+(?:(?:\w+ly|{'|'.join(_ADVERBS)})\s+)?"
    + _VERB.pattern)
#: The last word of each subject of ``_TRIGGER``, and its adverbs (as in ``Keywords.blanked``).
_SUBJECT_ENDS = frozenset(b"we We paper work study report article and to then".split())
_ADVERB_WORDS = frozenset(adverb.encode() for adverb in _ADVERBS)
#: The longest subject of a trigger ("In this paper, we"), for bounding where a trigger can start.
_SUBJECT_MAX = 17
_CALLED = re.compile(
    r"\b(?:called|named|dubbed|termed|coined|namely|codenamed|(?:we|which we) (?:call|name|dub|term|coin)"
    r"(?: (?:it|this|them|these \w+|our \w+))?|(?:referred|refer) to (?:it |this |them |these \w+ |our \w+ )?as)\s+"
    r"(?:the\s+)?")
_NAME_AT = re.compile(rf"[\"“'`]*({PHRASE})")
#: Head nouns of a named thing ("a new framework", "benchmarks"), in the order the patterns try them.
_HEAD_WORDS = ("framework", "method", "model", "approach", "benchmark", "dataset", "system", "algorithm", "architecture",
               "pipeline", "agent", "suite", "corpus", "metric", "technique", "toolkit", "library", "strategy",
               "paradigm", "family", "series", "network", "module", "platform", "environment", "recipe", "tokenizer",
               "encoder", "decoder", "attack", "simulator", "engine", "solution", "mechanism", "loss", "objective",
               "collection", "leaderboard", "testbed", "regularizer", "optimizer", "block", "policy", "scheme",
               "procedure", "protocol", "evaluation")
_HEADS = f"(?:{'|'.join(_HEAD_WORDS)})s?"
_APPOSITION = re.compile(rf",\s*(?:an?|the first|the)\s+(?:[\w\-]+\s+){{0,5}}?{_HEADS}\b")
#: ``_APPOSITION.finditer`` in C for ASCII text (``kg/extract/_speedups.c``; ~6 µs an abstract as a regex).
_APPOSITION_SCANNER = speedups.AppositionScanner([head.encode() for head in _HEAD_WORDS]) if speedups else None
#: The words that may follow a head noun before the name ("a benchmark called X").
_NAMING_WORDS = ("called", "named", "dubbed", "termed", "namely")
_NAMING = f"(?:(?:{'|'.join(_NAMING_WORDS)})\\s+)?"
#: "a model-agnostic framework RLMRec that …", "a new benchmark called X".
_ARTICLES = ("an", "a", "the", "our")
_HEAD_THEN_NAME = re.compile(rf"^\s*(?:{'|'.join(_ARTICLES)})\s+(?:[\w\-]+,?\s+){{0,5}}?{_HEADS},?\s+{_NAMING}")
#: "a novel but simple approach, Constrained Word2Vec (CW2V), …" anywhere in the abstract.
_NOVEL_WORDS = ("novel", "new", "our")
_NOVEL_HEAD = re.compile(rf"\b(?:{'|'.join(_NOVEL_WORDS)})\s+(?:[\w\-]+,?\s+){{0,4}}?{_HEADS},?\s+{_NAMING}")
#: The words of the two patterns as bytes, for ``_speedups.lead_words_head`` (see :func:`_novel_heads`).
_HEAD_BYTES, _NAMING_BYTES, _ARTICLE_BYTES, _NOVEL_BYTES = (
    tuple(word.encode() for word in words) for words in (_HEAD_WORDS, _NAMING_WORDS, _ARTICLES, _NOVEL_WORDS))
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
_CODED = re.compile(r"[a-z0-9][A-Z]|[A-Z]{2}|\d")
_BENCH_NAME = re.compile(r"[Bb]ench\b")
_COMMA = re.compile(r",\s*")
_SENTENCE_BREAK = re.compile(r"[.;]\s")
_FOLLOWS_NAME = re.compile(r"\s*(?:[,(:]|\s(?:that|which|to|for|as|with|is|--)\b)")
_COINING = re.compile(r"\b(?:we call|we dub|we term|we coin|which we call|coined|dubbed|termed|refer)")
_QUOTE_LEAD = re.compile(r"\b(?:this|our|the proposed)\s*$", re.I)
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


#: ``_DATASET_WORDS`` for lowercased ASCII text: case-insensitive matching is ~3x slower.
_DATASET_WORDS_LOWER = re.compile(_DATASET_WORDS.pattern)


def _may_name_data(lowered: str) -> bool:
    """Whether lowercased text holds what every ``_DATASET_WORDS`` or ``_TITLE_DATASET`` match holds
    (a cheap pre-check: most contexts name no dataset)."""
    return ("data" in lowered or "bench" in lowered or "corp" in lowered or "suite" in lowered or "test" in lowered
            or "leaderboard" in lowered or "arena" in lowered or "collection" in lowered or "evaluation" in lowered)


def _title_names_data(subtitle: str) -> bool:
    """The subtitle opens with a dataset word ("… : A Benchmark for …")."""
    if subtitle.isascii() and not _may_name_data(subtitle.lower()):
        return False
    return bool(_TITLE_DATASET.match(subtitle))


def _label_for(context: str) -> str:
    if not context.isascii():  # ``re.I`` also folds a few non-ASCII letters ("ſ" is "s")
        return "Dataset" if _DATASET_WORDS.search(context) else "Method"
    lowered = context.lower()
    return "Dataset" if _may_name_data(lowered) and _DATASET_WORDS_LOWER.search(lowered) else "Method"


# Where a pattern can begin. ``re`` tries a pattern that opens with an alternation
# ("\b(?:called|named|…)", "\b(?:[Ww]e|and|to)…") at every character: ~50 µs per abstract each.
# Instead the shared keyword pass (``kg.extract.scan.keywords``) finds the few words where the
# patterns can begin (for a trigger: its verb) and each pattern is only tried there.

#: Every ``_CALLED`` match begins with one of these ("call" also finds "called").
_CALLED_STARTS = ("call", "name", "codename", "dub", "term", "coin", "refer",
                  *(f"{who} {verb}" for who in ("we", "which we") for verb in ("call", "name", "dub", "term", "coin")))
#: Every ``_NOVEL_HEAD`` match begins with one of these.
_NOVEL_STARTS = ("novel", "new", "our")
#: Every ``_OUR_PROPOSED`` match begins with one of these.
_PROPOSED_STARTS = ("our", *(f"the {adverb}{verb}" for adverb in ("", "newly ", "recently ")
                             for verb in ("proposed", "introduced", "new")))
register_start_words("verb", _VERBS)  # a trigger ends with its verb
register_start_words("called", _CALLED_STARTS)
register_start_words("novel", _NOVEL_STARTS)
register_start_words("proposed", _PROPOSED_STARTS)


#: The first words of the subjects of ``_TRIGGER``, after a blank of ``Keywords.blanked``.
_SUBJECT_START = re.compile(rb" (?:[Ww]e|[Tt]his|[Ii]n|[Hh]ere|[Oo]ur|and|t(?:o|hen))")


def _trigger_ends(text: str, blanked: bytes, verbs: list[int], pos: int) -> Iterator[int]:
    """Where the matches of ``_TRIGGER.finditer(text, pos)`` end, found from the ``verbs`` that may end them:
    the trigger is tried where a subject can begin in the few words before the verb.

    Two cheap steps first (measured ~10 -> ~7 µs per abstract): the word before the verb must end
    a subject or be an adverb (40% of the verbs fail that), and 90% of the triggers are
    "we / to / and <verb>", which one match at that word confirms.
    """
    for at in verbs:
        if at <= pos or not text[at - 1].isspace():  # inside the last trigger, or not "… <blank>verb"
            continue
        word_start = _start_of_word_before(text, blanked, at)
        if word_start < 0:
            continue
        verb = _VERB.match(text, at)
        if verb is None:
            continue
        trigger = _TRIGGER.match(text, word_start, verb.end()) if word_start >= pos else None
        if trigger:
            yield trigger.end()
            pos = trigger.end()
            continue
        # A trigger is subject, blanks, maybe one adverb, blanks, verb: one that started before
        # ``lo`` would leave at most one word between its subject and the verb.
        lo = max(pos, at - 40)
        if lo > pos and len(text[lo + _SUBJECT_MAX + 3:at].split()) < 2:  # a long word or blank run: rare
            trigger = _TRIGGER.search(text, pos, verb.end())
        else:
            trigger = _subject_trigger(text, blanked, lo, at, verb.end())
        if trigger:
            yield trigger.end()
            pos = trigger.end()


def _start_of_word_before(text: str, blanked: bytes, at: int) -> int:
    """Where the word before the blanks before ``at`` starts, if that word can end a subject of
    ``_TRIGGER`` or be its adverb; else -1.

    A trigger's subject ends with a word character, so the word it ends with is the whole run of
    ASCII word characters in ``blanked`` (``\\b`` before the subject; a non-ASCII letter is a blank
    there, which only lets more words through); an adverb is a whole word between blanks.
    """
    end = at - 1
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = blanked.rfind(b" ", 0, end + 1)  # ``blanked[i + 1]`` stands for ``text[i]``
    word = blanked[start + 1:end + 1]
    return start if word in _SUBJECT_ENDS or word in _ADVERB_WORDS or word.endswith(b"ly") else -1


def _subject_trigger(text: str, blanked: bytes, lo: int, at: int, end: int) -> re.Match | None:
    """The leftmost trigger from ``lo`` on that ends by ``end``: tried where its subject can begin before ``at``."""
    for subject in _SUBJECT_START.finditer(blanked, lo, at + 1):
        trigger = _TRIGGER.match(text, subject.start(), end)
        if trigger:
            return trigger
    return None


def _first_stop(window: str, end: int) -> int:
    """Offset of the first "." or ";" in ``window[:end]`` (``end`` when there is none): the apposition
    loop only compares it with offsets up to ``end`` (two bounded ``str.find`` and no list: 1.1 -> 0.4 µs
    per trigger with a comma, against searching the whole window)."""
    dot, semicolon = window.find(".", 0, end), window.find(";", 0, end)
    if dot < 0:
        return end if semicolon < 0 else semicolon
    return dot if semicolon < 0 or dot < semicolon else semicolon


#: How far after a trigger an apposition comma and the name after it are looked for.
_APPOSITION_SPAN = 110


def _novel_before(text: str, lo: int, hi: int) -> re.Match | None:
    """``_NOVEL_BEFORE`` in ``text[lo:hi]``; pre-check: most acronyms follow none of its words."""
    window = text[lo:hi]
    if "new" in window or "our" in window or "novel" in window or "proposed" in window:
        return _NOVEL_BEFORE.search(text, lo, hi)
    return None


def _appositions(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of each ``_APPOSITION`` match from ``start``: in C for ASCII text when the speedups
    were built (the same spans; tests/extract/test_proposals_speed.py fuzzes the two)."""
    if _APPOSITION_SCANNER is not None and text.isascii():
        return _APPOSITION_SCANNER.spans(text, start)
    return [match.span() for match in _APPOSITION.finditer(text, start)]


def _novel_heads(text: str, starts: list[int], pos: int) -> list[tuple[int, int]]:
    """(start, end) of the ``_NOVEL_HEAD`` matches tried at ``starts`` from ``pos``, as ``matches_at`` finds
    them: read in C for ASCII text when the speedups were built (``lead_words_head``: the regex backtracked
    through up to four words for each of 47 heads, ~3.5 µs a try; the tests fuzz the two)."""
    if speedups is not None and text.isascii():
        return speedups.lead_words_head(text, starts, pos, _NOVEL_BYTES, _HEAD_BYTES, _NAMING_BYTES, 4, False)
    return [match.span() for match in matches_at(_NOVEL_HEAD, text, starts, pos)]


def _head_then_name(window: str) -> int:
    """Where ``_HEAD_THEN_NAME.match(window)`` ends, or -1: in C for ASCII text, as :func:`_novel_heads`."""
    if speedups is not None and window.isascii():
        found = speedups.lead_words_head(window, [0], 0, _ARTICLE_BYTES, _HEAD_BYTES, _NAMING_BYTES, 5, True)
        return found[0][1] if found else -1
    match = _HEAD_THEN_NAME.match(window)
    return match.end() if match else -1


def _coined(text: str, pos: int, short: str, long: str, ls: int) -> bool:
    """A coined mixed-case acronym ("RLMRec") defined in the same sentence as ``pos``, for an unknown method."""
    return (bool(_MIXED_CASE.search(short[:-1] if short.endswith("s") else short))
            and not _SENTENCE_BREAK.search(text, pos, ls) and classify_long_form(long, short) == "Method"
            and load_lexicon().lookup(short) is None)


@dataclass(slots=True)
class _Paper:
    """What the rules read and write for one paper (taken once from the ``Doc``)."""

    text: str
    start: int  #: where the abstract starts
    #: acronym definitions: short form, long form, start and end of the long form
    definitions: list[tuple[str, str, int, int]]
    out: list[Candidate]


class ProposalFinder:
    """Adds PROPOSES candidates."""

    def __call__(self, doc: Doc) -> Doc:
        text: str = text_of(doc)  # (typed: the compiled module slices and searches it with C calls)
        start, title_end = abstract_start(doc), get(doc, "kg_title_end", 0)
        paper = _Paper(text, start, [(short, *definition) for short, definition in acronyms(doc).items()], cands(doc))
        if title_end:
            self._title(paper, title_end)
        found = keywords(doc)
        starts = found.starts
        for end in _trigger_ends(text, found.blanked, starts["verb"], start):
            self._after_trigger(paper, end)
        for match in matches_at(_CALLED, text, starts["called"], start):
            if not _TASK_WORDS.search(text, max(0, match.start() - 40), match.start()):
                self._called(paper, match)
        for at, end in _appositions(text, start):
            self._apposition(paper, at, end)
        for at, end in _novel_heads(text, starts["novel"], start):
            self._name_at(paper, end, "proposal.novel_head", 0.75, context=text[at:end], follow=True)
        for short, long, ls, le in paper.definitions:
            novel = _novel_before(text, max(start, ls - 60), ls)
            if novel and _lead_in_ok(text[novel.end():ls]) and classify_long_form(long, short) is not None:
                self._add(paper, ls, long, "proposal.novel_acronym", 0.8, aliases=(short,), context=text[ls:le + 40])
        for match in matches_at(_OUR_PROPOSED, text, starts["proposed"], start):
            self._name_at(paper, match.end(), "proposal.our_proposed", 0.8, context=text[match.end():match.end() + 60])
        for match in matches_at(_QUOTED, text, offsets_of(text, ('"', "“"), start), start):
            if phrase_is_name(match.group(1)) and _QUOTE_LEAD.search(text[max(0, match.start() - 20):match.start()]):
                self._add(paper, match.start(1), match.group(1), "proposal.quoted", 0.7, context=match.group(0))
        return doc

    def _title(self, paper: _Paper, title_end: int) -> None:
        title = paper.text[:title_end]
        match = _TITLE.match(title) if ":" in title else None
        if not match:
            return
        name, offset = match.group(1), match.start(1)
        if "Report" in name or "Card" in name:
            name = _REPORT.sub("", name)
        words = name.split()
        if len(words) > 1 and (_GERUND.match(words[0]) or "," in name or
                               any(w[0].islower() and w not in _TITLE_GLUE and not looks_like_name(w) for w in words)):
            last = words[-1]
            if not _CODED.search(last) or not looks_like_name(last):
                return
            name, offset = last, offset + name.rfind(last)
        if not phrase_is_name(name):
            return
        if len(words) == 1 and not looks_like_name(name) and load_lexicon().lookup(name) is not None:
            return
        words = name.split()
        if len(words) > 1 and not any(looks_like_name(w) for w in words):
            # an ordinary capitalised phrase ("See-Saw Modality Balance") is a name only if the
            # abstract uses it too ("Denoising LM" … "DLM")
            abstract = paper.text[paper.start:].lower()
            if name.lower() not in abstract and not any(l.lower() == name.lower() for _, l, _, _ in paper.definitions):
                return
        rest = title[match.end(0) - 1:]
        label_context = "dataset" if _title_names_data(rest) or _BENCH_NAME.search(name) else "method"
        self._add(paper, offset, name, "proposal.title", 0.9, context=label_context)

    def _acronym_at(self, paper: _Paper, pos: int, limit: int, rule: str, conf: float, context: str,
                    coined_only: bool = False) -> bool:
        """Propose an acronym definition whose long form starts right after ``pos``."""
        text: str = paper.text
        for short, long, ls, _ in paper.definitions:
            if not pos <= ls < pos + limit:
                continue
            if _lead_in_ok(text[pos:ls]) or (not coined_only and _coined(text, pos, short, long, ls)):
                self._add(paper, ls, long, rule, conf, aliases=(short,), context=context)
                return True
        return False

    def _after_trigger(self, paper: _Paper, pos: int) -> None:
        text: str = paper.text
        window: str = text[pos:pos + 220]
        if self._acronym_at(paper, pos, 120, "proposal.we_propose", 0.9, window):
            return
        head = _head_then_name(window)
        if head >= 0 and self._name_at(paper, pos + head, "proposal.we_propose", 0.85, context=window):
            return
        comma = window.find(",", 0, _APPOSITION_SPAN)  # ``str.find``, not ``_COMMA.finditer``: ~2 µs less per trigger
        stop = _first_stop(window, _APPOSITION_SPAN) if comma >= 0 else _APPOSITION_SPAN
        while comma >= 0:
            after = _COMMA.match(window, comma, _APPOSITION_SPAN).end()  # the name after an apposition comma
            if stop < after:
                break
            if self._name_at(paper, pos + after, "proposal.we_propose", 0.85, context=window, follow=True):
                return
            comma = window.find(",", after, _APPOSITION_SPAN)
        match = _DIRECT.match(window)
        if match and phrase_is_name(trim_phrase(match.group(1)) or "-"):
            self._add(paper, pos + match.start(1), match.group(1), "proposal.we_propose", 0.85, context=window)

    def _called(self, paper: _Paper, match: re.Match) -> None:
        text: str = paper.text
        pos = match.end()
        if self._acronym_at(paper, pos, 8, "proposal.called", 0.85, match.group(0), coined_only=True):
            return
        if self._name_at(paper, pos, "proposal.called", 0.85, context=text[pos:pos + 80]):
            return
        lower = _LOWER_COINED.match(text, pos)
        coining = _COINING.search(match.group(0))
        if lower and coining and text[max(0, match.start() - 3):match.start()] != "so-":
            name = lower.group(1)
            paper.out.append(Candidate(_label_for(text[pos:pos + 80]), name, lower.start(1), lower.start(1) + len(name),
                                       "proposal.coined", 0.6, "PROPOSES"))

    def _apposition(self, paper: _Paper, at: int, stop: int) -> None:
        """The name before the apposition ``text[at:stop]`` (", a novel framework")."""
        text: str = paper.text
        end = at
        if text[end - 1:end] == ")":  # "X (Long Form), a new …"
            paren = text.rfind("(", max(0, end - 70), end)
            end = paren if paren > 0 else end
        found = phrase_before(text, end - (text[end - 1:end] == " "))
        if found and load_lexicon().lookup(found[1]) is None:
            self._add(paper, found[0], found[1], "proposal.apposition", 0.75, context=text[at:stop])

    def _name_at(self, paper: _Paper, pos: int, rule: str, conf: float, context: str, follow: bool = False) -> bool:
        """Propose the name written at ``pos`` (or the acronym definition starting there)."""
        if self._acronym_at(paper, pos, 4, rule, conf, context, coined_only=True):
            return True
        text: str = paper.text
        match = _NAME_AT.match(text, pos)
        if not match:
            return False
        if follow and not _FOLLOWS_NAME.match(text, match.end(), match.end() + 8):  # as on a slice: no look-behind
            return False
        name = trim_phrase(match.group(1))
        if not name or not phrase_is_name(name):
            return False
        self._add(paper, match.start(1), match.group(1), rule, conf, context=context)
        return True

    def _add(self, paper: _Paper, start: int, name: str, rule: str, conf: float, aliases: tuple[str, ...] = (),
             context: str = "") -> None:
        if not aliases:
            raw, name = name, trim_phrase(name)
            start += raw.find(name) if name else 0
        if not name or (not aliases and not phrase_is_name(name)) or name.split()[-1].lower() in _NOT_PROPOSED_HEADS:
            return
        label = _label_for(context[:120] if context else paper.text[start:start + 120])
        paper.out.append(Candidate(label, name, start, start + len(name), rule, conf, "PROPOSES", aliases=aliases))


@Language.factory("kg_proposals")
def make_proposals(nlp: Language, name: str) -> ProposalFinder:
    """Registered factory: ``nlp.add_pipe("kg_proposals")``."""
    return ProposalFinder()
