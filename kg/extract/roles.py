"""The last component: settle relations, merge acronyms and duplicates (``Doc._.kg_mentions``).

Order of decisions, each explainable from the evidence:

1. acronyms defined in the text join their long and short forms in one entity; a defined
   pair no other component claimed becomes a Method (a specific technique: "Group Relative
   Policy Optimization (GRPO)"), a Concept (a task or topic: "neural architecture search
   (NAS)") or nothing (a model class: "large language models (LLMs)");
2. everything that names a proposed entity (its name, acronym or a "-7B" variant) is PROPOSES;
3. the rest keeps its component's relation, or the label's default (Method USES, Dataset
   EVALUATES_ON, Concept MENTIONS);
4. overlapping spans keep the longest; one mention per (label, relation, normalised name);
5. claimed results attach to the dataset named after them in the same sentence.
"""

from __future__ import annotations

import re
from operator import attrgetter

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.lexicon import NAME_KEYS, load_lexicon
from kg.extract.state import Candidate, acronyms, cands, props, put, sentence_of, text_of

_DEFAULT = {"Method": "USES", "Dataset": "EVALUATES_ON", "Concept": "MENTIONS", "Repository": "HAS_CODE", "Paper": "CITES"}
#: Heads of a long form that denote one specific technique (when written lowercase).
_SPECIFIC_HEADS = frozenset(
    """optimization optimisation adaptation generation attention decoding sampling encoding embedding embeddings
    normalization normalisation regularization tuning fine-tuning finetuning distillation pruning quantization
    prompting thought thoughts experts transformer algorithm descent policy feedback
    augmentation alignment propagation gradient gradients rewards reward splatting
    fields field autoencoder autoencoders decomposition factorization""".split()
)
#: Heads of model classes and fields: "large language models (LLMs)", "reinforcement learning (RL)".
_CLASS_HEADS = frozenset(
    """models model networks network learning systems system agents agent intelligence methods processing
    vision language languages robots robotics data""".split()
)
#: Labels whose spans compete (overlaps, negation, proposals).
_SPAN_LABELS = ("Method", "Dataset")
_RELEASE = re.compile(r"\b(?:release|released|available|open-source|open-sourced|publicly|download|access|find|host)", re.I)
_PLURAL = re.compile(r"(?<=[a-z])s$")
_START = attrgetter("start")
_CONFIDENCE = attrgetter("confidence")


#: Modifiers of umbrella model categories (by scale, modality, role): not a specific method.
_UMBRELLA = frozenset(
    """large small language vision vision-language multimodal multi-modal foundation reasoning speech audio
    generative pretrained pre-trained frontier open video diffusion deep neural artificial visual text
    embodied autonomous intelligent conversational action omni""".split()
)
#: Learning paradigms, fields and settings: concepts, never methods (guidelines H4).
_PARADIGM_HEADS = frozenset(
    "learning training post-training pre-training pretraining fine-tuning finetuning tuning intelligence "
    "processing vision science analysis mining retrieval recognition theory mind law laws principle hypothesis "
    "effect phenomenon".split()
)
#: Heads of internal components, metrics and settings: neither method nor concept.
_SKIP_HEADS = frozenset(
    """module modules unit units block blocks layer layers head heads branch component components stage stages
    rate ratio score scores error accuracy metric metrics loss index distance divergence set sets
    asia america europe africa university institute lab laboratory""".split()
)
#: Heads that make a capitalised long form a method ("Recurrent Neural Networks", "Decision Trees").
_METHOD_NOUNS = frozenset(
    """network networks net nets transformer transformers former encoder decoder autoencoder machine machines tree trees
    forest forests process processes kernel kernels operator operators filter filtering regression classifier
    estimator sampler solver scheduler optimizer attention gan gans vae diffusion flow flows learner policy
    programming method approach framework algorithm model models system agent planner search tuning training
    distillation prompting reasoning decoding sampling compensation initialization consolidation correction
    aggregation""".split()
)
_TASK_HEADS = frozenset(
    """generation detection segmentation recognition classification estimation prediction reconstruction
    synthesis translation summarization answering tracking captioning retrieval editing understanding
    localization completion forecasting planning navigation manipulation grounding alignment""".split()
)


