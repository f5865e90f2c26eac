// title: A project's partners with roles and contributions
// description: Every participant of a project with its role (participant where the table gives none), country,
// description: EU contribution (EUR), a grant in another currency or of another funder (amount, currency, funder: a
// description: national funder's SEK or NOK, an Austrian FFG grant in EUR), whether it is an SME (blank where the
// description: store does not say), and the project's whole grant on each row (CORDIS's EU contribution in EUR, a
// description: table's project_amount: a regional table's grant beside a list of partners had shown nowhere).
// tags: projects, organisations
// requires: PARTICIPATES_IN
// param project: string = iot4industry -- the project's id (CORDIS grants are cordis:<number>)
// suggest project: MATCH (p:Project) RETURN p.id AS value ORDER BY value LIMIT 200
// example: {"project": "cordis:101136349"}
// empty: No organisation takes part in this project in the store (a project of the seed texts may name none).
MATCH (o)-[r:PARTICIPATES_IN]->(p:Project {id: $project})
RETURN o.name AS partner, coalesce(r.role, 'participant') AS role, r.order AS position, o.country AS country,
       r.contribution AS contribution, r.amount AS amount, r.currency AS currency, r.funder AS funder,
       CASE WHEN 'SME' IN labels(o) THEN true ELSE o.sme END AS sme,
       coalesce(p.ec_max_contribution, p.amount) AS project_grant,
       CASE WHEN p.ec_max_contribution IS NOT NULL THEN 'EUR' ELSE p.currency END AS grant_currency
ORDER BY position, partner
