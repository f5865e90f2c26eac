"""A member of a cluster without projects of its own is known by its cluster when partners are ranked for it.

A register's member (no project, no place written) had been ranked as a stranger: "the graph knows no sector,
place or programme of it", the candidates' own record alone, the same list for every such member. Its cluster
(Automation Småland: sectors, a region, the S3 Cluster Pilot) and its fellow members now stand in for what it
lacks (graph/analytics/recommend_cold.py), and the note says so. The network is tests/test_cluster_partners.py's.
"""

from __future__ import annotations

import pytest

from graph.analytics.inputs import read_inputs
from graph.analytics.recommend import COLD_START_NOTE, RecommenderIndex, history_note, recommend
from graph.store.records import NodeRecord, RelRecord
from tests.test_cluster_partners import seeded_network

SOURCE = ("user:test/members.csv",)
MEMBER = NodeRecord("Organisation", "member-9", "SMALAND MACHINE AB", SOURCE)  # no project, no place
FELLOW = "pic:4"  # TEXTILE WORKS AB, in a textiles project only: a fellow member, far from automation


def member_of(org: str, cluster: str = "automation-smaland") -> RelRecord:
    return RelRecord("MEMBER_OF", "Organisation", org, "Cluster", cluster, SOURCE)


@pytest.fixture(scope="module")
def index(embedded_server):
    store = seeded_network(embedded_server, "cold_member", (MEMBER,), (member_of(MEMBER.id), member_of(FELLOW)))
    yield RecommenderIndex(read_inputs(store))
    store.clear()
    store.close()


def test_the_note_says_the_cluster_stands_in_for_the_members_own_record(index):
    assert history_note(index, ["Organisation:member-9"]) == (
        f"{COLD_START_NOTE}; as a member of Automation Småland, by its sectors, members' fields, place and "
        "programmes too, with fellow members among the candidates")


def test_a_member_without_projects_gets_its_fellow_members_and_its_clusters_field(index):
    found = recommend(index, ["Organisation:member-9"], k=10)
    reasons = {c.key: c.reasons for c in found}
    assert "a fellow member of Automation Småland" in reasons[f"Organisation:{FELLOW}"]
    assert "in the same country (Sweden)" in reasons[f"Organisation:{FELLOW}"]  # the cluster's place stands in
    assert "adds Sweden" not in reasons[f"Organisation:{FELLOW}"]
    automation = [c for c in found if "works in Automation, like the consortium" in c.reasons]
    assert automation and automation[0].components["thematic"] > 0  # the cluster's sector, bridged to CORDIS's
    assert all(c.key != "Organisation:member-9" for c in found)


def test_a_member_with_projects_of_its_own_is_ranked_by_them(index):
    """TEXTILE WORKS AB took part in a project: its network ranks, not its cluster, and no note is given."""
    assert history_note(index, [f"Organisation:{FELLOW}"]) is None
    found = recommend(index, [f"Organisation:{FELLOW}"], k=10)
    assert all("a fellow member of Automation Småland" not in c.reasons for c in found)
