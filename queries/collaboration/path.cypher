// title: How two organisations are connected
// description: The shortest chains of shared projects (up to two intermediaries) between two organisations.
// tags: collaboration, organisations
// param from: string -- an organisation's id
// param to: string -- the other organisation's id
// example: {"from": "pic:999984059", "to": "pic:999844670"}
MATCH path = (a {id: $from})-[:PARTICIPATES_IN*2..6]-(b {id: $to})
WITH path ORDER BY length(path) LIMIT 3
RETURN length(path) / 2 AS steps, [n IN nodes(path) | coalesce(n.acronym, n.name)] AS chain, path