def classify_long_form(long: str, short: str) -> str | None:
    """"Method", "Concept" or None for an acronym definition no gazetteer knew."""
    words = long.split()
    if not words:
        return None
    lowered = [w.lower() for w in words]
    head = lowered[-1].split("-")[-1]
    lex = load_lexicon()
    if head.rstrip("s") in ("model", "network") and all(p in _UMBRELLA for w in lowered[:-1] for p in w.split("-")):
        return None
    if long.lower() in lex.tasks or _PLURAL.sub("", long.lower()) in lex.tasks:
        return "Concept"
    if head in _SKIP_HEADS:
        return None
    for k in range(len(words) - 2, 0, -1):  # "Common Principal Component Analysis": a known method inside
        known = lex.lookup(" ".join(words[k:]))  # (of two words or more)
        if known is not None and known.label == "Method":
            return "Method"
    if all(p in _UMBRELLA for w in lowered for p in w.split("-")):
        return None
    if head in _PARADIGM_HEADS or head in _TASK_HEADS:
        return "Concept"
    if head.rstrip("s") in ("model", "network", "system", "agent", "method", "approach", "framework"):
        if all(p in _UMBRELLA for w in lowered[:-1] for p in w.split("-")) or len(words) == 1:
            return None
        return "Method"
    if head in _SPECIFIC_HEADS or (_titled(words) and head in _METHOD_NOUNS):
        return "Method"
    return "Concept"


def _titled(words: list[str]) -> bool:
    return all(w[0].isupper() or not w[0].isalpha() for w in words if len(w) > 3)


class Roles:
    """Turns ``Doc._.kg_cands`` into the final, de-duplicated ``Doc._.kg_mentions``.

    Names are compared by their normalised form, looked up in :data:`NAME_KEYS` (a dict hit
    each time the same name comes back, several times per candidate)."""

    def __call__(self, doc: Doc) -> Doc:
        items = list(cands(doc))
        table = acronyms(doc)
        if table:
            items = _with_acronyms(items, table)
        text: str = text_of(doc)  # (typed: the compiled module slices it with C calls)
        proposals = [c for c in items if c.relation == "PROPOSES"]
        proposed = _proposed_forms(proposals)
        blocking = _blocking_forms(items, proposals, text)
        # One pass drops the unnamed uses and settles the rest, in order. A candidate's drop test
        # reads only itself (settling changes only the candidate and a proposal, never dropped).
        settled = []
        for cand in items:
            if cand.label in _SPAN_LABELS:
                if cand.relation != "PROPOSES" and (
                        _dismissed(cand, text) or blocking and _inside_longer_form(cand, blocking, text)):
                    continue
                owner = _proposed_owner(cand, proposed) if proposed else None  # (no owner without proposals)
                if owner is not None:
                    _join(cand, owner)
                elif cand.relation is None:
                    cand.relation = _default_relation(doc, cand)
            elif cand.relation is None:
                cand.relation = _default_relation(doc, cand)
            settled.append(cand)
        items = _drop_overlaps(settled)
        merged = _merge(items)
        results = props(doc).pop("_results", None)
        if results:
            _attach_results(doc, merged, results)
        put(doc, "kg_mentions", _in_text_order(merged))
        return doc


