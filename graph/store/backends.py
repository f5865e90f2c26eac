"""Choosing the backend: Neo4j when `NEO4J_URI` is set, else the embedded FalkorDB.

Kept apart from the contract so that the contract imports no adapter; each adapter's module is
imported only when chosen, so the other database client is not needed.
"""

from __future__ import annotations

from graph.settings import Settings
from graph.store.contract import GraphStore

__all__ = ["open_store"]


def open_store(settings: Settings) -> GraphStore:
    """Open the store the settings choose: Neo4j when `NEO4J_URI` is set, else the embedded FalkorDB.

    Each adapter's module is imported only when chosen, so the other database client is not needed.
    """
    if settings.store_kind == "neo4j":
        from graph.store.neo4j_store import Neo4jStore

        return Neo4jStore(settings)
    from graph.store.falkordb_store import FalkorDBStore

    return FalkorDBStore(settings.db_path, settings.graph_name,
                         default_timeout_s=settings.query_timeout_s, default_row_cap=settings.row_cap)
