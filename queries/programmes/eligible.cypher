// title: Clusters eligible for a programme that requires a label (ARENA Pro)
// description: Clusters holding a quality label at least as high as the one the programme requires
// description: (the texts' ARENA Pro requires Bronze), with the label they hold.
// tags: programmes, labels, clusters
// requires: REQUIRES, HAS_LABEL, QualityLabel.level
// param programme: string = arena-pro
// suggest programme: MATCH (p:Programme)-[:REQUIRES]->() RETURN p.id AS value ORDER BY value
// example: {"programme": "arena-pro"}
// empty: The programme requires no quality label (only a programme with a REQUIRES link to a label has
// empty: eligible clusters: ARENA Pro requires ESCA Bronze), or no cluster holds the label it requires.
MATCH (p:Programme {id: $programme})-[:REQUIRES]->(needed:QualityLabel)
MATCH (c:Cluster)-[h:HAS_LABEL]->(held:QualityLabel)
WHERE held.level >= needed.level
WITH p, needed, c, max(held.level) AS best
MATCH (c)-[:HAS_LABEL]->(top:QualityLabel {level: best})
RETURN c.name AS cluster, top.name AS holds, needed.name AS requires, p.name AS programme
ORDER BY cluster
