// title: Regions ranked by participations
// description: NUTS regions (at the chosen level) ranked by project participations of their organisations.
// tags: regions, projects
// param level: int = 2 -- NUTS level 1, 2 or 3
// param limit: int = 25
// example: {"level": 2, "limit": 10}
MATCH (o:Organisation)-[r:PARTICIPATES_IN]->(:Project)
WHERE o.nuts_code IS NOT NULL AND size(o.nuts_code) >= 2 + $level
WITH substring(o.nuts_code, 0, 2 + $level) AS code, count(r) AS participations,
     count(DISTINCT o) AS organisations, sum(coalesce(r.contribution, 0)) AS contribution
OPTIONAL MATCH (region:Region {id: code})
RETURN code, region.name AS region, participations, organisations, contribution
ORDER BY participations DESC, code
LIMIT $limit
