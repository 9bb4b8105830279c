"""Neo4j: a real server run by the project, the batched writer, Cypher builders and query runner.

* :mod:`kg.neo4j.server`     fetch Neo4j 5.26 Community from Maven Central, configure, start, stop
* :mod:`kg.neo4j.connection` settings from NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE
* :mod:`kg.neo4j.cypher`     the statements shared by ``paperkg push`` and ``paperkg export cypher``
* :mod:`kg.neo4j.push`       ``push_graph``: constraints, then ``UNWIND $rows`` batches
* :mod:`kg.neo4j.run`        named queries' Cypher twins and read-only ad-hoc queries
"""
