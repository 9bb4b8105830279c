"""arXiv API responses (Atom 1.0 XML, ``export.arxiv.org/api/query``).

Parsed with defusedxml: a document with a DTD, entity declarations or external
references is refused as a whole (``unsafe XML``), never expanded.  Each
``<entry>`` gives ``id`` (the abs URL, version stripped), ``title``, ``summary``,
``published``, ``author/name`` and ``category/@term`` (primary category first).
arXiv's error entries (``id`` under ``/api/errors``) are skipped with their message.
"""

from __future__ import annotations

import re
from typing import Iterator
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from kg.ingest.records import RawPaper, make_paper
from kg.ingest.registry import register_reader
from kg.ingest.source import Source, UnreadableFile
from kg.model import Paper

FORMAT = "arxiv-atom"
ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
_ENTRY_TAG = re.compile(rb"<(?:[\w.-]+:)?entry[\s>/]")


@register_reader(FORMAT, "arXiv API Atom XML responses", extensions=(".xml", ".atom"))
def read_arxiv_atom(source: Source) -> Iterator[Paper]:
    """Yield one Paper per ``<entry>`` of an arXiv API response."""
    root = _parse(source)
    entries = [root] if root.tag == f"{ATOM}entry" else root.findall(f"{ATOM}entry")
    lines = _entry_lines(source, len(entries))
    for index, entry in enumerate(entries):
        line = lines[index] if lines else None
        raw = _raw(entry)
        if raw.arxiv and "/api/errors" in raw.arxiv:
            source.report.skip(source.name, f"arXiv API error: {raw.abstract or raw.title}", line=line, item=None if line else index)
            continue
        paper = make_paper(raw, source, FORMAT, line=line, item=None if line else index)
        if paper is not None:
            yield paper


def _parse(source: Source) -> Element:
    try:
        return SafeET.fromstring(source.data)
    except DefusedXmlException as exc:
        raise UnreadableFile(f"unsafe XML: {type(exc).__name__} (DTDs and entities are refused)") from exc
    except SafeET.ParseError as exc:  # its message already says "line L, column C"
        raise UnreadableFile(f"invalid XML: {exc}") from exc


def _entry_lines(source: Source, count: int) -> list[int] | None:
    """1-based line of each ``<entry>`` start tag, if a scan of the bytes agrees with the parse
    (it cannot for UTF-16/32 documents: their entries are then numbered by index)."""
    data = source.data
    starts = [m.start() for m in _ENTRY_TAG.finditer(data)]
    if len(starts) != count:
        return None
    lines, line, last = [], 1, 0
    for start in starts:
        line += data.count(b"\n", last, start)
        lines.append(line)
        last = start
    return lines


def _raw(entry: Element) -> RawPaper:
    primary = entry.find(f"{ARXIV}primary_category")
    terms = [primary.get("term")] if primary is not None else []
    terms += [c.get("term") for c in entry.findall(f"{ATOM}category")]
    return RawPaper(
        title=_text(entry, "title"),
        abstract=_text(entry, "summary"),
        arxiv=_text(entry, "id"),
        url=_alternate(entry) or _text(entry, "id"),
        published=_text(entry, "published") or _text(entry, "updated"),
        authors=[_text(a, "name") or "" for a in entry.findall(f"{ATOM}author")],
        categories=[t for t in terms if t],
    )


def _text(element: Element, tag: str) -> str | None:
    child = element.find(f"{ATOM}{tag}")
    return "".join(child.itertext()) if child is not None else None


def _alternate(entry: Element) -> str | None:
    for link in entry.findall(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate":
            return link.get("href")
    return None
