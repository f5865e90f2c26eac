"""Views of the graph for the app: filters and search, exports, geography, layout and rendering. May import
the core and `graph.store`; never Streamlit."""
