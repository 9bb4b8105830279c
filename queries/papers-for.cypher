// name: papers-for
// description: Papers linked to a method, dataset, concept, repository or author given by name or alias.
// params: name (str)
// columns: paper, title, relation, entity, label
// example: :param name => 'COCO'
WITH toLower(trim($name)) AS wanted
MATCH (n)
WHERE NOT n:Paper
  AND (n.key = wanted OR toLower(trim(n.name)) = wanted OR any(alias IN coalesce(n.aliases, []) WHERE toLower(trim(alias)) = wanted))
MATCH (p:Paper)-[r]->(n)
WHERE NOT coalesce(p.cited_only, false)
RETURN DISTINCT p.key AS paper, coalesce(p.title, '') AS title, type(r) AS relation,
       CASE WHEN n:Repository THEN n.key ELSE coalesce(n.name, n.key) END AS entity, labels(n)[0] AS label
ORDER BY paper, relation, label, entity
