"""The store contract: a few methods that both backends implement, and the function that picks one.

Everything else (writer, counts, export to networkx) is written once on top of this contract in
`graph.operations`, with the shared Cypher of `graph.store.cypher`. An adapter only knows how to talk to its
database: read (refused writes, time limit, row cap), write, set up indexes, clear, close.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from graph.store.search_text import SEARCH_PROPERTY

__all__ = ["GraphStore", "QueryResult", "HASH_PROPERTY", "BOOKKEEPING", "visible_properties", "plain"]


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

    def write(self, query: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run a write statement once (never re-sent on a slow answer)."""
        ...

    def setup_schema(self) -> None:
        """Create the indexes / uniqueness constraints on `id` for every label; safe to repeat."""
        ...

    def clear(self) -> None:
        """Delete every node and relationship."""
        ...

    def close(self) -> None:
        ...


#: The writer's change digest on every node and relationship it writes (see `graph.operations`):
#: bookkeeping, not a fact, so both adapters leave it out of the nodes and relationships they return.
HASH_PROPERTY = "_hash"
#: Bookkeeping properties (the digest, the folded search text of `graph.store.search_text`): never shown.
BOOKKEEPING = frozenset({HASH_PROPERTY, SEARCH_PROPERTY})


def visible_properties(properties: dict[str, Any] | None) -> dict[str, Any]:
    """Properties of a node or relationship as a user sees them: plain values, without `HASH_PROPERTY`."""
    return {k: plain(v) for k, v in (properties or {}).items() if k not in BOOKKEEPING}


def plain(value: Any) -> Any:
    """A JSON-friendly copy of a value: dates as ISO strings, lists and maps recursively."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value
