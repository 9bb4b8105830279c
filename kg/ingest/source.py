"""One input file as a reader sees it: its bytes, and its text decoded once.

Decoding policy (documented in docs/input-formats.md): a byte-order mark decides
(UTF-8, UTF-16, UTF-32); without one the bytes must be UTF-8; if they are not,
the file is read as cp1252 (a superset of Latin-1's printable range, the usual
culprit) and a warning names the file and the first bad byte.  gzip-compressed
files are decompressed transparently.  Files over :data:`STREAM_BYTES` in a
line-based format (JSON lines) are streamed rather than loaded whole.
"""

from __future__ import annotations

import codecs
import gzip
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterator

from kg.ingest.report import IngestReport

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
GZIP_MAGIC = b"\x1f\x8b"
#: Files larger than this (on disk) are streamed line by line by the line-based formats.
STREAM_BYTES = 64 * 1024 * 1024


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

    @property
    def large(self) -> bool:
        """Too big to hold decoded in memory at once: line formats stream it (:meth:`lines`)."""
        return self._data is None and self.path.stat().st_size > STREAM_BYTES

    def head_bytes(self, size: int) -> bytes:
        """The first ``size`` bytes (gunzipped), without reading the whole file."""
        if self._data is not None:
            return self._data[:size]
        try:
            with _open_binary(self.path) as handle:
                return handle.read(size)
        except (OSError, EOFError, zlib.error) as exc:
            raise _unreadable(exc) from exc

    def head(self, size: int = 65_536) -> str:
        """The first ``size`` bytes decoded for sniffing: BOM or UTF-8, bad bytes replaced, no warnings."""
        data = self.head_bytes(size)
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


    def lines(self) -> Iterator[tuple[int, str]]:
        """``(number, line)`` for each line (1-based, line end removed).

        A large UTF-8 (or ASCII-compatible) file is streamed: each line is decoded on its
        own, and a line that is not UTF-8 is read as cp1252 (one warning per file).
        Other files are decoded whole, per the policy above.
        """
        head = self.head_bytes(4096)
        if not self.large or _utf16_without_bom(head) or any(head.startswith(b) for b, e in _BOMS if e != "utf-8"):
            yield from enumerate(self.text.split("\n"), 1)
            return
        try:
            yield from self._stream_lines()
        except (OSError, EOFError, zlib.error) as exc:
            raise _unreadable(exc) from exc

    def _stream_lines(self) -> Iterator[tuple[int, str]]:
        warned = False
        with _open_binary(self.path) as handle:
            for number, raw in enumerate(handle, 1):
                if number == 1 and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[len(codecs.BOM_UTF8):]
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    if not warned:
                        warned = True
                        self.report.warn(
                            f"{self.name}:{number}: not valid UTF-8 (byte 0x{raw[exc.start]:02x}); such lines read as cp1252"
                        )
                    line = raw.decode("cp1252", errors="replace")
                yield number, line.rstrip("\r\n")


def _open_binary(path: Path) -> BinaryIO:
    with open(path, "rb") as probe:
        magic = probe.read(2)
    return gzip.open(path, "rb") if magic == GZIP_MAGIC else open(path, "rb")


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
        return gzip.decompress(data) if data.startswith(GZIP_MAGIC) else data
    except (OSError, EOFError, zlib.error) as exc:
        raise _unreadable(exc) from exc


def _unreadable(exc: BaseException) -> UnreadableFile:
    if isinstance(exc, (EOFError, zlib.error, gzip.BadGzipFile)):
        return UnreadableFile(f"unreadable file: corrupt gzip ({exc})")
    return UnreadableFile(f"unreadable file: {getattr(exc, 'strerror', None) or exc}")


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
