"""Not a page: the warning an empty result gets when its inputs are missing from the store.

The Queries, Metrics and Partners pages call these after a run; the reasons come from graph/ (a saved
query's `requires:` header, `graph.analytics.needs`), so the CLI says the same.
"""

from __future__ import annotations

import networkx as nx
import streamlit as st

from app_pages import common
from app_pages.queries_result import show_result as show_rows
from graph.analytics.metrics_disk import KeptMetrics
from graph.analytics.needs import (
    recommender_needs,
    why_empty_projection,
    why_gap_unfilled,
    why_no_candidates,
    why_no_places,
)
from graph.analytics.projections import Projection
from graph.analytics.recommend import Requirements
from graph.app_wording import for_the_app
from graph.store.contract import GraphStore, QueryResult
from queries.catalogue import SavedQuery
from queries.missing import why_empty


def _warn(message: str | None) -> None:
    """`message`, its command-line advice on adding data said in the app's words (`for_the_app`)."""
    if message:
        st.warning(common.md(for_the_app(message)).replace("\n", "  \n"), icon=":material/warning:")


def show_result(store: GraphStore, query: SavedQuery, params: dict, result: QueryResult, key: str) -> None:
    """The result of a saved query, and when it has no row, which of its inputs are missing."""
    show_rows(result, key)
    if not result.rows:
        _warn(why_empty(store, query, params))


def projection(store: GraphStore, spec: Projection, projected: nx.Graph | KeptMetrics,
               inputs: nx.MultiDiGraph | None = None) -> bool:
    """Whether a projection (or the metrics kept of one: its size) has no node; if so, why is shown: its missing
    inputs, a country no organisation is in, or a programme, sector or time window no project of `inputs` (the
    analytics inputs) matches."""
    if projected.number_of_nodes() == 0:
        why = why_empty_projection(store, spec, inputs)
        _warn(common.sentence(why) if why else "The projection has no node.")
        return True
    return False


def places(store: GraphStore) -> None:
    """Why the Map has nothing to place, when no region, country or organisation has coordinates."""
    _warn(why_no_places(store))


def gap(store: GraphStore, rule: str) -> None:
    """Why no organisation fills a consortium gap, when an input its candidates come from is missing."""
    _warn(why_gap_unfilled(store, rule))


def candidates(store: GraphStore, requirements: Requirements) -> None:
    """Why the recommender found no candidate, when an input it reads is missing."""
    req = requirements
    _warn(why_no_candidates(store, recommender_needs(bool(req.sectors), bool(req.add_places or req.avoid_places),
                                                     req.sme_share is not None, req.min_label is not None)))
