"""Analytics: projections of the graph, metrics and communities, partner recommendation. Pure functions of
networkx graphs; may import the core and `graph.store` (schema, reads), never `graph.views`."""
