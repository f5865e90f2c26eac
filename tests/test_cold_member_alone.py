"""A cluster's only member, without projects, is not promised fellow members it does not have.

Mjärdevi Science Park is IoT World's only member in the seeds. Its Partners note ended "with fellow members among
the candidates", and no candidate was one (graph/analytics/recommend_cold.py `clusters_said`). The network is
tests/test_cluster_partners.py's with the seeds.
"""

from __future__ import annotations

import pytest

from graph.analytics.inputs import read_inputs
from graph.analytics.recommend import COLD_START_NOTE, RecommenderIndex, history_note, recommend
from graph.analytics.recommend_cold import fellow_members
from graph.store.records import RelRecord
from graph.store.writer import write_records
from tests.test_cluster_partners import seeded_network

MJARDEVI = "Organisation:mjardevi-science-park"  # a seed member of IoT World, its only one
SOURCE = ("user:test/members.csv",)


@pytest.fixture(scope="module")
def store(embedded_server):
    store = seeded_network(embedded_server, "cold_member_alone")
    yield store
    store.clear()
    store.close()


def test_the_only_member_is_told_its_cluster_has_no_other(store):
    index = RecommenderIndex(read_inputs(store))
    assert not fellow_members(index, [MJARDEVI])
    assert history_note(index, [MJARDEVI]) == (
        f"{COLD_START_NOTE}; as a member of IoT World, by its sectors, place and programmes too (IoT World has no "
        "other member in the graph)")
    assert all("a fellow member" not in " ".join(c.reasons) for c in recommend(index, [MJARDEVI], k=20))


def test_a_second_member_with_projects_makes_it_a_fellow(store):
    write_records(store, [], [RelRecord("MEMBER_OF", "Organisation", "pic:4", "Cluster", "iot-world", SOURCE)])
    index = RecommenderIndex(read_inputs(store))
    assert fellow_members(index, [MJARDEVI]) == {"Organisation:pic:4"}
    assert history_note(index, [MJARDEVI]).endswith("with fellow members among the candidates")
    reasons = {c.key: c.reasons for c in recommend(index, [MJARDEVI], k=20)}
    assert "a fellow member of IoT World" in reasons["Organisation:pic:4"]
