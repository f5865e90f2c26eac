"""End to end, the Map's repairs in Debian's headless Chromium on the e2e fixture store (tests/e2e_helpers.py).

The place names are thinned on the server (`graph.views.map_frame.apart`), not by deck.gl's
CollisionFilterExtension: Streamlit 1.67's deck.gl 9.4 registers it, but with it this Chromium drew no name at all.
So the names must be drawn here, dark text over the pale bubbles.
"""

from __future__ import annotations

import io

from PIL import Image

from tests.e2e_helpers import (  # noqa: F401  (fixtures: the app on the fixture store, the browser, a tab)
    app_url,
    browser,
    fixture_store,
    map_painted,
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
