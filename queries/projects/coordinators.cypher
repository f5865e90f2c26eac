// title: Coordinators with the most partners
// description: Organisations that coordinate projects, ranked by the distinct partners across the projects
// description: they coordinate (counts kept by the CORDIS loader, within the loaded files).
// tags: projects, organisations
// requires: PARTICIPATES_IN.role, Organisation.coordinated_projects
// param limit: int = 20
// range limit: 1..1000000
// example: {"limit": 10}
// empty: No organisation coordinates a project the store holds: coordinators are the participations with role
// empty: coordinator (CORDIS's, a table's role column, or the participation preset's `coordinator` column).
MATCH (c:Organisation)
WHERE c.coordinated_projects > 0
RETURN c.id AS id, c.name AS coordinator, c.coordinated_projects AS projects, c.coordinated_partners AS partners
ORDER BY partners DESC, coordinator
LIMIT $limit
