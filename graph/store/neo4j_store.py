"""The production store: Neo4j 5 over Bolt with the official driver.

Kept thin on purpose: no Neo4j server can run on our machines, so everything it sends is the shared
Cypher of `graph.store.cypher` (linted with Neo4j's own linter in the tests) plus the index and constraint
statements of `graph.store.index_cypher`. Reads run in READ access mode, so the server itself refuses
writes; the time limit is the transaction timeout, enforced by the server.

A server that accepts the connection and never answers (a wrong port, a hung server) must not hang
us: `connection_timeout` bounds one connection attempt and `connection_acquisition_timeout` everything
that getting a connection takes (routing table, retries, handshake), so such a port fails within
`CONNECT_TIMEOUT_S`. Memory of a read is the server's to bound: `dbms.memory.transaction.total.max`
(see the README).
"""

from __future__ import annotations

from typing import Any

from graph.errors import QueryError, QueryTimeout, ReadOnlyViolation, StoreUnavailable
from graph.settings import Settings
from graph.store.contract import QueryResult, plain, visible_properties, without_internal
from graph.store.cypher import clear_all
from graph.store.index_cypher import (
    VIEW_INDEXES,
    create_index_if_missing,
    create_text_index_if_missing,
    unique_id_constraint,
)
from graph.store.query_syntax import from_neo4j
from graph.store.schema import NODE_LABELS, SEARCH_LABELS, kind_of, node_key

__all__ = ["Neo4jStore", "constraint_statements", "plan_lines", "CONNECT_TIMEOUT_S"]

#: Seconds at most to get a connection (the driver's connection_acquisition_timeout); one attempt: half.
CONNECT_TIMEOUT_S = 10.0


def constraint_statements() -> list[str]:
    """One uniqueness constraint on `id` per label (it also creates the index MERGE needs)."""
    return [unique_id_constraint(label) for label in NODE_LABELS if label != "SME"] + [  # SME nodes are Organisations
        create_index_if_missing(label, prop) for label, prop in VIEW_INDEXES] + [
        create_text_index_if_missing(label) for label in SEARCH_LABELS]


def plan_lines(plan: dict[str, Any], depth: int = 0) -> list[str]:
    """Neo4j's plan (`summary.plan`: `operatorType`, `args`, `children`, as the driver gives it over Bolt and HTTP)
    as the embedded store gives its own: one line per operator (`Filter | c.name = $x`), each child indented under
    the operator it feeds.

    Examples
    --------
    >>> plan_lines({"operatorType": "ProduceResults@neo4j", "args": {"Details": "c"},
    ...             "children": [{"operatorType": "NodeByLabelScan@neo4j", "args": {}, "children": []}]})
    ['ProduceResults | c', '    NodeByLabelScan']
    """
    details = (plan.get("args") or {}).get("Details")
    line = "    " * depth + str(plan.get("operatorType", "?")).split("@")[0] + (f" | {details}" if details else "")
    return [line, *(below for child in plan.get("children", []) for below in plan_lines(child, depth + 1))]


