"""Shared fields weigh by how rare they are among clusters: a field nearly every cluster has says little about fit.

A Finnish robotics cluster (a member list of 45 Pirkanmaa organisations) got a Greek circular-economy cluster first
with "both work in governance", a field the most clusters of the sample share. The sector part now compares
IDF-weighted profiles (`ClusterIndex.sector_idf`), and a reason resting on a common field says so. A small graph of
canonical shape: a focal cluster whose members' projects are mostly in governance and once in robotics, one
candidate in governance, one in robotics, and eight more clusters in governance.
"""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analytics.cluster_partners import ClusterIndex, partner_clusters
from graph.analytics.recommend import RecommenderIndex

GOVERNANCE, ROBOTICS = "Sector:esv:/1/governance", "Sector:esv:/2/robotics"


@pytest.fixture(scope="module")
def clusters() -> ClusterIndex:
    G = nx.MultiDiGraph()
    G.add_node(GOVERNANCE, kind="Sector", name="governance")
    G.add_node(ROBOTICS, kind="Sector", name="robotics")
    G.add_node("Cluster:robo", kind="Cluster", name="Pirkanmaan Robotiikkaklusteri", country="FI")
    for org, sector in {"a": GOVERNANCE, "b": GOVERNANCE, "c": ROBOTICS}.items():
        G.add_node(f"Organisation:{org}", kind="Organisation", name=org.upper(), country="FI")
        G.add_node(f"Project:{org}", kind="Project", name=f"P{org}")
        G.add_edge(f"Organisation:{org}", f"Project:{org}", type="PARTICIPATES_IN", role="participant")
        G.add_edge(f"Project:{org}", sector, type="ACTIVE_IN")
        G.add_edge(f"Organisation:{org}", "Cluster:robo", type="MEMBER_OF")
    others = {"Cluster:circular": GOVERNANCE, "Cluster:automation": ROBOTICS}
    others |= {f"Cluster:civic-{n}": GOVERNANCE for n in range(8)}
    for key, sector in others.items():
        G.add_node(key, kind="Cluster", name=key.split(":")[1].title(), country="GR")
        G.add_edge(key, sector, type="ACTIVE_IN")
    return ClusterIndex(RecommenderIndex(G))


def test_a_rare_shared_field_ranks_above_a_common_one(clusters):
    ranked = [c.key for c in partner_clusters(clusters, ["Cluster:robo"], k=20).candidates]
    assert ranked[0] == "Cluster:automation"
    assert ranked.index("Cluster:automation") < ranked.index("Cluster:circular")


def test_a_reason_resting_on_a_common_field_says_it_says_little(clusters):
    circular = next(c for c in partner_clusters(clusters, ["Cluster:robo"], k=20).candidates
                    if c.key == "Cluster:circular")
    assert ("both work in governance, as many clusters do (of the 11 clusters with sectors, 10 in governance): it "
            "says little about fit") in circular.reasons


def test_a_rare_field_is_said_plainly(clusters):
    automation = partner_clusters(clusters, ["Cluster:robo"], k=20).candidates[0]
    assert "both work in robotics" in automation.reasons


def test_the_weight_of_a_field_falls_with_the_clusters_having_it(clusters):
    assert clusters.sector_idf(ROBOTICS) > clusters.sector_idf(GOVERNANCE) > 0
    assert clusters.common(GOVERNANCE) and not clusters.common(ROBOTICS)
