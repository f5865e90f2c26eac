// title: Coordinators with the most partners
// description: Organisations that coordinate projects, ranked by the distinct partners across them.
// tags: projects, organisations
// param limit: int = 20
// example: {"limit": 10}
MATCH (c)-[:PARTICIPATES_IN {role: 'coordinator'}]->(p:Project)<-[:PARTICIPATES_IN]-(partner)
WHERE partner <> c
RETURN c.id AS id, c.name AS coordinator, count(DISTINCT p) AS projects, count(DISTINCT partner) AS partners
ORDER BY partners DESC, coordinator
LIMIT $limit
