"""Explore's drawing: which node sizes it offers and the cached page of one view (not a page).

The size choices are the degree in the view itself and the metrics written back by the Metrics page,
each once: a written-back `degree` is the degree in the projection it was computed on, a different
figure from the links a node has in this view, so the two carry different names.
"""

from __future__ import annotations

import streamlit as st

from app_pages import common
from graph.analytics.metrics import METRICS
from graph.views import filters as views
from graph.views import render

IN_VIEW = "links (view)"


def size_choices(written: list[str]) -> list[str]:
    """What a node can be sized by: its links in the view, then each metric written back, once.

    >>> size_choices(["degree", "pagerank", "degree"])
    ['links (view)', 'degree', 'pagerank']
    """
    return list(dict.fromkeys([IN_VIEW, *written]))


def metrics_written() -> list[str]:
    """The metrics some node of the store carries (Louvain's community numbers are no size)."""
    return common.metrics_present(tuple(m for m in METRICS if m != "community"))


@st.cache_data(max_entries=64, show_spinner="Drawing…")
def draw(version: str, filters: views.Filters, focus: tuple[str, ...], depth: int, path: tuple[str, ...],
         colour: str, size: str, cap: int) -> tuple[str, list[str], int]:
    """The page of the view and the keys of the nodes it shows, cached by the data version and the controls."""
    shown = common.view(views.Filters(), path, 0, cap) if path else common.view(filters, focus, depth, cap)
    scores = None if size == IN_VIEW else {n: d.get(size) or 0.0 for n, d in shown.nodes(data=True)}
    shown, left_out = views.cap_view(shown, cap, focus=focus or path, scores=scores)
    html = render.to_html(shown, color_by=colour, size_by=scores, focus=focus, highlight=path, max_nodes=cap)
    return html, list(shown), left_out
