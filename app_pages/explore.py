"""Explore: the network itself, filtered, searched and focused, with the details of one node.

Every view is read from the store (graph/views/store_views.py) and shared by all sessions until the
next load: opening the page reads a few hundred nodes, never the whole graph. With nothing chosen it
shows the clusters and whom they work with most. Every control is in the URL, and the Partners page
links here with `?path=key,key,...` to show a path. The drawing is app_pages/explore_view.py, the
details panel app_pages/explore_details.py; the time slider (app_pages/timeline.py) is the app's own.
"""

from __future__ import annotations

import streamlit as st

from app_pages import common, url_choice, widgets
from app_pages.explore_details import details_panel
from app_pages.explore_draw import draw
from app_pages.explore_view import IN_VIEW, metrics_written, size_choices
from graph.views import exports, path_view, render, store_graph, store_views, store_window
from graph.views import filters as views

MAX_CAP = 5000  # the largest "Max nodes" the page offers
url_choice.as_left(also=("path",))  # Back or Forward to an entry stripped of the page's choices: as left
filters = widgets.graph_filters(common.filter_options(), "explore")
path = tuple(k for k in st.query_params.get("path", "").split(",") if k)

st.title("Explore")
search, depth_col, colour_col, size_col, cap_col = st.columns([4, 1, 1, 1.2, 1])
with search:
    focus = tuple(widgets.search_nodes("nodes to focus on", "explore_focus"))
depth = depth_col.select_slider("Depth", [1, 2, 3], value=1, **url_choice.bound("explore_depth"),
                                disabled=bool(path),
                                help="A path from the Partners page shows its own nodes only" if path else None)
colour = colour_col.radio("Colour by", render.COLOUR_BY, **url_choice.bound("explore_colour"))
size = size_col.selectbox("Size by", size_choices(metrics_written()), **url_choice.bound("explore_size"),
                          help=f"{IN_VIEW}, or a metric written back by the Metrics page")
cap = cap_col.number_input("Max nodes", 10, MAX_CAP, 1000, step=100, **url_choice.bound("explore_cap"))
whole = common.view(views.Filters(), path, 0, cap) if path else common.view(filters, focus, depth, cap)
if path:
    dashed = " (dashed: a sector of the seeds and the CORDIS field of its name, one sector to the ranking)" if \
        path_view.unlinked_steps(whole, path) else ""
    st.info(f"A connecting path of {len(path)} nodes from the Partners page{dashed}.", icon=":material/route:")
    if st.button("Back to the whole view", key="explore_leave_path"):
        del st.query_params["path"]
        st.rerun()
elif common.is_clusters_view(filters, focus):
    st.caption("The clusters and whom they share most projects with (thicker: more projects), with their labels "
               "and programmes. Search a name to focus on it, or filter in the sidebar.")
html, keys, cut = draw(common.version(), filters, focus, depth, path, colour, size, cap)
if not keys:
    st.warning("Nothing matches these filters.")
    st.stop()
shown = whole.subgraph(keys)
if cut:
    more = f"raise Max nodes (up to {MAX_CAP:,}) or " if cap < MAX_CAP else ""
    st.info(f"The view stops at Max nodes ({cap:,}): it shows {len(keys):,} nodes, and more match that were left "
            f"out. {store_views.kept_first(whole)}To see them, {more}narrow the filters or the focus.",
            icon=":material/content_cut:")
if store_views.edges_were_cut(whole):
    st.info(f"These nodes have more than {store_views.EDGE_LIMIT:,} relationships among them; the view shows "
            f"{store_views.EDGE_LIMIT:,}. Lower Max nodes or narrow the filters to see them all.",
            icon=":material/content_cut:")
if dropped := store_window.left_out_by_filters(whole):
    st.caption(f"{dropped:,} node(s) near the focus do not match the sidebar's filters or years, so they are left out.")
if left := store_window.left_out_by_window(whole):
    st.caption(f"{left:,} node(s) near the focus are linked to it only outside the years of the time slider, so "
               "they are left out.")
st.iframe(html, height=700, alt="Network view")

buttons, store = st.columns(4), common.store()  # a download reads every property of the view on its click
buttons[0].download_button("GraphML", lambda: exports.to_graphml(store_graph.with_all_properties(store, shown)),
                           "view.graphml", "application/xml", key="explore_graphml", icon=":material/download:",
                           **common.NO_RERUN)
common.csv_download(buttons[1], "Nodes CSV", lambda: exports.nodes_csv(store_graph.with_all_properties(store, shown)),
                    "nodes.csv", "explore_nodes_csv")
common.csv_download(buttons[2], "Edges CSV", lambda: exports.edges_csv(store_graph.with_all_properties(store, shown)),
                    "edges.csv", "explore_edges_csv")
buttons[3].download_button("Network HTML", lambda: render.self_contained(html), "network.html", "text/html",
                           key="explore_html", icon=":material/download:", help="The view as a page that opens offline",
                           **common.NO_RERUN)
details_panel(shown, next(iter(focus or path), None))
