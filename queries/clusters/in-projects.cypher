// title: Cluster organisations in EU projects
// description: Organisations recognised as clusters that take part in projects, with their project count
// description: and the rule that recognised them.
// tags: clusters, projects
// requires: Cluster, PARTICIPATES_IN, Cluster.country=$country
// param country: string = any -- a country code or "any"
// example: {"country": "NO"}
MATCH (c:Cluster)-[:PARTICIPATES_IN]->(p:Project)
WHERE $country = 'any' OR c.country = $country
RETURN c.id AS id, c.name AS cluster, c.country AS country, c.cluster_rule AS rule,
       count(DISTINCT p) AS projects
ORDER BY projects DESC, cluster
