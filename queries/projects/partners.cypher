// title: A project's partners
// description: Every participant of a project with its role, country and EU contribution (EUR).
// tags: projects, organisations
// requires: PARTICIPATES_IN
// param project: string = iot4industry -- the project's id (CORDIS grants are cordis:<number>)
// suggest project: MATCH (p:Project) RETURN p.id AS value ORDER BY value LIMIT 200
// example: {"project": "cordis:101136349"}
MATCH (o)-[r:PARTICIPATES_IN]->(p:Project {id: $project})
RETURN o.name AS partner, r.role AS role, r.order AS position, o.country AS country,
       r.contribution AS contribution, 'SME' IN labels(o) AS sme
ORDER BY position, partner
