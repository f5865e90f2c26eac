"""The Map: which arcs are drawn and how (weights), bubbles by area, the first view fitting the places,
and `map_level` from the address bar. Pure functions on tiny inputs and on the fixture network (seeds +
NUTS + CORDIS fixtures in a real embedded store); the page through AppTest on the same network.
"""

from __future__ import annotations

import json
import math

import networkx as nx
import pytest

from graph.store.reads import to_networkx
from graph.views import geography, map_frame, map_places, map_styles
from tests.conftest import open_fixture_network
from tests.test_app import app_store, open_page, texts  # noqa: F401  (app_store: the fixture the pages read)


def link(a: str, b: str, projects: int) -> dict:
    return {"from": a, "to": b, "from_name": a, "to_name": b, "projects": projects}


LINKS = [link("A", "B", 50), link("A", "C", 20), link("B", "C", 20), link("C", "D", 5), link("D", "E", 1)]


@pytest.fixture(scope="module")
def graph(embedded_server) -> nx.MultiDiGraph:
    store = open_fixture_network(embedded_server, "map_tests")
    whole = to_networkx(store)
    store.clear()
    store.close()
    return whole


# -- arcs: which, and how wide ------------------------------------------------------------------------

def test_the_strongest_arcs_are_kept_strongest_first():
    kept = map_styles.strongest_links(LINKS, top=3)
    assert [(k["from"], k["to"]) for k in kept] == [("A", "B"), ("A", "C"), ("B", "C")]


def test_a_minimum_weight_drops_the_weak_arcs_whatever_the_count():
    kept = map_styles.strongest_links(LINKS, top=100, min_projects=20)
    assert [k["projects"] for k in kept] == [50, 20, 20]
    assert map_styles.strongest_links(LINKS, top=0) == []


def test_stronger_arcs_are_wider_and_more_opaque_thin_at_the_weak_end():
    kept = map_styles.strongest_links(LINKS, top=5)
    widths, alphas = [k["width"] for k in kept], [k["alpha"] for k in kept]
    assert widths == sorted(widths, reverse=True) and alphas == sorted(alphas, reverse=True)
    assert widths[0] == 4.0 and widths[-1] == 0.5 and alphas[-1] < alphas[0]
    assert kept[1]["width"] == kept[2]["width"]  # equal weights, equal arcs


def test_arcs_of_one_weight_are_drawn_alike_at_the_middle():
    assert map_styles.arc_styles([7, 7]) == [(2.25, 130), (2.25, 130)]
    assert map_styles.arc_styles([]) == []


# -- bubbles: area, not radius -----------------------------------------------------------------------

def test_bubble_areas_follow_activity_and_the_busiest_gets_the_largest_radius():
    radii = map_styles.bubble_radii([7200, 1800, 450], largest=32)
    assert radii[0] == 32
    assert radii[0] ** 2 / radii[1] ** 2 == pytest.approx(4) and radii[1] / radii[2] == pytest.approx(2)


def test_bubbles_never_vanish():
    assert map_styles.bubble_radii([1000, 0, 1], largest=30, smallest=2) == [30, 2, 2]
    assert map_styles.bubble_radii([0, 0], largest=30) == [2, 2]


def test_country_bubbles_stay_small_beside_the_map(graph):
    places, _ = geography.geo_points(graph, level=0)
    radii = map_styles.bubble_radii([p["activity"] for p in places], map_styles.BUBBLE_PX[0])
    assert max(radii) == map_styles.BUBBLE_PX[0] <= 620 / 10  # the busiest country covers a tenth of the height


# -- the first view ---------------------------------------------------------------------------------

NORDIC_EUROPE = [(38.7, -9.1, 400), (40.4, -3.7, 900), (48.9, 2.4, 1200), (52.5, 13.4, 800), (60.2, 24.9, 500),
                 (69.6, 21.6, 200), (64.8, -19.0, 150), (35.1, 33.2, 300)]
OVERSEAS = [(-21.1, 55.5, 3), (14.6, -60.9, 1), (78.8, 13.4, 2)]  # La Réunion, Martinique, Svalbard


def inside(view: map_frame.View, points, width=800, height=620, padding=30) -> bool:
    return all(padding - 0.5 <= x <= width - padding + 0.5 and padding - 0.5 <= y <= height - padding + 0.5
               for x, y in (map_frame.to_pixels(view, lat, lon, width, height) for lat, lon, *_ in points))


def test_the_first_view_shows_every_place_framed_the_nordics_included():
    points = map_frame.framed(NORDIC_EUROPE)
    view = map_frame.fit_view(points, 800, 620, padding=30)
    assert inside(view, NORDIC_EUROPE)
    assert not inside(map_frame.View(view.latitude, view.longitude, view.zoom + 0.1), NORDIC_EUROPE)  # tight


def test_far_places_with_little_activity_do_not_zoom_the_map_out():
    points = map_frame.framed(NORDIC_EUROPE + OVERSEAS)
    assert sorted(points) == sorted(p[:2] for p in NORDIC_EUROPE)
    assert map_frame.fit_view(points) == map_frame.fit_view(map_frame.framed(NORDIC_EUROPE))


def test_a_far_place_with_real_activity_sets_the_edge():
    busy_north = [*NORDIC_EUROPE, (78.8, 13.4, 800)]
    assert (78.8, 13.4) in map_frame.framed(busy_north)


def test_the_view_of_one_place_or_none_is_still_a_view():
    assert map_frame.fit_view([(50.0, 10.0)]) == map_frame.View(50.0, 10.0, 9.0)
    assert map_frame.fit_view([]).zoom == 3.0


