"""A partner cluster whose organisations share no project with the focal cluster's but have partners in common is
told how many and which: the reason had been "their organisations have partners in common", naming and counting none.

The network of tests/test_cluster_partners.py (Odense Robotics, a detected cluster, works with ROBOT FACTORY AB,
SENSOR OY and DANISH AUTOMATION APS) plus a second detected cluster, Sensor Valley, whose one project is with SENSOR
OY and DANISH AUTOMATION APS: two partners in common with Odense, no project shared with it."""

from __future__ import annotations

import itertools

import pytest

from graph.analytics.cluster_partners import ClusterIndex, partner_clusters
from graph.analytics.inputs import read_inputs
from graph.analytics.recommend import RecommenderIndex
from tests.test_cluster_partners import ROBOTICS, seeded_network
from tests.test_projections import cordis_records

VALLEY = {"9": {"name": "SENSOR VALLEY", "country": "FI", "nuts": "FI1B1", "cluster": True},
          "3": {"name": "SENSOR OY", "country": "FI", "nuts": "FI1B1"},
          "6": {"name": "DANISH AUTOMATION APS", "country": "DK", "nuts": "DK011", "sme": True}}
TOGETHER = {"5": {"acronym": "SENSEBOT", "start": "2024-06-01", "sectors": [ROBOTICS],
                  "partners": [("9", "coordinator"), ("3", "participant"), ("6", "participant")]}}


@pytest.fixture(scope="module")
def graph(embedded_server):
    nodes, rels = cordis_records(VALLEY, TOGETHER)
    store = seeded_network(embedded_server, "cluster_common_partners", tuple(nodes), tuple(rels))
    yield read_inputs(store)
    store.close()


def test_partners_in_common_are_counted_and_named_with_a_path_through_the_first(graph):
    clusters = ClusterIndex(RecommenderIndex(graph))
    found = {c.key: c for c in partner_clusters(clusters, ["Cluster:pic:2"], k=25).candidates}
    valley = found["Cluster:pic:9"]
    said = [r for r in valley.reasons if "in common" in r]
    assert said == ["their organisations have 2 partners in common: DANISH AUTOMATION APS, SENSOR OY"]
    path = next(p for p in valley.paths if "shares" in p.text)
    assert path.text == "DANISH AUTOMATION APS shares COBOTS with ODENSE ROBOTICS and SENSEBOT with SENSOR VALLEY"
    assert path.nodes[2:5] == ("Project:cordis:3", "Organisation:pic:6", "Project:cordis:5")
    hops = list(itertools.pairwise(path.nodes[1:-1]))
    assert all(graph.has_edge(a, b) or graph.has_edge(b, a) for a, b in hops)  # stored relationships, Explore draws
