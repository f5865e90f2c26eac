"""The Explore page's drawing, cached once per process and shared by every session (and by the warm-up).

Not a page. Kept out of `explore.py` so that `app_pages.startup` can draw the default view before
anyone asks: a `st.cache_resource` function defined in a module has the same cache whoever calls it,
a running page or the warm-up thread. Keyed by the data version and the view's controls; the result
(an HTML string and a tuple of node keys) is immutable, so sharing it needs no copy per session.
"""

from __future__ import annotations

import streamlit as st

from app_pages import common
from app_pages.explore_library import library_url
from app_pages.explore_view import IN_VIEW
from graph.views import filters as views
from graph.views import path_view, render, store_views

#: The page's controls on a first visit, in `draw`'s order: focus, depth, path, colour, size, cap. Positional, as the
#: page passes them (Streamlit keys a cached call by its arguments in order).
DEFAULT = ((), 1, (), "kind", IN_VIEW, 1000)


@st.cache_resource(max_entries=64, show_spinner="Drawing…")
def draw(version: str, filters: views.Filters, focus: tuple[str, ...], depth: int, path: tuple[str, ...],
         colour: str, size: str, cap: int) -> tuple[str, tuple[str, ...], bool]:
    """The page of the view, the keys of the nodes it shows and whether the cap cut it (more nodes answered its
    reads than it shows: `store_views.was_cut`), cached by the data version and the controls."""
    shown = path_view.with_unlinked_steps(common.view(views.Filters(), path, 0, cap), path) if path else \
        common.view(filters, focus, depth, cap)
    scores = None if size == IN_VIEW else {n: d.get(size) or 0.0 for n, d in shown.nodes(data=True)}
    html = render.to_html(shown, color_by=colour, size_by=scores, focus=focus, highlight=path, max_nodes=cap,
                          library=library_url())
    return html, tuple(shown), store_views.was_cut(shown)


def default_filters(options: views.FilterOptions) -> views.Filters:
    """The filters the page starts with (the sidebar's defaults: `widgets.graph_filters` with nothing chosen)."""
    return views.Filters(tuple(k for k in views.DEFAULT_KINDS if k in options.kinds))


def draw_default() -> tuple[str, tuple[str, ...], bool]:
    """The view a first visit of Explore asks for (no focus, no filter chosen, the default controls)."""
    return draw(common.version(), default_filters(common.filter_options()), *DEFAULT)
