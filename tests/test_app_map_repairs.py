"""The Map's repairs: place names that do not overlap, small places above their cluster dot, a found region's own
collaborations drawn, a country filter, and what a load of places alone holds. AppTest on the fixture network
(seeds, NUTS and CORDIS fixtures in a real embedded store), and the pure functions on its graph.
"""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import pytest

from app_pages import map_layers
from graph.views import geography, map_frame, map_places
from tests.test_app import app_store, open_page, texts  # noqa: F401  (app_store: the fixture the pages read)


def deck_of(at) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


def layer(deck: dict, name: str) -> dict:
    return next(item for item in deck["layers"] if item["id"] == name)


def test_a_load_of_places_alone_is_said_to_hold_places_only(app_store):  # noqa: F811
    """`?map_load=nuts` had said "The load nuts gave 0 organisations and clusters", as if the load were broken."""
    said = texts(open_page("map", map_load="nuts"))
    assert "The load nuts holds places only (" in said and "no organisation or cluster" in said
    assert "0 organisations" not in said


def test_what_a_load_brought_is_counted_by_kind_without_its_files(app_store):  # noqa: F811
    from graph.views import load_nodes

    kinds = load_nodes.kinds_brought_by(app_store, "nuts")
    assert load_nodes.places_only(kinds) and kinds["Region"] > 0
    assert not load_nodes.places_only(load_nodes.kinds_brought_by(app_store, "seeds"))


def boxes(rows: list[dict], view: dict, margin: float = 0) -> list[tuple[float, float, float, float]]:
    """Each name's box at the deck's first view, as `map_frame.apart` reckons it (12 px text, 14 px above), and
    `margin` pixels around."""
    at = map_frame.View(view["latitude"], view["longitude"], view["zoom"])
    found = []
    for row in rows:
        x, y = map_frame.to_pixels(at, row["lat"], row["lon"], map_layers.MAP_WIDTH, map_layers.MAP_HEIGHT)
        half = 3.6 * len(row["name"]) + margin
        found.append((x - half, y - 20 - margin, x + half, y - 8 + margin))
    return found


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("level", ["1", "2", "3"])
def test_no_two_place_names_drawn_overlap_the_stronger_is_kept(app_store, level):  # noqa: F811
    """Close places' names were drawn over each other (NUTS 1 of the fixtures: Berlin over Makroregion województwo
    mazowieckie, London over South East (England)). Of two that would overlap at the first view, the more active
    place's is drawn."""
    deck = deck_of(open_page("map", map_level=level))
    rows, places = layer(deck, "names")["data"], layer(deck, "places")["data"]
    drawn = boxes(rows, deck["initialViewState"])
    assert rows and not [(a["name"], b["name"]) for i, a in enumerate(rows) for j, b in enumerate(rows)
                         if i < j and overlap(drawn[i], drawn[j])]
    candidates = places[:map_layers.NAMED_PLACES]
    left_out = [p for p in candidates if p["key"] not in {r["key"] for r in rows}]
    every, near = boxes(candidates, deck["initialViewState"], 2), boxes(rows, deck["initialViewState"], 2)
    for place in left_out:  # each left out for a stronger name it would have covered
        mine = every[candidates.index(place)]
        assert any(overlap(mine, box) and r["activity"] >= place["activity"] for r, box in zip(rows, near, strict=True))
    if level == "1":
        assert left_out  # the fixtures' NUTS 1 names did overlap


def test_a_found_place_is_named_whatever_stronger_name_is_near(app_store):  # noqa: F811
    rows = layer(deck_of(open_page("map", map_level="1", map_find="Makroregion województwo mazowieckie")), "names")
    assert rows["data"][0]["name"] == "Makroregion województwo mazowieckie"


