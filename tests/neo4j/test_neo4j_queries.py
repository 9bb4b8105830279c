"""Named queries: the Cypher twin on Neo4j returns exactly what the embedded backend returns."""

from __future__ import annotations

import pytest

from kg.errors import Neo4jError, UnknownNameError
from kg.graph import node_name
from kg.ids import normalise_name
from kg.neo4j.push import push_graph
from kg.neo4j.run import run_cypher, run_named_query
from kg.queries import available_queries, cypher_header, get_query
from tests.neo4j.fixtures import hostile_graph

pytestmark = pytest.mark.neo4j


def parameter_cases(graph) -> list[tuple[str, dict]]:
    """Every named query with parameters drawn from the graph itself (every entity, every paper)."""
    papers = sorted(d["key"] for _, d in graph.nodes(data=True) if d["label"] == "Paper" and not d.get("cited_only"))
    names = sorted({node_name(graph, n) for n, d in graph.nodes(data=True) if d["label"] != "Paper"})
    # Cypher has no NFKC / whitespace collapsing: aliases match when lower-casing and trimming normalises them
    aliases = sorted({a for _, d in graph.nodes(data=True) for a in d.get("aliases", ()) if normalise_name(a) == a.strip().lower()})
    cases = [("shared-benchmarks", {"min_papers": k}) for k in (1, 2, 3)]
    cases += [("method-dataset-matrix", {"min_papers": k}) for k in (1, 2)]
    cases += [("top", {"label": label, "limit": 5}) for label in ("Method", "dataset", "Concept", "Author", "Repository")]
    cases += [(q, {"id": p}) for p in papers for q in ("paper", "related")]
    cases += [(q, {"name": n}) for n in names + aliases + [n.upper() for n in names[:5]] for q in ("papers-for", "code-for")]
    cases += [("code-for", {"name": p}) for p in papers]
    return cases


@pytest.fixture(scope="module")
def both_backends(neo4j_driver):
    """One graph (tiny + hostile strings) pushed to Neo4j; the embedded copy beside it."""
    import networkx as nx

    from tests.neo4j.fixtures import wipe

    graph = nx.compose(_tiny(), hostile_graph())
    wipe(neo4j_driver)
    push_graph(graph, neo4j_driver)
    return graph, neo4j_driver


def _tiny():
    import tests.conftest as shared
    from kg.graph import build_graph

    return build_graph(shared.tiny_extractions.__wrapped__())


def test_every_named_query_has_a_cypher_twin_with_a_header():
    for name, query in available_queries().items():
        header = cypher_header(query.cypher)
        assert header["name"] == name
        assert [c.strip() for c in header["columns"].split(",")] == list(query.columns)
        for param in query.params:
            assert param.name in header["params"]


def test_named_queries_agree_on_both_backends(both_backends):
    graph, driver = both_backends
    cases = parameter_cases(graph)
    assert len(cases) > 40
    for name, params in cases:
        embedded = get_query(name).run_embedded(graph, **params)
        on_neo4j = run_named_query(driver, name, params)
        assert on_neo4j == embedded, (name, params)
    assert run_named_query(driver, "shared-benchmarks", {}).rows[0][0] == "Shared Bench"


def test_unknown_label_is_refused_with_the_valid_ones(both_backends):
    _, driver = both_backends
    with pytest.raises(UnknownNameError, match="Dataset"):
        run_named_query(driver, "top", {"label": "Nonsense"})


def test_adhoc_queries_run_read_only(both_backends):
    _, driver = both_backends
    result = run_cypher(driver, "MATCH (p:Paper {key: $id}) RETURN p.title AS title", {"id": "2401.00001"})
    assert result.columns == ("title",) and result.rows == [("GRPO: Group Relative Policy Optimization",)]
    with pytest.raises(Neo4jError, match="(?i)write"):
        run_cypher(driver, "CREATE (n:Paper {key: 'sneaky'}) RETURN n")
    assert run_cypher(driver, "MATCH (p:Paper {key: 'sneaky'}) RETURN p").rows == []


def test_adhoc_syntax_error_is_one_line(both_backends):
    _, driver = both_backends
    with pytest.raises(Neo4jError) as info:
        run_cypher(driver, "MATCH (n RETURN n")
    assert "\n" not in str(info.value)
