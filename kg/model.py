"""The data model shared by every stage: labels, relationship types, and the
frozen records passed between stages (:class:`Paper`, :class:`Mention`,
:class:`Extraction`).

Labels and relationship types are enums so that Cypher is only ever built from
this closed set (never from paper text).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import Enum
from typing import Any, Mapping


class Label(str, Enum):
    """Node labels (design §2). The value is the Neo4j label."""

    PAPER = "Paper"
    METHOD = "Method"
    DATASET = "Dataset"
    REPOSITORY = "Repository"
    CONCEPT = "Concept"
    AUTHOR = "Author"

    def __str__(self) -> str:
        return self.value


class RelType(str, Enum):
    """Relationship types (design §2). The value is the Neo4j relationship type."""

    PROPOSES = "PROPOSES"
    USES = "USES"
    EVALUATES_ON = "EVALUATES_ON"
    HAS_CODE = "HAS_CODE"
    MENTIONS = "MENTIONS"
    CITES = "CITES"
    AUTHORED_BY = "AUTHORED_BY"
    IMPLEMENTS = "IMPLEMENTS"

    def __str__(self) -> str:
        return self.value


#: Which labels each relationship type may point to (from ``Paper`` unless noted).
RELATION_TARGETS: Mapping[RelType, frozenset[Label]] = {
    RelType.PROPOSES: frozenset({Label.METHOD, Label.DATASET}),
    RelType.USES: frozenset({Label.METHOD, Label.DATASET}),
    RelType.EVALUATES_ON: frozenset({Label.DATASET}),
    RelType.HAS_CODE: frozenset({Label.REPOSITORY}),
    RelType.MENTIONS: frozenset({Label.CONCEPT}),
    RelType.CITES: frozenset({Label.PAPER}),
    RelType.AUTHORED_BY: frozenset({Label.AUTHOR}),
    RelType.IMPLEMENTS: frozenset({Label.METHOD}),  # from Repository
}


@dataclass(frozen=True)
class Paper:
    """One paper as read from a source, before any extraction.

    ``id`` is the stable key (arXiv id without version when known, else a hash of
    the normalised title, see :func:`kg.ids.paper_id`). ``origin`` says where the
    record came from (``file:line``) so that every later message can point at it.
    """

    id: str
    title: str
    abstract: str
    published: str | None = None  #: ISO date ``YYYY-MM-DD`` when known
    url: str | None = None
    source: str = ""  #: the reader that produced it: listing, hf-daily, arxiv-atom, arxiv-jsonl, jsonl, csv
    authors: tuple[str, ...] = ()
    code_url: str | None = None  #: code link from source metadata (HF ``githubRepo``)
    keywords: tuple[str, ...] = ()  #: source keywords (HF ``ai_keywords``)
    categories: tuple[str, ...] = ()  #: arXiv categories
    origin: str = ""  #: ``path:line`` of the record


@dataclass(frozen=True)
class Mention:
    """One thing the extractor found in a paper, with its evidence.

    ``name`` is the canonical surface name (the long form when an acronym was
    defined; for repositories the key ``github:owner/name``). ``start``/``end`` are
    character offsets into ``field`` (``abstract`` or ``title``); both are ``None``
    for ``field == "metadata"``. ``sentence`` is the index of the sentence in that
    field and ``evidence`` its text. ``properties`` holds label- or relation-
    specific extras (``kind`` of a Concept, ``url``/``host``/``owner`` of a
    Repository, claimed results ``metric``/``value``/``unit`` on EVALUATES_ON …).
    """

    label: Label
    name: str
    relation: RelType
    rule: str
    confidence: float
    start: int | None = None
    end: int | None = None
    sentence: int | None = None
    evidence: str = ""
    field: str = "abstract"
    aliases: tuple[str, ...] = ()
    properties: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The extractor contract of design §3 (plus ``evidence`` and ``properties``)."""
        out: dict[str, Any] = {
            "label": self.label.value,
            "name": self.name,
            "aliases": list(self.aliases),
            "relation": self.relation.value,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "rule": self.rule,
            "confidence": self.confidence,
        }
        if self.field != "abstract":
            out["field"] = self.field
        if self.evidence:
            out["evidence"] = self.evidence
        if self.properties:
            out["properties"] = dict(sorted(self.properties.items()))
        return out

    @classmethod
    def of_fields(cls, label: Label, name: str, relation: RelType, rule: str, confidence: float, start: int | None,
                  end: int | None, sentence: int | None, evidence: str, field: str, aliases: tuple[str, ...],
                  properties: Mapping[str, Any]) -> "Mention":
        """``Mention(...)`` with every field given, for the extractor's hot path: a frozen
        dataclass's ``__init__`` sets its 12 fields one ``object.__setattr__`` at a time (3.1 µs);
        writing them into the new object's ``__dict__`` makes the same object in 0.9 µs (and in a
        quarter fewer instructions than replacing ``__dict__`` with ``object.__setattr__``). Mention
        has no ``__post_init__`` or ``__slots__`` (tests/extract/test_mentions.py checks both, and
        that the objects equal those ``Mention(...)`` makes)."""
        mention = cls.__new__(cls)
        fields = mention.__dict__
        fields["label"] = label
        fields["name"] = name
        fields["relation"] = relation
        fields["rule"] = rule
        fields["confidence"] = confidence
        fields["start"] = start
        fields["end"] = end
        fields["sentence"] = sentence
        fields["evidence"] = evidence
        fields["field"] = field
        fields["aliases"] = aliases
        fields["properties"] = properties
        return mention

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> "Mention":
        return cls(
            label=Label(obj["label"]),
            name=obj["name"],
            relation=RelType(obj["relation"]),
            rule=obj.get("rule", ""),
            confidence=float(obj.get("confidence", 1.0)),
            start=obj.get("start"),
            end=obj.get("end"),
            sentence=obj.get("sentence"),
            evidence=obj.get("evidence", ""),
            field=obj.get("field", "abstract"),
            aliases=tuple(obj.get("aliases", ())),
            properties=dict(obj.get("properties", {})),
        )


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one paper. ``paper_properties`` are facts about the
    paper itself (e.g. ``code_promised: True`` when code is announced without a link)."""

    paper: Paper
    mentions: tuple[Mention, ...]
    paper_properties: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """One line of ``paperkg extract`` output (design §3)."""
        out: dict[str, Any] = {
            "id": self.paper.id,
            "title": self.paper.title,
            "entities": [m.to_json() for m in self.mentions],
        }
        if self.paper_properties:
            out["paper"] = dict(sorted(self.paper_properties.items()))
        return out
