"""The store contract: a few methods that both backends implement, and the function that picks one.

Everything else (writer, counts, export to networkx) is written once on top of this contract in
`graph.store.writer` and `graph.store.reads`, with the shared Cypher of `graph.store.cypher`. An adapter only
knows how to talk to its database: read (refused writes, time limit, row cap), explain, write, set up indexes, clear,
close.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from graph.store.search_text import SEARCH_PROPERTY

__all__ = ["GraphStore", "QueryResult", "HASH_PROPERTY", "GIVEN_PROPERTY", "GIVEN_RELS_PROPERTY", "INTERNAL_PROPERTIES",
           "BOOKKEEPING", "visible_properties", "without_internal", "plain"]


@dataclass
class QueryResult:
    """Columns and rows of a query (values made plain), plus nodes and relationships seen in them.

    `nodes` maps node keys (`kind:id`) to `{"key", "kind", "id", "labels", "properties"}`;
    `relationships` is a list of `{"type", "start", "end", "properties"}` with node keys.
    `truncated` says the row cap cut the rows.
    """

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    relationships: list[dict[str, Any]] = field(default_factory=list)

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@runtime_checkable
class GraphStore(Protocol):
    """What every backend offers. `kind` is "falkordb" or "neo4j"; `location` says where it is."""

    kind: str
    location: str

    def read(self, query: str, params: dict[str, Any] | None = None, *,
             timeout_s: float | None = None, row_cap: int | None = None) -> QueryResult:
        """Run `query` read-only: the database refuses writes and stops it at `timeout_s`."""
        ...

    def explain(self, query: str, params: dict[str, Any] | None = None) -> list[str]:
        """The plan the database would run `query` with, one line per operation, indented under the operation it
        feeds; nothing of `query` runs (a write neither). An `EXPLAIN` prefix sent to `read` is no portable way:
        FalkorDB ran the query."""
        ...

    def write(self, query: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run a write statement once (never re-sent on a slow answer)."""
        ...

    def setup_schema(self) -> None:
        """Create the indexes / uniqueness constraints on `id` for every label; safe to repeat."""
        ...

    def clear(self) -> None:
        """Delete every node and relationship."""
        ...

    def compact(self, progress: Callable[[int, int], None] | None = None) -> None:
        """After a load: make the store's files quick to open again (`progress(done, total)` while it works).

        The embedded store rewrites its append-only log into one snapshot; Neo4j needs nothing."""
        ...

    def close(self) -> None:
        ...


#: The writer's change digest on every node and relationship it writes (see `graph.store.writer`):
#: bookkeeping, not a fact, so it never reaches a user.
HASH_PROPERTY = "_hash"
#: What each load gave a node that several loads write (see `graph.store.given`): bookkeeping for `unload`.
GIVEN_PROPERTY = "_given"
#: On a node: some relationship from it holds `_given` (`graph.store.given_rels`): an unload finds those
#: relationships from these nodes (at 10x a scan of every relationship for `_given` took 4.2 s, of nodes 0.08 s).
GIVEN_RELS_PROPERTY = "_given_rels"
#: Properties the store keeps for itself. The rule: each starts with `_`, and no result a user sees holds
#: one, on either store: not in a node or relationship, not as a key of any map (`properties(n)`), not as a
#: name in any list (`keys(n)`). Only asking for one by name (`n._hash`) still returns its value.
INTERNAL_PROPERTIES = frozenset({HASH_PROPERTY, SEARCH_PROPERTY, GIVEN_PROPERTY, GIVEN_RELS_PROPERTY})  # the digest;
# the folded search text; the values each load gave a shared node (relationship), and where those relationships are
BOOKKEEPING = INTERNAL_PROPERTIES  # its earlier name


def visible_properties(properties: dict[str, Any] | None) -> dict[str, Any]:
    """Properties of a node or relationship as a user sees them: plain values, no internal property."""
    return {k: plain(v) for k, v in (properties or {}).items() if k not in INTERNAL_PROPERTIES}


def without_internal(value: list | dict) -> list | dict:
    """A map without internal keys, or a list without internal names; `value` itself when it has none.

    Shallow on purpose: the adapters call it on each map and list as they convert a result, level by level.
    A list string equal to an internal name is dropped even when it is data, a price paid for `keys(n)`.
    """
    if isinstance(value, dict):
        if INTERNAL_PROPERTIES.isdisjoint(value):
            return value
        return {k: v for k, v in value.items() if k not in INTERNAL_PROPERTIES}
    if not any(name in value for name in INTERNAL_PROPERTIES):
        return value
    return [v for v in value if not (isinstance(v, str) and v in INTERNAL_PROPERTIES)]


def plain(value: Any) -> Any:
    """A JSON-friendly copy of a value: dates as ISO strings, lists and maps recursively."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value
