// title: Cross-border collaboration between two countries
// description: Projects with partners from both countries, and how many partners each side brings.
// tags: collaboration, countries, projects
// requires: PARTICIPATES_IN, Organisation.country=$first, Organisation.country=$second
// param first: string = SE -- a country code
// param second: string = NO -- another country code
// suggest first: MATCH (c:Country) RETURN c.id AS value ORDER BY value
// suggest second: MATCH (c:Country) RETURN c.id AS value ORDER BY value
// example: {"first": "SE", "second": "FR"}
MATCH (a:Organisation)-[:PARTICIPATES_IN]->(p:Project)<-[:PARTICIPATES_IN]-(b:Organisation)
WHERE a.country = $first AND b.country = $second
RETURN p.id AS project, p.acronym AS acronym, p.start_date AS start,
       count(DISTINCT a) AS from_first, count(DISTINCT b) AS from_second
ORDER BY from_first + from_second DESC, acronym
