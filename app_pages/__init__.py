"""The app's pages (the files app.py's `st.Page` calls name, each <= 80 lines) and the parts they share or
split off. May import `graph`, `queries` and `loaders`; never the CLI."""
