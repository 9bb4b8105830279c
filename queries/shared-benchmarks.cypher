// name: shared-benchmarks
// description: Datasets and benchmarks evaluated on by at least min_papers papers, with those papers.
// params: min_papers (int, default 2)
// columns: dataset, papers_count, papers
// example: :param min_papers => 2
MATCH (p:Paper)-[:EVALUATES_ON]->(d:Dataset)
WHERE NOT coalesce(p.cited_only, false)
WITH d, p.key AS paper
ORDER BY paper
WITH d, collect(DISTINCT paper) AS papers
WHERE size(papers) >= $min_papers
RETURN coalesce(d.name, d.key) AS dataset, size(papers) AS papers_count, papers
ORDER BY papers_count DESC, dataset ASC
