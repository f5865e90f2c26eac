"""The embedded default store: FalkorDB run by the `falkordblite` package from a file path.

Three things matter here and are each tested:

* The client is made without a socket read timeout and without retries. falkordblite's default
  client gives up reading after 5 s and silently re-sends the command, so a write taking longer ran
  several times. Time limits are the database's own (`GRAPH.RO_QUERY ... TIMEOUT`).
* Persistence is an append-only file fsynced on every write, so a `kill -9` of the server right
  after a load returns loses nothing that was acknowledged.
* falkordblite shares one server between processes that open the same file (it keeps a small
  registry next to the file), so the app and a CLI load see the same data.

FalkorDB receives parameters as text, a `CYPHER name=value ...` header before the statement.
`inline_parameters` writes that header exactly as the falkordb client does, only faster (a load's
writes are mostly this text), and lets the writer make it on one thread while another sends.
"""

from __future__ import annotations

import json
import re
import socket
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from falkordb import Edge, Node
from falkordb import Path as FPath
from falkordb.helpers import stringify_param_value

from graph.errors import QueryError, QueryTimeout, ReadOnlyViolation, StoreUnavailable
from graph.store.contract import QueryResult, plain, visible_properties, without_internal
from graph.store.cypher import VIEW_INDEXES, clear_all, create_index, falkordb_indexes, resolve_node_keys
from graph.store.schema import NODE_LABELS, kind_of, node_key

__all__ = ["FalkorDBStore", "parameter_text", "params_header"]

_PLAIN_SCALARS = frozenset({str, int, float, bool, type(None)})


def parameter_text(value: Any) -> str:
    """`value` as FalkorDB parameter text, the same as `falkordb.helpers.stringify_param_value` gives.

    Plain types take a short path: a printable string's JSON quoting (C code) escapes only `\\` and `"`,
    as the client does; a string with control characters, whose JSON escapes FalkorDB would not all
    decode, and any other type go to the client's own function.
    """
    kind = type(value)
    if kind is str:
        return encode_basestring(value) if value.isprintable() else stringify_param_value(value)
    if kind is dict:
        parts = []
        for key, item in value.items():
            if type(key) is not str or not key or "`" in key:
                return stringify_param_value(value)  # the client's own way with other keys, errors included
            parts.append(f"`{key}`:{parameter_text(item)}")
        return "{" + ",".join(parts) + "}"
    if kind is list or kind is tuple:
        return "[" + ",".join(map(parameter_text, value)) + "]"
    if value is None:
        return "null"
    if kind is int or kind is float or kind is bool:
        return str(value)
    return stringify_param_value(value)


def params_header(params: dict[str, Any] | None) -> str:
    """The `CYPHER name=value ...` header for `params`, the same as the falkordb client makes."""
    if params is None:
        return ""
    if not isinstance(params, dict) or any(type(k) is not str or not k or "`" in k for k in params):
        from falkordb.graph import Graph

        return Graph._build_params_header(None, params)  # the client's own way, errors included (no `self` used)
    return "CYPHER " + "".join(f"`{key}`={parameter_text(value)} " for key, value in params.items())


def _server_config(db_file: Path) -> dict[str, str]:
    safe_name = re.sub(r"[^A-Za-z0-9_.-]", "_", db_file.name)
    return {
        "appendonly": "yes",
        "appendfsync": "always",
        "appenddirname": f"{safe_name}.aof",
        "loglevel": "warning",
    }


def _clear_stale_registry(db_file: Path) -> None:
    """Forget a server that died without cleaning up (a crash, `kill -9`), so a fresh one starts.

    falkordblite trusts its registry file while the recorded process exists, but a killed daemon
    can linger as a zombie; a socket that refuses connections is the reliable sign.
    """
    registry = db_file.with_name(db_file.name + ".settings")
    try:
        socket_path = json.loads(registry.read_text())["unixsocket"]
    except (OSError, ValueError, KeyError):
        return
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.connect(socket_path)
    except OSError:
        registry.unlink(missing_ok=True)
    finally:
        probe.close()


