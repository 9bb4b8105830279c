"""Render a paperkg graph as one self-contained, offline, safe HTML page.

The page is the packaged ``template.html`` filled with: the page's CSS (``view.css``),
vis-network's standalone build (``static/vis-network.min.js``, inlined, no CDN), the
page's own script (``view.js``) and the graph as JSON inside
``<script type="application/json" id="graph-data">`` with ``<``, ``>``, ``&``, U+2028 and
U+2029 escaped, so no string from a paper can end the script element. A
Content-Security-Policy meta tag allows only those exact inline scripts and the style
(by sha256 hash), and nothing from the network. The script builds every piece of DOM
with ``textContent``/``createElement``; vis-network draws labels on a canvas.

>>> from kg.visualizations.synthetic import synthetic_graph
>>> page = render_html(synthetic_graph(5), ViewOptions())
>>> page.startswith("<!DOCTYPE html>") and "default-src 'none'" in page
True
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from kg.atomic import atomic_write_text
from kg.errors import ExportError

from . import focus as _focus
from .layout import precompute_layout
from .payload import build_payload

#: Above this many nodes the layout is computed in Python and live physics is off.
PHYSICS_MAX_NODES = 600
LAYOUTS = ("auto", "physics", "precomputed")


@dataclass(frozen=True)
class ViewOptions:
    """What to draw and how.

    ``focus``/``depth``: one entity (name, alias, title or node id) and its neighbourhood;
    ``top``: the N most connected entities and their papers; ``include``/``exclude``:
    label filters applied first. ``layout``: ``auto`` (physics up to
    ``physics_max_nodes`` nodes, else precomputed), ``physics`` or ``precomputed``.
    """

    title: str = "paperkg"
    focus: str | None = None
    depth: int = 1
    top: int | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    layout: str = "auto"
    physics_max_nodes: int = PHYSICS_MAX_NODES
    seed: int = 7


def select_graph(graph: nx.MultiDiGraph, options: ViewOptions) -> nx.MultiDiGraph:
    """Apply the label filters, then ``focus`` or ``top`` (both: focus, then top within it)."""
    selected = graph
    if options.include or options.exclude:
        selected = _focus.filter_labels(selected, options.include, options.exclude)
    if options.focus:
        selected = _focus.focus_subgraph(selected, options.focus, options.depth)
    if options.top:
        selected = _focus.top_subgraph(selected, options.top)
    return selected


def uses_physics(n_nodes: int, options: ViewOptions) -> bool:
    """Whether the page runs live physics (then stops it once stable) instead of fixed positions."""
    if options.layout not in LAYOUTS:
        raise ExportError(f"unknown layout {options.layout!r}; choose one of: {', '.join(LAYOUTS)}")
    if options.layout == "auto":
        return n_nodes <= options.physics_max_nodes
    return options.layout == "physics"


def _meta(graph: nx.MultiDiGraph, options: ViewOptions, physics: bool) -> dict[str, Any]:
    """What the page says about itself: title, layout mode, the view's description, the whole graph's size."""
    view = []
    if options.include or options.exclude:
        view.append("labels: " + ", ".join([*options.include, *(f"not {x}" for x in options.exclude)]))
    if options.focus:
        view.append(f"focus: {options.focus} (depth {options.depth})")
    if options.top:
        view.append(f"top {options.top} entities")
    return {"title": options.title, "physics": physics, "view": "; ".join(view),
            "total_nodes": graph.number_of_nodes(), "total_edges": graph.number_of_edges(), "seed": options.seed}


def generate_payload(graph: nx.MultiDiGraph, options: ViewOptions) -> dict[str, Any]:
    """The page's data for ``graph`` under ``options`` (selection, layout, styles, evidence)."""
    selected = select_graph(graph, options)
    physics = uses_physics(selected.number_of_nodes(), options)
    # Positions are always computed: with physics they are the starting point, so it settles fast.
    positions = precompute_layout(selected, seed=options.seed)
    return build_payload(selected, positions, _meta(graph, options, physics))


def json_for_script(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>``, ``&``, U+2028, U+2029.

    >>> json_for_script({"t": "</script><!--\\u2028"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003c!--\\\\u2028"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return resources.files("kg.visualizations").joinpath(name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(scripts: list[str], styles: list[str]) -> str:
    """A policy that allows exactly these inline scripts and styles, data: images, and nothing else."""
    return "; ".join([
        "default-src 'none'",
        "script-src " + " ".join(_csp_hash(s) for s in scripts),
        "style-src " + " ".join(_csp_hash(s) for s in styles),
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ])


_SLOT = re.compile(r"@@([A-Z_]+)@@")


def _fill(template: str, values: dict[str, str]) -> str:
    """Replace each ``@@NAME@@`` slot in one pass, so filled-in text is never re-scanned."""
    return _SLOT.sub(lambda m: values[m.group(1)], template)


def render_page(payload: dict[str, Any]) -> str:
    """The HTML text for a payload made by :func:`generate_payload`."""
    css, vis, app = _asset("view.css"), _asset("static/vis-network.min.js"), _asset("view.js")
    for script in (vis, app):
        if "</script" in script.lower() or "<!--" in script:
            raise ExportError("a packaged script contains '</script' or '<!--' and cannot be inlined")
    return _fill(_asset("template.html"), {
        "CSP": html.escape(content_security_policy([vis, app], [css]), quote=False),  # no '"' in it
        "TITLE": html.escape(str(payload["meta"].get("title", "paperkg"))),
        "CSS": css,
        "DATA": json_for_script(payload),
        "VIS_JS": vis,
        "APP_JS": app,
    })


def render_html(graph: nx.MultiDiGraph, options: ViewOptions | None = None) -> str:
    """The whole page for ``graph`` (pure: same graph and options, same text)."""
    return render_page(generate_payload(graph, options or ViewOptions()))


def write_html(graph: nx.MultiDiGraph, path: str | Path, options: ViewOptions | None = None) -> Path:
    """Write the page to ``path`` atomically and return the path."""
    atomic_write_text(path, render_html(graph, options))
    return Path(path)
