"""The embedded default store: FalkorDB from a file path, its server run by `graph.store.falkordb_server`. What
matters here, each tested:

* One server per store file: found or started under a file lock, its files checked first (damaged files refuse
  the start with `StoreDamaged`), stopped when its last client closes.
* The client has no socket read timeout and no retries (falkordblite's default re-sent a slow write). Time limits
  are the database's own (`GRAPH.RO_QUERY ... TIMEOUT`). A read the database has not stopped by its limit plus a
  grace (FalkorDB folds constant expressions while planning, outside the limit) is stopped by restarting the
  server (`graph.store.falkordb_watchdog`: no acknowledged write is lost; a call whose server a watchdog of any
  process killed runs again on the restarted one, so a load beside completes); so is a server that stops
  answering (a FalkorDB deadlock) a write or an open waits on (`falkordb_hang`).
* Memory: past `QUERY_MEM_CAPACITY` a query gets `QueryTooLarge` (the server stays up); huge ranges are refused first.
* A server that died is started again by the next call, which sets `restarted` to why (the app says it).
"""

from __future__ import annotations

import atexit
import json
import threading
from collections.abc import Callable
from itertools import count
from pathlib import Path
from typing import Any

from graph.errors import QueryError, StoreUnavailable
from graph.store import cypher, index_cypher
from graph.store import falkordb_server as server
from graph.store.contract import QueryResult
from graph.store.falkordb_check import refuse_if_gone
from graph.store.falkordb_compact import rewrite_append_only
from graph.store.falkordb_config import ServerLimits, StorePaths, default_limits
from graph.store.falkordb_errors import refuse_before_sending, translate
from graph.store.falkordb_hang import HangGuard
from graph.store.falkordb_params import parameter_text, params_header
from graph.store.falkordb_plan import explain_plan
from graph.store.falkordb_results import to_query_result
from graph.store.falkordb_stream import ro_query
from graph.store.falkordb_watchdog import GRACE_MIN_S, RESENDS, Watchdog, stopped_by_watchdog, why_restarted
from graph.store.schema import NODE_LABELS

__all__ = ["FalkorDBStore", "parameter_text", "params_header", "GRACE_MIN_S"]


