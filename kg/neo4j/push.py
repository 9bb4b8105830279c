"""Write the embedded graph to Neo4j with the official driver (``paperkg push``).

Constraints first, then batched ``UNWIND $rows`` writes built by :mod:`kg.neo4j.cypher`, one
transaction per batch (retried by the driver on transient errors). Idempotent: pushing the same
graph twice leaves node, relationship and property counts unchanged; a grown graph adds only
what is new; a paper whose edges changed has them replaced.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

import neo4j
import networkx as nx

from kg.neo4j.connection import Neo4jSettings, connect, database_name, open_session, resolve
from kg.neo4j.cypher import DEFAULT_BATCH_SIZE, Statement, data_plan, schema_plan, wipe_statement


@dataclass(frozen=True)
class PushSummary:
    """What ``push_graph`` wrote."""

    nodes: int  #: nodes in the pushed graph
    relationships: int  #: relationships in the pushed graph
    batches: int  #: data transactions run
    seconds: float
    nodes_created: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0

    @property
    def rate(self) -> float:
        """Nodes plus relationships written per second."""
        return (self.nodes + self.relationships) / self.seconds if self.seconds > 0 else 0.0

    def __str__(self) -> str:
        return (
            f"pushed {self.nodes} nodes and {self.relationships} relationships in {self.batches} batches, "
            f"{self.seconds:.2f} s ({self.rate:,.0f}/s); created {self.nodes_created} nodes, "
            f"{self.relationships_created} relationships, deleted {self.relationships_deleted} stale relationships"
        )


def push_graph(
    graph: nx.MultiDiGraph,
    target: Neo4jSettings | neo4j.Driver | None,
    *,
    database: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    wipe: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> PushSummary:
    """Push ``graph`` to the Neo4j at ``target`` (settings or an open driver).

    ``wipe`` deletes everything in the database first. ``progress(n, total)`` is called after
    each batch with the number of rows it wrote and the total number of rows.
    """
    started = time.perf_counter()
    plan = data_plan(graph, batch_size)
    total = sum(len(s.rows) for s in plan)
    counters = {"nodes_created": 0, "relationships_created": 0, "relationships_deleted": 0, "properties_set": 0}
    with open_session(target, database, refused="Neo4j rejected a write") as session:
        if wipe:
            session.run(wipe_statement()).consume()
        for statement in schema_plan():
            session.run(statement.query).consume()
        for statement in plan:
            _add_counters(counters, session.execute_write(_run_batch, statement))
            if progress:
                progress(len(statement.rows), total)
    seconds = time.perf_counter() - started
    return PushSummary(graph.number_of_nodes(), graph.number_of_edges(), len(plan), seconds, **counters)


def _run_batch(tx: neo4j.ManagedTransaction, statement: Statement) -> neo4j.SummaryCounters:
    return tx.run(statement.query, rows=[dict(row) for row in statement.rows]).consume().counters


def _add_counters(totals: dict[str, int], counters: neo4j.SummaryCounters) -> None:
    for name in totals:
        totals[name] += getattr(counters, name)


def database_counts(target: Neo4jSettings | neo4j.Driver | None, database: str | None = None) -> dict[str, int]:
    """``{"nodes", "relationships", "properties"}`` in the database (for checks and benchmarks)."""
    query = (
        "CALL () { MATCH (n) RETURN count(n) AS nodes, sum(size(keys(n))) AS np } "
        "CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships, sum(size(keys(r))) AS rp } "
        "RETURN nodes, relationships, coalesce(np, 0) + coalesce(rp, 0) AS properties"
    )
    target = resolve(target)
    with connect(target) as driver:
        records, _, _ = driver.execute_query(query, database_=database_name(target, database), routing_=neo4j.RoutingControl.READ)
    return dict(records[0])