def _with_acronyms(items: list[Candidate], table: dict[str, tuple[str, int, int]]) -> list[Candidate]:
    """Candidates named by a defined acronym or its long form get the other form; defined pairs
    no candidate claimed become candidates themselves (:func:`classify_long_form`)."""
    by_long = {NAME_KEYS[long]: short for short, (long, _, _) in table.items()}
    claimed = set()
    for cand in items:
        for form in (cand.name, *cand.aliases):
            if form in table:
                claimed.add(form)
                cand.aliases = _add_alias(cand.aliases, table[form][0], cand.name)
                if cand.name == form and cand.label in _SPAN_LABELS and not cand.rule.startswith("gazetteer"):
                    cand.name, cand.aliases = table[form][0], _add_alias(cand.aliases, form, table[form][0])
            else:
                short = by_long.get(NAME_KEYS[form])
                if short is not None:
                    claimed.add(short)
                    cand.aliases = _add_alias(cand.aliases, short, cand.name)
    for short, (long, ls, le) in table.items():
        if short in claimed:
            continue
        label = classify_long_form(long, short)
        if label == "Method":
            items.append(Candidate("Method", long, ls, le, "acronym.definition", 0.6, "USES", aliases=(short,)))
        elif label == "Concept":
            items.append(Candidate("Concept", long.lower(), ls, le, "acronym.concept", 0.5, "MENTIONS",
                                   aliases=(short,), properties={"kind": "topic"}))
    return items


def _proposed_forms(proposals: list[Candidate]) -> dict[str, Candidate]:
    """Normalised name and aliases of each proposal -> the first proposal with that form."""
    forms: dict[str, Candidate] = {}
    for cand in proposals:
        for form in (cand.name, *cand.aliases):
            forms.setdefault(NAME_KEYS[form], cand)
    return forms


def _join(cand: Candidate, owner: Candidate) -> None:
    """Make ``cand`` part of the proposal ``owner``."""
    cand.relation, cand.label = "PROPOSES", owner.label
    owner.aliases = _add_alias(owner.aliases, cand.name, owner.name)
    cand.name, cand.aliases = owner.name, owner.aliases


def _default_relation(doc: Doc, cand: Candidate) -> str:
    """The relation of a candidate whose component left it open."""
    if cand.rule == "code_links.hf_dataset":
        _, s, e = sentence_of(doc, cand.start)
        return "PROPOSES" if _RELEASE.search(text_of(doc)[s:e]) else "EVALUATES_ON"
    return _DEFAULT[cand.label]


def _attach_results(doc: Doc, merged: list[Candidate], results: list) -> None:
    """Each claimed result goes to the first evaluated dataset after it in its sentence."""
    datasets = [c for c in merged if c.label == "Dataset" and c.relation == "EVALUATES_ON"]
    for result in results:
        _, s, e = sentence_of(doc, result.start)
        after = [d for d in datasets if s <= d.start < e and d.start >= result.start and "metric" not in d.properties]
        if after:
            target = min(after, key=lambda d: d.start)
            target.properties.update(metric=result.metric, value=result.value, unit=result.unit,
                                     result=text_of(doc)[result.start:result.end], claimed=True)


_NEGATION = re.compile(r"\b(?:without|not require|not use|no need for|free of|not rely on|instead of)\b[^.;]{0,30}$")


def _negated(cand: Candidate, text: str) -> bool:
    """"does not require importance sampling", "without GAN tuning": not used."""
    if cand.label not in _SPAN_LABELS or cand.relation == "PROPOSES":
        return False
    start = cand.start - 45 if cand.start > 45 else 0
    before = text[start:cand.start]
    # pre-check: a negation word must be in the window (the regex cost ~3 us per candidate)
    if not ("without" in before or "not " in before or "no need for" in before or "free of" in before
            or "instead of" in before):
        return False
    return bool(_NEGATION.search(text, start, cand.start))


def _dismissed(cand: Candidate, text: str) -> bool:
    """A Method/Dataset candidate (not proposed) that names no entity used: a generic family
    name or a negated use."""
    return _generic_family(cand, text) or _negated(cand, text)


