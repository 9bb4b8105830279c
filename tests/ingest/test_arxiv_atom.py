"""The arXiv API Atom reader (defusedxml)."""

from __future__ import annotations

from tests.ingest.helpers import DATA, EXAMPLES, read, skips


def test_example_feed_gives_ids_dates_authors_categories_and_entry_lines():
    papers, report = read(EXAMPLES / "arxiv_sample.atom.xml")
    assert report.summary() == "read 6 papers from 1 file"
    first = papers[0]
    assert first.id == "2405.15738" and first.url == "https://arxiv.org/abs/2405.15738"
    assert first.title == "ConvLLaVA: Hierarchical Backbones as Visual Encoder for Large Multimodal Models"
    assert first.abstract.startswith("High-resolution Large Multimodal Models (LMMs) encounter")
    assert "\n" not in first.abstract and "  " not in first.abstract
    assert first.published == "2024-05-24" and first.authors[0] == "Chunjiang Ge"
    assert first.categories[0] == "cs.CV" and len(set(first.categories)) == len(first.categories)
    assert first.origin.endswith("arxiv_sample.atom.xml:10") and first.source == "arxiv-atom"


def test_api_error_entry_is_skipped_with_the_message():
    papers, report = read(DATA / "atom_error.xml")
    assert papers == []
    assert skips(report) == ["atom_error.xml:4: arXiv API error: incorrect id format for 1234.12345"]


def test_entities_are_refused_not_expanded():
    papers, report = read(DATA / "atom_entities.xml")
    assert papers == [] and report.by_reason() == {"unsafe XML": 1}


def test_broken_xml_names_the_line_and_other_files_still_read():
    papers, report = read(DATA / "atom_broken.xml", EXAMPLES / "arxiv_sample.atom.xml")
    assert len(papers) == 6
    assert skips(report) == ["atom_broken.xml: invalid XML: mismatched tag: line 4, column 2"]


def test_single_entry_document(tmp_path):
    path = tmp_path / "entry.xml"
    path.write_text(
        '<entry xmlns="http://www.w3.org/2005/Atom"><id>http://arxiv.org/abs/hep-th/9901001v2</id>'
        "<title>Old</title><summary>An abstract.</summary><published>1999-01-04T00:00:00Z</published></entry>",
        encoding="utf-8",
    )
    papers, _ = read(path)
    assert [(p.id, p.published) for p in papers] == [("hep-th/9901001", "1999-01-04")]


def test_declared_latin1_feed_is_decoded_by_the_parser_without_warnings(tmp_path):
    path = tmp_path / "latin1.xml"
    path.write_bytes(
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        "<entry><id>http://arxiv.org/abs/2405.00001v1</id><title>Señor Müller</title><summary>Ça va.</summary></entry>\n"
        "</feed>\n".encode("latin-1")
    )
    papers, report = read(path)
    assert [(p.title, p.abstract, p.origin.rsplit("/", 1)[-1]) for p in papers] == [("Señor Müller", "Ça va.", "latin1.xml:3")]
    assert report.warnings == []


def test_utf16_feed_numbers_entries_by_index(tmp_path):
    path = tmp_path / "utf16.xml"
    text = '<?xml version="1.0" encoding="UTF-16"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T</title></entry></feed>'
    path.write_bytes(text.encode("utf-16"))
    papers, report = read(path)
    assert [(p.title, p.origin.rsplit("/", 1)[-1]) for p in papers] == [("T", "utf16.xml#0")]
