"""The Map's cluster layer counts a seed cluster and its CORDIS record (`SAME_AS`) as one cluster, as the cluster
analytics fold them (`graph.analytics.cluster_profiles`). On the sample, Sweden's dot said "28 clusters", naming
both "Interior Cluster" and "INTERIOR CLUSTER SWEDEN AB" (and Agro Väst, Bron Innovation likewise): 25 clusters.
The fixture network (seeds, NUTS and CORDIS fixtures) in a real embedded store.
"""

from __future__ import annotations

import pytest

from graph.store.reads import to_networkx
from graph.views import geography, load_nodes, map_places
from loaders.pipeline import derive_facts
from tests.conftest import open_fixture_network


@pytest.fixture(scope="module")
def network(embedded_server):
    """The store's graph and the organisations and clusters the `cordis` load gave (its CORDIS records among them)."""
    store = open_fixture_network(embedded_server, "map_cluster_records")
    derive_facts(store)  # what a load does after it: cluster detection, then SAME_AS
    whole, cordis = to_networkx(store), load_nodes.actors_brought_by(store, "cordis")
    store.clear()
    store.close()
    return whole, cordis


@pytest.fixture(scope="module")
def graph(network):
    return network[0]


def test_a_seed_cluster_and_its_cordis_record_are_one_dot_name(graph):
    (record,) = [v for u, v, t in graph.edges(data="type") if t == "SAME_AS" and u == "Cluster:interior-cluster"]
    assert "Cluster" in graph.nodes[record]["labels"]  # detection made the record a cluster too
    points, missing = geography.cluster_points(graph, 0)
    sweden = next(p for p in points if p["key"] == "Country:SE")
    assert "Interior Cluster" in sweden["names"] and graph.nodes[record]["name"] not in sweden["names"]
    clusters = {n for n, labels in graph.nodes(data="labels") if "Cluster" in (labels or ())}
    assert sum(p["clusters"] for p in points) + sum(missing.values()) == len(clusters) - 1  # the record, folded


@pytest.mark.parametrize("level", [0, 3])
def test_a_loads_map_shows_a_seed_clusters_record_as_the_map_without_a_load_does(network, level):
    """`?map_load=cordis` (which gave the record, not the seed) drew "INTERIOR CLUSTER SWEDEN AB" as a cluster of its
    own, where the map without a load draws Interior Cluster: the same cluster is named and placed as without a load."""
    graph, cordis = network
    (record,) = [v for u, v, t in graph.edges(data="type") if t == "SAME_AS" and u == "Cluster:interior-cluster"]
    assert record in cordis and "Cluster:interior-cluster" not in cordis
    whole = {name: p["key"] for p in geography.cluster_points(graph, level)[0] for name in p["names"]}
    loads = geography.cluster_points(graph, level, map_places.Placer(graph, level, cordis))[0]
    assert {name: p["key"] for p in loads for name in p["names"]}.items() <= whole.items()
    assert "Interior Cluster" in next(p["names"] for p in loads if p["key"] == whole["Interior Cluster"])
