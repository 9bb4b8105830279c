"""The HTML page as text: self-contained, escaped, CSP-hashed, deterministic (no browser needed)."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import hashlib
import json
import re

import pytest

from kg.errors import ExportError, NotFoundError
from kg.export import available_exporters, export_graph
from kg.visualizations.payload import evidence_mark, safe_url
from kg.visualizations.renderer import ViewOptions, generate_payload, json_for_script, render_html
from kg.visualizations.synthetic import synthetic_graph
from tests.visualizations.fixtures import HOSTILE_EVIDENCE, HOSTILE_NAME, HOSTILE_TITLE, hostile_graph

SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
STYLE = re.compile(r"<style>(.*?)</style>", re.S)
DATA = re.compile(r'<script type="application/json" id="graph-data">(.*?)</script>', re.S)


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _csp(page: str) -> str:
    return re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1).replace("&#x27;", "'")


@pytest.fixture(scope="module")
def hostile_page() -> str:
    return render_html(hostile_graph(), ViewOptions(title="<b>title</b>"))


def test_page_loads_nothing_from_outside(hostile_page):
    assert not re.search(r"<(link|img|iframe|object|embed)\b", hostile_page)
    assert not re.search(r"<script[^>]*\bsrc=", hostile_page)
    assert "@import" not in hostile_page and "url(http" not in hostile_page
    assert "default-src 'none'" in _csp(hostile_page)


def test_csp_allows_exactly_the_inline_scripts_and_style(hostile_page):
    csp = _csp(hostile_page)
    scripts, styles = SCRIPT.findall(hostile_page), STYLE.findall(hostile_page)
    assert len(scripts) == 2 and len(styles) == 1
    script_src = re.search(r"script-src ([^;]+)", csp).group(1).split()
    style_src = re.search(r"style-src ([^;]+)", csp).group(1).split()
    assert sorted(script_src) == sorted(_hash(s) for s in scripts)
    assert style_src == [_hash(styles[0])]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


@pytest.mark.parametrize("needle", [HOSTILE_TITLE, HOSTILE_NAME, HOSTILE_EVIDENCE, "</script><script>alert(2)", "<!--", "\u2028", "<b>title</b>"])
def test_hostile_strings_never_appear_raw(hostile_page, needle):
    assert needle not in hostile_page


def test_data_block_round_trips_the_hostile_strings(hostile_page):
    data = json.loads(DATA.search(hostile_page).group(1))
    titles = [n["p"].get("title") for n in data["nodes"]]
    assert HOSTILE_TITLE in titles
    assert HOSTILE_EVIDENCE in data["strings"]
    assert "<title>&lt;b&gt;title&lt;/b&gt;</title>" in hostile_page


def test_json_for_script_escapes_breakouts():
    text = json_for_script({"a": "</script><!--&>\u2028\u2029"})
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == {"a": "</script><!--&>\u2028\u2029"}


@pytest.mark.parametrize("url, ok", [
    ("https://github.com/a/b", True), ("https://arxiv.org/abs/2401.00001", True), ("https://huggingface.co/x", True),
    ("javascript:alert(1)", False), ("https://evil.example/x", False), ("https://user:pw@github.com/a", False),
    ("https://github.com/a b", False), ("data:text/html,hi", False), (None, False),
])
def test_only_safe_links(url, ok):
    assert (safe_url(url) is not None) == ok


def test_links_from_hostile_graph_are_dropped():
    data = generate_payload(hostile_graph(), ViewOptions())
    links = [url for n in data["nodes"] for _, url in n.get("k", [])]
    assert "https://arxiv.org/abs/2401.00001" in links
    assert all(url.startswith("https://") and "evil" not in url and "script" not in url for url in links)


def test_evidence_mark_uses_offsets_into_the_abstract():
    abstract = "First sentence. We use COCO here."
    evidence = "We use COCO here."
    assert evidence_mark(evidence, {"start": 23, "end": 27}, abstract, []) == [7, 11]
    assert evidence_mark(evidence, {}, "", ["coco"]) == [7, 11]
    assert evidence_mark(evidence, {}, "", ["ImageNet"]) is None


def test_same_graph_same_bytes():
    graph = synthetic_graph(150, seed=3)
    for layout in ("physics", "precomputed"):
        first = render_html(graph, ViewOptions(layout=layout))
        assert render_html(graph.copy(), ViewOptions(layout=layout)) == first


def test_same_bytes_across_processes(tmp_path):
    """Hash randomisation must not leak into the page: two interpreters, two seeds, one output."""
    code = ("import sys, hashlib; from kg.visualizations.synthetic import synthetic_graph;"
            "from kg.visualizations.renderer import render_html, ViewOptions;"
            "g = synthetic_graph(120, seed=4);"
            "print(hashlib.sha256(render_html(g, ViewOptions(top=20, exclude=('Author',))).encode()).hexdigest())")
    digests = {
        subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": seed},
                       capture_output=True, text=True, check=True).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1


def test_payload_counts_match_the_graph():
    graph = synthetic_graph(60, seed=2)
    data = generate_payload(graph, ViewOptions())
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert len(data["edges"]) == graph.number_of_edges()
    assert sum(x["n"] for x in data["labels"]) == graph.number_of_nodes()


@pytest.mark.parametrize("n_nodes_papers, layout, physics", [(30, "auto", True), (400, "auto", False),
                                                             (30, "precomputed", False), (400, "physics", True)])
def test_layout_choice_and_positions(n_nodes_papers, layout, physics):
    data = generate_payload(synthetic_graph(n_nodes_papers), ViewOptions(layout=layout))
    assert data["meta"]["physics"] is physics
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])


def test_unknown_layout_is_an_error():
    with pytest.raises(ExportError, match="choose one of"):
        render_html(synthetic_graph(5), ViewOptions(layout="spiral"))


def test_html_is_a_registered_exporter(tmp_path):
    assert "html" in available_exporters()
    out = export_graph(hostile_graph(), "html", tmp_path / "g.html", title="x")
    assert out.read_text(encoding="utf-8") == render_html(hostile_graph(), ViewOptions(title="x"))


def test_focus_on_unknown_name_suggests_close_ones():
    with pytest.raises(NotFoundError, match="did you mean: ms coco"):
        render_html(hostile_graph(), ViewOptions(focus="ms cocoa"))