class Neo4jStore:
    kind = "neo4j"

    def __init__(self, settings: Settings):
        import neo4j

        self._neo4j = neo4j
        self.database = settings.neo4j_database
        self.location = f"{settings.neo4j_uri} (database {self.database})"
        self.default_timeout_s = settings.query_timeout_s
        self.default_row_cap = settings.row_cap
        try:
            self._driver = neo4j.GraphDatabase.driver(
                settings.neo4j_uri, auth=(settings.neo4j_username, settings.neo4j_password),
                connection_timeout=CONNECT_TIMEOUT_S / 2, connection_acquisition_timeout=CONNECT_TIMEOUT_S,
                max_transaction_retry_time=0)
            self._driver.verify_connectivity()
        except neo4j.exceptions.AuthError as e:
            raise StoreUnavailable(f"Neo4j at {settings.neo4j_uri} refused the credentials: check "
                                   "NEO4J_USERNAME and NEO4J_PASSWORD") from e
        except Exception as e:
            reason = " ".join(str(e).split())  # the driver's message spans lines
            raise StoreUnavailable(f"cannot reach Neo4j at {settings.neo4j_uri} within {CONNECT_TIMEOUT_S:g} s: "
                                   f"{reason[:200]}. Check NEO4J_URI, that the server runs and that its Bolt port "
                                   "is open") from e

    def read(self, query: str, params: dict[str, Any] | None = None, *,
             timeout_s: float | None = None, row_cap: int | None = None) -> QueryResult:
        timeout_s = self.default_timeout_s if timeout_s is None else timeout_s
        row_cap = self.default_row_cap if row_cap is None else row_cap
        return self._run(query, params, self._neo4j.READ_ACCESS, timeout_s, row_cap)

    def explain(self, query: str, params: dict[str, Any] | None = None) -> list[str]:
        """Neo4j's plan of `query` (an `EXPLAIN` run returns no row and runs nothing; its summary holds the plan)."""
        return plan_lines(self._run(f"EXPLAIN {query}", params, self._neo4j.READ_ACCESS, None, None, plan=True))

    def write(self, query: str, params: dict[str, Any] | None = None) -> QueryResult:
        return self._run(query, params, self._neo4j.WRITE_ACCESS, None, None)

    def setup_schema(self) -> None:
        for statement in constraint_statements():
            self.write(statement)

    def clear(self) -> None:
        self.write(clear_all())

    def compact(self, progress=None) -> None:
        """Nothing to do: Neo4j checkpoints its own transaction log and opens in the same time after a load
        (the embedded store's compaction rewrites its append-only log, which it otherwise replays at each start)."""

    def close(self) -> None:
        self._driver.close()

    def _run(self, query: str, params: dict[str, Any] | None, mode: str,
             timeout_s: float | None, row_cap: int | None, plan: bool = False) -> Any:
        neo4j = self._neo4j
        try:
            with self._driver.session(database=self.database, default_access_mode=mode) as session:
                result = session.run(neo4j.Query(query, timeout=timeout_s), params or {})
                columns = list(result.keys())
                out = QueryResult(columns=columns, rows=[])
                for record in result:
                    if row_cap is not None and len(out.rows) >= row_cap:
                        out.truncated = True
                        break
                    out.rows.append([self._value(v, out) for v in record.values()])
                summary = result.consume()
                return (summary.plan or {}) if plan else out
        except neo4j.exceptions.Neo4jError as e:
            code = e.code or ""
            if "AccessMode" in code or "ForbiddenOnReadOnlyDatabase" in code:
                raise ReadOnlyViolation("this query writes to the graph; only read-only queries may run here "
                                        "(the database refused it and nothing changed)") from e
            if "TransactionTimedOut" in code or "Terminated" in code:
                raise QueryTimeout.stopped(timeout_s) from e
            raise from_neo4j(e.message, query) or QueryError(f"Neo4j rejected the query: {e.message}") from e
        except neo4j.exceptions.DriverError as e:
            raise StoreUnavailable(f"lost the connection to Neo4j ({self.location}): {e}") from e

    def _value(self, value: Any, out: QueryResult) -> Any:
        graph = self._neo4j.graph
        if isinstance(value, graph.Node):
            return self._node(value, out)
        if isinstance(value, graph.Relationship):
            start, end = self._node(value.start_node, out), self._node(value.end_node, out)
            props = visible_properties(dict(value))
            out.relationships.append({"type": value.type, "start": start["key"], "end": end["key"],
                                      "properties": props})
            return {"type": value.type, "properties": props}
        if isinstance(value, graph.Path):
            for rel in value.relationships:
                self._value(rel, out)
            return {"path": [self._node(n, out)["key"] for n in value.nodes]}
        if isinstance(value, list):
            return [self._value(v, out) for v in without_internal(value)]
        if isinstance(value, dict):
            return {k: self._value(v, out) for k, v in without_internal(value).items()}
        if hasattr(value, "iso_format"):  # neo4j.time types
            return value.iso_format()
        return plain(value)

    @staticmethod
    def _node(node: Any, out: QueryResult) -> dict[str, Any]:
        labels = sorted(node.labels)
        props = visible_properties(dict(node))
        kind = props.get("kind") or kind_of(labels)
        key = node_key(kind, str(props.get("id", node.element_id)))
        entry = {"key": key, "kind": kind, "id": props.get("id"), "labels": labels, "properties": props}
        out.nodes.setdefault(key, entry)
        return entry
