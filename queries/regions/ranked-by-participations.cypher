// title: Regions ranked by participations
// description: NUTS regions (at the chosen level) ranked by project participations of their organisations
// description: (counts kept by the CORDIS loader, within the loaded files).
// tags: regions, projects
// requires: Organisation.participations, Organisation.nuts_code
// param level: int = 2 -- NUTS level 1, 2 or 3
// param limit: int = 25
// example: {"level": 2, "limit": 10}
MATCH (o:Organisation)
WHERE o.participations > 0 AND o.nuts_code IS NOT NULL AND size(o.nuts_code) >= 2 + $level
WITH substring(o.nuts_code, 0, 2 + $level) AS code, sum(o.participations) AS participations,
     count(o) AS organisations, sum(o.contribution_total) AS contribution
OPTIONAL MATCH (region:Region {id: code})
RETURN code, region.name AS region, participations, organisations, contribution
ORDER BY participations DESC, code
LIMIT $limit
