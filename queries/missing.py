"""Why a saved query came out empty: the inputs its `requires:` header names that the store lacks, else what its
`empty:` header says an empty answer means.

The CLI (`queries run`) and the Queries page call `why_empty` after a run that returned no row; a query
whose inputs are all there and which says nothing of an empty answer returns None (the empty answer is then the
answer). `collaboration/path` came out empty for two organisations three projects apart, with no word that it
looks two apart at most.
"""

from __future__ import annotations

from typing import Any

from graph.store.contract import GraphStore
from graph.store.requirements import explain, missing_inputs
from queries.catalogue import SavedQuery

__all__ = ["why_empty"]


def why_empty(store: GraphStore, query: SavedQuery, params: dict[str, Any] | None = None) -> str | None:
    """The message saying which inputs of `query` are missing and how to add them; else what its `empty:` header
    says; else None."""
    missing = missing_inputs(store, query.requires, params or {})
    return explain(missing, f"{query.name}") if missing else (query.empty or None)