def _blocking_forms(items: list[Candidate], proposals: list[Candidate], text: str) -> set[str]:
    """Names inside every written occurrence of these forms ("IFEval" in "Inverse IFEval")
    belong to them, not to a separate entity: the proposals' names and aliases, and the long
    forms of acronym definitions that are not dismissed ("Common Principal Component Analysis")."""
    forms = {f for c in proposals for f in (c.name, *c.aliases) if len(f) > 3}
    forms.update(c.name for c in items if c.rule == "acronym.definition"
                 and (c.label not in _SPAN_LABELS or c.relation == "PROPOSES" or not _dismissed(c, text)))
    return forms


def _inside_longer_form(cand: Candidate, forms: set[str], text: str) -> bool:
    """True when an occurrence of a form longer than ``cand`` overlaps it (searched only
    around ``cand``: finding every occurrence in the whole text was slower)."""
    start, end = cand.start, cand.end
    for form in forms:
        size = len(form)
        if size > end - start:
            # an overlapping occurrence starts after start - size and before end
            first = start - size + 1
            if text.find(form, first if first > 0 else 0, end - 1 + size) >= 0:
                return True
    return False


_SPACE_OR_HYPHEN = re.compile(r"[\s\-]")


def _generic_family(cand: Candidate, text: str) -> bool:
    """A known technique written as a lowercase family name with no acronym ("chain of
    thought", "knowledge distillation"): a generic mention, not the named method."""
    if cand.label != "Method" or not cand.rule.startswith("gazetteer.method") or cand.relation == "PROPOSES":
        return False
    surface = text[cand.start:cand.end]
    if not surface.islower() or not _SPACE_OR_HYPHEN.search(surface) or cand.properties.get("kind") == "algorithm":
        return False
    return not any(a.isupper() or any(ch.isupper() for ch in a[1:]) for a in cand.aliases if a != surface)


#: Size / version / tuning suffixes that make a variant of the same model ("Foo-7B", "Foo-Instruct").
_VARIANT = re.compile(r"(?i)\d[\w.]*|v\d[\w.]*|instruct|chat|base|large|small|mini|tiny|xl|xxl|pro|plus|max|lite|"
                      r"flash|turbo|preview|it|sft|rl|dpo|zero|distill|thinking")


def _proposed_owner(cand: Candidate, proposed: dict[str, Candidate]) -> Candidate | None:
    """The proposed entity ``cand`` names (same form), or of which it is a "-7B" variant."""
    for form in (cand.name, *cand.aliases):
        key = NAME_KEYS[form]
        if key in proposed and proposed[key] is not cand:
            return proposed[key]
        if "-" in form:
            head, _, suffix = form.rpartition("-")
            base = NAME_KEYS[head] if head and _VARIANT.fullmatch(suffix) else key
            if base != key and base in proposed and proposed[base] is not cand:
                return proposed[base]
    return None


def _add_alias(aliases: tuple[str, ...], alias: str, name: str) -> tuple[str, ...]:
    """``aliases`` plus ``alias`` unless it normalises like ``name`` or one of them."""
    key = NAME_KEYS[alias]
    if key == NAME_KEYS[name] or any(NAME_KEYS[a] == key for a in aliases):
        return aliases
    return (*aliases, alias)


def _drop_overlaps(items: list[Candidate]) -> list[Candidate]:
    """Among Method/Dataset spans, a span inside a longer one is dropped (proposals win ties)."""
    spans = [c for c in items if c.label in _SPAN_LABELS]
    if not _may_overlap(spans):  # the common case: nothing to drop
        return items
    order = sorted(spans, key=lambda c: (c.start - c.end, c.relation != "PROPOSES", c.start))  # longest first
    kept: list[Candidate] = []
    dropped: set[int] = set()
    proposed_names: set[str] = set()  # names of kept proposals
    for cand in order:
        if cand.name not in proposed_names and _overlaps_any(cand, kept):
            dropped.add(id(cand))
            continue
        kept.append(cand)
        if cand.relation == "PROPOSES":
            proposed_names.add(cand.name)
    if not dropped:  # overlapping spans are mostly proposals sharing a name: nothing dropped
        return items
    return [c for c in items if id(c) not in dropped]


