"""Turning one raw record into a :class:`~kg.model.Paper`, the same way for every format.

Text from a paper is data: titles and abstracts are only whitespace-normalised
(:func:`kg.ids.clean_text`) and stripped of control characters (NUL, escape …),
never otherwise altered.  A record without a title, or with a title or abstract
too long to be real (a sign of a broken file), is skipped with its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator

from kg.ids import ARXIV_ID, arxiv_url, clean_text, paper_id
from kg.ingest.source import Source
from kg.model import Paper

#: Longer than this is not a title but a parse error (arXiv's longest titles are ~300 characters).
MAX_TITLE_CHARS = 1_000
#: Longer than this is not an abstract (arXiv caps abstracts at 1,920 characters).
MAX_ABSTRACT_CHARS = 20_000

# C0/C1 control characters except tab, newline, carriage return (which are whitespace).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ISO_DATE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf|html)/([^\s?#]+?)(?:\.pdf)?/?(?:[?#]|$)", re.IGNORECASE)


class BadRecord(ValueError):
    """A record that must be skipped; the message is the skip reason."""


@dataclass(frozen=True)
class RawPaper:
    """The fields a reader found, before cleaning. Values are whatever the file held."""

    title: Any
    abstract: Any = ""
    arxiv: Any = None
    url: Any = None
    published: Any = None
    authors: Iterable[Any] = ()
    code_url: Any = None
    keywords: Iterable[Any] = ()
    categories: Iterable[Any] = ()


def make_paper(raw: RawPaper, source: Source, fmt: str, *, line: int | None = None, item: int | None = None) -> Paper | None:
    """Clean ``raw`` into a Paper, or record why it is skipped (in ``source.report``) and return None."""
    origin = source.where(line, item)
    try:
        return _build(raw, source, fmt, origin)
    except BadRecord as exc:
        source.report.skip(source.name, str(exc), line=line, item=item)
        return None


def _build(raw: RawPaper, source: Source, fmt: str, origin: str) -> Paper:
    warn = source.report.warn
    title = text_field(raw.title, "title", origin, warn)
    if not title:
        raise BadRecord("missing title")
    if len(title) > MAX_TITLE_CHARS:
        raise BadRecord(f"title too long: {len(title)} characters > {MAX_TITLE_CHARS}")
    abstract = text_field(raw.abstract, "abstract", origin, warn)
    if len(abstract) > MAX_ABSTRACT_CHARS:
        raise BadRecord(f"abstract too long: {len(abstract)} characters > {MAX_ABSTRACT_CHARS}")
    if not abstract:
        warn(f"{origin}: empty abstract (paper kept, title only)")
    arxiv = _arxiv_id(raw.arxiv) or _arxiv_id(raw.url)
    pid = paper_id(arxiv=arxiv, title=title)
    return Paper(
        id=pid,
        title=title,
        abstract=abstract,
        published=iso_date(raw.published, origin, warn),
        url=arxiv_url(pid) if arxiv else _url(raw.url),
        source=fmt,
        authors=names(raw.authors),
        code_url=_url(raw.code_url),
        keywords=names(raw.keywords),
        categories=names(raw.categories),
        origin=origin,
    )


def text_field(value: Any, field: str, origin: str, warn) -> str:
    """A cleaned text value ("" when absent); non-text values are a bad record."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise BadRecord(f"invalid {field}: expected text, got {type(value).__name__}")
    value, removed = _CONTROL.subn(" ", value)
    if removed:
        warn(f"{origin}: removed {removed} control character{'s' if removed > 1 else ''} from the {field}")
    return clean(value)


def clean(text: str) -> str:
    """Exactly :func:`kg.ids.clean_text` (a property test checks it), with fast paths for ASCII (where NFKC and the dash/quote
    tables are no-ops), and for ASCII text whose whitespace is already single spaces."""
    if text.isascii() and _is_tidy(text):
        return text
    return clean_text(text)


def names(values: Iterable[Any]) -> tuple[str, ...]:
    """Cleaned, non-empty strings, in order, first occurrence kept."""
    if isinstance(values, str):
        values = (values,)
    if not values:
        return ()
    if _all_tidy(values):
        return tuple(dict.fromkeys(values))
    out: dict[str, None] = {}
    for value in values:
        if isinstance(value, str):
            text = value if _is_tidy(value) else clean(_CONTROL.sub(" ", value))
            if text:
                out.setdefault(text, None)
    return tuple(out)


def split_names(text: str) -> list[str]:
    """An author list written as text: ``"A; B"`` (``;`` wins: names may hold commas) or ``"A, B and C"``."""
    text = " ".join(text.split())
    parts = text.split(";") if ";" in text else text.replace(", and ", ",").replace(" and ", ",").split(",")
    return [name for name in (part.strip(" ,;") for part in parts) if name]


def _all_tidy(values: Iterable[Any]) -> bool:
    """True when every value is a non-empty tidy string (checked in a few C calls, not one per name)."""
    if type(values) not in (list, tuple) or not all(type(v) is str and v for v in values):
        return False
    joined = "|".join(values)
    return _is_tidy(joined) and " |" not in joined and "| " not in joined


def _is_tidy(text: str) -> bool:
    """Printable ASCII with single inner spaces: already what clean() would return."""
    return text.isascii() and text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def iso_date(value: Any, origin: str, warn) -> str | None:
    """``YYYY-MM-DD`` from ISO dates/datetimes, ``YYYY/MM/DD`` or RFC 2822; else None with a warning."""
    if value in (None, ""):
        return None
    date = _parse_date(value.strip()) if isinstance(value, str) else None
    if date is None:
        warn(f"{origin}: unreadable date {str(value)[:40]!r} ignored")
    return date


@lru_cache(maxsize=4096)
def _parse_date(text: str) -> str | None:
    match = _ISO_DATE.match(text)
    try:
        if match:
            return datetime(*map(int, match.groups())).date().isoformat()
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _arxiv_id(value: Any) -> str | None:
    """The arXiv id in an id field (``2405.13729v2``, ``arXiv:2405.13729``, ``hep-th/9901001``) or abs/pdf URL."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    url = _ARXIV_URL.search(text)
    if url:
        text = url.group(1)
    elif text[:6].lower() == "arxiv:":
        text = text[6:].strip()
    match = ARXIV_ID.fullmatch(text)
    return match.group(0) if match else None


def _url(value: Any) -> str | None:
    if isinstance(value, str) and value.strip().lower().startswith(("http://", "https://")):
        return value.strip()
    return None


def papers_from_json(source: Source, fmt: str, to_raw: Callable[[dict[str, Any]], RawPaper]) -> Iterator[Paper]:
    """The loop every JSON reader shares: each object of ``source`` -> ``to_raw`` -> a cleaned Paper;
    non-objects and bad records are skipped and reported with their line (or item index)."""
    from kg.ingest.jsonrecords import check_object, json_records

    for line, item, obj in json_records(source):
        if check_object(obj, source, line, item):
            paper = make_paper(to_raw(obj), source, fmt, line=line, item=item)
            if paper is not None:
                yield paper
