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

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.lexicon import load_lexicon
from kg.extract.state import Candidate, NameKeys, acronyms, cands, name_keys, props, put, sentence_of, text_of

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
    """Turns ``Doc._.kg_cands`` into the final, de-duplicated ``Doc._.kg_mentions``."""

    def __call__(self, doc: Doc) -> Doc:
        keys = name_keys(doc)
        items = self._with_acronyms(doc, list(cands(doc)), keys)
        text = text_of(doc)
        items = [c for c in items if c.label not in _SPAN_LABELS or c.relation == "PROPOSES"  # the common case, inline
                 or not _generic_family(c, text) and not _negated(c, text)]
        items = _block_inside_proposed(items, text)
        proposed = self._proposed_forms(items, keys)
        for cand in items:
            self._settle(doc, cand, proposed, keys)
        items = _drop_overlaps(items)
        merged = _merge(items, keys)
        self._attach_results(doc, merged)
        put(doc, "kg_mentions", sorted(merged, key=lambda c: (c.start, c.end, c.label, c.name)))
        return doc

    def _with_acronyms(self, doc: Doc, items: list[Candidate], keys: NameKeys) -> list[Candidate]:
        table = acronyms(doc)
        if not table:
            return items
        by_long = {keys[long]: short for short, (long, _, _) in table.items()}
        claimed = set()
        for cand in items:
            for form in (cand.name, *cand.aliases):
                if form in table:
                    claimed.add(form)
                    cand.aliases = _add_alias(cand.aliases, table[form][0], cand.name, keys)
                    if cand.name == form and cand.label in _SPAN_LABELS and not cand.rule.startswith("gazetteer"):
                        cand.name, cand.aliases = table[form][0], _add_alias(cand.aliases, form, table[form][0], keys)
                else:
                    short = by_long.get(keys[form])
                    if short is not None:
                        claimed.add(short)
                        cand.aliases = _add_alias(cand.aliases, short, cand.name, keys)
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

    @staticmethod
    def _proposed_forms(items: list[Candidate], keys: NameKeys) -> dict[str, Candidate]:
        forms: dict[str, Candidate] = {}
        for cand in items:
            if cand.relation == "PROPOSES":
                for form in (cand.name, *cand.aliases):
                    forms.setdefault(keys[form], cand)
        return forms

    @staticmethod
    def _settle(doc: Doc, cand: Candidate, proposed: dict[str, Candidate], keys: NameKeys) -> None:
        if proposed and cand.label in _SPAN_LABELS:  # (no owner without proposals)
            owner = _proposed_owner(cand, proposed, keys)
            if owner is not None and owner is not cand:
                cand.relation, cand.label = "PROPOSES", owner.label
                if keys[cand.name] not in {keys[f] for f in (owner.name, *owner.aliases)}:
                    owner.aliases = _add_alias(owner.aliases, cand.name, owner.name, keys)
                cand.name, cand.aliases = owner.name, owner.aliases
                return
        if cand.rule == "code_links.hf_dataset" and cand.relation is None:
            _, s, e = sentence_of(doc, cand.start)
            cand.relation = "PROPOSES" if _RELEASE.search(text_of(doc)[s:e]) else "EVALUATES_ON"
        if cand.relation is None:
            cand.relation = _DEFAULT[cand.label]

    @staticmethod
    def _attach_results(doc: Doc, merged: list[Candidate]) -> None:
        results = props(doc).pop("_results", [])
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
    start = max(0, cand.start - 45)
    before = text[start:cand.start]
    # pre-check: a negation word must be in the window (the regex cost ~3 us per candidate)
    if not ("without" in before or "not " in before or "no need for" in before or "free of" in before
            or "instead of" in before):
        return False
    return bool(_NEGATION.search(text, start, cand.start))


def _block_inside_proposed(items: list[Candidate], text: str) -> list[Candidate]:
    """Names inside every written occurrence of a proposed name ("IFEval" in "Inverse IFEval")
    belong to the proposal, not to a separate entity."""
    forms = {f for c in items if c.relation == "PROPOSES" for f in (c.name, *c.aliases) if len(f) > 3}
    forms |= {c.name for c in items if c.rule == "acronym.definition"}  # "Common Principal Component Analysis"
    if not forms:
        return items
    return [c for c in items if c.relation == "PROPOSES" or c.label not in _SPAN_LABELS
            or not _inside_longer_form(c, forms, text)]


