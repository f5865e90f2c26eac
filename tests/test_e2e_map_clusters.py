"""End to end, the Map's cluster layer in Debian's headless Chromium: the app on the e2e fixture network plus a
small table of a user's own (`tests/own_load_files.py`), the map of that load alone. Hovering Sweden's cluster
dot shows its clusters' names as typed: a name that is markup stays text in deck.gl's tooltip, no element.
"""

from __future__ import annotations

import pytest

from graph.store.reads import to_networkx
from graph.views import geography, load_nodes, map_frame, map_places
from tests.e2e_helpers import (  # noqa: F401
    app_url,
    browser,
    close_store,
    fixture_network,
    map_painted,
    map_tooltip,
    needs_chromium,
    page,
    settle,
    visit,
)
from tests.own_load_files import LOAD, MARKUP, load_own_table

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory):
    """The e2e fixture network (as `tests.e2e_helpers.fixture_store`) and the user's own table."""
    store = fixture_network(tmp_path_factory)
    load_own_table(store, tmp_path_factory.mktemp("egne"))
    yield store
    close_store(store)


def where_sweden_is_drawn(store) -> tuple[float, float, map_frame.View, float]:
    """Sweden's point, the first view the page fits to the load's places (as `map_layers.first_view`), and how far
    from the point (pixels) its cluster dot's ring is."""
    from app_pages import map_layers

    graph = to_networkx(store)
    place_of = map_places.Placer(graph, 0, load_nodes.actors_brought_by(store, LOAD))
    places, organisations = geography.geo_points(graph, 0, place_of)
    frames = map_layers.frames(places, organisations, 0)
    view = map_layers.first_view(frames[0], frames[1])
    sweden = next(p for p in places if p["key"] == "Country:SE")
    dot = map_layers.cluster_frame(geography.cluster_points(graph, 0, place_of)[0]).set_index("key")["radius"]
    # on the dot's orange ring: Sweden's small bubble (0 participations in the load) is drawn over the dot's middle
    ring = dot["Country:SE"] - map_layers.RING / 2
    return sweden["lat"], sweden["lon"], map_frame.View(view.latitude, view.longitude, view.zoom), ring


def test_a_cluster_dots_tooltip_names_its_clusters_as_typed(page, app_url, fixture_store):  # noqa: F811
    lat, lon, view, ring = where_sweden_is_drawn(fixture_store)
    visit(page, app_url, f"map?map_level=Countries&map_load={LOAD}&map_organisations=false&map_arcs=0", "Map")
    page.get_by_text("Clusters (orange dots)").first.wait_for()
    settle(page)
    assert map_painted(page) > 500, "the map drew nothing"  # deck.gl picks only what it has drawn
    tooltip = map_tooltip(page, view, lat, lon, lambda text: "Sweden" in text, shift_x=ring)
    tooltip.wait_for(state="visible")
    assert "clusters in Sweden" in tooltip.inner_text() and MARKUP in tooltip.inner_text()
    assert tooltip.locator("b, i").count() == 0  # the markup is text, not elements