def test_the_fixture_places_fit_the_first_view_at_every_level(graph):
    for level in range(4):
        places, _ = geography.geo_points(graph, level)
        points = map_frame.framed([(p["lat"], p["lon"], p["activity"]) for p in places])
        assert len(points) >= 0.9 * len(places), level
        assert inside(map_frame.fit_view(points, 800, 620, padding=30), points)


# -- the level from the address bar ----------------------------------------------------------------

@pytest.mark.parametrize(("text", "level"), [("0", 0), ("3", 3), ("Countries", 0), ("country", 0), ("NUTS 1", 1),
                                             ("nuts2", 2), ("NUTS+3", 3), ("4", None), ("Europe", None), ("", None)])
def test_a_level_is_read_from_its_number_or_its_name(text, level):
    assert map_places.level_from_text(text) == level


def deck_of(at) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


def layer(deck: dict, name: str) -> dict:
    return next(item for item in deck["layers"] if item["id"] == name)


@pytest.mark.parametrize(("asked", "level"), [("0", 0), ("1", 1), ("Countries", 0), ("nuts3", 3), ("NUTS 1", 1)])
def test_the_map_opens_at_the_level_in_the_address(app_store, asked, level):  # noqa: F811
    at = open_page("map", map_level=asked)
    assert at.select_slider(key="map_level").value == level
    assert f"places at {map_places.LEVELS[level]}" in texts(at)
    assert not at.warning
    assert at.query_params.get("map_level") == (map_places.LEVELS[level] if level != 2 else None)  # kept in links


def test_a_level_that_is_none_says_so_and_shows_nuts_2(app_store):  # noqa: F811
    at = open_page("map", map_level="Europe")
    assert at.select_slider(key="map_level").value == 2
    assert "`map_level=Europe` is not a level" in at.warning[0].value


def test_the_default_map_draws_few_thin_weighted_arcs_and_fits_its_places(app_store):  # noqa: F811
    at = open_page("map")
    deck = deck_of(at)
    arcs = layer(deck, "arcs")["data"]
    assert 0 < len(arcs) <= 40
    assert max(a["width"] for a in arcs) <= 4  # thin: 300 arcs of up to 10 px made the tangle
    styles = map_styles.arc_styles([a["projects"] for a in arcs])
    assert [(a["width"], a["alpha"]) for a in arcs] == styles and [a["from_colour"][3] for a in arcs] == [
        alpha for _, alpha in styles]
    radii = [p["radius"] for p in layer(deck, "places")["data"]]
    assert max(radii) == map_styles.BUBBLE_PX[2]
    view = deck["initialViewState"]
    assert 1 <= view["zoom"] <= 9 and not math.isclose(view["zoom"], 3.2)


def test_the_place_names_are_drawn_over_the_cluster_dots_and_arcs(app_store):  # noqa: F811
    """In Chromium the orange cluster dots and the arcs hid parts of the names under them ("Ile-de-F●ance"):
    deck.gl's depth test let a layer drawn before the names win at the same depth, so the names test none."""
    deck = deck_of(open_page("map"))
    ids = [item["id"] for item in deck["layers"]]
    named = ids[ids.index("names"):]  # the names of the first view, then those drawn closer in
    assert named and all(item.startswith("names") for item in named)
    assert layer(deck, "clusters")["data"] and layer(deck, "arcs")["data"]
    assert all(layer(deck, item)["parameters"] == {"depthCompare": "always", "depthWriteEnabled": False}
               for item in named)


def test_the_arc_controls_choose_how_many_and_how_strong(app_store):  # noqa: F811
    at = open_page("map", map_level="0", map_arcs="5")
    assert len(layer(deck_of(at), "arcs")["data"]) == 5
    strongest = max(a["projects"] for a in layer(deck_of(at), "arcs")["data"])
    at = open_page("map", map_level="0", map_arcs="500", map_min_projects=str(strongest))
    assert {a["projects"] for a in layer(deck_of(at), "arcs")["data"]} == {strongest}



def test_a_minimum_no_pair_reaches_says_why_there_are_no_arcs(app_store):  # noqa: F811
    at = open_page("map", map_level="0", map_min_projects="100000")
    assert not layer(deck_of(at), "arcs")["data"]
    assert "no collaboration arcs (no pair of places shares 100,000 projects or more: lower Min. shared projects)" \
        in texts(at)


def test_actors_in_no_place_with_coordinates_are_counted_with_the_national_regions_holding_them(embedded_store,
                                                                                                tmp_path):
    """A register giving its clusters' county by number (`14`) placed them in the national region `SE-14`, which
    has no coordinates: the Map left them out of its bubbles and said nothing (its caption now says how many, and
    which national regions)."""
    from loaders.generic import load_generic
    from loaders.nuts import load_nuts
    from tests.conftest import FIXTURES
    from tests.generic_files import write_files

    load_nuts(embedded_store, FIXTURES / "nuts")
    load_generic(embedded_store, write_files(tmp_path, {"mapping.toml": """
        [[nodes]]
        file = "kluster.json"
        label = "Cluster"
        id = "id"
        name = "namn"
        located_in = { region = "lan", country = { value = "SE" } }
        """, "kluster.json": '[{"id": "K1", "namn": "AI Väst", "lan": "14"}, '
                             '{"id": "K2", "namn": "Smart Textiles", "lan": "Västra Götalands län"}]'}))
    from graph.views.geo_countries import unplaced_by_country

    graph = to_networkx(embedded_store)
    # Smart Textiles is in SE232, a NUTS 3 region; AI Väst in SE-14, which NUTS does not know, in Sweden
    assert unplaced_by_country(graph, 3) == ({"Country:SE": 1}, {"Country:SE": ["SE-14"]})
    assert unplaced_by_country(graph, 0) == ({}, {})  # both are in Sweden