class FalkorDBStore:
    """A graph in an embedded FalkorDB server whose data lives next to `db_path`."""

    kind = "falkordb"

    def __init__(self, db_path: Path | str, graph_name: str = "cluster_explorer", *,
                 default_timeout_s: float = 10.0, default_row_cap: int = 1000, limits: ServerLimits | None = None):
        self.db_path = Path(db_path).expanduser().resolve()
        self.location, self.graph_name = str(self.db_path), graph_name
        self.default_timeout_s, self.default_row_cap = default_timeout_s, default_row_cap
        self.limits = limits or default_limits()
        self.restarted: str | bool = False  # why, when a call found the server gone and started it again
        self._closed, self._pid, self._reconnecting = False, 0, threading.Lock()
        self._connect()
        atexit.register(self.close)

    def _connect(self) -> None:
        from falkordb import FalkorDB
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        def connect(socket_path: str) -> None:
            tried[0] = self.server_pid
            with HangGuard(self.db_path, tried[0]):  # a hung server is restarted, and this open tried again
                db = FalkorDB(unix_socket_path=socket_path, socket_timeout=None, retry=Retry(NoBackoff(), 0))
                db.connection.ping()  # inside the lock: a client closing now sees us before it stops the server
            db.client = db.connection  # the name falkordblite used; tests reach the pool through it
            self._db, self._graph, self._pid = db, db.select_graph(self.graph_name), tried[0]

        for attempt in count():
            tried = [0]
            try:
                server.ensure_server(self.db_path, self.limits, connect)
                return
            except StoreUnavailable:
                raise
            except Exception as e:  # a busy server a watchdog killed while we waited for its answer: again
                if attempt < RESENDS and stopped_by_watchdog(self.db_path, tried[0]):
                    continue
                raise StoreUnavailable(f"could not start the embedded FalkorDB store at {self.db_path}: {e}. Check that"
                                       " the folder is writable, or set CLUSTER_EXPLORER_DB to another file.") from e

    def _reconnect_if_gone(self, pid: int) -> bool:
        """After a call to the server `pid` failed: True when it is gone and this store is connected to a new one
        (started here, or by another thread or process), False when it still answers."""
        with self._reconnecting:  # the writer's worker thread and the loader's thread may both find it gone
            if self._pid != pid:
                return True
            try:
                self._db.connection.ping()
                return False
            except Exception:
                self._db.connection.connection_pool.disconnect()
            refuse_if_gone(self.db_path)  # moved while in use: an empty store was made where it had been
            self._connect()
            self.restarted = why_restarted(self.db_path, pid)
            return True

    @property
    def server_pid(self) -> int:
        """Process id of the embedded server (tests kill it to prove durability and restart)."""
        return int(json.loads(StorePaths(self.db_path).note.read_text())["pid"])

    def load_lock(self, *, wait: bool = True, announce: bool = True):
        """Hold this store for one load (`graph.store.locks.load_lock`: a second waits, or with `wait=False` fails)."""
        return server.load_lock(StorePaths(self.db_path).load_lock, str(self.db_path), wait=wait, announce=announce)

    # -- reading and writing -------------------------------------------------------------------
    def read(self, query: str, params: dict[str, Any] | None = None, *,
             timeout_s: float | None = None, row_cap: int | None = None) -> QueryResult:
        timeout_s = self.default_timeout_s if timeout_s is None else timeout_s
        row_cap = self.default_row_cap if row_cap is None else row_cap
        refuse_before_sending(query, params, self.limits)
        text = self.inline_parameters(query, params)
        for attempt in count():
            pid = self._pid
            watchdog = Watchdog(self.db_path, pid, timeout_s, self.limits.server_memory)
            try:
                with watchdog:
                    result = ro_query(self._graph, text, timeout_s, row_cap)
                break
            except StoreUnavailable:
                raise  # the watchdog could not start (interpreter shutdown): nothing was sent
            except Exception as e:
                if watchdog.fired:
                    raise watchdog.error(timeout_s, self._reconnect_if_gone) from e
                # a server that died (not because of this read) or a watchdog's restart: a read is safe to run again
                if not self._reconnect_if_gone(pid) or attempt >= (RESENDS if stopped_by_watchdog(
                        self.db_path, pid) else 1):
                    raise translate(e, self.db_path, self.limits, timeout_s, query, params) from e
        if watchdog.fired:  # done just as the watchdog fired
            self._reconnect_if_gone(pid)
        return to_query_result(result, row_cap, self._graph)

    explain = explain_plan  # the plan of a query, one line per operation (GRAPH.EXPLAIN: nothing runs)

    def write(self, query: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run a write. When a read's watchdog or a hang guard killed the server meanwhile, the same write is sent
        again to the restarted server (every write we send is idempotent, `graph.store.falkordb_watchdog`)."""
        text = self.inline_parameters(query, params)
        for attempt in count():
            pid = self._pid
            try:
                with HangGuard(self.db_path, pid):  # a server that stops answering is restarted: sent again
                    result = self._graph.query(text)
                break
            except Exception as e:
                error = translate(e, self.db_path, self.limits, None, query)
                if not isinstance(error, StoreUnavailable) or not self._reconnect_if_gone(pid):
                    raise error from e
                if attempt >= RESENDS or not stopped_by_watchdog(self.db_path, pid):
                    raise StoreUnavailable(f"lost the embedded FalkorDB store at {self.db_path}: its server had "
                                           "stopped (it was started again); this write was not confirmed") from e
        return to_query_result(result, None, self._graph)

    @staticmethod
    def inline_parameters(query: str, params: dict[str, Any] | None) -> str:
        """`query` with `params` written into it as FalkorDB receives them; `write(text)` then sends it as is."""
        return params_header(params) + query if params else query

    def setup_schema(self) -> None:
        existing = {(row[0], row[1]) for row in self._index_rows()}
        for label, prop in [*((label, "id") for label in NODE_LABELS), *index_cypher.VIEW_INDEXES]:
            if (label, prop) not in existing:
                try:
                    self.write(index_cypher.create_index(label, prop))
                except QueryError as e:  # another process opening the store created it just now
                    if "already indexed" not in str(e):
                        raise

    def _index_rows(self) -> list[tuple[str, str]]:
        try:
            with HangGuard(self.db_path, self._pid):
                result = self._graph.ro_query(index_cypher.falkordb_indexes())
        except Exception:
            return []
        return [(label, prop) for label, props in result.result_set for prop in props]

    def clear(self) -> None:
        self.write(cypher.clear_all())

    def compact(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Rewrite the append-only files into one snapshot (after a load), so the next start loads only it."""
        pid = self._pid
        try:
            rewrite_append_only(self._db.connection, progress, where=f"the store {self.db_path}")
        except StoreUnavailable:
            if not (self._reconnect_if_gone(pid) and stopped_by_watchdog(self.db_path, pid)):
                raise
            rewrite_append_only(self._db.connection, progress, where=f"the store {self.db_path}")

    def close(self) -> None:
        """Drop this process's connections; the server stops when its last client goes (also at exit)."""
        if not self._closed and hasattr(self, "_db"):  # an open that failed holds nothing to release
            self._closed = True
            server.release_server(self.db_path, self._db.connection, self._pid)
