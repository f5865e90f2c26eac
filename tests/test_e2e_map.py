"""End to end, the Map: the real app (`streamlit run app.py`) in Debian's headless Chromium on the e2e
fixture store (seeds, NUTS and CORDIS fixtures; see tests/e2e_helpers.py, whose fixtures this reuses).

The level given in the address is the level drawn (by number too, which the slider alone dropped),
the default draws few arcs, and the arc control changes them in an open page.
"""

from __future__ import annotations

import re

from tests.e2e_helpers import (  # noqa: F401  (fixtures: the app on the fixture store, the browser, a tab)
    app_url,
    browser,
    fixture_store,
    map_painted,
    needs_chromium,
    page,
    screenshot,
    settle,
    visit,
)

pytestmark = needs_chromium


def map_caption(page) -> str:  # noqa: F811
    return page.get_by_text(re.compile(r"places at ")).first.inner_text()


def arcs_in(caption: str) -> int:
    return int(re.search(r"the ([\d,]+) strongest collaborations", caption).group(1).replace(",", ""))


def test_the_map_draws_the_level_asked_for_by_number(page, app_url):  # noqa: F811
    visit(page, app_url, "map?map_level=1", "Map")
    assert "places at NUTS 1" in map_caption(page)
    slider = page.get_by_test_id("stSlider").filter(has_text="Places")
    assert "NUTS 1" in slider.inner_text()
    assert "map_level=NUTS" in page.url  # the address now holds the slider's own form of the level
    assert map_painted(page) > 500, "the map drew nothing"
    screenshot(page, "map-nuts1")


def test_the_default_map_draws_few_arcs_and_the_control_changes_them(page, app_url):  # noqa: F811
    visit(page, app_url, "map", "Map")
    caption = map_caption(page)
    assert "places at NUTS 2" in caption and 0 < arcs_in(caption) <= 40
    assert map_painted(page) > 500, "the map drew nothing"
    box = page.get_by_role("spinbutton", name="Collaboration arcs")
    box.fill("5")
    box.press("Enter")
    page.get_by_text("the 5 strongest collaborations").first.wait_for()
    settle(page)
    assert "map_arcs=5" in page.url
    screenshot(page, "map-default")