def _inside_longer_form(cand: Candidate, forms: set[str], text: str) -> bool:
    """True when an occurrence of a form longer than ``cand`` overlaps it (searched only
    around ``cand``: finding every occurrence in the whole text was slower)."""
    width = cand.end - cand.start
    for form in forms:
        # an overlapping occurrence starts after cand.start - len(form) and before cand.end
        if len(form) > width and text.find(form, max(0, cand.start - len(form) + 1), cand.end - 1 + len(form)) >= 0:
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


def _proposed_owner(cand: Candidate, proposed: dict[str, Candidate], keys: NameKeys) -> Candidate | None:
    """The proposed entity ``cand`` names (same form), or of which it is a "-7B" variant."""
    for form in (cand.name, *cand.aliases):
        key = keys[form]
        if key in proposed and proposed[key] is not cand:
            return proposed[key]
        head, _, suffix = form.rpartition("-")
        base = keys[head] if head and _VARIANT.fullmatch(suffix) else key
        if base != key and base in proposed and proposed[base] is not cand:
            return proposed[base]
    return None


def _add_alias(aliases: tuple[str, ...], alias: str, name: str, keys: NameKeys) -> tuple[str, ...]:
    known = {keys[a] for a in (*aliases, name)}
    return aliases if keys[alias] in known else (*aliases, alias)


def _drop_overlaps(items: list[Candidate]) -> list[Candidate]:
    """Among Method/Dataset spans, a span inside a longer one is dropped (proposals win ties)."""
    spans = [c for c in items if c.label in _SPAN_LABELS]
    if not _may_overlap(spans):  # the common case: nothing to drop
        return items
    order = sorted(spans, key=lambda c: (-(c.end - c.start), c.relation != "PROPOSES", c.start))
    kept: list[Candidate] = []
    proposed_names: set[str] = set()  # names of kept proposals
    for cand in order:
        if cand.name not in proposed_names and any(cand.start < k.end and k.start < cand.end for k in kept):
            continue
        kept.append(cand)
        if cand.relation == "PROPOSES":
            proposed_names.add(cand.name)
    keep_ids = {id(c) for c in kept}
    return [c for c in items if c.label not in _SPAN_LABELS or id(c) in keep_ids]


def _may_overlap(spans: list[Candidate]) -> bool:
    """False when no two spans overlap (True when unsure: an empty span)."""
    max_end = -1
    for start, end in sorted((c.start, c.end) for c in spans):
        if start < max_end or start >= end:
            return True
        max_end = max(max_end, end)
    return False


def _merge(items: list[Candidate], keys: NameKeys) -> list[Candidate]:
    """One candidate per (label, relation, normalised name): earliest span, all aliases, best confidence."""
    merged: dict[tuple[str, str, str], Candidate] = {}
    for cand in sorted(items, key=lambda c: (c.start, -c.confidence)):
        label = "*" if cand.relation == "PROPOSES" else cand.label
        key = (label, cand.relation or "", _singular(keys[cand.name]))
        first = merged.get(key)
        if first is None:
            merged[key] = cand
            continue
        known = {keys[a] for a in (*first.aliases, first.name)}  # _add_alias, one set for all
        for alias in (cand.name, *cand.aliases):
            alias_key = keys[alias]
            if alias_key not in known:
                first.aliases = (*first.aliases, alias)
                known.add(alias_key)
        if cand.confidence > first.confidence:
            first.confidence, first.rule = cand.confidence, cand.rule
            first.label = cand.label
        for k, v in cand.properties.items():
            first.properties.setdefault(k, v)
    return _merge_across_relations(list(merged.values()), keys)


def _singular(key: str) -> str:
    """"neural snowflakes" and "neural snowflake" are one entity (long lowercase-final words only)."""
    return key[:-1] if len(key) > 5 and key.endswith("s") and not key.endswith("ss") and key[-2].isalpha() else key


def _merge_across_relations(items: list[Candidate], keys: NameKeys) -> list[Candidate]:
    """An entity proposed by the paper is not also used by it; a name seen as both Method and
    Dataset keeps the label of its most confident mention."""
    proposed = {keys[c.name] for c in items if c.relation == "PROPOSES"}
    best: dict[str, Candidate] = {}
    for cand in items:
        if cand.label in _SPAN_LABELS and cand.relation != "PROPOSES":
            key = keys[cand.name]
            if key not in proposed and (key not in best or cand.confidence > best[key].confidence):
                best[key] = cand
    kept = {id(c) for c in best.values()}
    return [c for c in items if c.label not in _SPAN_LABELS or c.relation == "PROPOSES" or id(c) in kept]


@Language.factory("kg_roles")
def make_roles(nlp: Language, name: str) -> Roles:
    """Registered factory: ``nlp.add_pipe("kg_roles")``."""
    return Roles()
