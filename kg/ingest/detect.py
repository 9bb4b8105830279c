"""Telling a file's format from its content first, its name second.

1. Content starting with ``<`` is XML: an Atom ``<feed>``/``<entry>`` is ``arxiv-atom``.
2. Content starting with ``{`` or ``[`` is JSON; the keys in its first 64 KB decide:
   ``"paper": {`` / ``publishedAt`` / ``ai_keywords`` → ``hf-daily``;
   ``update_date`` / ``authors_parsed`` → ``arxiv-jsonl``; anything else → ``jsonl``.
3. Other text: a ``.csv``/``.tsv`` name, or a first line that is a delimited header
   with a ``title`` column → ``csv``; a ``.txt``/``.md``/extension-less name → ``listing``.
4. A third-party format is chosen by its registered extensions.

A ``.gz`` suffix is ignored (the file is decompressed first).
"""

from __future__ import annotations

import re
from pathlib import Path

from kg.errors import InputError
from kg.ingest.registry import FORMATS
from kg.ingest.report import IngestReport
from kg.ingest.source import Source, UnreadableFile

SNIFF_CHARS = 65_536
_BUILTIN = frozenset({"listing", "hf-daily", "arxiv-atom", "arxiv-jsonl", "jsonl", "csv"})
_HF_KEYS = re.compile(r'"paper"\s*:\s*\{|"publishedAt"\s*:|"ai_keywords"\s*:|"githubRepo"\s*:')
_ARXIV_KEYS = re.compile(r'"update_date"\s*:|"authors_parsed"\s*:')
_CSV_HEADER = re.compile(r"^\ufeff?[^\n]*\btitle\b[^\n]*[,;\t|]|^[^\n]*[,;\t|][^\n]*\btitle\b", re.IGNORECASE)
_LISTING_SUFFIXES = frozenset({".txt", ".text", ".md", ""})


def suffix(path: Path) -> str:
    """The lower-cased suffix, looking through a ``.gz``."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix


def detect_source(source: Source) -> str | None:
    """The format name of ``source``, or None when it cannot be told."""
    ext = suffix(source.path)
    for spec in FORMATS.values():
        if spec.name not in _BUILTIN and ext in spec.extensions:
            return spec.name
    head = source.head(SNIFF_CHARS).lstrip("\ufeff \t\r\n")
    if head.startswith("<"):
        return "arxiv-atom" if ("<feed" in head[:4096] or "<entry" in head[:4096]) else None
    if head.startswith(("{", "[")):
        return _json_kind(head)
    if ext in (".csv", ".tsv") or _CSV_HEADER.match(head):
        return "csv"
    return "listing" if ext in _LISTING_SUFFIXES and head else None


def _json_kind(head: str) -> str:
    if _HF_KEYS.search(head):
        return "hf-daily"
    if _ARXIV_KEYS.search(head):
        return "arxiv-jsonl"
    return "jsonl"


def detect_format(path: str | Path) -> str:
    """The format name of the file at ``path``.

    Raises :class:`~kg.errors.InputError` when the file is unreadable or its format
    cannot be told (then pass ``fmt=`` / ``--format``).
    """
    source = Source(Path(path), IngestReport())
    try:
        fmt = detect_source(source)
    except UnreadableFile as exc:
        raise InputError(str(path), str(exc)) from exc
    if fmt is None:
        raise InputError(str(path), f"cannot tell the input format; use --format ({', '.join(sorted(FORMATS))})")
    return fmt
