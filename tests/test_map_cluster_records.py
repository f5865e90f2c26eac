"""The Map's cluster layer counts a seed cluster and its CORDIS record (`SAME_AS`) as one cluster, as the cluster
analytics fold them (`graph.analytics.cluster_profiles`). On the sample, Sweden's dot said "28 clusters", naming
both "Interior Cluster" and "INTERIOR CLUSTER SWEDEN AB" (and Agro Väst, Bron Innovation likewise): 25 clusters.
The fixture network (seeds, NUTS and CORDIS fixtures) in a real embedded store.
"""

from __future__ import annotations

import pytest

from graph.store.reads import to_networkx
from graph.views import geography
from loaders.pipeline import derive_facts
from tests.conftest import open_fixture_network


@pytest.fixture(scope="module")
def graph(embedded_server):
    store = open_fixture_network(embedded_server, "map_cluster_records")
    derive_facts(store)  # what a load does after it: cluster detection, then SAME_AS
    whole = to_networkx(store)
    store.clear()
    store.close()
    return whole


def test_a_seed_cluster_and_its_cordis_record_are_one_dot_name(graph):
    (record,) = [v for u, v, t in graph.edges(data="type") if t == "SAME_AS" and u == "Cluster:interior-cluster"]
    assert "Cluster" in graph.nodes[record]["labels"]  # detection made the record a cluster too
    points, missing = geography.cluster_points(graph, 0)
    sweden = next(p for p in points if p["key"] == "Country:SE")
    assert "Interior Cluster" in sweden["names"] and graph.nodes[record]["name"] not in sweden["names"]
    clusters = {n for n, labels in graph.nodes(data="labels") if "Cluster" in (labels or ())}
    assert sum(p["clusters"] for p in points) + sum(missing.values()) == len(clusters) - 1  # the record, folded
