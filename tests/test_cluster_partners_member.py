"""Partner clusters for a member of a cluster that has no projects, sectors or programmes of its own.

Mjärdevi Science Park (a seed member of IoT World, nothing else known of it) was told "the graph knows no sector,
programme or project of Mjärdevi Science Park: nothing to rank partner clusters by", with no candidate, while
partner *organisations* were ranked for it through IoT World (graph/analytics/recommend_cold.py). Its cluster now
stands in for partner clusters too (graph/analytics/cluster_partners.py `known_by`). The network is
tests/test_cluster_partners.py's, with the seeds.
"""

from __future__ import annotations

from graph.analytics.cluster_partners import COLD_START_NOTE, partner_clusters
from tests.test_cluster_partners import clusters, graph, index  # noqa: F401  (fixtures)

MJARDEVI, IOT_WORLD = "Organisation:mjardevi-science-park", "Cluster:iot-world"


def test_a_member_without_a_record_gets_its_clusters_partner_clusters(clusters):  # noqa: F811
    mine = partner_clusters(clusters, [MJARDEVI], k=10)
    theirs = partner_clusters(clusters, [IOT_WORLD], k=10)
    assert mine.candidates and [c.key for c in mine.candidates] == [c.key for c in theirs.candidates]
    assert IOT_WORLD not in {c.key for c in mine.candidates}  # its own cluster is no partner of it
    assert mine.note == (f"{COLD_START_NOTE}; as a member of IoT World, by its sectors, programmes and place (the "
                         "graph knows none of Mjärdevi Science Park's own)")


def test_its_paths_start_at_the_cluster_that_stands_in(clusters):  # noqa: F811
    first = partner_clusters(clusters, [MJARDEVI], k=1).candidates[0]
    assert first.paths and all(path.nodes[0] == IOT_WORLD for path in first.paths)


def test_a_cluster_itself_is_ranked_as_before(clusters):  # noqa: F811
    assert partner_clusters(clusters, [IOT_WORLD], k=3).note == COLD_START_NOTE