@pytest.mark.parametrize("level", ["0", "1", "2", "3"])
def test_a_place_no_larger_than_its_cluster_dot_is_drawn_over_it_inside_a_ring(app_store, level):  # noqa: F811
    """A place of few participations holding a cluster vanished: its bubble lay wholly under its orange dot."""
    deck = deck_of(open_page("map", map_level=level))
    order = [item["id"] for item in deck["layers"]]
    assert order.index("places") < order.index("clusters") < order.index("places_over_clusters") < order.index("names")
    over = layer(deck, "places_over_clusters")
    assert over["parameters"] == {"depthCompare": "always", "depthWriteEnabled": False}  # wins deck.gl's depth test
    dots = {dot["key"]: dot["radius"] for dot in layer(deck, "clusters")["data"]}
    drawn_over = {place["key"]: place["radius"] for place in over["data"]}
    for place in layer(deck, "places")["data"]:
        if place["key"] not in dots:
            assert place["key"] not in drawn_over
        elif place["radius"] < dots[place["key"]] + map_layers.RING:  # not clearly larger: over the dot, inside it
            assert drawn_over[place["key"]] == min(place["radius"], dots[place["key"]] - map_layers.RING)
        else:  # larger: a ring around the dot drawn over it
            assert place["key"] not in drawn_over
    if level in ("2", "3"):
        assert drawn_over  # the fixtures do hold such places


def test_each_place_keeps_its_own_strongest_links_beyond_the_levels_strongest(app_store):  # noqa: F811
    """The Map kept the 1,000 strongest NUTS 2 collaborations only: Småland med öarna (171st of 326 regions at 10x)
    had none among them and showed no arc when found. Here the level keeps its strongest one and each place's own."""
    from graph.store.reads import to_networkx

    graph = to_networkx(app_store)
    every = geography.region_links(graph, 2, None)
    strongest = geography.region_links(graph, 2, 1)
    kept = geography.region_links(graph, 2, 1, per_place=2)
    weak = {place for link in every for place in (link["from"], link["to"])} - {strongest[0]["from"],
                                                                                strongest[0]["to"]}
    assert weak and kept[0] == strongest[0]
    for place in weak:
        own = [lk["projects"] for lk in every if place in (lk["from"], lk["to"])]  # strongest first
        assert sorted((lk["projects"] for lk in kept if place in (lk["from"], lk["to"])), reverse=True)[:2] == own[:2]


def test_a_found_place_draws_its_own_collaborations_not_the_levels_strongest(app_store):  # noqa: F811
    whole = deck_of(open_page("map", map_arcs="2"))
    at = open_page("map", map_arcs="2", map_find="Småland")
    arcs = layer(deck_of(at), "arcs")["data"]
    assert arcs and all("Region:SE21" in (arc["from"], arc["to"]) for arc in arcs)
    assert not any("Region:SE21" in (arc["from"], arc["to"]) for arc in layer(whole, "arcs")["data"])
    assert "strongest collaborations of the places found" in texts(at)


def test_the_regions_and_organisations_are_tagged_with_their_country(app_store):  # noqa: F811
    from graph.store.reads import to_networkx
    from graph.views import geo_countries

    graph = to_networkx(app_store)
    places, organisations = geography.geo_points(graph, 2)
    links, clusters = geography.region_links(graph, 2, None), geography.cluster_points(graph, 2)[0]
    geo_countries.tag_countries(graph, places, organisations, links, clusters)
    country = {row["key"]: row["country"] for row in places}
    assert country["Region:SE21"] == "Country:SE" and country["Region:EL30"] == "Country:EL"
    assert all(row["country"] == f"Country:{row['key'].split(':')[1][:2]}" for row in places)
    assert all((link["from_country"], link["to_country"]) == (country[link["from"]], country[link["to"]])
               for link in links)
    assert {row["country"] for row in clusters} <= set(country.values())
    assert any(row["country"] == "Country:SE" for row in organisations)
    by_place = [dict(row) for row in organisations]  # the aggregates' way: by the organisation's place at the level
    geo_countries.tag_countries(graph, [dict(row) for row in places], by_place, [], [], map_places.Placer(graph, 2))
    assert [row["country"] for row in by_place] == [row["country"] for row in organisations]
    assert geo_countries.country_names(graph, places)["Country:SE"] == "Sweden"


