"""End to end, a user's own small load in Explore, in headless Chromium: the app (`streamlit run app.py`, fixtures
of tests/e2e_helpers.py) on a store holding the bundled sample and the Austrian cluster programme of
tests/fixtures/austrian_clusters/ (loaded with its .toml mappings by the real pipeline).

`?explore_load=user:ffg-foerderungen` draws that load's 21 nodes. Fitted to the frame by their spread, their labels had
been 4 px (programmes and countries none at all) beside the 12 most important, and "Greiner Packaging GmbH" was cut at
the frame's right edge. Now every node's name is drawn at 12 px, inside the frame, none over another.

`?map_countries=AT&map_level=2` frames Austria (tests/test_app_map_small_country.py checks the view itself): the page
says how many collaborations leave the frame, and its toggle frames them.
"""

from __future__ import annotations

import pytest

from graph.store.falkordb_store import FalkorDBStore
from loaders.pipeline import run_load, run_sample
from tests import e2e_helpers as e2e
from tests.conftest import FIXTURES
from tests.e2e_helpers import close_store, map_painted, network_frame, painted_frames, screenshot, settle, visit

app_url, browser, page = e2e.app_url, e2e.browser, e2e.page  # the fixtures of e2e_helpers.py, on this module's store

pytestmark = e2e.needs_chromium
AUSTRIAN = FIXTURES / "austrian_clusters"


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory):
    """The sample and the Austrian cluster programme, as a user loads them (before the app starts)."""
    store = FalkorDBStore(tmp_path_factory.mktemp("e2e_small") / "store.db", "cluster_explorer")
    store.setup_schema()
    run_sample(store)
    run_load(store, "csv", AUSTRIAN / "cluster.toml")
    run_load(store, "csv", AUSTRIAN / "foerderungen.toml")
    yield store
    close_store(store)


def drawn_labels(frame) -> dict:
    painted_frames(frame.page)
    return frame.evaluate("""() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => {
        const box = document.getElementById('mynetwork');
        done({width: box.clientWidth, height: box.clientHeight, labelled: window.ceLabelled,
              boxes: window.ceLabelBoxes, keys: network.body.data.nodes.get().map(n => n.key),
              names: network.body.data.nodes.get().map(n => n.name || '')});
    })))""")


def test_a_small_loads_view_names_every_node_inside_the_frame(page, app_url):
    visit(page, app_url, "explore?explore_load=user:ffg-foerderungen", "Explore")
    shown = drawn_labels(network_frame(page))
    screenshot(page, "small-load-explore")
    keys = shown["keys"]
    assert 15 <= len(keys) <= 40 and any(k.startswith("Programme:") for k in keys)
    assert sorted(shown["labelled"]) == sorted(keys), "every node's name is drawn"
    assert "Greiner Packaging GmbH" in shown["names"]
    for left, top, right, bottom in shown["boxes"]:
        assert 0 <= left and right <= shown["width"] and 0 <= top and bottom <= shown["height"], "a name is cut"
    boxes = shown["boxes"]
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]], "names drawn over each other"


def test_a_small_countrys_map_says_what_leaves_the_frame_and_the_toggle_frames_it(page, app_url):
    visit(page, app_url, "map?map_countries=AT&map_level=2", "Map")
    page.get_by_text("Framed on Austria: ").first.wait_for()
    assert map_painted(page) > 500, "the map drew nothing"
    screenshot(page, "small-country-map")
    page.get_by_test_id("stCheckbox").filter(has_text="Frame the collaborations abroad").locator("label").click()
    page.get_by_text("Austria is small at this view").first.wait_for()
    settle(page)
    assert "map_abroad=true" in page.url
    assert map_painted(page) > 500
    screenshot(page, "small-country-map-abroad")
