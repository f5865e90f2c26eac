"""A query's plan from the embedded store: `GRAPH.EXPLAIN` plans the query and runs none of it.

`EXPLAIN MATCH ...` sent down the read path (`GRAPH.RO_QUERY`) ran the query and returned its rows: FalkorDB
takes no `EXPLAIN` prefix, only its own command. Planning folds constant expressions as a run does, so the ranges
a read refuses before sending are refused here too.
"""

from __future__ import annotations

from typing import Any

from graph.store.falkordb_errors import refuse_before_sending, translate
from graph.store.falkordb_hang import HangGuard

__all__ = ["explain_plan"]


def explain_plan(store: Any, query: str, params: dict[str, Any] | None = None) -> list[str]:
    """The plan `store` (a `FalkorDBStore`) would run `query` with, one line per operation, indented under the
    operation it feeds (`Results`, `    Project`, ...); nothing runs, a write included."""
    refuse_before_sending(query, params, store.limits)
    try:
        with HangGuard(store.db_path, store._pid):  # a server that stops answering is restarted, not waited on
            return list(store._graph.explain(store.inline_parameters(query, params)).plan)
    except Exception as e:
        raise translate(e, store.db_path, store.limits, None, query, params) from e
