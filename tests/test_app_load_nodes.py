"""The pages' "this load's nodes" choice and the Map's cluster layer, through AppTest on a real embedded store:
the seeds, the NUTS and CORDIS fixtures and a small table of a user's own (`tests/own_load_files.py`). Each test
asserts what is drawn changes: the deck's layers, the network's nodes.
"""

from __future__ import annotations

import json

import pytest

from tests.app_graph import app_on_graph
from tests.conftest import open_fixture_network
from tests.own_load_files import ACTORS, LOAD, MARKUP, load_own_table
from tests.test_app import network_html, open_page, texts
from tests.test_render import data_of


@pytest.fixture(scope="module", autouse=True)
def own_store(embedded_server, tmp_path_factory):
    store = open_fixture_network(embedded_server, "app_load_tests")
    load_own_table(store, tmp_path_factory.mktemp("egne"))
    with app_on_graph(embedded_server, "app_load_tests", tmp_path_factory.mktemp("user_queries")):
        yield store
    store.clear()
    store.close()


def layers(at) -> dict[str, list[dict]]:
    """The map's layers by id, each its rows."""
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    return {item["id"]: item["data"] for item in spec["layers"]}


def test_the_map_draws_clusters_at_their_places_named_in_their_tooltips(own_store):
    at = open_page("map", map_level="Countries")
    clusters = layers(at)["clusters"]
    sweden = next(row for row in clusters if row["key"] == "Country:SE")
    assert MARKUP in sweden["label"] and sweden["label"].startswith(f"{sweden['clusters']} clusters in Sweden: ")
    placed = sum(row["clusters"] for row in clusters)
    assert f"Clusters (orange dots): {placed:,} clusters in {len(clusters):,} places; 1 in no place of Countries" \
        in texts(at)  # K2, which the table gave no place


def test_a_country_filter_says_apart_the_clusters_in_no_place_of_no_known_country(own_store):
    """K2, of no region and no country, had been in the clusters' count without a filter and in none with one."""
    said = texts(open_page("map", map_level="Countries", map_countries="Sweden"))
    assert " Left out: 1 cluster whose country is not known, so choosing countries cannot show it (give it a " \
           "country or region in your table)." in said  # no Swedish cluster is in no place: nothing for "Also"
    assert " organisations and clusters whose country is not known, so choosing countries cannot show them" in said
    assert "Also left out: 1 cluster" not in said


def test_the_clusters_toggle_takes_the_layer_off_and_the_caption_says_so(own_store):
    at = open_page("map", map_level="Countries", map_clusters="false")
    assert "clusters" not in layers(at) and "(hidden: the Clusters toggle)" in texts(at)


def test_the_map_of_one_load_draws_its_actors_only(own_store):
    whole = layers(open_page("map", map_level="Countries"))
    at = open_page("map", map_level="Countries", map_load=LOAD)
    mine = layers(at)
    assert at.selectbox(key="map_load").value == LOAD
    assert {row["key"] for row in mine["places"]} == {"Country:SE", "Country:NO"} < {r["key"] for r in whole["places"]}
    assert sum(row["organisations"] for row in mine["places"]) == 4  # K1, IoT World, O2 in Sweden; O1 in Norway
    assert sorted(n for row in mine["clusters"] for n in row["label"].split(": ", 1)[1].split(", ")) == sorted(
        ["IoT World", MARKUP])
    assert f"Only the load {LOAD}: its {len(ACTORS)} organisations and clusters" in texts(at).replace("\\", "")


def test_explore_shows_one_loads_nodes_and_their_neighbours(own_store):
    whole = {n["key"] for n in data_of(network_html(open_page("explore")))[0]}
    at = open_page("explore", explore_load=LOAD)
    mine = {n["key"] for n in data_of(network_html(at))[0]}
    assert at.selectbox(key="explore_load").value == LOAD
    assert ACTORS <= mine and "Region:SE232" in mine  # K1's region: a neighbour
    assert {k for k in whole if k.startswith("Cluster:")} - mine  # seed clusters the load did not name
    assert LOAD in at.selectbox(key="explore_load").options


def test_a_link_naming_a_load_the_log_does_not_hold_says_so_and_shows_every_load(own_store):
    whole = layers(open_page("map", map_level="Countries"))
    at = open_page("map", map_level="Countries", map_load="user:gone*")
    assert at.selectbox(key="map_load").value is None
    assert "The link asked for “user\\:gone\\*”, which is not among the choices here: showing every load." in \
        [caption.value for caption in at.sidebar.caption]
    assert layers(at)["places"] == whole["places"]


def test_one_cluster_in_one_place_is_said_in_the_singular():
    """A member list's map (one cluster) read "1 clusters in 1 places"."""
    from app_pages.map_clusters import caption

    assert caption([{"clusters": 1}], (0, 0), True, 2) == " Clusters (orange dots): 1 cluster in 1 place."
    assert caption([{"clusters": 2}, {"clusters": 1}], (0, 0), True, 2) == \
        " Clusters (orange dots): 3 clusters in 2 places."
