"""How each node label and relationship type looks in the HTML view (one table, shared by the
page's drawing and its legend)."""

from __future__ import annotations

from dataclasses import dataclass

from kg.model import Label, RelType


@dataclass(frozen=True)
class NodeStyle:
    color: str  #: fill
    border: str
    shape: str  #: a vis-network shape name


@dataclass(frozen=True)
class EdgeStyle:
    color: str
    dashes: bool = False
    width: float = 1.0


#: Colour-blind-safe Tableau 10 hues; each label also has its own shape.
NODE_STYLES: dict[Label, NodeStyle] = {
    Label.PAPER: NodeStyle("#4e79a7", "#2c4a6e", "dot"),
    Label.METHOD: NodeStyle("#f28e2b", "#a85a10", "diamond"),
    Label.DATASET: NodeStyle("#59a14f", "#2f6a28", "square"),
    Label.REPOSITORY: NodeStyle("#5a5a5a", "#222222", "triangle"),
    Label.CONCEPT: NodeStyle("#b07aa1", "#6f4463", "hexagon"),
    Label.AUTHOR: NodeStyle("#bab0ac", "#7a706c", "triangleDown"),
}

EDGE_STYLES: dict[RelType, EdgeStyle] = {
    RelType.PROPOSES: EdgeStyle("#e15759", width=2.0),
    RelType.USES: EdgeStyle("#f1a35c"),
    RelType.EVALUATES_ON: EdgeStyle("#59a14f", width=1.5),
    RelType.HAS_CODE: EdgeStyle("#5a5a5a", width=1.5),
    RelType.MENTIONS: EdgeStyle("#c9a2c0", dashes=True),
    RelType.CITES: EdgeStyle("#4e79a7", width=1.5),
    RelType.AUTHORED_BY: EdgeStyle("#d3ccc9"),
    RelType.IMPLEMENTS: EdgeStyle("#76b7b2", dashes=True, width=2.0),
}

UNKNOWN_NODE = NodeStyle("#d0d0d0", "#888888", "dot")
UNKNOWN_EDGE = EdgeStyle("#cccccc")
