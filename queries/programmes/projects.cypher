// title: Projects funded by a programme
// description: Projects linked to a programme (a framework, a legal basis such as HORIZON.2.5, or a
// description: funding scheme such as HORIZON-RIA), newest first, with the project's whole grant: the EU's
// description: contribution (EUR) of a CORDIS project, a table's `project_amount` in its currency.
// tags: programmes, projects
// requires: FUNDED_BY
// param programme: string = lb:HORIZON.2.5
// suggest programme: MATCH (p:Programme)<-[:FUNDED_BY]-() RETURN DISTINCT p.id AS value ORDER BY value
// param limit: int = 100
// range limit: 1..1000000
// example: {"programme": "scheme:HORIZON-CSA", "limit": 50}
// empty: No project the store holds is funded by this programme or a programme part of it (a cluster
// empty: programme such as ARENA funds clusters, not projects: `programmes/members-by-region` lists them).
MATCH (g:Programme {id: $programme})
MATCH (p:Project)-[:FUNDED_BY]->(:Programme)-[:PART_OF*0..5]->(g)
WITH DISTINCT p
ORDER BY p.start_date DESC, p.acronym
LIMIT $limit
OPTIONAL MATCH (o)-[:PARTICIPATES_IN]->(p)
RETURN p.id AS project, p.acronym AS acronym, coalesce(p.title, p.name) AS title, p.start_date AS start,
       count(o) AS partners, coalesce(p.ec_max_contribution, p.amount) AS project_grant,
       CASE WHEN p.ec_max_contribution IS NOT NULL THEN 'EUR' ELSE p.currency END AS grant_currency
ORDER BY start DESC, acronym
