"""Named queries: one meaning, two backends.

Each query has a Cypher text in ``queries/<name>.cypher`` (a header comment names its
parameters and columns; paste it into Neo4j Browser) and a Python twin over the
embedded NetworkX graph in :mod:`kg.queries.embedded`. A parity test runs both on
the same graph and requires identical results.

>>> sorted(available_queries())[:3]
['code-for', 'method-dataset-matrix', 'paper']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any, Callable, Mapping

import networkx as nx

from kg.errors import PaperKGError, UnknownNameError


@dataclass(frozen=True)
class QueryResult:
    """Columns and rows; lists inside rows are sorted, row order is part of the query's meaning."""

    columns: tuple[str, ...]
    rows: list[tuple]

    def as_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


@dataclass(frozen=True)
class Param:
    name: str
    type: type
    default: Any = None  #: ``None`` means required

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    embedded: Callable[..., list[tuple]]

    @property
    def cypher(self) -> str:
        """The Cypher twin (text of ``queries/<name>.cypher``)."""
        try:
            return resources.files(__name__).joinpath(f"{self.name}.cypher").read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise PaperKGError(f"query {self.name!r} has no Cypher twin ({self.name}.cypher)") from exc

    def bind(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Check and convert parameters; fill defaults. Unknown or missing names are errors."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise UnknownNameError(f"parameter of query {self.name!r}", unknown[0], known)
        bound = {}
        for param in self.params:
            value = values.get(param.name, param.default)
            if value is None:
                raise PaperKGError(f"query {self.name!r} needs parameter {param.name!r}")
            try:
                bound[param.name] = param.type(value)
            except (TypeError, ValueError) as exc:
                raise PaperKGError(f"query {self.name!r}: {param.name} must be {param.type.__name__}, got {value!r}") from exc
        return bound

    def run_embedded(self, graph: nx.MultiDiGraph, **params: Any) -> QueryResult:
        return QueryResult(self.columns, self.embedded(graph, **self.bind(params)))


_REGISTRY: dict[str, NamedQuery] = {}


def register_query(name: str, description: str, params: tuple[Param, ...], columns: tuple[str, ...]) -> Callable:
    """Register the embedded (Python) implementation of a named query."""

    def decorate(func: Callable[..., list[tuple]]) -> Callable[..., list[tuple]]:
        _REGISTRY[name] = NamedQuery(name, description, params, columns, func)
        return func

    return decorate


def available_queries() -> dict[str, NamedQuery]:
    from kg.queries import embedded  # noqa: F401  (registers the built-ins)

    return dict(sorted(_REGISTRY.items()))


def get_query(name: str) -> NamedQuery:
    queries = available_queries()
    if name not in queries:
        raise UnknownNameError("query", name, queries)
    return queries[name]


_HEADER = re.compile(r"^//\s*(\w+):\s*(.*)$")


def cypher_header(text: str) -> dict[str, str]:
    """The ``// key: value`` lines at the top of a ``.cypher`` file."""
    header = {}
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if not match:
            break
        header[match.group(1)] = match.group(2).strip()
    return header
