"""The domain, no Streamlit: `store/` (schema, records, Cypher, contract, adapters, writer), `analytics/`
(projections, metrics, recommendation), `views/` (filters, layout, rendering, geography), and the shared
core beside them (errors, settings, values, memory). Rooms import the core and the rooms listed before
them only."""
