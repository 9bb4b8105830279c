"""Record cleaning: control characters, whitespace, ids, dates, limits."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.ids import clean_text
from kg.ingest.records import MAX_ABSTRACT_CHARS, clean, iso_date, names, split_names
from tests.ingest.helpers import read, skips


def test_nul_and_control_characters_are_removed_with_a_warning(tmp_path):
    record = {"title": "Foo\x00Net\x1b[31m", "abstract": "Line one.\x07\nLine\ttwo.\x0c"}
    (tmp_path / "p.jsonl").write_text(json.dumps(record) + "\n")
    papers, report = read(tmp_path / "p.jsonl")
    assert (papers[0].title, papers[0].abstract) == ("Foo Net [31m", "Line one. Line two.")
    assert [w.rsplit(": ", 1)[-1] for w in report.warnings] == [
        "removed 2 control characters from the title",
        "removed 2 control characters from the abstract",
    ]


def test_empty_abstract_keeps_the_paper_with_a_warning(tmp_path):
    (tmp_path / "p.jsonl").write_text('{"title": "FooNet", "abstract": "   "}\n')
    papers, report = read(tmp_path / "p.jsonl")
    assert papers[0].abstract == "" and report.warnings[0].endswith("p.jsonl:1: empty abstract (paper kept, title only)")


def test_abstract_at_the_limit_is_kept_and_one_over_is_skipped(tmp_path):
    lines = [json.dumps({"title": f"T{n}", "abstract": "a" * n}) for n in (MAX_ABSTRACT_CHARS, MAX_ABSTRACT_CHARS + 1)]
    (tmp_path / "p.jsonl").write_text("\n".join(lines))
    papers, report = read(tmp_path / "p.jsonl")
    assert [p.title for p in papers] == ["T20000"]
    assert skips(report) == ["p.jsonl:2: abstract too long: 20001 characters > 20000"]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-05-24T17:34:15.000Z", "2024-05-24"),
        ("2024-5-4", "2024-05-04"),
        ("2024/05/04", "2024-05-04"),
        ("Mon, 2 Apr 2007 19:18:42 GMT", "2007-04-02"),
        ("2024-13-01", None),
        ("soon", None),
        (20240101, None),
        ("", None),
    ],
)
def test_iso_date(value, expected):
    warnings: list[str] = []
    assert iso_date(value, "f:1", warnings.append) == expected
    assert len(warnings) == (1 if expected is None and value != "" else 0)


_TRICKY = st.sampled_from(list(" \t\n\x0b\x1c\x85\xa0\u2028\u3000ab\u2010\u2013\u2212\u2019\u201c\u2033\ufb01\uff21e\u0301"))


@given(st.text() | st.text(_TRICKY))
def test_fast_clean_equals_clean_text(text):
    assert clean(text) == clean_text(text)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1).filter(lambda t: clean_text(t)))
def test_any_title_survives_verbatim_up_to_clean_text(tmp_path_factory, title):
    path = tmp_path_factory.mktemp("h") / "p.jsonl"
    path.write_text(json.dumps({"title": title, "abstract": "x"}), encoding="utf-8")
    papers, report = read(path)
    assert papers[0].title == clean_text(title)


@given(st.lists(st.text(_TRICKY) | st.text() | st.none(), max_size=6))
def test_names_fast_path_matches_the_slow_path(values):
    expected = tuple(dict.fromkeys(t for t in (clean_text(v) for v in values if isinstance(v, str) and v.isprintable()) if t))
    if all(v is None or v.isprintable() for v in values):
        assert names(values) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ada Lovelace, Alan Turing and Grace Hopper", ["Ada Lovelace", "Alan Turing", "Grace Hopper"]),
        ("Ada Lovelace, Alan Turing, and Grace Hopper", ["Ada Lovelace", "Alan Turing", "Grace Hopper"]),
        ("Lovelace, Ada; Turing, Alan", ["Lovelace, Ada", "Turing, Alan"]),
        ("C. Bal\\'azs, E. L.\n  Berger and\n  C.-P. Yuan", ["C. Bal\\'azs", "E. L. Berger", "C.-P. Yuan"]),
        ("Randy Anderson", ["Randy Anderson"]),
        (" ; , ", []),
    ],
)
def test_split_names(text, expected):
    assert split_names(text) == expected
