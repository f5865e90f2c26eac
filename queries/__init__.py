"""The saved-query engine beside its `.cypher` files: the catalogue, typed parameters and the runner. Sits
above the store layer (imports `graph`), below the CLI and the app."""
