"""The app pointed at one graph of the session's embedded server, for an AppTest module's fixture: the settings the
app reads (`CLUSTER_EXPLORER_DB`, `_GRAPH`, `_QUERIES`; no `NEO4J_URI`) while the module runs, then the stores the
app opened closed, so the server can stop. The store itself is the fixture's to clear and close."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import streamlit as st


@contextmanager
def app_on_graph(server: Path, graph: str, queries: Path) -> Iterator[None]:
    """The app reads graph `graph` of the embedded server at `server`, its saved queries in `queries`."""
    with pytest.MonkeyPatch.context() as env:
        env.delenv("NEO4J_URI", raising=False)
        env.setenv("CLUSTER_EXPLORER_DB", str(server))
        env.setenv("CLUSTER_EXPLORER_GRAPH", graph)
        env.setenv("CLUSTER_EXPLORER_QUERIES", str(queries))
        yield
    st.cache_resource.clear()  # closes the stores the app opened, so the server can stop
