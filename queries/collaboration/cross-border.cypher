// title: Cross-border collaboration between two countries
// description: Projects with partners from both countries, and how many partners each side brings (the
// description: countries of each project's partners are kept by the load pipeline after every load).
// tags: collaboration, countries, projects
// requires: PARTICIPATES_IN, Organisation.country=$first, Organisation.country=$second, Project.countries
// param first: string = SE -- a country: its code (SE) or its name (Sweden, Sverige)
// param second: string = NO -- another country, by code or name
// suggest first: MATCH (c:Country) RETURN c.id AS value ORDER BY value
// suggest second: MATCH (c:Country) RETURN c.id AS value ORDER BY value
// example: {"first": "SE", "second": "FR"}
// empty: No project has partners from both countries, or the two are one country (give two different ones).
OPTIONAL MATCH (:Country {id: $first}), (:Country {id: $second})
WITH DISTINCT $first AS first, $second AS second
MATCH (p:Project)
WHERE first <> second AND first IN p.countries AND second IN p.countries
WITH p, [i IN range(0, size(p.countries) - 1) WHERE p.countries[i] = first | p.country_participants[i]][0] AS from_first,
     [i IN range(0, size(p.countries) - 1) WHERE p.countries[i] = second | p.country_participants[i]][0] AS from_second
RETURN p.id AS project, p.acronym AS acronym, p.start_date AS start, from_first, from_second
ORDER BY from_first + from_second DESC, acronym
