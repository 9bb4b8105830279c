"""The page as a person sees it, in Debian's headless Chromium (Playwright drives it).

Every request other than the page file itself is aborted and recorded: there must be none.
Screenshots go to test-artifacts/view/.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg.visualizations.renderer import ViewOptions, write_html
from tests.visualizations.fixtures import (
    HOSTILE_EVIDENCE, HOSTILE_NAME, HOSTILE_TITLE, hostile_graph, launch_browser, open_page, screenshot,
)

pytestmark = pytest.mark.browser

COUNTS = "[paperkg.network.body.nodeIndices.length, paperkg.network.body.edgeIndices.length]"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        yield browser
        browser.close()


def _page(browser, graph, tmp_path: Path, name: str, **options):
    path = write_html(graph, tmp_path / f"{name}.html", ViewOptions(title=name, **options))
    run = open_page(browser, path)
    return run


def _assert_clean(run):
    assert run.requests == []
    assert run.errors == []
    assert run.dialogs == []


def _search(page, text: str) -> str | None:
    page.fill("#search", text)
    page.wait_for_selector("#search-results li[data-node]")
    page.keyboard.press("Enter")
    page.wait_for_selector("html[data-selected]", state="attached")
    return page.evaluate("document.documentElement.getAttribute('data-selected')")


def test_hostile_strings_render_as_text_and_run_nothing(browser, tmp_path):
    run = _page(browser, hostile_graph(), tmp_path, "hostile")
    page = run.page
    assert _search(page, "HostileNet") == "Method:hostilenet"
    details = page.inner_text("#details")
    assert HOSTILE_NAME in details
    page.evaluate("paperkg.selectNode(paperkg.data.nodes.findIndex(n => n.id === 'Paper:2401.00001'), true)")
    assert page.eval_on_selector("#details h3", "e => e.textContent") == HOSTILE_TITLE
    assert page.locator("#details img, #details svg, #details script, #details b").count() == 0
    assert page.locator("#details mark").first.inner_text() == "HostileNet"
    hrefs = page.eval_on_selector_all("#details a", "as => as.map(a => [a.href, a.target, a.rel])")
    assert hrefs and all(h.startswith("https://arxiv.org/") or h.startswith("https://huggingface.co/") for h, _, _ in hrefs)
    assert all(t == "_blank" and "noopener" in r for _, t, r in hrefs)
    screenshot(run, "hostile")
    _assert_clean(run)
    assert HOSTILE_EVIDENCE not in page.content()  # the evidence is split by <mark>, and its markup escaped


def test_sample_graph_page(browser, tmp_path, sample_graph):
    run = _page(browser, sample_graph, tmp_path, "sample")
    page = run.page
    assert page.evaluate(COUNTS) == [sample_graph.number_of_nodes(), sample_graph.number_of_edges()]
    assert page.evaluate("paperkg.data.meta.physics") is True  # small: live physics ran from the precomputed start…
    assert page.evaluate("paperkg.network.physics.physicsEnabled") is False  # …and stopped once stable
    legend = page.eval_on_selector_all("#legend-labels input", "xs => xs.map(x => x.dataset.label)")
    assert set(legend) == {label for _, label in sample_graph.nodes(data="label")}
    target = max((n for n, l in sample_graph.nodes(data="label") if l == "Method"), key=sample_graph.degree)
    assert _search(page, sample_graph.nodes[target]["name"]) == target
    assert page.evaluate("paperkg.network.getSelectedNodes().map(i => paperkg.data.nodes[i].id)") == [target]
    assert page.evaluate("paperkg.state.highlight") == "dim"
    dimmed = "paperkg.nodes.get({filter: n => n.opacity !== undefined && n.opacity < 1}).length"
    neighbours = len(set(nx.all_neighbors(sample_graph, target))) + 1
    assert page.evaluate(dimmed) == sample_graph.number_of_nodes() - neighbours
    page.evaluate("paperkg.clearSelection()")
    assert page.evaluate(dimmed) == 0 and page.evaluate("paperkg.state.highlight") is None
    assert page.evaluate("document.documentElement.hasAttribute('data-selected')") is False
    screenshot(run, "sample")
    _assert_clean(run)


def test_toggles_hide_labels_and_relationships(browser, tmp_path, sample_graph):
    run = _page(browser, sample_graph, tmp_path, "toggles")
    page = run.page
    papers = sum(1 for _, l in sample_graph.nodes(data="label") if l == "Paper")
    page.uncheck("#legend-labels input[data-label=Paper]")
    hidden = page.evaluate("paperkg.nodes.get({filter: n => n.hidden === true}).length")
    assert hidden == papers
    page.uncheck("#legend-rels input[data-rel=MENTIONS]")
    assert page.evaluate("paperkg.edges.get({filter: e => e.hidden === true}).length") == sum(
        1 for *_, t in sample_graph.edges(data="type") if t == "MENTIONS")
    _assert_clean(run)


def test_click_on_a_node_shows_details(browser, tmp_path, tiny_graph):
    run = _page(browser, tiny_graph, tmp_path, "click", layout="precomputed")
    page = run.page
    index = page.evaluate("paperkg.data.nodes.findIndex(n => n.id === 'Dataset:coco')")
    xy = page.evaluate(f"(() => {{ const p = paperkg.network.canvasToDOM(paperkg.network.getPosition({index}));"
                       " const r = document.getElementById('graph').getBoundingClientRect(); return [p.x + r.left, p.y + r.top]; })()")
    page.mouse.click(*xy)
    page.wait_for_selector("html[data-selected='Dataset:coco']", state="attached")
    text = page.inner_text("#details")
    assert "COCO" in text and "EVALUATES_ON" in text and "mAP 50.1 %" in text
    _assert_clean(run)


@pytest.mark.slow
def test_hf_graph_focused_views(browser, tmp_path, hf_graph):
    run = _page(browser, hf_graph, tmp_path, "hf-top", top=150, exclude=("Author",))
    page = run.page
    nodes, edges = page.evaluate(COUNTS)
    data = page.evaluate("[paperkg.data.nodes.length, paperkg.data.edges.length]")
    assert [nodes, edges] == data and nodes > 150
    screenshot(run, "hf-top150")
    _assert_clean(run)
    coco = "Dataset:coco" if "Dataset:coco" in hf_graph else max(
        (n for n, l in hf_graph.nodes(data="label") if l == "Dataset"), key=hf_graph.degree)
    run = _page(browser, hf_graph, tmp_path, "hf-focus", focus=coco, depth=1)
    assert run.page.evaluate(COUNTS)[0] == len(set(nx.all_neighbors(hf_graph, coco))) + 1
    assert _search(run.page, hf_graph.nodes[coco]["name"]) == coco
    _assert_clean(run)


@pytest.mark.slow
def test_hf_graph_whole_opens_with_precomputed_layout(browser, tmp_path, hf_graph):
    run = _page(browser, hf_graph, tmp_path, "hf-whole")
    page = run.page
    assert page.evaluate("paperkg.data.meta.physics") is False
    assert page.evaluate(COUNTS) == [hf_graph.number_of_nodes(), hf_graph.number_of_edges()]
    method = min((n for n, l in hf_graph.nodes(data="label") if l == "Method"), key=lambda n: (-hf_graph.degree(n), n))
    assert _search(page, hf_graph.nodes[method]["name"]) == method
    screenshot(run, "hf-whole")
    _assert_clean(run)
