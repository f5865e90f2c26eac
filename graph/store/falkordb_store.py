"""The embedded default store: FalkorDB from a file path, its server run by `graph.store.falkordb_server`.

What matters here, each tested:

* One server per store file: found or started under a file lock, its files checked first (damaged
  files refuse the start with `StoreDamaged`), stopped when its last client closes.
* The client has no socket read timeout and no retries (falkordblite's default re-sent a slow write).
  Time limits are the database's own (`GRAPH.RO_QUERY ... TIMEOUT`). A read the database has not stopped
  by its limit plus a grace (FalkorDB folds constant expressions while planning, outside the limit) is
  stopped by restarting the server; no acknowledged write is lost, the append-only file is fsynced on each.
* Memory: a query may use the server's `QUERY_MEM_CAPACITY` (past it: `QueryTooLarge`, the server stays
  up); huge literal ranges are refused before sending (`graph.store.falkordb_errors`).
* A server that died is started again by the next call, which sets `restarted` (the app says so).
"""

from __future__ import annotations

import atexit
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graph.errors import QueryError, QueryTimeout, StoreUnavailable
from graph.store import falkordb_server as server
from graph.store.contract import QueryResult
from graph.store.cypher import VIEW_INDEXES, clear_all, create_index, falkordb_indexes
from graph.store.falkordb_compact import rewrite_append_only
from graph.store.falkordb_config import ServerLimits, StorePaths, default_limits
from graph.store.falkordb_errors import refuse_huge_ranges, translate
from graph.store.falkordb_params import parameter_text, params_header
from graph.store.falkordb_results import to_query_result
from graph.store.falkordb_stream import STREAM_CAP_MAX, capped_ro_query
from graph.store.schema import NODE_LABELS

__all__ = ["FalkorDBStore", "parameter_text", "params_header", "GRACE_MIN_S"]

#: A read the database has not stopped by its limit plus max(GRACE_MIN_S, its limit) restarts the server.
GRACE_MIN_S = 5.0


