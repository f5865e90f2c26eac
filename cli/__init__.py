"""The `cluster-explorer` command line: a thin shell that may import `graph/`, `queries/` and `loaders/`.

`main` is the click group (cli.main); importing the sub-modules registers their commands on it.
"""

from cli import analysing, app, download, loading, mapping, querying, recommending, store  # noqa: F401  (they register their commands)
from cli.main import main

__all__ = ["main"]
