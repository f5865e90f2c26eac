"""A project's requirements apply to partner clusters as to partner organisations: a place to avoid and a minimum
label leave clusters out, a place to add or a sector asked for ranks those having it higher, with a reason. The
Partners page and `recommend` passed none of them to the cluster ranking ("avoid Sweden" listed ten Swedish
clusters). On the seeds and the small network of tests/test_cluster_partners.py."""

from __future__ import annotations

from graph.analytics.cluster_partners import ClusterIndex, partner_clusters
from graph.analytics.recommend import Requirements
from tests import test_cluster_partners
from tests.test_cluster_partners import ROBOTICS

graph, index = test_cluster_partners.graph, test_cluster_partners.index
FOCAL = ["Cluster:automation-smaland"]


def _ranked(index, requirements=None):
    return partner_clusters(ClusterIndex(index), FOCAL, k=50, requirements=requirements)


def _countries(cindex, candidates) -> set[str]:
    return {country for c in candidates for country in cindex.profile(c.key).countries}


def test_a_place_to_avoid_and_a_minimum_label_leave_clusters_out(index):
    cindex = ClusterIndex(index)
    plain = _ranked(index)
    assert "SE" in _countries(cindex, plain.candidates)
    avoided = _ranked(index, Requirements(avoid_places=("SE",)))
    assert avoided.candidates and "SE" not in _countries(cindex, avoided.candidates)
    assert "left out as required: " in avoided.note and " cluster(s) in a place to avoid" in avoided.note
    silver = _ranked(index, Requirements(min_label="esca-silver"))
    assert all(cindex.profile(c.key).label >= 2 for c in silver.candidates)
    assert len(silver.candidates) < len(plain.candidates)
    assert "cluster(s) without the ESCA Silver label or better" in silver.note


def test_a_place_to_add_and_an_asked_sector_rank_higher_with_a_reason(index):
    plain = [c.key for c in _ranked(index).candidates]
    added = _ranked(index, Requirements(add_places=("DK",))).candidates
    danish = [c for c in added if c.key == "Cluster:pic:2"][0]  # ODENSE ROBOTICS
    assert "in DK, as asked" in danish.reasons and danish.components["asked places"] > 0
    assert [c.key for c in added].index(danish.key) <= plain.index(danish.key)
    asked = _ranked(index, Requirements(sectors=(ROBOTICS,))).candidates
    assert any(r.startswith("works in robotics, as asked") for c in asked for r in c.reasons)


def test_a_wanted_sme_share_is_said_not_to_rank_clusters(index):
    assert "a wanted share of SMEs ranks organisations, not partner clusters" in _ranked(
        index, Requirements(sme_share=0.3)).note


def test_a_cordis_record_chosen_as_the_consortium_is_not_offered_its_seed_twin(graph):
    """A try-out chose INTERIOR CLUSTER SWEDEN AB (the CORDIS record) and got the seed's Interior Cluster, the same
    body (SAME_AS), as partner no. 1: "they share a member: INTERIOR CLUSTER SWEDEN AB"."""
    from graph.analytics.recommend import RecommenderIndex

    twinned = graph.copy()
    twinned.add_edge("Cluster:iot-world", "Cluster:pic:2", key="SAME_AS:", type="SAME_AS")  # seed -> record
    cindex = ClusterIndex(RecommenderIndex(twinned))
    assert "Cluster:iot-world" in cindex.linked("Cluster:pic:2")
    offered = [c.key for c in partner_clusters(cindex, ["Cluster:pic:2"], k=100).candidates]
    assert offered and "Cluster:iot-world" not in offered


def test_places_or_sectors_that_rank_no_cluster_higher_are_said(index):
    """Sectors = forestry and Places to add = Finland left a cluster ranking as it was, without a word."""
    nowhere = _ranked(index, Requirements(add_places=("IS",)))
    assert "no candidate cluster is in IS, so the places to add ranked none higher" in nowhere.note
    assert [c.key for c in nowhere.candidates] == [c.key for c in _ranked(index).candidates]
    unknown = _ranked(index, Requirements(sectors=("esv:/99/none",)))
    assert "no candidate cluster works in the sectors asked" in unknown.note