@pytest.mark.parametrize("level", ["0", "2"])
def test_the_country_filter_keeps_the_chosen_countries_places_and_their_collaborations(app_store, level):  # noqa: F811
    """The Map had no country filter: Sweden's regions were one bubble field among Europe's."""
    whole = open_page("map", map_level=level, map_arcs="1000")
    assert "Sweden" in whole.multiselect(key="map_countries").options
    at = open_page("map", map_level=level, map_arcs="1000", map_countries="Sweden")
    assert at.multiselect(key="map_countries").value == ["Country:SE"]
    deck, everywhere = deck_of(at), deck_of(whole)
    swedish = [p["key"] for p in layer(deck, "places")["data"]]
    assert swedish and all(key.split(":")[1].startswith("SE") for key in swedish)
    assert len(swedish) < len(layer(everywhere, "places")["data"])
    arcs = layer(deck, "arcs")["data"]
    assert arcs and all(set(swedish) & {arc["from"], arc["to"]} for arc in arcs)
    assert len(arcs) == sum(1 for arc in layer(everywhere, "arcs")["data"] if set(swedish) & {arc["from"], arc["to"]})
    assert {row["key"] for row in layer(deck, "clusters")["data"]} <= set(swedish)
    organisations = layer(deck, "organisations")["data"]
    assert organisations and len(organisations) < len(layer(everywhere, "organisations")["data"])
    assert "Only Sweden: the places, organisations and clusters there and their collaborations." in texts(at)
    assert f"{len(swedish):,} places at" in texts(at) and f"{len(organisations):,} organisations with" in texts(at)


def test_the_country_filter_says_its_countries_organisations_in_no_place(app_store):  # noqa: F811
    """With a Countries filter the caption had said nothing of the organisations and clusters in no place of the level
    (without one it counts them): now those of the chosen countries, and apart those of no known country."""
    from graph.store.reads import to_networkx
    from graph.views import geo_countries

    graph = to_networkx(app_store)
    by_country, _ = geo_countries.unplaced_by_country(graph, 2)
    assert sum(by_country.values()) == len(geography.unplaced_actors(graph, 2))
    swedish, unknown = by_country["Country:SE"], by_country[None]
    assert swedish and unknown  # the fixture network has both
    said = texts(open_page("map", map_countries="Sweden"))
    assert f" {swedish:,} of their organisations and clusters are in no place of NUTS 2 with coordinates, so in no " \
           "bubble." in said
    assert f" Also left out: {unknown:,} organisations and clusters whose country is not known, so choosing " \
           "countries cannot show them (give them a country or region in your table)." in said  # plain words
    whole = texts(open_page("map"))
    assert f" {sum(by_country.values()):,} organisations and clusters are in no place of NUTS 2" in whole
    assert "country is not known" not in whole


def test_the_country_filter_counts_its_countries_clusters_in_no_place(app_store):  # noqa: F811
    """With a Countries filter the clusters' sentence had counted none in no place of the level (Norway's cluster in
    no NUTS 2 region with coordinates was in the organisations' count and not in the clusters'): now the chosen
    countries' clusters in none are counted, by their country as the organisations are."""
    from graph.store.reads import to_networkx

    graph = to_networkx(app_store)
    _, missing = geography.cluster_points(graph, 2)
    assert missing == {"Country:NO": 1} and not geography.cluster_points(graph, 0)[1]  # the fixture's
    norway = texts(open_page("map", map_countries="Norway"))
    assert "; 1 of their clusters in no place of NUTS 2 with coordinates, so not drawn" in norway
    sweden = texts(open_page("map", map_countries="Sweden"))
    assert "of their clusters in no place" not in sweden and "Clusters (orange dots): " in sweden
    assert "; 1 in no place of NUTS 2 with coordinates, so not drawn" in texts(open_page("map"))


