"""cluster-explorer domain: schema, settings, errors, store contract and adapters, analytics. No Streamlit here."""