class FalkorDBStore:
    """A graph in an embedded FalkorDB server whose data lives next to `db_path`."""

    kind = "falkordb"

    def __init__(self, db_path: Path | str, graph_name: str = "cluster_explorer", *,
                 default_timeout_s: float = 10.0, default_row_cap: int = 1000, limits: ServerLimits | None = None):
        self.db_path = Path(db_path).expanduser().resolve()
        self.location = str(self.db_path)
        self.graph_name = graph_name
        self.default_timeout_s = default_timeout_s
        self.default_row_cap = default_row_cap
        self.limits = limits or default_limits()
        self.restarted = False  # set when a call found the server gone and started it again
        self._stopped = self._closed = False
        self._connect()
        atexit.register(self.close)

    def _connect(self) -> None:
        from falkordb import FalkorDB
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        def connect(socket_path: str) -> None:
            db = FalkorDB(unix_socket_path=socket_path, socket_timeout=None, retry=Retry(NoBackoff(), 0))
            db.connection.ping()  # inside the lock: a client closing now sees us before it stops the server
            db.client = db.connection  # the name falkordblite used; tests reach the pool through it
            self._db, self._graph = db, db.select_graph(self.graph_name)

        try:
            server.ensure_server(self.db_path, self.limits, connect)
        except StoreUnavailable:
            raise
        except Exception as e:
            raise StoreUnavailable(f"could not start the embedded FalkorDB store at {self.db_path}: {e}. Check that "
                                   "the folder is writable, or set CLUSTER_EXPLORER_DB to another file.") from e

    def _reconnect_if_gone(self) -> bool:
        """After a failed call: start the server again if it is gone (True), else leave things as they are."""
        try:
            self._db.connection.ping()
            return False
        except Exception:
            self._db.connection.connection_pool.disconnect()
        self._connect()
        self.restarted = True
        return True

    @property
    def server_pid(self) -> int:
        """Process id of the embedded server (tests kill it to prove durability and restart)."""
        return int(json.loads(StorePaths(self.db_path).note.read_text())["pid"])

    def load_lock(self, *, wait: bool = True):
        """Hold this store for one load: a second load waits (saying so on stderr) or, `wait=False`, gets StoreBusy."""
        return server.load_lock(StorePaths(self.db_path).load_lock, str(self.db_path), wait=wait)

    # -- reading and writing -------------------------------------------------------------------
    def read(self, query: str, params: dict[str, Any] | None = None, *,
             timeout_s: float | None = None, row_cap: int | None = None) -> QueryResult:
        timeout_s = self.default_timeout_s if timeout_s is None else timeout_s
        row_cap = self.default_row_cap if row_cap is None else row_cap
        refuse_huge_ranges(query, params, self.limits)
        text = self.inline_parameters(query, params)
        try:
            result = self._guarded(text, timeout_s, row_cap)
        except Exception as e:
            if self._stopped:
                raise QueryTimeout(f"the query ran past its time limit of {timeout_s:g} s and the database did not "
                                   "stop it, so the embedded server was restarted (no saved data is lost); narrow "
                                   "the query down") from e
            if not self._reconnect_if_gone():
                raise translate(e, self.db_path, self.limits, timeout_s, query) from e
            try:  # the server had died (not because of this read): a read is safe to run again
                result = self._guarded(text, timeout_s, row_cap)
            except Exception as again:
                raise translate(again, self.db_path, self.limits, timeout_s, query) from again
        return to_query_result(result, row_cap, self._graph)

    def _guarded(self, text: str, timeout_s: float, row_cap: int | None) -> Any:
        """Run a read with a watchdog: past its limit plus a grace, the server is restarted to stop it.

        A small row cap is applied as the reply is read, so no more than it crosses the wire
        (`graph.store.falkordb_stream`); exports and the writer's look-ups take the client's full read."""
        self._stopped = False
        pid = self.server_pid

        def stop() -> None:
            self._stopped = True
            server.restart_server(self.db_path, pid)

        watchdog = threading.Timer(timeout_s + max(GRACE_MIN_S, timeout_s), stop)
        watchdog.daemon = True
        watchdog.start()
        try:
            timeout_ms = max(1, int(timeout_s * 1000))
            if row_cap is not None and row_cap <= STREAM_CAP_MAX:
                return capped_ro_query(self._graph, text, timeout_ms, row_cap)
            return self._graph.ro_query(text, timeout=timeout_ms)
        finally:
            watchdog.cancel()
            if self._stopped:
                self._reconnect_if_gone()

    def write(self, query: str, params: dict[str, Any] | None = None) -> QueryResult:
        try:
            result = self._graph.query(self.inline_parameters(query, params))
        except Exception as e:
            error = translate(e, self.db_path, self.limits, None, query)
            if isinstance(error, StoreUnavailable) and self._reconnect_if_gone():
                raise StoreUnavailable(f"lost the embedded FalkorDB store at {self.db_path}: its server had stopped "
                                       "(it was started again); this write was not confirmed") from e
            raise error from e
        return to_query_result(result, None, self._graph)

    @staticmethod
    def inline_parameters(query: str, params: dict[str, Any] | None) -> str:
        """`query` with `params` written into it as FalkorDB receives them; `write(text)` then sends it as is."""
        return params_header(params) + query if params else query

    def setup_schema(self) -> None:
        existing = {(row[0], row[1]) for row in self._index_rows()}
        for label, prop in [*((label, "id") for label in NODE_LABELS), *VIEW_INDEXES]:
            if (label, prop) not in existing:
                try:
                    self.write(create_index(label, prop))
                except QueryError as e:  # another process opening the store created it just now
                    if "already indexed" not in str(e):
                        raise

    def _index_rows(self) -> list[tuple[str, str]]:
        try:
            result = self._graph.ro_query(falkordb_indexes())
        except Exception:
            return []
        return [(label, prop) for label, props in result.result_set for prop in props]

    def clear(self) -> None:
        self.write(clear_all())

    def compact(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Rewrite the append-only files into one snapshot (after a load), so the next start loads only it."""
        rewrite_append_only(self._db.connection, progress, where=f"the store {self.db_path}")

    def close(self) -> None:
        """Drop this process's connections; the server stops when its last client goes (also at exit)."""
        if not self._closed:
            self._closed = True
            server.release_server(self.db_path, self._db.connection)
