// title: Quality labels expiring soon
// description: Labels whose stated expiry date falls within the given number of months after a day.
// tags: labels, clusters
// requires: Cluster, HAS_LABEL.expires
// param on: date = 2020-06-01 -- count from this day
// param months: int = 6 -- how many months ahead
// range months: 0..1200
// example: {"on": "2020-06-01", "months": 6}
// empty: No label held expires in those months after that day (a date like 06/01/2020 reads day first:
// empty: 6 January; write 2020-06-01 to be sure).
MATCH (c:Cluster)-[h:HAS_LABEL]->(q:QualityLabel)
WHERE h.expires IS NOT NULL AND h.expires >= $on
  AND h.expires <= toString(date($on) + duration({months: $months}))
RETURN c.name AS cluster, q.name AS label, h.awarded AS awarded, h.expires AS expires
ORDER BY expires, cluster
