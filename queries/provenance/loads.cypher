// title: Loads into the store
// description: Every completed load: what, when, its checksum and counts.
// tags: provenance
// requires: Load
// empty: No load is in the store's log yet: `cluster-explorer load sample` (or the Data page) loads one.
MATCH (l:Load)
RETURN l.source AS source, l.loaded_at AS loaded_at, l.nodes AS nodes, l.created AS created,
       l.updated AS updated, l.unchanged AS unchanged, l.relationships AS relationships, l.checksum AS checksum
ORDER BY loaded_at DESC
