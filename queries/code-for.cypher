// name: code-for
// description: Code repositories for a paper (by id) or a method (by name or alias).
// params: name (str)
// columns: entity, repository, url, via
// example: :param name => 'GRPO'
CALL () {
  MATCH (p:Paper {key: trim($name)})-[:HAS_CODE]->(r:Repository)
  WHERE NOT coalesce(p.cited_only, false)
  RETURN p.key AS entity, r.key AS repository, coalesce(r.url, '') AS url, p.key AS via
  UNION
  MATCH (m:Method)
  WHERE m.key = toLower(trim($name)) OR toLower(trim(m.name)) = toLower(trim($name))
     OR any(alias IN coalesce(m.aliases, []) WHERE toLower(trim(alias)) = toLower(trim($name)))
  MATCH (r:Repository)-[i:IMPLEMENTS]->(m)
  RETURN coalesce(m.name, m.key) AS entity, r.key AS repository, coalesce(r.url, '') AS url, coalesce(i.via, '') AS via
  UNION
  MATCH (m:Method)
  WHERE m.key = toLower(trim($name)) OR toLower(trim(m.name)) = toLower(trim($name))
     OR any(alias IN coalesce(m.aliases, []) WHERE toLower(trim(alias)) = toLower(trim($name)))
  MATCH (p:Paper)-[:PROPOSES]->(m)
  MATCH (p)-[:HAS_CODE]->(r:Repository)
  RETURN coalesce(m.name, m.key) AS entity, r.key AS repository, coalesce(r.url, '') AS url, p.key AS via
}
RETURN DISTINCT entity, repository, url, via
ORDER BY entity, repository, url, via
