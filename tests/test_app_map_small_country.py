"""The Map's first view of a small country, by AppTest on the real embedded store holding the bundled sample and the
Austrian cluster programme of tests/fixtures/austrian_clusters/ (loaded with its .toml mappings by the real pipeline).

`?map_countries=AT&map_level=2` had been framed on Austria's collaborations abroad, all over Europe: Austria was a few
pixels wide, "Wien" and "Steiermark" over each other. Now the map frames Austria's own places, padded for their
names; a caption counts the collaborations whose arcs leave the frame, and the toggle "Frame the collaborations
abroad" (`?map_abroad=true`) frames them too. Sweden's case, a large country that stays large framed on its
collaborations, is tests/test_app_map_repairs.py::test_the_country_filters_first_view_holds_its_collaborations_abroad.
"""

from __future__ import annotations

import re

import pytest

from app_pages import map_layers
from graph.store.falkordb_store import FalkorDBStore
from graph.views import map_frame
from loaders.pipeline import run_load, run_sample
from tests.app_graph import app_on_stores
from tests.conftest import FIXTURES
from tests.test_app import open_page, texts
from tests.test_app_map_repairs import boxes, deck_of, layer, overlap

AUSTRIAN = FIXTURES / "austrian_clusters"
WIDTH, HEIGHT = map_layers.MAP_WIDTH, map_layers.MAP_HEIGHT


@pytest.fixture(scope="module")
def austrian_sample(embedded_server, tmp_path_factory):
    store = FalkorDBStore(embedded_server, "app_austrian_sample")
    store.clear()
    store.setup_schema()
    run_sample(store)
    run_load(store, "csv", AUSTRIAN / "cluster.toml")
    run_load(store, "csv", AUSTRIAN / "foerderungen.toml")
    with app_on_stores(embedded_server, "app_austrian_sample", tmp_path_factory.mktemp("user_queries"), store):
        yield store


def view_of(deck: dict) -> map_frame.View:
    return map_frame.View(*(deck["initialViewState"][k] for k in ("latitude", "longitude", "zoom")))


def pixels(view: map_frame.View, rows: list[dict]) -> list[tuple[float, float]]:
    return [map_frame.to_pixels(view, row["lat"], row["lon"], WIDTH, HEIGHT) for row in rows]


def test_a_small_countrys_first_view_frames_its_places_and_counts_the_arcs_leaving_it(austrian_sample):
    at = open_page("map", map_countries="AT", map_level="2")
    deck = deck_of(at)
    view, places = view_of(deck), layer(deck, "places")["data"]
    spots = pixels(view, places)
    xs = [x for x, _ in spots]
    assert len(places) >= 8 and all(40 <= x <= WIDTH - 40 and 40 <= y <= HEIGHT - 40 for x, y in spots)
    assert max(xs) - min(xs) >= WIDTH / 2, "Austria fills the map's width, not a few pixels of it"
    names = layer(deck, "names")["data"]
    named = {row["name"] for row in names}
    assert {"Wien", "Steiermark", "Oberösterreich"} <= named
    drawn = boxes(names, deck["initialViewState"])
    assert not [(a["name"], b["name"]) for i, a in enumerate(names) for j, b in enumerate(names)
                if i < j and overlap(drawn[i], drawn[j])]
    arcs = layer(deck, "arcs")["data"]
    said = re.search(r"Framed on Austria: (\d+) of the (\d+) collaborations drawn lead to places beyond this view's "
                     r"edge", texts(at))
    assert said, "the caption says how many collaborations leave the frame"
    leave = [a for a in arcs if not all(0 <= x <= WIDTH and 0 <= y <= HEIGHT for x, y in
                                        pixels(view, [{"lat": a["from_lat"], "lon": a["from_lon"]},
                                                      {"lat": a["to_lat"], "lon": a["to_lon"]}]))]
    assert leave and (int(said[1]), int(said[2])) == (len(leave), len(arcs))
    assert at.toggle(key="map_abroad").value is False


def test_the_toggle_frames_a_small_countrys_collaborations_abroad(austrian_sample):
    close = view_of(deck_of(open_page("map", map_countries="AT", map_level="2")))
    at = open_page("map", map_countries="AT", map_level="2", map_abroad="true")
    deck = deck_of(at)
    view, arcs = view_of(deck), layer(deck, "arcs")["data"]
    assert at.toggle(key="map_abroad").value is True and view.zoom < close.zoom - 1
    inside = [a for a in arcs if all(0 <= x <= WIDTH and 0 <= y <= HEIGHT for x, y in
                                     pixels(view, [{"lat": a["from_lat"], "lon": a["from_lon"]},
                                                   {"lat": a["to_lat"], "lon": a["to_lon"]}]))]
    abroad = [a for a in arcs if not (a["from"].startswith("Region:AT") and a["to"].startswith("Region:AT"))]
    assert abroad[0] in inside  # the strongest collaboration abroad
    assert sum(a["projects"] for a in inside) >= 0.75 * sum(a["projects"] for a in arcs)  # far weak ends may fall out
    assert f"Framed on the {len(arcs)} collaborations drawn as well: Austria is small at this view" in texts(at)


def test_a_tall_country_stays_framed_on_its_collaborations_abroad(austrian_sample):
    """The sample's Sweden reaches from Skåne to Norrbotten: framed on its collaborations abroad it spans more than a
    third of the map's height, so that is its first view, and no toggle is offered."""
    at = open_page("map", map_countries="SE", map_level="2")
    deck = deck_of(at)
    view, arcs = view_of(deck), layer(deck, "arcs")["data"]
    tall = [y for _, y in pixels(view, layer(deck, "places")["data"])]
    assert max(tall) - min(tall) >= map_frame.LEGIBLE_SHARE * HEIGHT
    assert "Framed on Sweden" not in texts(at) and "map_abroad" not in [t.key for t in at.toggle]
    ends = [{"lat": a[f"{end}_lat"], "lon": a[f"{end}_lon"]} for a in arcs for end in ("from", "to")]
    assert sum(0 <= x <= WIDTH and 0 <= y <= HEIGHT for x, y in pixels(view, ends)) >= 0.8 * len(ends)


def test_the_places_abroad_at_the_arcs_far_ends_have_a_bubble_and_names_where_they_fit(austrian_sample):
    """With the toggle on, the arcs leaving Austria had ended nowhere: at no bubble and no name. Each far end now has a
    grey bubble (its tooltip says it is abroad), no larger than the largest Austrian one, and names where they fit."""
    at = open_page("map", map_countries="AT", map_level="2", map_abroad="true")
    deck = deck_of(at)
    arcs, places, abroad = (layer(deck, name)["data"] for name in ("arcs", "places", "abroad"))
    own = {p["key"] for p in places}
    far = {end for a in arcs for end in (a["from"], a["to"])} - own
    assert far and {p["key"] for p in abroad} == far
    assert all(p["label"].endswith("(abroad: at the far end of the collaborations drawn)") for p in abroad)
    assert max(p["radius"] for p in abroad) <= max(p["radius"] for p in places)
    named = {row["name"] for row in layer(deck, "names")["data"]}
    assert {"Wien", "Steiermark"} <= named and named & {p["name"] for p in abroad}
    assert f"Grey bubbles: the {len(far)} places abroad the collaborations drawn lead to." in texts(at)
    assert not layer(deck_of(open_page("map", map_level="2")), "abroad")["data"]  # no filter: nothing is abroad
