// title: Projects shared by two organisations
// description: The projects in which both organisations take part, with their roles.
// tags: organisations, projects, collaboration
// requires: PARTICIPATES_IN
// param first: string -- an organisation's id (CORDIS participants are pic:<PIC>)
// param second: string -- the other organisation's id
// example: {"first": "pic:884723712", "second": "pic:999977851"}
// empty: The two organisations take part in no project together; `collaboration/path` shows whether a common
// empty: partner links them.
MATCH (a:Organisation {id: $first})-[ra:PARTICIPATES_IN]->(p:Project)<-[rb:PARTICIPATES_IN]-(b:Organisation {id: $second})
RETURN DISTINCT p.id AS project, p.acronym AS acronym, coalesce(p.title, p.name) AS title, p.start_date AS start,
       ra.role AS first_role, rb.role AS second_role
ORDER BY start DESC, acronym
