// title: Holders of a quality label
// description: Every cluster or organisation recorded with the label, with dates where the sources give them.
// tags: labels
// requires: HAS_LABEL
// param label: string = esca-bronze
// choices label: esca-bronze, esca-silver, esca-gold
// example: {"label": "esca-silver"}
// empty: No organisation or cluster of the store holds this label.
MATCH (c)-[h:HAS_LABEL]->(q:QualityLabel {id: $label})
RETURN c.name AS holder, h.awarded AS awarded, h.expires AS expires, h.issued_by AS issued_by,
       h.note AS note
ORDER BY holder
