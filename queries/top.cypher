// name: top
// description: The entities of one label linked to the most papers.
// params: label (str), limit (int, default 20)
// columns: entity, papers_count
// example: :param {label: 'Dataset', limit: 20}
MATCH (n)
WHERE NOT n:Paper AND toLower(labels(n)[0]) = toLower(trim($label))
OPTIONAL MATCH (p:Paper)-->(n)
WHERE NOT coalesce(p.cited_only, false)
WITH n, count(DISTINCT p) AS papers_count
RETURN CASE WHEN n:Repository THEN n.key ELSE coalesce(n.name, n.key) END AS entity, papers_count
ORDER BY papers_count DESC, entity ASC
LIMIT $limit
