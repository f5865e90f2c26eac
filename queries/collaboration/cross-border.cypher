// title: Cross-border collaboration between two countries
// description: Projects with partners from both countries, and how many partners each side brings.
// tags: collaboration, countries, projects
// requires: PARTICIPATES_IN, Organisation.country=$first, Organisation.country=$second
// param first: string = SE -- a country code
// param second: string = NO -- another country code
// suggest first: MATCH (c:Country) RETURN c.id AS value ORDER BY value
// suggest second: MATCH (c:Country) RETURN c.id AS value ORDER BY value
// example: {"first": "SE", "second": "FR"}
MATCH (a:Organisation {country: $first})-[:PARTICIPATES_IN]->(p:Project)
WITH p, count(DISTINCT a) AS from_first
MATCH (p)<-[:PARTICIPATES_IN]-(b:Organisation {country: $second})
WITH p, from_first, count(DISTINCT b) AS from_second
RETURN p.id AS project, p.acronym AS acronym, p.start_date AS start, from_first, from_second
ORDER BY from_first + from_second DESC, acronym
