"""Running Cypher on Neo4j: the named queries' Cypher twins and ad-hoc read-only queries.

Both return a :class:`kg.queries.QueryResult`, the same shape as the embedded backend, so
``paperkg query NAME --backend neo4j`` and ``paperkg query NAME`` print the same thing (the
parity test holds them to it).
"""

from __future__ import annotations

from typing import Any, Mapping

import neo4j

from kg.errors import Neo4jError
from kg.ids import normalise_name
from kg.neo4j.connection import Neo4jSettings, open_session
from kg.queries import QueryResult, get_query
from kg.queries.embedded import entity_label

#: Parameters that name an entity: the Cypher twin compares them with the lower-cased name, alias or
#: key, so they are sent normalised (kg.ids.normalise_name) to mean what the embedded backend means.
NAME_PARAMS = ("name",)


def plain(value: Any) -> Any:
    """A driver value as plain Python: nodes and relationships as dicts, temporal values as ISO text."""
    if isinstance(value, neo4j.graph.Node):
        return {"labels": sorted(value.labels), **dict(value.items())}
    if isinstance(value, neo4j.graph.Relationship):
        return {"type": value.type, **dict(value.items())}
    if isinstance(value, neo4j.graph.Path):
        return [plain(n) for n in value.nodes]
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def run_cypher(
    target: Neo4jSettings | neo4j.Driver | None,
    query: str,
    params: Mapping[str, Any] | None = None,
    *,
    database: str | None = None,
) -> QueryResult:
    """Run ``query`` in a read-only transaction and return its columns and rows.

    A query that tries to write fails with :class:`kg.errors.Neo4jError` (the server refuses
    writes in a read transaction).
    """
    def work(tx: neo4j.ManagedTransaction) -> QueryResult:
        result = tx.run(query, dict(params or {}))
        columns = tuple(result.keys())
        return QueryResult(columns, [tuple(plain(v) for v in record.values()) for record in result])

    with open_session(target, database, refused="Neo4j refused the query", read_only=True) as session:
        return session.execute_read(work)


def named_query_params(name: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """Bind and convert a named query's parameters as the embedded backend does."""
    bound = get_query(name).bind(dict(params))
    for key in NAME_PARAMS:
        if isinstance(bound.get(key), str):
            bound[key] = normalise_name(bound[key])
    if "label" in bound:
        bound["label"] = entity_label(bound["label"])
    if "limit" in bound:
        bound["limit"] = max(int(bound["limit"]), 0)
    return bound


def run_named_query(
    target: Neo4jSettings | neo4j.Driver | None,
    name: str,
    params: Mapping[str, Any] | None = None,
    *,
    database: str | None = None,
) -> QueryResult:
    """Run the Cypher twin (``queries/<name>.cypher``) of a named query on Neo4j.

    Columns come from the query's declaration, so both backends name them the same.
    """
    query = get_query(name)
    bound = named_query_params(name, params or {})
    result = run_cypher(target, query.cypher, bound, database=database)
    if result.columns != tuple(query.columns):
        raise Neo4jError(f"queries/{name}.cypher returns columns {result.columns}, expected {tuple(query.columns)}")
    return QueryResult(tuple(query.columns), result.rows)
