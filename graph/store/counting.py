"""A store that counts what each read returns: the app's guard against reading the whole graph.

`CountingStore` wraps a real store (it is no mock: every call goes through to the database) and
notes, for each read, the first line of the query and how many rows came back. The app wraps the
store it opens, so a test can open a page and assert that no query returned more than N rows, and the
benchmark can say how many rows a page view moved. The log is bounded and shared per process.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from typing import Any

from graph.store.contract import GraphStore, QueryResult

__all__ = ["CountingStore", "Read", "reads_log"]


@dataclass(frozen=True)
class Read:
    """One read: its query text (shortened), the rows it returned and whether the row cap cut it."""

    query: str
    rows: int
    truncated: bool


_LOG: deque[Read] = deque(maxlen=10_000)
_LOCK = threading.Lock()


def reads_log() -> list[Read]:
    """The reads of this process so far, oldest first (at most the last 10,000)."""
    with _LOCK:
        return list(_LOG)


class CountingStore:
    """`inner` with every read noted in the process's reads log; everything else passed through."""

    def __init__(self, inner: GraphStore):
        self.inner = inner
        self.kind = inner.kind
        self.location = inner.location

    def __getattr__(self, name: str) -> Any:  # graph_name, server_pid, inline_parameters, ...
        return getattr(self.inner, name)

    def read(self, query: str, params: dict[str, Any] | None = None, *,
             timeout_s: float | None = None, row_cap: int | None = None) -> QueryResult:
        result = self.inner.read(query, params, timeout_s=timeout_s, row_cap=row_cap)
        with _LOCK:
            _LOG.append(Read(" ".join(query.split())[:200], len(result.rows), result.truncated))
        return result

    def write(self, query: str, params: dict[str, Any] | None = None) -> QueryResult:
        return self.inner.write(query, params)

    def setup_schema(self) -> None:
        self.inner.setup_schema()

    def clear(self) -> None:
        self.inner.clear()

    def close(self) -> None:
        self.inner.close()
