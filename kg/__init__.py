"""paperkg: a knowledge graph of papers, methods, datasets, code and concepts.

The library is organised as one-way stages (see ``docs/architecture.md``)::

    kg.ingest   -> Paper records
    kg.extract  -> Extraction (mentions with evidence)
    kg.graph    -> a NetworkX MultiDiGraph (resolved entities)
    kg.store    -> the embedded JSON store (or kg.neo4j for Neo4j)
    kg.export / kg.queries / kg.visualizations
"""

__version__ = "0.1.0"

from kg import _compiled

_compiled.install()  # before any module it covers is imported (see kg/_compiled.py)
