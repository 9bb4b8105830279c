// name: related
// description: Papers sharing methods, datasets or concepts with the given paper, most shared first.
// params: id (str), limit (int, default 10)
// columns: paper, title, shared_count, shared
// example: :param {id: '2405.13729', limit: 10}
MATCH (p:Paper {key: trim($id)})-->(e)
WHERE NOT coalesce(p.cited_only, false) AND (e:Method OR e:Dataset OR e:Concept)
MATCH (o:Paper)-->(e)
WHERE o <> p AND NOT coalesce(o.cited_only, false)
WITH DISTINCT o, coalesce(e.name, e.key) AS name
ORDER BY name
WITH o, collect(name) AS shared
RETURN o.key AS paper, coalesce(o.title, '') AS title, size(shared) AS shared_count, shared
ORDER BY shared_count DESC, paper ASC
LIMIT $limit
