// title: A project's partners with roles and contributions
// description: Every participant of a project with its role, country, EU contribution (EUR), a grant in another
// description: currency or of another funder (amount, currency, funder: a national funder's SEK or NOK, an Austrian
// description: FFG grant in EUR) and whether it is an SME (blank where the store does not say).
// tags: projects, organisations
// requires: PARTICIPATES_IN
// param project: string = iot4industry -- the project's id (CORDIS grants are cordis:<number>)
// suggest project: MATCH (p:Project) RETURN p.id AS value ORDER BY value LIMIT 200
// example: {"project": "cordis:101136349"}
// empty: No organisation takes part in this project in the store (a project of the seed texts may name none).
MATCH (o)-[r:PARTICIPATES_IN]->(p:Project {id: $project})
RETURN o.name AS partner, r.role AS role, r.order AS position, o.country AS country,
       r.contribution AS contribution, r.amount AS amount, r.currency AS currency, r.funder AS funder,
       CASE WHEN 'SME' IN labels(o) THEN true ELSE o.sme END AS sme
ORDER BY position, partner
