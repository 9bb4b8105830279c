"""The reader registry: built-in formats and third-party ones register the same way.

>>> from kg.ingest import FORMATS
>>> sorted(FORMATS)
['arxiv-atom', 'arxiv-jsonl', 'csv', 'hf-daily', 'jsonl', 'listing']

A third-party format::

    from kg.ingest.registry import register_reader

    @register_reader("my-format", "My lab's paper dump", extensions=(".mine",))
    def read_mine(source):          # a kg.ingest.source.Source
        ...                          # yield kg.model.Paper records (see kg.ingest.records.make_paper)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

from kg.errors import UnknownNameError
from kg.model import Paper

Reader = Callable[..., Iterator[Paper]]


@dataclass(frozen=True)
class ReaderSpec:
    """A registered input format."""

    name: str
    description: str
    read: Reader
    extensions: tuple[str, ...] = ()  #: file suffixes picked up when walking directories


#: Every registered format by name (the keys are what ``--format`` accepts).
FORMATS: dict[str, ReaderSpec] = {}


def register_reader(name: str, description: str, *, extensions: tuple[str, ...] = ()) -> Callable[[Reader], Reader]:
    """Register ``read(source) -> Iterator[Paper]`` as the input format ``name``."""

    def decorate(read: Reader) -> Reader:
        FORMATS[name] = ReaderSpec(name, description, read, tuple(e.lower() for e in extensions))
        return read

    return decorate


def get_reader(name: str) -> ReaderSpec:
    """The reader registered as ``name``; :class:`~kg.errors.UnknownNameError` lists the valid ones."""
    if name not in FORMATS:
        raise UnknownNameError("input format", name, FORMATS)
    return FORMATS[name]


def known_extensions() -> frozenset[str]:
    """Suffixes of files picked up when a directory is given (plus ``.gz`` versions of them)."""
    return frozenset(ext for spec in FORMATS.values() for ext in spec.extensions)
