"""Deterministic precomputed layout for the HTML view.

Big graphs are laid out here, in Python, so the page opens with positions and no live
physics. The engine is igraph's Fruchterman–Reingold with its grid approximation
(C code: about 0.1 s for 500 nodes, 0.6 s for 5,000, 3 s for 20,000 on this machine),
started from seeded positions over the nodes in sorted order, with igraph's random
number generator seeded for the call; the result is rounded to whole pixels, so the
same graph and seed give the same numbers. (networkx's ``spring_layout`` without scipy
and ``forceatlas2_layout`` are dense O(n^2) in memory and far slower at 20k nodes.)

>>> import networkx as nx
>>> pos = precompute_layout(nx.path_graph(["a", "b", "c"]))
>>> sorted(pos) == ["a", "b", "c"] and all(isinstance(v, int) for xy in pos.values() for v in xy)
True
"""

from __future__ import annotations

import math
import random
from typing import Hashable

import networkx as nx

#: Average room per node in page pixels; vis-network node sizes are 8..40 px.
SPACING = 120.0


def precompute_layout(graph: nx.Graph, seed: int = 7, iterations: int = 300) -> dict[Hashable, tuple[int, int]]:
    """Positions ``{node: (x, y)}`` in page pixels, centred on the origin.

    Each connected component is laid out on its own and the components are packed in rows,
    biggest first: laid out together, small components drift far away and squeeze the main
    one into a dot.
    """
    simple = nx.Graph()  # structure only: copying the attributes would cost seconds at 28k nodes
    simple.add_nodes_from(graph)
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    components = sorted((sorted(c, key=str) for c in nx.connected_components(simple)), key=lambda c: (-len(c), str(c[0])))
    placed = [_component_layout(simple, nodes, seed, iterations) for nodes in components]
    return _centre(_pack(placed))


def _component_layout(simple: nx.Graph, nodes: list, seed: int, iterations: int) -> dict[Hashable, tuple[int, int]]:
    """One connected component of the simple graph in pixels, its bounding box starting at (0, 0)."""
    if len(nodes) <= 2:
        return {node: (round(i * SPACING), 0) for i, node in enumerate(nodes)}
    index = {node: i for i, node in enumerate(nodes)}
    adj = simple.adj
    edges = sorted((index[u], index[v]) for u in nodes for v in adj[u] if index[u] < index[v])
    rng = random.Random(seed)
    # igraph's grid works with unit-length cells: a start spread of about sqrt(n) keeps cells
    # sparse (a tight start makes the grid degenerate into the O(n^2) case: 30 s at 5k nodes).
    half = max(math.sqrt(len(nodes)) / 2, 1.0)
    start = [[rng.uniform(-half, half), rng.uniform(-half, half)] for _ in nodes]
    coords = _fruchterman_reingold(len(nodes), edges, start, iterations, seed)
    return dict(zip(nodes, _to_pixels(coords, len(nodes))))


def _pack(placed: list[dict[Hashable, tuple[int, int]]]) -> dict[Hashable, tuple[int, int]]:
    """Shelf packing: components left to right in rows as wide as the biggest one (or the square root of
    the total area, if wider), each with a margin of ``SPACING``."""
    boxes = [(max(x for x, _ in p.values()), max(y for _, y in p.values())) for p in placed]
    area = sum((w + SPACING) * (h + SPACING) for w, h in boxes)
    row_width = max(boxes[0][0], math.sqrt(area)) if boxes else 0
    out: dict[Hashable, tuple[int, int]] = {}
    x = y = row_height = 0.0
    for positions, (w, h) in zip(placed, boxes):
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + SPACING, 0.0
        out.update({n: (round(px + x), round(py + y)) for n, (px, py) in positions.items()})
        x, row_height = x + w + SPACING, max(row_height, h)
    return out


def _centre(positions: dict[Hashable, tuple[int, int]]) -> dict[Hashable, tuple[int, int]]:
    if not positions:
        return {}
    xs, ys = [p[0] for p in positions.values()], [p[1] for p in positions.values()]
    cx, cy = (max(xs) + min(xs)) // 2, (max(ys) + min(ys)) // 2
    return {n: (x - cx, y - cy) for n, (x, y) in sorted(positions.items(), key=lambda item: str(item[0]))}


def _fruchterman_reingold(n: int, edges: list, start: list[list[float]], iterations: int, seed: int) -> list[list[float]]:
    """igraph's FR with a seeded RNG (restored to Python's ``random`` afterwards)."""
    import igraph  # imported here: about 1 s, paid only when a page is drawn

    graph = igraph.Graph(n=n, edges=edges)
    igraph.set_random_number_generator(random.Random(seed))
    try:
        layout = graph.layout_fruchterman_reingold(seed=start, niter=iterations, grid=graph.vcount() > 1000)
    finally:
        igraph.set_random_number_generator(random)
    return layout.coords


def _to_pixels(coords: list[list[float]], n: int) -> list[tuple[int, int]]:
    """Scale so the component covers about ``n * SPACING^2`` square pixels (small ones a bit more),
    with its bounding box starting at (0, 0)."""
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    x0, y0 = min(xs), min(ys)
    extent = max(max(xs) - x0, max(ys) - y0, 1e-9)
    scale = SPACING * max(math.sqrt(n), 3.0) / extent  # small components get room for their nodes
    return [(round((x - x0) * scale), round((y - y0) * scale)) for x, y in zip(xs, ys)]
