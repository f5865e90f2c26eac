"""Choosing the backend: Neo4j when `NEO4J_URI` is set, else the embedded FalkorDB.

Kept apart from the contract so that the contract imports no adapter; each adapter's module is
imported only when chosen, so the other database client is not needed.
"""

from __future__ import annotations

import time
from contextlib import AbstractContextManager, nullcontext

from graph.settings import Settings
from graph.store.contract import GraphStore

__all__ = ["open_store", "hold_for_load", "running_load_note", "other_graphs"]


def hold_for_load(store: GraphStore, *, wait: bool = True, announce: bool = True) -> AbstractContextManager:
    """Hold `store` for one load: loads into one embedded store run one at a time (a second waits, saying so
    on stderr, or with `wait=False` gets `StoreBusy`). Neo4j's own transactions keep concurrent loads apart.
    `announce=False`: a probe of the lock, which `running_load_note` must not name as a load."""
    lock = getattr(store, "load_lock", None)
    return lock(wait=wait, announce=announce) if lock is not None else nullcontext()


def running_load_note(store: GraphStore) -> str | None:
    """The one line a read says while a load holds the embedded store (its answers may be half-loaded: a `query`
    and a `load csv --check` during `load sample` had answered without a word); None when none does, or on Neo4j.
    Never waits for the load."""
    if store.kind != "falkordb":
        return None
    from graph.store.falkordb_config import StorePaths
    from graph.store.locks import running_load

    held = running_load(StorePaths(store.db_path).load_lock)
    if held is None:
        return None
    pid, started = held
    return (f"a load is running on this store (started {time.strftime('%H:%M', time.localtime(started))} by PID "
            f"{pid}): answers may miss what it has not written yet")


def open_store(settings: Settings) -> GraphStore:
    """Open the store the settings choose: Neo4j when `NEO4J_URI` is set, else the embedded FalkorDB.

    Each adapter's module is imported only when chosen, so the other database client is not needed.
    """
    if settings.store_kind == "neo4j":
        from graph.store.neo4j_store import Neo4jStore

        return Neo4jStore(settings)
    from graph.store.falkordb_config import default_limits
    from graph.store.falkordb_store import FalkorDBStore

    limits = default_limits(settings.query_memory_mb, settings.server_memory_mb)
    return FalkorDBStore(settings.db_path, settings.graph_name, limits=limits,
                         default_timeout_s=settings.query_timeout_s, default_row_cap=settings.row_cap)


def other_graphs(store: GraphStore) -> list[str]:
    """The other graphs the embedded store's file holds (a mistyped CLUSTER_EXPLORER_GRAPH opens an empty one
    beside them); none for Neo4j, whose database name is checked by the server."""
    if store.kind != "falkordb":
        return []
    from graph.store.falkordb_process import probe_client, running_socket

    socket = running_socket(store.db_path)
    if socket is None:
        return []
    client = probe_client(socket, 10)
    try:
        names = [g.decode() if isinstance(g, bytes) else str(g) for g in client.execute_command("GRAPH.LIST")]
        return sorted(name for name in names if name != store.graph_name)
    finally:
        client.close()

