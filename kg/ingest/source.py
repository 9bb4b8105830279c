"""One input file as a reader sees it: its bytes, and its text decoded once.

Decoding policy (documented in docs/input-formats.md): a byte-order mark decides
(UTF-8, UTF-16, UTF-32); without one the bytes must be UTF-8; if they are not,
the file is read as cp1252 (a superset of Latin-1's printable range, the usual
culprit) and a warning names the file and the first bad byte.  gzip-compressed
files are decompressed transparently.
"""

from __future__ import annotations

import codecs
import gzip
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from kg.ingest.report import IngestReport

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
GZIP_MAGIC = b"\x1f\x8b"


class UnreadableFile(Exception):
    """Raised inside a reader when a whole file cannot be used; the caller skips the file."""


@dataclass
class Source:
    """An input file: ``name`` is the path as shown in messages."""

    path: Path
    report: IngestReport
    _data: bytes | None = field(default=None, repr=False)
    _text: str | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return str(self.path)

    @property
    def data(self) -> bytes:
        """The file's bytes (gunzipped if compressed)."""
        if self._data is None:
            self._data = _read_bytes(self.path)
        return self._data

    @property
    def text(self) -> str:
        """The file decoded per the policy above (warnings go to the report)."""
        if self._text is None:
            self._text = decode(self.data, self.name, self.report)
        return self._text

    def head(self, size: int = 65_536) -> str:
        """The first ``size`` bytes decoded for sniffing: BOM or UTF-8, bad bytes replaced, no warnings."""
        data = self.data[:size]
        for bom, encoding in _BOMS:
            if data.startswith(bom):
                return data[len(bom):].decode(encoding, errors="replace")
        return data.decode(_utf16_without_bom(data) or "utf-8", errors="replace")

    def where(self, line: int | None = None, item: int | None = None) -> str:
        """The ``origin`` of a record: ``path:line`` or ``path#item``."""
        if line is not None:
            return f"{self.name}:{line}"
        if item is not None:
            return f"{self.name}#{item}"
        return self.name


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"unreadable file: {exc.strerror or exc}") from exc
    if data.startswith(GZIP_MAGIC):
        try:
            return gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise UnreadableFile(f"unreadable file: corrupt gzip ({exc})") from exc
    return data


def decode(data: bytes, name: str, report: IngestReport) -> str:
    """Decode ``data`` by BOM, else as UTF-8, else as cp1252 with a warning."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_or_replace(data[len(bom):], encoding, name, report)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = _utf16_without_bom(data)
        if guess:
            report.warn(f"{name}: no byte-order mark but looks like {guess.upper()}; read as {guess.upper()}")
            return _decode_or_replace(data, guess, name, report)
        report.warn(f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); read as cp1252")
        return data.decode("cp1252", errors="replace")


def _decode_or_replace(data: bytes, encoding: str, name: str, report: IngestReport) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        report.warn(f"{name}: invalid {encoding.upper()} at offset {exc.start}; bad bytes replaced by U+FFFD")
        return data.decode(encoding, errors="replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when most odd/even bytes of the head are NUL (ASCII text in UTF-16)."""
    head = data[:4096]
    if len(head) < 4:
        return None
    half = len(head) // 2
    if head[1::2].count(0) > 0.8 * half:
        return "utf-16-le"
    if head[0::2].count(0) > 0.8 * half:
        return "utf-16-be"
    return None
