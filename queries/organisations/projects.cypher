// title: An organisation's projects
// description: Every project an organisation takes part in, newest first, with its role (participant where the
// description: table gives none) and contribution (a grant in another currency than EUR, or of another funder than
// description: the EU, as amount, currency and funder)
// description: and the project's whole grant (CORDIS's EU contribution in EUR, a table's project_amount);
// description: a seed cluster's projects are those of its CORDIS record (SAME_AS: one body, two records).
// tags: organisations, projects
// requires: PARTICIPATES_IN
// param organisation: string -- the organisation's id (CORDIS participants are pic:<PIC>)
// example: {"organisation": "pic:999977851"}
// empty: The organisation takes part in no project the store holds (a load of projects with its id as a
// empty: participant gives it some).
MATCH (o:Organisation {id: $organisation})
OPTIONAL MATCH (o)-[:SAME_AS]-(same:Organisation)
WITH o, collect(DISTINCT same) AS others
UNWIND [o] + others AS body
MATCH (body)-[r:PARTICIPATES_IN]->(p:Project)
RETURN DISTINCT p.id AS project, p.acronym AS acronym, coalesce(p.title, p.name) AS title, p.start_date AS start,
       coalesce(r.role, 'participant') AS role,
       r.contribution AS contribution, r.amount AS amount, r.currency AS currency, r.funder AS funder,
       coalesce(p.ec_max_contribution, p.amount) AS project_grant,
       CASE WHEN p.ec_max_contribution IS NOT NULL THEN 'EUR' ELSE p.currency END AS grant_currency
ORDER BY start DESC, acronym
