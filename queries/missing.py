"""Why a saved query came out empty: the inputs its `requires:` header names that the store lacks.

The CLI (`queries run`) and the Queries page call `why_empty` after a run that returned no row; a query
whose inputs are all there returns None (an empty answer is then the answer).
"""

from __future__ import annotations

from typing import Any

from graph.store.contract import GraphStore
from graph.store.requirements import explain, missing_inputs
from queries.catalogue import SavedQuery

__all__ = ["why_empty"]


def why_empty(store: GraphStore, query: SavedQuery, params: dict[str, Any] | None = None) -> str | None:
    """The message saying which inputs of `query` are missing and how to add them; None when none is."""
    missing = missing_inputs(store, query.requires, params or {})
    return explain(missing, f"{query.name}") if missing else None
