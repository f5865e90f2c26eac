// title: Members of a programme by region
// description: The clusters taking part in a support programme, grouped by the region they sit in (a cluster
// description: in several regions is in each, so the numbers may add up to more than the members; nuts_code is
// description: the region's id: a NUTS code, or a national region's such as NO-Grenland; a region NUTS 2024 recoded
// description: under its NUTS 2021 name is one, under its newer code: Zuid-Holland NL33 is NL36).
// tags: programmes, regions, clusters
// requires: Programme, MEMBER_OF
// param programme: string = s3-cluster-pilot -- the programme's id
// suggest programme: MATCH (p:Programme)<-[:MEMBER_OF]-() RETURN DISTINCT p.id AS value ORDER BY value
// example: {"programme": "s3-cluster-pilot"}
// empty: No cluster or organisation of the store is a member of this programme (MEMBER_OF it). A programme that
// empty: funds projects, as a grants table's programme column makes it (FUNDED_BY), has no members:
// empty: `programmes/projects` lists its projects. Members come from a cluster list's programme column (`cluster-explorer
// empty: mapping new TABLE` writes that MEMBER_OF; docs/mapping.md).
MATCH (c)-[m:MEMBER_OF]->(p:Programme {id: $programme})
OPTIONAL MATCH (c)-[:LOCATED_IN]->(held:Region)
OPTIONAL MATCH (newer:Region {id: held.newer_twin})
WITH DISTINCT c, coalesce(newer, held) AS r
RETURN coalesce(r.name, '(region unknown)') AS region, r.id AS nuts_code,
       collect(c.name) AS members, count(c) AS number
ORDER BY number DESC, region
