// title: Clusters holding a quality label on a date
// description: Labels whose award date is on or before the day and whose expiry (when known) is not
// description: before it. Awards known only by year count from that year; undated awards are left out.
// tags: labels, clusters
// requires: Cluster, HAS_LABEL.awarded, QualityLabel.level
// param on: date = 2019-06-01 -- the day to check
// param min_level: int = 1 -- 1 Bronze, 2 Silver, 3 Gold
// range min_level: 1..3
// example: {"on": "2019-06-01", "min_level": 1}
// empty: No cluster holds a label of that level on that day. Only awards with a date count (HAS_LABEL's `awarded`:
// empty: a label list's `Awarded` or `Tilldelad` column, which `mapping new` maps); `labels/holders` lists every
// empty: holder of a label, dated or not.
MATCH (c:Cluster)-[h:HAS_LABEL]->(q:QualityLabel)
WHERE q.level >= $min_level AND h.awarded IS NOT NULL AND h.awarded <= $on
  AND (h.expires IS NULL OR h.expires >= $on)
RETURN c.name AS cluster, q.name AS label, h.awarded AS awarded, h.expires AS expires,
       CASE WHEN h.expires IS NULL THEN 'expiry unknown' ELSE 'valid' END AS status
ORDER BY q.level DESC, cluster
