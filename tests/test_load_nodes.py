"""What one load brought, on the real embedded store: Explore's "this load's nodes" (`Filters.load`, served by
`store_views.explore_view`), the Map's aggregates of one load's actors and its cluster layer
(`geography.cluster_points`). A small table of a user's own over the seeds and the NUTS and CORDIS fixtures.
"""

from __future__ import annotations

import pytest

from graph.store.reads import last_loads, to_networkx
from graph.views import geo_countries, geography, load_nodes, map_places, store_views
from graph.views.filters import Filters
from tests.conftest import open_fixture_network
from tests.own_load_files import ACTORS, LOAD, MARKUP, load_own_table


@pytest.fixture(scope="module")
def store(embedded_server, tmp_path_factory):
    opened = open_fixture_network(embedded_server, "load_nodes_tests")
    load_own_table(opened, tmp_path_factory.mktemp("egne"))
    yield opened
    opened.clear()
    opened.close()


@pytest.fixture(scope="module")
def graph(store):
    return to_networkx(store)


def test_the_loads_offered_are_the_logs_each_once(store):
    assert set(load_nodes.loads_offered(last_loads(store, 50))) == {"seeds", "nuts", "cordis", LOAD}


def test_a_loads_actors_are_those_its_files_gave_a_seed_cluster_named_again_included(store):
    assert load_nodes.actors_brought_by(store, LOAD) == ACTORS
    assert "Cluster:iot-world" in load_nodes.actors_brought_by(store, "seeds")
    assert "Cluster:K1" not in load_nodes.actors_brought_by(store, "seeds")


def test_explore_shows_the_loads_nodes_and_their_neighbourhood_only(store):
    whole = store_views.explore_view(store, Filters(), cap=5000)
    mine = store_views.explore_view(store, Filters(load=LOAD), cap=5000)
    assert ACTORS <= set(mine)
    assert "Region:SE232" in mine  # K1's region: a neighbour
    actors = {n for n, kind in mine.nodes(data="kind") if kind in ("Cluster", "Organisation")}
    assert actors - ACTORS  # IoT World's partners in projects: its neighbourhood
    assert {n for n in whole if n.startswith("Cluster:")} - set(mine)  # seed clusters the load did not name: out


def test_the_load_with_another_filter_keeps_what_both_select(store):
    view = store_views.explore_view(store, Filters(load=LOAD, places=("Country:NO",)), cap=5000)
    actors = {n for n, kind in view.nodes(data="kind") if kind in ("Cluster", "Organisation")}
    assert actors == {"Organisation:O1"}


def test_clusters_are_placed_by_their_region_or_country_and_the_placeless_counted(graph):
    points, missing = geography.cluster_points(graph, 0)
    sweden = next(p for p in points if p["key"] == "Country:SE")
    assert MARKUP in sweden["names"] and "IoT World" in sweden["names"]  # K1 by its region, IoT World by the seeds
    assert sweden["clusters"] == len(sweden["names"]) and {"lat", "lon"} <= set(sweden)
    assert missing == {None: 1}  # K2: no region, no country
    at_nuts3 = geography.cluster_points(graph, 3)[0]
    assert any(p["key"] == "Region:SE232" and MARKUP in p["names"] for p in at_nuts3)


def test_a_loads_map_counts_only_its_actors(graph, store):
    only = load_nodes.actors_brought_by(store, LOAD)
    place_of = map_places.Placer(graph, 0, only)
    places, organisations = geography.geo_points(graph, 0, place_of)
    assert {p["key"] for p in places} == {"Country:SE", "Country:NO"}
    assert sum(p["organisations"] for p in places) == 4  # K1, IoT World and O2 in Sweden, O1 in Norway; K2 nowhere
    points, missing = geography.cluster_points(graph, 0, place_of)
    assert sorted(n for p in points for n in p["names"]) == sorted(["IoT World", MARKUP]) and missing == {None: 1}
    assert geo_countries.unplaced_by_country(graph, 0, place_of) == ({None: 1}, {})  # K2, of no known country
    every = geography.geo_points(graph, 0)[0]
    assert len(every) > 2 and sum(p["organisations"] for p in every) > 3
