// title: Cluster organisations in EU projects
// description: Organisations recognised as clusters that take part in projects, with their project count
// description: and the rule that recognised them.
// tags: clusters, projects
// requires: Cluster, PARTICIPATES_IN, Cluster>PARTICIPATES_IN, Cluster.country=$country
// param country: string = any -- a country by code or name (NO, Norway, Norge) or "any" (in any case)
// example: {"country": "NO"}
// empty: No cluster of that country takes part in a project, or no country of the store has that code or name
// empty: (NO, Norway, Norge); `any` lists every cluster in projects.
OPTIONAL MATCH (named:Country)
WHERE toLower(named.name) = toLower($country) OR toLower(named.local_name) = toLower($country)
   OR named._search CONTAINS ('|' + $country_folded + '|')
WITH coalesce(head(collect(named.id)), trim($country)) AS country
MATCH (c:Cluster)-[:PARTICIPATES_IN]->(p:Project)
WHERE toLower(country) = 'any' OR c.country = country
RETURN c.id AS id, c.name AS cluster, c.country AS country, c.cluster_rule AS rule,
       count(DISTINCT p) AS projects
ORDER BY projects DESC, cluster
