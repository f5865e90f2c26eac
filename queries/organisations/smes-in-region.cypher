// title: SMEs of a region or country and their projects of any programme
// description: SMEs whose NUTS code starts with the given code (a country such as SE, or a region such
// description: as SE12), with how many projects they joined, of any programme the store holds: CORDIS's EU
// description: projects and the national or regional ones your own tables load alike (an SME in two Business
// description: Finland projects counts 2). Contribution is their total EU contribution: CORDIS's, and a
// description: table's amounts whose funder is the EU; a national funder's amounts are not in it (empty when
// description: none of their participations gives one: not given, not 0). A region NUTS 2024 recoded under its
// description: NUTS 2021 name is one place by either code or the name (Zuid-Holland: NL36 and NL33's SMEs).
// tags: organisations, regions, sme
// requires: SME, PARTICIPATES_IN, Organisation.country | Organisation.nuts_code | Organisation.region
// param area: string = SE -- a country or region: its code (SE, SE12), its name (Sweden, Sverige, Västsverige; accents and case ignored: vastsverige), the start of its name when no name is that (smaland: Småland med öarna) or a national region (NO-Vestland)
// example: {"area": "SE"}
// empty: No SME of that area takes part in a project the store holds. A name must be one of a country or
// empty: region of the store (`regions/ranked-by-participations` lists them), the start of one such name
// empty: (three letters at least), or a code's start (SE, SE23);
// empty: SMEs are the organisations CORDIS marks as SMEs, or that a mapping marks (`label_if`). A name of
// empty: several places (Nord-Est: Italy's ITH and Romania's RO21) answers nothing: give the code (a name of a
// empty: region and of its one sub-region, as FRL and FRL0 are Provence-Alpes-Côte d’Azur, is the wider region).
OPTIONAL MATCH (named) WHERE (named:Country OR named:Region)
  AND (toLower(named.name) = toLower($area) OR toLower(named.local_name) = toLower($area)
       OR named._search CONTAINS ('|' + $area_folded + '|'))
WITH collect(named) AS exact
OPTIONAL MATCH (begun) WHERE size(exact) = 0 AND size($area_folded) >= 3 AND (begun:Country OR begun:Region)
  AND begun._search CONTAINS ('|' + $area_folded)
WITH exact, collect(begun) AS begun
UNWIND CASE size(exact) WHEN 0 THEN begun ELSE exact END AS named
WITH named ORDER BY coalesce(last(named.nuts_versions), '') DESC
WITH collect(named) AS found
WITH [n IN found WHERE coalesce(last(n.nuts_versions), '') = coalesce(last(found[0].nuts_versions), '')] AS newest
WITH newest, [n IN newest WHERE all(m IN newest WHERE m.id STARTS WITH n.id)] AS widest
WITH CASE WHEN size(newest) = 0 THEN $area WHEN size(widest) = 1 THEN widest[0].id END AS area
OPTIONAL MATCH (given:Region {id: area})
WITH coalesce(given.newer_twin, area) AS area
OPTIONAL MATCH (older:Region {newer_twin: area})
WITH area, collect(older.id) AS older
MATCH (o:SME)-[r:PARTICIPATES_IN]->(p:Project)
WHERE o.country = area OR o.nuts_code STARTS WITH area OR o.region = area
   OR any(code IN older WHERE o.nuts_code STARTS WITH code)
WITH o, count(DISTINCT p) AS projects, count(r.contribution) AS amounts, sum(r.contribution) AS summed
RETURN o.name AS sme, o.nuts_code AS nuts_code, projects,
       CASE WHEN amounts = 0 THEN null ELSE round(summed * 100) / 100 END AS contribution
ORDER BY projects DESC, coalesce(contribution, -1.0) DESC, sme
