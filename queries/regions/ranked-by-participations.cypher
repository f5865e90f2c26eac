// title: Regions ranked by participations
// description: NUTS regions (at the chosen level) ranked by project participations of their organisations
// description: (counts kept by the CORDIS loader, within the loaded files); a mapped table's national
// description: regions (NO-Hordaland, docs/mapping.md) at every level. Its contribution (EUR) is empty when
// description: none of its organisations' participations gives one (not given, not 0). A region NUTS 2024 recoded
// description: under its NUTS 2021 name is one row under its newer code, named with both (Zuid-Holland NL36
// description: (NUTS 2024) = NL33 (NUTS 2021)): CORDIS places some organisations by the older code.
// tags: regions, projects
// requires: Organisation.participations, Organisation.nuts_code | Organisation.region
// param level: int = 2 -- NUTS level 1, 2 or 3
// range level: 1..3
// param limit: int = 25
// range limit: 1..1000000
// example: {"level": 2, "limit": 10}
// empty: No region holds an organisation taking part in a project: none of those in projects has a `nuts_code` at
// empty: this NUTS level or finer, nor a national `region` (a cluster list places its clusters, not a grants table's
// empty: partners). Map the participation table's `region` column in its [columns] (a NUTS code or a county's name,
// empty: Vestland), or ask a coarser level (-p level=1).
MATCH (o:Organisation)
WHERE o.participations > 0 AND (size(coalesce(o.nuts_code, '')) >= 2 + $level OR o.region IS NOT NULL)
WITH CASE WHEN size(coalesce(o.nuts_code, '')) >= 2 + $level THEN substring(o.nuts_code, 0, 2 + $level)
     ELSE o.region END AS code, o
WITH code, toInteger(sum(o.participations)) AS participations, count(o) AS organisations,
     count(o.contribution_total) AS amounts, sum(o.contribution_total) AS summed
OPTIONAL MATCH (held:Region {id: code})
WITH coalesce(held.newer_twin, code) AS code, participations, organisations, amounts, summed,
     CASE WHEN held.newer_twin IS NULL THEN null ELSE held END AS older
WITH code, toInteger(sum(participations)) AS participations, toInteger(sum(organisations)) AS organisations,
     sum(amounts) AS amounts, sum(summed) AS summed, collect(older) AS older
ORDER BY participations DESC, code
LIMIT $limit
OPTIONAL MATCH (region:Region {id: code})
WITH code, region, participations, organisations, amounts, summed,
     [r IN [region] + older | r.id + ' (NUTS ' + reduce(said = '', v IN r.nuts_versions |
      said + CASE said WHEN '' THEN '' ELSE ' and ' END + v) + ')'] AS codes
RETURN code, CASE WHEN size(codes) = 1 THEN region.name ELSE region.name + ' ' + reduce(said = '', c IN codes |
       said + CASE said WHEN '' THEN '' ELSE ' = ' END + c) END AS region, participations, organisations,
       CASE WHEN amounts = 0 THEN null ELSE round(summed * 100) / 100 END AS contribution
ORDER BY participations DESC, code
