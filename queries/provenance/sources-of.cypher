// title: Where a fact comes from
// description: The source documents and files recorded for a node and for its relationships.
// tags: provenance
// param id: string = iot-world -- a node's id
// example: {"id": "automation-smaland"}
MATCH (n {id: $id})
OPTIONAL MATCH (n)-[r]-(m)
WITH n, collect({rel: type(r), other: m.name, sources: r.sources}) AS rels
UNWIND n.sources AS source_id
OPTIONAL MATCH (s:Source {id: source_id})
RETURN n.name AS node, source_id, s.name AS source, s.file AS file, rels
ORDER BY source_id
