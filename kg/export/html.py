"""HTML: the graph as one self-contained, offline, interactive page (vis-network inlined).

The renderer lives in :mod:`kg.visualizations.renderer`; this module registers it with the
exporter registry, so ``paperkg export html OUT`` and ``paperkg view`` write the same page.
Options are those of :class:`kg.visualizations.renderer.ViewOptions` (``focus``, ``depth``,
``top``, ``include``, ``exclude``, ``layout``, ``title`` …).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from kg.export import register_exporter
from kg.visualizations.renderer import ViewOptions, render_html, write_html


def generate_html(graph: nx.MultiDiGraph, **options: Any) -> str:
    """The page's text (pure: same graph and options, same text)."""
    return render_html(graph, ViewOptions(**options))


@register_exporter("html", "interactive HTML page (self-contained, offline; see `paperkg view`)", suffix=".html")
def write_html_export(graph: nx.MultiDiGraph, path: Path, **options: Any) -> None:
    """Write the page to ``path`` atomically."""
    write_html(graph, path, ViewOptions(**options))
