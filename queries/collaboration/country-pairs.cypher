// title: Country pairs that collaborate most
// description: For one country, the partner countries ranked by the projects they share with it, and how many
// description: organisations of each take part in them (counts kept by the load pipeline after every load).
// tags: collaboration, countries
// requires: PARTICIPATES_IN, Organisation.country=$country, Country.partner_countries
// param country: string = SE
// suggest country: MATCH (c:Country) RETURN c.id AS value ORDER BY value
// param limit: int = 20
// range limit: 1..1000000
// example: {"country": "NO", "limit": 10}
// empty: No organisation of this country shares a project with one of another country: the partners of its
// empty: projects are all of it (as a national grants table's are), or those in projects have no `country` (a
// empty: cluster list places its clusters, not a grants table's partners): map the participation table's `country`
// empty: column in its [columns], or country = { value = "NO" } for a national table.
MATCH (c:Country {id: $country})
WHERE c.partner_countries IS NOT NULL
UNWIND range(0, size(c.partner_countries) - 1) AS i
RETURN c.partner_countries[i] AS partner_country, c.shared_projects[i] AS shared_projects,
       c.partner_organisations[i] AS partners
ORDER BY shared_projects DESC, partner_country
LIMIT $limit