def _overlaps_any(cand: Candidate, spans: list[Candidate]) -> bool:
    start, end = cand.start, cand.end
    for span in spans:
        if start < span.end and span.start < end:
            return True
    return False


def _may_overlap(spans: list[Candidate]) -> bool:
    """False when no two spans overlap (True when unsure: an empty span)."""
    max_end = -1
    # by start only (not (start, end) tuples, 2x dearer): spans sharing a start overlap in any order
    for cand in sorted(spans, key=_START):
        if cand.start < max_end or cand.start >= cand.end:
            return True
        if cand.end > max_end:
            max_end = cand.end
    return False


def _merge(items: list[Candidate]) -> list[Candidate]:
    """One candidate per (label, relation, normalised name): earliest span, all aliases, best confidence."""
    merged: dict[tuple[str, str, str], Candidate] = {}
    # in (start, -confidence) order: two stable sorts on one attribute each cost 2/3 of one sort
    # on a (start, -confidence) tuple built in Python
    ordered = sorted(items, key=_CONFIDENCE, reverse=True)  # (reverse keeps ties in input order)
    ordered.sort(key=_START)
    for cand in ordered:
        name_key = NAME_KEYS[cand.name]
        if name_key[-1:] == "s":  # (_singular changes only these)
            name_key = _singular(name_key)
        key = ("*" if cand.relation == "PROPOSES" else cand.label, cand.relation or "", name_key)
        first = merged.setdefault(key, cand)
        if first is cand:
            continue
        if cand.aliases or cand.name != first.name:  # (else nothing to add: the common repeat)
            known = {NAME_KEYS[a] for a in (*first.aliases, first.name)}  # _add_alias, one set for all
            for alias in (cand.name, *cand.aliases):
                alias_key = NAME_KEYS[alias]
                if alias_key not in known:
                    first.aliases = (*first.aliases, alias)
                    known.add(alias_key)
        if cand.confidence > first.confidence:
            first.confidence, first.rule = cand.confidence, cand.rule
            first.label = cand.label
        for k, v in cand.properties.items():
            first.properties.setdefault(k, v)
    return _merge_across_relations(list(merged.values()))


def _singular(key: str) -> str:
    """"neural snowflakes" and "neural snowflake" are one entity (long lowercase-final words only)."""
    return key[:-1] if len(key) > 5 and key.endswith("s") and not key.endswith("ss") and key[-2].isalpha() else key


def _merge_across_relations(items: list[Candidate]) -> list[Candidate]:
    """An entity proposed by the paper is not also used by it; a name seen as both Method and
    Dataset keeps the label of its most confident mention."""
    proposed = {NAME_KEYS[c.name] for c in items if c.relation == "PROPOSES"}
    best: dict[str, Candidate] = {}
    contenders = 0
    for cand in items:
        if cand.label in _SPAN_LABELS and cand.relation != "PROPOSES":
            contenders += 1
            key = NAME_KEYS[cand.name]
            if key not in proposed and (key not in best or cand.confidence > best[key].confidence):
                best[key] = cand
    if len(best) == contenders:  # the common case: each contender is the best of its own name
        return items
    kept = {id(c) for c in best.values()}
    return [c for c in items if c.label not in _SPAN_LABELS or c.relation == "PROPOSES" or id(c) in kept]


def _in_text_order(merged: list[Candidate]) -> list[Candidate]:
    """``merged`` sorted by (start, end, label, name). It usually comes in increasing start
    order already (from :func:`_merge`), which a loop checks in a fifth of a sort's time."""
    previous = -1
    for cand in merged:
        if cand.start <= previous:
            return sorted(merged, key=lambda c: (c.start, c.end, c.label, c.name))
        previous = cand.start
    return merged


@Language.factory("kg_roles")
def make_roles(nlp: Language, name: str) -> Roles:
    """Registered factory: ``nlp.add_pipe("kg_roles")``."""
    return Roles()
