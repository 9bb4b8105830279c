"""Ingest: iterators of :class:`~kg.model.Paper` records from every supported source.

>>> from kg.ingest import read_papers, IngestReport
>>> report = IngestReport()
>>> papers = list(read_papers(["examples/papers.csv"], report=report))  # doctest: +SKIP
>>> report.summary()  # doctest: +SKIP
'read 6 papers from 1 file'

Formats (``FORMATS`` keys, the values ``--format`` accepts): ``listing`` (Daily
Papers text), ``hf-daily`` (HF API JSON), ``arxiv-atom`` (arXiv API), ``arxiv-jsonl``
(arXiv metadata snapshot), ``jsonl`` and ``csv`` (generic).  See
docs/input-formats.md.  Malformed records are counted in the report and skipped;
they never stop the run.
"""

from __future__ import annotations

import glob
from pathlib import Path
from typing import Iterable, Iterator

from kg.errors import InputError
from kg.ingest import arxiv_atom, arxiv_jsonl, generic, hf_daily, listing  # noqa: F401  (register the built-ins)
from kg.ingest.detect import detect_format, detect_source, suffix
from kg.ingest.records import RawPaper, make_paper
from kg.ingest.registry import FORMATS, ReaderSpec, get_reader, known_extensions, register_reader
from kg.ingest.report import IngestReport
from kg.ingest.source import Source, UnreadableFile
from kg.model import Paper

__all__ = [
    "FORMATS",
    "IngestReport",
    "RawPaper",
    "ReaderSpec",
    "Source",
    "detect_format",
    "input_files",
    "make_paper",
    "read_papers",
    "register_reader",
]

_GLOB_CHARS = frozenset("*?[")


def read_papers(
    paths: str | Path | Iterable[str | Path], fmt: str | None = None, report: IngestReport | None = None
) -> Iterator[Paper]:
    """Lazily yield the papers of every file under ``paths`` (files, directories, globs).

    ``fmt`` forces one format for every file (a ``FORMATS`` key); None detects it per
    file.  Paths are checked before anything is read: an unknown ``fmt`` raises
    :class:`~kg.errors.UnknownNameError`, a path matching no file raises
    :class:`~kg.errors.InputError`.  Bad records and unreadable files are recorded in
    ``report`` (skipped, with file and line) and the rest is read.
    """
    spec = get_reader(fmt) if fmt is not None else None
    files = input_files(paths, spec.extensions if spec and spec.extensions else None)
    return _read_all(files, spec, report if report is not None else IngestReport())


def input_files(paths: str | Path | Iterable[str | Path], extensions: Iterable[str] | None = None) -> list[Path]:
    """The files ``paths`` name, sorted and de-duplicated; InputError if one path matches nothing.

    Directories contribute the files ending in ``extensions`` (default: every registered
    format's), recursively; files named directly or by a glob are taken whatever their suffix.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    wanted = frozenset(extensions) if extensions is not None else known_extensions()
    found: set[Path] = set()
    for path in paths:
        found.update(_expand(str(path), wanted))
    return sorted(found, key=str)


def _expand(path: str, extensions: frozenset[str]) -> list[Path]:
    candidate = Path(path)
    if candidate.is_dir():
        files = _walk(candidate, extensions)
        if not files:
            raise InputError(path, f"no input files in this directory (looked for {', '.join(sorted(extensions))})")
        return files
    if candidate.is_file():
        return [candidate]
    if _GLOB_CHARS & set(path):
        files = [p for match in sorted(glob.glob(path, recursive=True)) for p in _expand_match(Path(match), extensions)]
        if files:
            return files
        raise InputError(path, "the pattern matches no file")
    raise InputError(path, "no such file or directory")


def _expand_match(path: Path, extensions: frozenset[str]) -> list[Path]:
    return _walk(path, extensions) if path.is_dir() else [path] if path.is_file() else []


def _walk(folder: Path, extensions: frozenset[str]) -> list[Path]:
    """Files ending in one of ``extensions`` under ``folder``, recursively, hidden ones left out."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and suffix(p) in extensions
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _read_all(files: list[Path], spec: ReaderSpec | None, report: IngestReport) -> Iterator[Paper]:
    for path in files:
        report.files += 1
        yield from _read_file(Source(path, report), spec, report)


def _read_file(source: Source, spec: ReaderSpec | None, report: IngestReport) -> Iterator[Paper]:
    try:
        if spec is None:
            name = detect_source(source)
            if name is None:
                report.skip(source.name, f"unknown format: cannot tell the format; use --format ({', '.join(sorted(FORMATS))})")
                return
            spec = FORMATS[name]
        for paper in spec.read(source):
            report.count_paper(paper.id)
            yield paper
    except (UnreadableFile, InputError) as exc:
        report.skip(source.name, getattr(exc, "reason", None) or str(exc))
    except RecursionError:
        report.skip(source.name, "unreadable file: nested too deeply")
