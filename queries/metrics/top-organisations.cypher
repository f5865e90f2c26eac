// title: Top organisations by a stored centrality metric
// description: Organisations ranked by a metric written back by `cluster-explorer metrics compute --write`.
// tags: metrics, organisations
// requires: Organisation.$metric
// param metric: string = pagerank
// choices metric: degree, weighted_degree, betweenness, closeness, eigenvector, pagerank, clustering, core_number
// param limit: int = 20
// range limit: 1..1000000
// example: {"metric": "pagerank", "limit": 10}
// empty: No organisation holds that metric: write it with `cluster-explorer metrics compute --metric METRIC --write`
// empty: (or the Metrics page's Write back to the store).
MATCH (o:Organisation)
WHERE o[$metric] IS NOT NULL
RETURN o.id AS id, o.name AS organisation, o.country AS country, o[$metric] AS value
ORDER BY value DESC, organisation
LIMIT $limit
