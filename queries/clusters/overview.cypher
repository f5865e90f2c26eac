// title: Clusters at a glance: regions, programmes, labels
// description: Every cluster with its regions, programmes and quality labels, optionally for one country.
// tags: clusters, overview
// requires: Cluster, Cluster.country | Cluster>LOCATED_IN
// param country: string = any -- a country by code or name (SE, Sweden, Sverige) or "any" (in any case)
// suggest country: MATCH (c:Country) RETURN c.id AS value ORDER BY value
// example: {"country": "SE"}
// empty: No cluster is in that country, or no country of the store has that code or name (SE, Sweden,
// empty: Sverige); `any` lists every cluster.
OPTIONAL MATCH (named:Country)
WHERE toLower(named.name) = toLower($country) OR toLower(named.local_name) = toLower($country)
   OR named._search CONTAINS ('|' + $country_folded + '|')
WITH coalesce(head(collect(named.id)), trim($country)) AS country
MATCH (c:Cluster)
OPTIONAL MATCH (c)-[:LOCATED_IN]->(r:Region)
OPTIONAL MATCH (r)-[:PART_OF*0..3]->(k:Country)
WITH country, c, collect(DISTINCT r.name) AS regions, collect(DISTINCT k.id) AS countries
WHERE toLower(country) = 'any' OR country IN countries OR c.country = country
OPTIONAL MATCH (c)-[:MEMBER_OF]->(p:Programme)
WITH c, regions, countries, collect(DISTINCT p.name) AS programmes
OPTIONAL MATCH (c)-[:HAS_LABEL]->(q:QualityLabel)
RETURN c.id AS id, c.name AS cluster, regions, programmes, collect(DISTINCT q.name) AS labels
ORDER BY cluster
