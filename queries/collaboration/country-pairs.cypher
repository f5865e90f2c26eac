// title: Country pairs that collaborate most
// description: For one country, the partner countries ranked by the projects they share with it.
// tags: collaboration, countries
// requires: PARTICIPATES_IN, Organisation.country=$country
// param country: string = SE
// suggest country: MATCH (c:Country) RETURN c.id AS value ORDER BY value
// param limit: int = 20
// example: {"country": "NO", "limit": 10}
MATCH (:Organisation {country: $country})-[:PARTICIPATES_IN]->(p:Project)
WITH DISTINCT p
MATCH (p)<-[:PARTICIPATES_IN]-(b:Organisation)
WHERE b.country <> $country
RETURN b.country AS partner_country, count(DISTINCT p) AS shared_projects, count(DISTINCT b) AS partners
ORDER BY shared_projects DESC, partner_country
LIMIT $limit
