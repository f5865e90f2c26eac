"""Explore reads only the properties it draws (graph/views/store_graph.py); its downloads read every one.

On the real fixture network in the embedded store: the view's nodes and relationships carry the drawn
properties alone, the page drawn from them is the very page drawn from every property, and
`with_all_properties` (what the GraphML and CSV downloads export) gives the same nodes and relationships
with everything the store holds.
"""

from __future__ import annotations

from graph.store import view_cypher as q
from graph.views import exports, render, store_views
from graph.views.filters import Filters
from graph.views.store_graph import with_all_properties
from tests.conftest import fixture_network

store = fixture_network("explore_drawn_properties", "store")
FOCUS = ("Cluster:iot-world",)


def test_a_view_carries_only_the_properties_it_draws(store):
    view = store_views.explore_view(store, focus=FOCUS, depth=2)
    assert view.number_of_nodes() > 10 and view.number_of_edges() > 10
    assert {k for _, data in view.nodes(data=True) for k in data} <= {"kind", "id", "labels", *q.DRAWN_NODE}
    assert {k for *_, data in view.edges(data=True) for k in data} <= {"type", *q.DRAWN_EDGE}


def test_the_page_drawn_is_the_same_as_with_every_property(store):
    view = store_views.explore_view(store, focus=FOCUS, depth=2)
    full = with_all_properties(store, view)
    for colour in render.COLOUR_BY:
        assert render.to_html(view, focus=FOCUS, color_by=colour) == render.to_html(full, focus=FOCUS, color_by=colour)


def test_a_download_holds_every_property_the_store_holds(store):
    view = store_views.explore_view(store, focus=FOCUS, depth=2)
    full = with_all_properties(store, view)
    assert list(full.nodes) == list(view.nodes)
    assert list(full.edges(keys=True)) == list(view.edges(keys=True))
    for key, data in full.nodes(data=True):
        details = store_views.node_details(store, key)
        shown = {k: v for k, v in data.items() if k not in ("name", "kind", "labels", "sources")}
        assert shown == details["properties"], key
        assert data["labels"] == details["labels"]
    assert any(data.keys() - view.nodes[key].keys() for key, data in full.nodes(data=True))  # not drawn, exported
    for u, v, key, data in full.edges(keys=True, data=True):
        assert view.edges[u, v, key].items() <= data.items()
    assert any(len(data) > len(view.edges[u, v, k]) for u, v, k, data in full.edges(keys=True, data=True))
    header = exports.edges_csv(full).splitlines()[0].split(",")
    assert set(header) > set(exports.edges_csv(view).splitlines()[0].split(","))


def test_a_time_window_keeps_its_relationships_in_the_download(store):
    window = Filters(start="2015-01-01", end="2016-12-31")
    view = store_views.explore_view(store, window, focus=FOCUS, depth=2)
    full = with_all_properties(store, view)
    assert list(full.edges(keys=True)) == list(view.edges(keys=True))


def test_the_clusters_view_keeps_its_shared_project_links_in_the_download(store):
    view = store_views.explore_view(store)
    shared = [e for e in view.edges(keys=True, data="type") if e[3] == store_views.SHARED]
    assert shared
    full = with_all_properties(store, view)
    assert [e for e in full.edges(keys=True, data="type") if e[3] == store_views.SHARED] == shared
    assert list(full.edges(keys=True)) == list(view.edges(keys=True))
