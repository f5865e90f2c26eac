"""A sector asked for filters and weighs partner clusters, and says how much each works in it.

A Finnish robotics cluster's `recommend --candidates clusters --sector robotics` ranked nearly as without the sector
(a flat boost of 0.5 against shared projects weighted 4), every candidate above the first robotics one told "no
project in robotics". Now the clusters that work in the sector come first, by how much, each reason counts the
projects, and a sector no candidate works in is said so in words. The network is tests/test_cluster_partners.py's.
"""

from __future__ import annotations

from graph.analytics.cluster_partners import ClusterIndex, partner_clusters
from graph.analytics.recommend import Requirements
from tests import test_cluster_partners
from tests.test_cluster_partners import AUTOMATION, ROBOTICS

graph, index = test_cluster_partners.graph, test_cluster_partners.index
FOCAL = ["Cluster:automation-smaland"]


def _ranked(index, *sectors: str):
    return partner_clusters(ClusterIndex(index), FOCAL, k=50,
                            requirements=Requirements(sectors=sectors) if sectors else None)


def _works_in(candidate, sector: str) -> bool:
    return any(r.startswith(f"works in {sector}, as asked") for r in candidate.reasons)


def test_the_clusters_working_in_the_sector_asked_come_first(index):
    plain = [c.key for c in _ranked(index).candidates]
    asked = _ranked(index, ROBOTICS).candidates
    working = [_works_in(c, "robotics") for c in asked]
    assert any(working) and not all(working)
    assert working == sorted(working, reverse=True)  # every one working in robotics above every one not
    assert [c.key for c in asked] != plain
    assert "work in robotics, as asked: they come first, by how much they do" in _ranked(index, ROBOTICS).note


def test_the_reason_counts_the_projects_in_the_sector(index):
    odense = next(c for c in _ranked(index, ROBOTICS).candidates if c.key == "Cluster:pic:2")
    assert "works in robotics, as asked: 2 projects of its own" in odense.reasons  # ROBOFLEX and COBOTS


def test_a_cluster_with_projects_in_the_sector_weighs_more_than_one_with_the_sector_alone(index):
    """Automation: ODENSE ROBOTICS has three projects in it, the seed Automation Region its own sector alone."""
    asked = {c.key: c for c in _ranked(index, AUTOMATION).candidates if _works_in(c, "Automation")}
    assert set(asked) == {"Cluster:pic:2", "Cluster:automation-region"}
    assert "works in Automation, as asked: its own sector" in asked["Cluster:automation-region"].reasons
    assert (asked["Cluster:pic:2"].components["asked sectors"]
            > asked["Cluster:automation-region"].components["asked sectors"])


def test_a_sector_no_candidate_works_in_is_said_in_words_not_passed_off_as_a_filter(index):
    """Industrial green tech: a seed sector of no candidate cluster and of no project."""
    ranking = _ranked(index, "green-tech")
    assert [c.key for c in ranking.candidates] == [c.key for c in _ranked(index).candidates]
    assert "no candidate cluster works in the sectors asked (Industrial green tech): none of the" in ranking.note
    assert "has a project in it, so they ranked none higher and the list is as without them" in ranking.note
