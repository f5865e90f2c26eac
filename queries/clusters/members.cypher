// title: A cluster's members
// description: The organisations that are members of a cluster (MEMBER_OF: the seeds' and those of your member list),
// description: with when they joined, whether they are SMEs, where they are and how many projects of the store they
// description: take part in. The question a cluster manager asks first after loading a member list
// description: (programmes/members-by-region answers it for a programme).
// tags: clusters, organisations
// requires: MEMBER_OF
// param cluster: string -- the cluster's id (a seed cluster's such as industrial-green-tech, a detected one's pic:<PIC>)
// example: {"cluster": "iot-world"}
// empty: No organisation of the store is a member of this cluster: load a member list (`cluster-explorer mapping
// empty: new TABLE` writes its mapping from the table; docs/mapping.md).
MATCH (o:Organisation)-[m:MEMBER_OF]->(c:Cluster {id: $cluster})
OPTIONAL MATCH (o)-[:LOCATED_IN]->(place)
WITH o, m, collect(DISTINCT place.name) AS places
RETURN o.name AS member, o.id AS id, m.since AS since, o.sme AS sme, o.city AS city, places,
       coalesce(o.projects, 0) AS projects
ORDER BY member
