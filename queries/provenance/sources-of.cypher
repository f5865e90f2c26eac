// title: Where a fact comes from
// description: The source documents and files recorded for a node and for its relationships.
// tags: provenance
// requires: Source
// param id: string = iot-world -- a node's id
// example: {"id": "automation-smaland"}
// empty: No source is recorded for a node of that id: give a node's id as the store holds it (Explore's details show it;
// empty: `iot-world`, `pic:999613422`).
OPTIONAL MATCH (o:Organisation {id: $id})
OPTIONAL MATCH (p:Project {id: $id})
OPTIONAL MATCH (g:Programme {id: $id})
OPTIONAL MATCH (q:QualityLabel {id: $id})
OPTIONAL MATCH (r:Region {id: $id})
OPTIONAL MATCH (c:Country {id: $id})
OPTIONAL MATCH (s:Sector {id: $id})
OPTIONAL MATCH (h:Person {id: $id})
OPTIONAL MATCH (w:Award {id: $id})
WITH coalesce(o, p, g, q, r, c, s, h, w) AS n
WHERE n IS NOT NULL
OPTIONAL MATCH (n)-[rel]-(m)
WITH n, collect({rel: type(rel), other: m.name, sources: rel.sources}) AS rels
UNWIND n.sources AS source_id
OPTIONAL MATCH (src:Source {id: source_id})
RETURN n.name AS node, source_id, src.name AS source, src.file AS file, rels
ORDER BY source_id