@pytest.mark.parametrize("level", ["0", "2"])
def test_the_country_filters_first_view_holds_its_collaborations_abroad(app_store, level):  # noqa: F811
    """`?map_countries=Sweden` had been framed on Sweden's places alone, saying nothing: its collaborations abroad ran
    off the edge. At NUTS 0 (Sweden one point) the first view holds the arcs drawn, both ends, but for far ends of
    little weight. At NUTS 2 the fixtures' Sweden (five southern places) would be small in that view, so the map frames
    its places, says how many collaborations leave the frame, and the toggle "Frame the collaborations abroad" gives
    that view (tests/test_app_map_small_country.py: Austria's; a tall Sweden keeps the wide view)."""
    at = open_page("map", map_level=level, map_countries="Sweden")
    places = layer(deck_of(at), "places")["data"]
    own = map_frame.framed([(p["lat"], p["lon"], p["activity"]) for p in places])
    if level == "2":
        close = map_frame.View(*(deck_of(at)["initialViewState"][k] for k in ("latitude", "longitude", "zoom")))
        said = re.search(r"Framed on Sweden: (\d+) of the (\d+) collaborations drawn lead to places beyond", texts(at))
        assert said and int(said[1]) > 0 and at.toggle(key="map_abroad").value is False
        assert all(40 <= x <= map_layers.MAP_WIDTH - 40 and 40 <= y <= map_layers.MAP_HEIGHT - 40
                   for x, y in (map_frame.to_pixels(close, lat, lon, map_layers.MAP_WIDTH, map_layers.MAP_HEIGHT)
                                for lat, lon in own))
        at = open_page("map", map_level=level, map_countries="Sweden", map_abroad="true")
    else:
        assert "Framed on Sweden" not in texts(at) and "map_abroad" not in [t.key for t in at.toggle]
    deck = deck_of(at)
    view = map_frame.View(*(deck["initialViewState"][k] for k in ("latitude", "longitude", "zoom")))
    arcs = layer(deck, "arcs")["data"]
    swedish = {p["key"] for p in places}
    abroad = [arc for arc in arcs if not {arc["from"], arc["to"]} <= swedish]
    assert abroad, "the fixture's Sweden collaborates abroad"

    def shown(lat: float, lon: float) -> bool:
        x, y = map_frame.to_pixels(view, lat, lon, map_layers.MAP_WIDTH, map_layers.MAP_HEIGHT)
        return 0 <= x <= map_layers.MAP_WIDTH and 0 <= y <= map_layers.MAP_HEIGHT

    inside = [arc for arc in arcs if shown(arc["from_lat"], arc["from_lon"]) and shown(arc["to_lat"], arc["to_lon"])]
    assert abroad[0] in inside  # the strongest collaboration abroad
    assert sum(arc["projects"] for arc in inside) >= 0.8 * sum(arc["projects"] for arc in arcs)
    assert all(shown(lat, lon) for lat, lon in own)


def test_the_names_left_out_at_the_first_view_are_drawn_closer_none_over_another(app_store):  # noqa: F811
    """The names thinned for the first view had stayed in tooltips only at any zoom: each comes back from the first
    zoom (of up to `REVEAL_STEPS` closer) at which it overlaps none drawn there, in a layer hidden below that zoom."""
    deck = deck_of(open_page("map", map_level="3"))
    view = deck["initialViewState"]
    first = view["zoom"]
    bands = [item for item in deck["layers"] if item["id"].startswith("names-")]
    assert bands and all(item["@@type"] == "TileLayer" and item["maxZoom"] == 0 for item in bands)
    zooms = [item["visibleMinZoom"] for item in bands]
    assert zooms == sorted(zooms) and first < zooms[0] and zooms[-1] <= first + map_layers.REVEAL_STEPS
    drawn = [(p["lat"], p["lon"], p["name"]) for p in layer(deck, "names")["data"]]
    for item in bands:
        features = json.loads(unquote(item["data"].removeprefix("data:application/json,")))
        drawn += [(f["geometry"]["coordinates"][1], f["geometry"]["coordinates"][0], f["properties"]["name"])
                  for f in features]
        at = map_frame.View(view["latitude"], view["longitude"], item["visibleMinZoom"])
        assert map_frame.apart(drawn, at) == list(range(len(drawn))), f"names overlap from zoom {at.zoom}"
    assert len({name for *_, name in drawn}) > len(layer(deck, "names")["data"])
