// title: How two organisations are connected
// description: The shortest chains of shared projects between two organisations: partners in one
// description: project, or linked through one common partner (up to three chains are shown).
// tags: collaboration, organisations
// requires: PARTICIPATES_IN
// param from: string -- an organisation's id (CORDIS participants are pic:<PIC>)
// param to: string -- the other organisation's id
// example: {"from": "pic:884723712", "to": "pic:999467340"}
// empty: No chain of at most two shared projects joins them: they share no project and no partner (an
// empty: organisation without projects has no chain). `recommend --for` ranks who could link them, and the
// empty: Explore page shows each one's neighbourhood.
MATCH (a:Organisation {id: $from}), (b:Organisation {id: $to})
WITH a, b, size([(a)-[:PARTICIPATES_IN]->() | 1]) <= size([(b)-[:PARTICIPATES_IN]->() | 1]) AS forward
WITH forward, CASE WHEN forward THEN a ELSE b END AS s, CASE WHEN forward THEN b ELSE a END AS t
OPTIONAL MATCH direct = (s)-[:PARTICIPATES_IN]->(:Project)<-[:PARTICIPATES_IN]-(t)
WITH forward, s, t, collect(direct)[..3] AS directs
OPTIONAL MATCH via = (s)-[:PARTICIPATES_IN]->(:Project)<-[:PARTICIPATES_IN]-(x:Organisation)
                     -[:PARTICIPATES_IN]->(:Project)<-[:PARTICIPATES_IN]-(t)
WHERE size(directs) = 0 AND x <> s AND x <> t
WITH forward, directs, collect(via)[..3] AS vias
UNWIND (CASE WHEN size(directs) > 0 THEN directs ELSE vias END) AS path
WITH forward, path, [n IN nodes(path) | coalesce(n.acronym, n.name)] AS names
WITH forward, path, names, [n IN nodes(path) | n.kind + ':' + n.id] AS keys
RETURN DISTINCT length(path) / 2 AS steps, CASE WHEN forward THEN names ELSE reverse(names) END AS chain,
       CASE WHEN forward THEN keys ELSE reverse(keys) END AS path
ORDER BY steps
