// name: paper
// description: Everything known about one paper: each relationship with its evidence.
// params: id (str)
// columns: relation, label, entity, evidence, rule, confidence
// example: :param id => '2405.13729'
MATCH (p:Paper {key: trim($id)})-[r]->(t)
WHERE NOT coalesce(p.cited_only, false)
RETURN type(r) AS relation, labels(t)[0] AS label,
       CASE WHEN t:Paper OR t:Repository THEN t.key ELSE coalesce(t.name, t.key) END AS entity,
       coalesce(r.evidence, '') AS evidence, coalesce(r.rule, '') AS rule, r.confidence AS confidence
ORDER BY relation, label, entity
