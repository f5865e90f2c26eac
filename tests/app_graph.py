"""The app pointed at one graph of the session's embedded server, for an AppTest module's fixture: the settings the
app reads (`CLUSTER_EXPLORER_DB`, `_GRAPH`, `_QUERIES`; no `NEO4J_URI`) while the module runs, then the stores the
app opened closed, so the server can stop. `app_on_stores` also clears and closes the stores the fixture built: the
shape a dozen AppTest modules had each written out."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import streamlit as st

from graph.store.contract import GraphStore


@contextmanager
def app_on_graph(server: Path, graph: str | None, queries: Path, **settings: str) -> Iterator[None]:
    """The app reads graph `graph` of the embedded server at `server` (its default graph for None), its saved queries
    in `queries`; `settings` sets more of the app's settings by the end of their variable's name (`cache_dir=`)."""
    with pytest.MonkeyPatch.context() as env:
        env.delenv("NEO4J_URI", raising=False)
        env.setenv("CLUSTER_EXPLORER_DB", str(server))
        if graph is not None:
            env.setenv("CLUSTER_EXPLORER_GRAPH", graph)
        env.setenv("CLUSTER_EXPLORER_QUERIES", str(queries))
        for name, value in settings.items():
            env.setenv(f"CLUSTER_EXPLORER_{name.upper()}", value)
        yield
    st.cache_resource.clear()  # closes the stores the app opened, so the server can stop


@contextmanager
def app_on_stores(server: Path, graph: str | None, queries: Path, *stores: GraphStore,
                  **settings: str) -> Iterator[None]:
    """`app_on_graph`, then each of `stores` (the graphs the fixture built for the app) cleared and closed."""
    with app_on_graph(server, graph, queries, **settings):
        yield
    for store in stores:
        store.clear()
        store.close()
