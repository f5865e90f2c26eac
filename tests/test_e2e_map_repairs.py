"""End to end, the Map's repairs in Debian's headless Chromium on the e2e fixture store (tests/e2e_helpers.py).

The place names are thinned on the server (`graph.views.map_frame.apart`), not by deck.gl's
CollisionFilterExtension: Streamlit 1.67's deck.gl 9.4 registers it, but with it this Chromium drew no name at all.
So the names must be drawn here, dark text over the pale bubbles, and those left out at the first view drawn
two zooms closer (they had stayed in tooltips only). A place smaller than its cluster dot, whose bubble
lay wholly under the dot, is drawn over it: hovering its point names the place, not the clusters. The Countries
filter of a link draws that country alone.
"""

from __future__ import annotations

import io
import time

from PIL import Image

from graph.store.reads import to_networkx
from graph.views import geography, map_frame, map_places
from tests.e2e_helpers import (  # noqa: F401  (fixtures: the app on the fixture store, the browser, a tab)
    app_url,
    browser,
    fixture_store,
    map_painted,
    map_tooltip,
    needs_chromium,
    page,
    painted_frames,
    screenshot,
    settle,
    visit,
)

pytestmark = needs_chromium


def dark_pixels(page) -> int:  # noqa: F811
    """Pixels of the map as dark as the names' text (bubbles, their outlines and the white ground are lighter)."""
    painted_frames(page)
    grey = Image.open(io.BytesIO(page.locator("#deckgl-overlay").screenshot())).convert("L").tobytes()
    return sum(1 for value in grey if value < 90)


def test_the_thinned_place_names_are_drawn(page, app_url):  # noqa: F811
    visit(page, app_url, "map?map_level=1&map_organisations=false&map_arcs=0&map_clusters=false", "Map")
    assert map_painted(page) > 500, "the map drew nothing"
    assert dark_pixels(page) > 200, "no place name was drawn"
    screenshot(page, "map-names-apart")


def a_small_place_with_clusters(store) -> tuple[str, float, float, map_frame.View]:
    """A NUTS 2 place drawn over its cluster dot, its point and the first view (as the page makes them)."""
    from app_pages import map_layers

    graph = to_networkx(store)
    place_of = map_places.Placer(graph, 2)
    places, organisations = geography.geo_points(graph, 2, place_of)
    frames = map_layers.frames(places, organisations, 2)
    over = map_layers.under_clusters(frames[0], map_layers.cluster_frame(geography.cluster_points(graph, 2)[0]))
    view = map_layers.first_view(frames[0], frames[1])
    place = over.iloc[0]
    return place["name"], place["lat"], place["lon"], map_frame.View(view.latitude, view.longitude, view.zoom)


def test_a_place_smaller_than_its_cluster_dot_is_drawn_and_picked_over_it(page, app_url, fixture_store):  # noqa: F811
    name, lat, lon, view = a_small_place_with_clusters(fixture_store)
    visit(page, app_url, "map?map_organisations=false&map_arcs=0", "Map")
    page.get_by_text("Clusters (orange dots)").first.wait_for()
    settle(page)
    assert map_painted(page) > 500, "the map drew nothing"
    tooltip = map_tooltip(page, view, lat, lon, lambda text: bool(text.strip()))
    assert tooltip.inner_text().startswith(f"{name} — ") and "participations" in tooltip.inner_text()
    screenshot(page, "map-place-over-cluster")


def test_the_country_filter_draws_the_chosen_country_alone(page, app_url):  # noqa: F811
    visit(page, app_url, "map?map_countries=Sweden", "Map")
    page.get_by_text("Only Sweden: the places").first.wait_for()
    assert map_painted(page) > 500, "the map drew nothing"
    assert "Sweden" in page.get_by_test_id("stSidebar").inner_text()  # the chosen country in the picker
    screenshot(page, "map-country-sweden")


def zoom_in(page, times: int) -> None:  # noqa: F811
    """Double-click the middle of the map `times` times (deck.gl zooms in by one about the point each time), and wait
    until two pictures of it in a row are the same (bounded): the zoom is animated."""
    box = page.locator("#deckgl-overlay").bounding_box()
    for _ in range(times):
        page.mouse.dblclick(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        still(page)


def still(page) -> bytes:  # noqa: F811
    """The map's picture once two in a row are the same (bounded): deck.gl animates a zoom."""
    overlay, before, now = page.locator("#deckgl-overlay"), b"", b"-"
    deadline = time.monotonic() + 30
    while before != now and time.monotonic() < deadline:
        painted_frames(page)
        before, now = now, overlay.screenshot()
    return now


def a_name_thinned_at_the_first_view(store, width: float, height: float) -> tuple[str, float, float, float]:
    """A NUTS 3 place whose name the first view leaves out and two zooms closer draw, where its point is drawn in a
    `width` x `height` map at the first view (pixels), and how many zooms closer its name is drawn from."""
    from app_pages import map_layers

    graph = to_networkx(store)
    place_of = map_places.Placer(graph, 3)
    places, organisations = geography.geo_points(graph, 3, place_of)
    frames = map_layers.frames(places, organisations, 3)
    view = map_layers.first_view(frames[0], frames[1])
    _, bands = map_layers.names(frames[0], view)
    at = map_frame.View(view.latitude, view.longitude, view.zoom)
    for zoom, band in bands:
        for name, lat, lon in zip(band["name"], band["lat"], band["lon"], strict=True):
            x, y = map_frame.to_pixels(at, lat, lon, width, height)
            if zoom - view.zoom < 2.5 and 200 < x < width - 200 and 100 < y < height - 60:
                return name, x, y, zoom - view.zoom
    raise AssertionError("no name of the fixture is left out at the first view and drawn two zooms closer")


def text_pixels(page, x: float, y: float, name: str) -> int:  # noqa: F811
    """Dark pixels where the names layer draws `name` for a point at (`x`, `y`) of the map: centred 14 pixels above."""
    shot = Image.open(io.BytesIO(still(page))).convert("L")
    half = 0.3 * 12 * len(name)
    grey = shot.crop((int(x - half), int(y - 14 - 5), int(x + half), int(y - 14 + 5))).tobytes()
    return sum(1 for value in grey if value < 160)


def test_the_names_thinned_at_the_first_view_come_back_zoomed_in(page, app_url, fixture_store):  # noqa: F811
    """Names left out so that none overlap at the first view had stayed in tooltips only, however close the user
    zoomed: each is now drawn from the zoom at which it overlaps no other (`map_frame.reveal_zooms`)."""
    visit(page, app_url, "map?map_level=3&map_organisations=false&map_arcs=0&map_clusters=false", "Map")
    assert map_painted(page) > 500, "the map drew nothing"
    box = page.locator("#deckgl-overlay").bounding_box()
    name, x, y, steps = a_name_thinned_at_the_first_view(fixture_store, box["width"], box["height"])
    assert text_pixels(page, x, y, name) == 0  # not drawn at the first view
    for _ in range(2):  # deck.gl zooms in by one about the point double-clicked: the point stays where it is
        page.mouse.dblclick(box["x"] + x, box["y"] + y)
        still(page)
    page.mouse.move(0, 0)  # no tooltip over the map
    assert text_pixels(page, x, y, name) > 3 * len(name), f"{name} is not drawn {steps:.0f} zooms closer"
    screenshot(page, "map-names-zoomed-in")
