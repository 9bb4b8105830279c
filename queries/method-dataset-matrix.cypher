// name: method-dataset-matrix
// description: Method x dataset pairs: papers that propose or use the method and evaluate on the dataset.
// params: min_papers (int, default 1)
// columns: method, dataset, papers_count, papers
// example: :param min_papers => 1
MATCH (p:Paper)-[:PROPOSES|USES]->(m:Method)
WHERE NOT coalesce(p.cited_only, false)
MATCH (p)-[:EVALUATES_ON]->(d)
WITH DISTINCT coalesce(m.name, m.key) AS method, coalesce(d.name, d.key) AS dataset, p.key AS paper
ORDER BY paper
WITH method, dataset, collect(paper) AS papers
WHERE size(papers) >= $min_papers
RETURN method, dataset, size(papers) AS papers_count, papers
ORDER BY papers_count DESC, method, dataset
