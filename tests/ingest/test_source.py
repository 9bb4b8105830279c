"""Decoding: BOMs, UTF-16 without BOM, cp1252 fallback, gzip, unreadable files."""

from __future__ import annotations

import codecs
import gzip

import pytest

from tests.ingest.helpers import DATA, read, skips

TITLE = "Déjà vu: Naïve “Quotes” — for Señor Müller"
LISTING = f"{TITLE}\n\nWe study café-style attention for naïve users and show it helps a lot. It also works well on ImageNet.\n"


@pytest.mark.parametrize(
    "data",
    [
        LISTING.encode("utf-8"),
        codecs.BOM_UTF8 + LISTING.encode("utf-8"),
        codecs.BOM_UTF16_LE + LISTING.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + LISTING.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + LISTING.encode("utf-32-le"),
        gzip.compress(LISTING.encode("utf-8")),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32le-bom", "gzip"],
)
def test_unicode_encodings_with_bom_read_silently(tmp_path, data):
    (tmp_path / "l.txt").write_bytes(data)
    papers, report = read(tmp_path / "l.txt")
    assert papers[0].title == 'Déjà vu: Naïve "Quotes" - for Señor Müller'  # clean_text unifies quotes/dashes
    assert report.warnings == [] and report.skipped == []


def test_utf16_without_bom_is_recognised_with_a_warning(tmp_path):
    (tmp_path / "l.txt").write_bytes(LISTING.encode("utf-16-le"))
    papers, report = read(tmp_path / "l.txt")
    assert papers[0].title.startswith("Déjà vu")
    assert report.warnings == [f"{tmp_path / 'l.txt'}: no byte-order mark but looks like UTF-16-LE; read as UTF-16-LE"]


def test_cp1252_bytes_fall_back_with_a_warning_naming_the_file_and_byte(tmp_path):
    (tmp_path / "l.txt").write_bytes(LISTING.encode("cp1252"))
    papers, report = read(tmp_path / "l.txt")
    assert papers[0].title == 'Déjà vu: Naïve "Quotes" - for Señor Müller'
    assert report.warnings == [f"{tmp_path / 'l.txt'}: not valid UTF-8 (byte 0xe9 at offset 1); read as cp1252"]


def test_json_in_latin1_still_parses(tmp_path):
    (tmp_path / "p.jsonl").write_bytes('{"title": "Señor", "abstract": "Ça marche."}\n'.encode("latin-1"))
    papers, report = read(tmp_path / "p.jsonl")
    assert (papers[0].title, papers[0].abstract, len(report.warnings)) == ("Señor", "Ça marche.", 1)


def test_corrupt_gzip_is_a_skipped_file(tmp_path):
    (tmp_path / "p.jsonl.gz").write_bytes(gzip.compress(b'{"title": "x"}\n')[:12])
    (tmp_path / "q.jsonl").write_text('{"title": "FooNet", "abstract": "A."}\n')
    papers, report = read(tmp_path)
    assert [p.title for p in papers] == ["FooNet"]
    assert report.by_reason() == {"unreadable file": 1} and "corrupt gzip" in report.skipped[0].reason


def test_file_gone_between_listing_and_reading_is_a_skipped_file(tmp_path):
    from kg.ingest import IngestReport, read_papers

    for name in ("a.jsonl", "b.jsonl"):
        (tmp_path / name).write_text('{"title": "FooNet", "abstract": "A."}\n')
    report = IngestReport()
    papers = read_papers(tmp_path, report=report)  # paths are resolved now, files read later
    (tmp_path / "a.jsonl").unlink()
    assert len(list(papers)) == 1
    assert skips(report) == ["a.jsonl: unreadable file: No such file or directory"]


@pytest.fixture
def stream_everything(monkeypatch):
    """Make every file count as large, so the line formats take the streaming path."""
    import kg.ingest.source

    monkeypatch.setattr(kg.ingest.source, "STREAM_BYTES", -1)


@pytest.mark.parametrize("name", ["snapshot.jsonl", "generic.jsonl", "hf_mixed.json"])
def test_streamed_json_lines_read_exactly_like_whole_files(monkeypatch, name):
    import kg.ingest.source

    whole = read(DATA / name)
    monkeypatch.setattr(kg.ingest.source, "STREAM_BYTES", -1)
    assert kg.ingest.source.Source(DATA / name, None).large
    streamed = read(DATA / name)
    assert streamed[0] == whole[0] and skips(streamed[1]) == skips(whole[1])


def test_streamed_gzip_with_a_latin1_line_warns_once_per_file(stream_everything, tmp_path):
    lines = ['{"title": "Señor", "abstract": "Ça."}', '{"title": "Müller", "abstract": "Ö."}', '{"title": "Plain", "abstract": "A."}']
    data = b"\n".join([lines[0].encode("latin-1"), lines[1].encode("latin-1"), lines[2].encode()])
    (tmp_path / "p.jsonl.gz").write_bytes(gzip.compress(codecs.BOM_UTF8 + data.replace(b"\n", b"\r\n")))
    papers, report = read(tmp_path / "p.jsonl.gz")
    assert [p.title for p in papers] == ["Señor", "Müller", "Plain"]
    assert [p.origin.rsplit("/", 1)[-1] for p in papers] == ["p.jsonl.gz:1", "p.jsonl.gz:2", "p.jsonl.gz:3"]
    assert report.warnings == [f"{tmp_path / 'p.jsonl.gz'}:1: not valid UTF-8 (byte 0xf1); such lines read as cp1252"]


def test_streamed_utf16_file_falls_back_to_whole_file_decoding(stream_everything, tmp_path):
    (tmp_path / "p.jsonl").write_bytes('{"title": "Señor", "abstract": "A."}\n'.encode("utf-16"))
    papers, report = read(tmp_path / "p.jsonl")
    assert [p.title for p in papers] == ["Señor"] and report.warnings == []