class FalkorDBStore:
    """A graph in an embedded FalkorDB server whose data lives next to `db_path`."""

    kind = "falkordb"

    def __init__(self, db_path: Path | str, graph_name: str = "cluster_explorer", *,
                 default_timeout_s: float = 10.0, default_row_cap: int = 1000):
        self.db_path = Path(db_path).expanduser().resolve()
        self.location = str(self.db_path)
        self.graph_name = graph_name
        self.default_timeout_s = default_timeout_s
        self.default_row_cap = default_row_cap
        try:
            from redis.backoff import NoBackoff
            from redis.retry import Retry
            from redislite.falkordb_client import FalkorDB

            self.db_path.parent.mkdir(parents=True, exist_ok=True)
            _clear_stale_registry(self.db_path)
            self._db = FalkorDB(str(self.db_path), serverconfig=_server_config(self.db_path),
                                socket_timeout=None, retry=Retry(NoBackoff(), 0))
            self._graph = self._db.select_graph(graph_name)
        except Exception as e:  # falkordblite raises several unrelated types on start-up
            raise StoreUnavailable(
                f"could not start the embedded FalkorDB store at {self.db_path}: {e}. "
                "Check that the folder is writable, or set CLUSTER_EXPLORER_DB to another file."
            ) from e

    @property
    def server_pid(self) -> int:
        """Process id of the embedded server (tests kill it to prove durability)."""
        return int(self._db.client.pid)

    # -- reading and writing -------------------------------------------------------------------
    def read(self, query: str, params: dict[str, Any] | None = None, *,
             timeout_s: float | None = None, row_cap: int | None = None) -> QueryResult:
        timeout_s = self.default_timeout_s if timeout_s is None else timeout_s
        row_cap = self.default_row_cap if row_cap is None else row_cap
        timeout_ms = max(1, int(timeout_s * 1000))
        try:
            result = self._graph.ro_query(self.inline_parameters(query, params), timeout=timeout_ms)
        except Exception as e:
            raise self._translate(e, query, timeout_s) from e
        return self._result(result, row_cap)

    def write(self, query: str, params: dict[str, Any] | None = None) -> QueryResult:
        try:
            result = self._graph.query(self.inline_parameters(query, params))
        except Exception as e:
            raise self._translate(e, query, None) from e
        return self._result(result, None)

    @staticmethod
    def inline_parameters(query: str, params: dict[str, Any] | None) -> str:
        """`query` with `params` written into it as FalkorDB receives them; `write(text)` then sends it as is."""
        return params_header(params) + query if params else query

    def setup_schema(self) -> None:
        existing = {(row[0], row[1]) for row in self._index_rows()}
        for label, prop in [*((label, "id") for label in NODE_LABELS), *VIEW_INDEXES]:
            if (label, prop) not in existing:
                self.write(create_index(label, prop))

    def _index_rows(self) -> list[tuple[str, str]]:
        try:
            result = self._graph.ro_query(falkordb_indexes())
        except Exception:
            return []
        return [(label, prop) for label, props in result.result_set for prop in props]

    def clear(self) -> None:
        self.write(clear_all())

    def close(self) -> None:
        """Drop this process's connections; the server stops when its last client goes.

        The writer's worker thread may have opened a second pooled connection; falkordblite counts the
        server's clients to decide, so every connection of ours goes first.
        """
        try:
            self._db.client.connection_pool.disconnect()
            self._db.close()
        except Exception:
            pass

    # -- helpers -------------------------------------------------------------------------------
    def _translate(self, error: Exception, query: str, timeout_s: float | None) -> Exception:
        message = str(error)
        lowered = message.lower()
        if "read-only" in lowered or "read only" in lowered:
            return ReadOnlyViolation("this query writes to the graph; only read-only queries may run here "
                                     "(the database refused it and nothing changed)")
        if "timed out" in lowered or "timeout" in lowered:
            return QueryTimeout(f"the query ran past its time limit of {timeout_s:g} s and was stopped by "
                                "the database; narrow it down or raise the limit")
        if isinstance(error, ConnectionError) or "connection" in type(error).__name__.lower():
            return StoreUnavailable(f"lost the embedded FalkorDB store at {self.db_path}: {message}")
        return QueryError(f"FalkorDB rejected the query: {message}")

    def _result(self, result: Any, row_cap: int | None) -> QueryResult:
        columns = [h[1] if isinstance(h, (list, tuple)) else str(h) for h in result.header]
        raw_rows = result.result_set
        truncated = row_cap is not None and len(raw_rows) > row_cap
        if truncated:
            raw_rows = raw_rows[:row_cap]
        out = QueryResult(columns=columns, rows=[], truncated=truncated)
        pending_edges: list[Any] = []
        out.rows = [[self._value(v, out, pending_edges) for v in row] for row in raw_rows]
        if pending_edges:
            self._resolve_edges(pending_edges, out)
        return out

    def _value(self, value: Any, out: QueryResult, pending_edges: list[Any]) -> Any:
        if type(value) in _PLAIN_SCALARS:
            return value
        if isinstance(value, Node):
            return self._node(value, out)
        if isinstance(value, Edge):
            pending_edges.append(value)
            return {"type": value.relation, "properties": visible_properties(value.properties)}
        if isinstance(value, FPath):
            nodes = [self._node(n, out) for n in value.nodes()]
            pending_edges.extend(value.edges())
            return {"path": [n["key"] for n in nodes]}
        # scalars inside lists and maps (most values) skip the call
        if isinstance(value, list):
            return [v if type(v) in _PLAIN_SCALARS else self._value(v, out, pending_edges)
                    for v in without_internal(value)]
        if isinstance(value, dict):
            return {k: v if type(v) in _PLAIN_SCALARS else self._value(v, out, pending_edges)
                    for k, v in without_internal(value).items()}
        return plain(value)

    @staticmethod
    def _node(node: Any, out: QueryResult) -> dict[str, Any]:
        labels = list(node.labels or [])
        props = visible_properties(node.properties)
        kind = props.get("kind") or kind_of(labels)
        key = node_key(kind, str(props.get("id", node.id)))
        entry = {"key": key, "kind": kind, "id": props.get("id"), "labels": labels, "properties": props}
        out.nodes.setdefault(key, entry)
        return entry

    def _resolve_edges(self, edges: list[Any], out: QueryResult) -> None:
        """Edges come back with internal endpoint ids; one query turns them into node keys."""
        ids = sorted({int(getattr(e.src_node, "id", e.src_node)) for e in edges}
                     | {int(getattr(e.dest_node, "id", e.dest_node)) for e in edges})
        found = self._graph.ro_query(resolve_node_keys(), {"ids": ids})
        keys = {internal: node_key(kind, str(nid)) for internal, kind, nid in found.result_set}
        for e in edges:
            start = keys.get(int(getattr(e.src_node, "id", e.src_node)))
            end = keys.get(int(getattr(e.dest_node, "id", e.dest_node)))
            out.relationships.append({"type": e.relation, "start": start, "end": end,
                                      "properties": visible_properties(e.properties)})
