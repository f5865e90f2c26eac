// title: Clusters and organisations active in a sector or topic
// description: Organisations (clusters first) linked to a sector, topic or field of science whose name
// description: contains the words, directly or through their projects.
// tags: sectors, clusters, organisations
// requires: Sector, ACTIVE_IN
// param term: string = internet of things -- the start of words in the sector's or topic's name, accents and case ignored
// param limit: int = 50
// range limit: 1..1000000
// example: {"term": "photovoltaic", "limit": 20}
// empty: No sector or topic has a word starting with these words (IoT finds "IoT devices", not
// empty: "antibiotics"), or none of them has an active organisation; `sectors` are listed by the Explore filter.
MATCH (s:Sector)
WHERE $term_folded <> '' AND (s._search CONTAINS ('|' + $term_folded) OR s._search CONTAINS (' ' + $term_folded))
MATCH (o)-[:ACTIVE_IN|PARTICIPATES_IN*1..2]->(s)
WHERE o:Organisation
RETURN o.name AS organisation, 'Cluster' IN labels(o) AS cluster, collect(DISTINCT s.name) AS sectors,
       count(*) AS links
ORDER BY cluster DESC, links DESC, organisation
LIMIT $limit
