"""What an ingest run read, skipped and warned about.

A reader never raises on a bad record: it calls :meth:`IngestReport.skip` with the
file, the line (or item index) and a short reason, and carries on.  Reasons are
written ``"<category>"`` or ``"<category>: <detail>"``; :meth:`IngestReport.by_reason`
counts by category so the summary stays one line.

>>> report = IngestReport()
>>> report.skip("a.json", "invalid JSON: Expecting value", line=3)
>>> report.skip("a.json", "missing title", item=4)
>>> report.by_reason()
{'invalid JSON': 1, 'missing title': 1}
>>> report.summary()
'read 0 papers from 0 files; skipped 2 (1 invalid JSON, 1 missing title)'
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kg.errors import SkippedRecord


def reason_category(reason: str) -> str:
    """The part of a skip reason before the first ``": "`` (the detail follows it)."""
    return reason.split(": ", 1)[0]


@dataclass
class IngestReport:
    """Counters filled in while :func:`kg.ingest.read_papers` is consumed."""

    files: int = 0  #: files opened (including ones skipped as unreadable)
    read: int = 0  #: papers yielded
    skipped: list[SkippedRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    duplicates: int = 0  #: papers whose id was already yielded in this run (still yielded)
    _seen: set[str] = field(default_factory=set, repr=False)

    def skip(self, path: str, reason: str, *, line: int | None = None, item: int | None = None) -> None:
        """Record one malformed record (or unreadable file) that was left out."""
        self.skipped.append(SkippedRecord(str(path), line, reason, item))

    def warn(self, message: str) -> None:
        """Record something odd that did not stop a record from being read."""
        self.warnings.append(message)

    def count_paper(self, paper_id: str) -> None:
        """Count a yielded paper and notice when its id was seen before."""
        self.read += 1
        if paper_id in self._seen:
            self.duplicates += 1
        else:
            self._seen.add(paper_id)

    def by_reason(self) -> dict[str, int]:
        """Skipped records counted by reason category, most frequent first, then by name."""
        counts = Counter(reason_category(s.reason) for s in self.skipped)
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def summary(self) -> str:
        """One line, e.g. ``read 1833 papers from 112 files; skipped 2 (1 missing title, 1 invalid JSON); 14 duplicates``."""
        parts = [f"read {self.read} {_plural(self.read, 'paper')} from {self.files} {_plural(self.files, 'file')}"]
        if self.skipped:
            detail = ", ".join(f"{n} {reason}" for reason, n in self.by_reason().items())
            parts.append(f"skipped {len(self.skipped)} ({detail})")
        if self.duplicates:
            parts.append(f"{self.duplicates} {_plural(self.duplicates, 'duplicate')}")
        if self.warnings:
            parts.append(f"{len(self.warnings)} {_plural(len(self.warnings), 'warning')}")
        return "; ".join(parts)


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"
