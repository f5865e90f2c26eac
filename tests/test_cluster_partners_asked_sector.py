"""Partner clusters asked for a sector say which of them work in none of it, as partner organisations do.

On the sample, `recommend --for "Automation Småland" --sector robotics` listed 22 Swedish clusters, none in
robotics, above the first one that is, with no word of the sector asked: the organisation ranking says "no project
in robotics, the sector(s) asked" of such a candidate, the cluster ranking said nothing. And `--sector "internet of
things"` (the seeds' sector and CORDIS's field, one sector to the ranking) gave "works in Internet of Things,
internet of things, as asked". The network is tests/test_cluster_partners.py's, with the seeds.
"""

from __future__ import annotations

import pytest

from graph.analytics.cluster_partners import ClusterIndex, partner_clusters
from graph.analytics.inputs import read_inputs
from graph.analytics.recommend import RecommenderIndex, Requirements
from tests.test_cluster_partners import IOT, ROBOTICS, seeded_network

MISSING = "no project in robotics, the sector(s) asked"


@pytest.fixture(scope="module")
def clusters(embedded_server):
    store = seeded_network(embedded_server, "cluster_partners_asked_sector")
    yield ClusterIndex(RecommenderIndex(read_inputs(store)))
    store.clear()
    store.close()


def reasons(ranking) -> dict[str, tuple[str, ...]]:
    return {c.key: tuple(c.reasons) for c in ranking.candidates}


def test_a_cluster_without_the_sector_asked_says_so_and_one_with_it_says_as_asked(clusters):
    found = reasons(partner_clusters(clusters, ["Cluster:automation-smaland"], k=30,
                                     requirements=Requirements(sectors=(ROBOTICS,))))
    # ODENSE ROBOTICS: its projects are in robotics, and the reason says how many
    assert "works in robotics, as asked: 2 projects of its own" in found["Cluster:pic:2"]
    assert MISSING not in found["Cluster:pic:2"]
    assert MISSING in found["Cluster:automation-region"]
    assert all(any(x.startswith("works in robotics, as asked") for x in r) != (MISSING in r) for r in found.values())


def test_no_word_of_a_sector_when_none_is_asked(clusters):
    found = reasons(partner_clusters(clusters, ["Cluster:automation-smaland"], k=30))
    assert not any("the sector(s) asked" in " ".join(r) for r in found.values())


def test_a_seed_sector_and_the_field_of_its_name_are_named_once(clusters):
    found = reasons(partner_clusters(clusters, ["Cluster:automation-smaland"], k=30,
                                     requirements=Requirements(sectors=("internet-of-things", IOT))))
    said = [x.partition(":")[0] for r in found.values() for x in r if ", as asked" in x]
    assert said and all(x in ("works in Internet of Things, as asked", "works in internet of things, as asked")
                        for x in said)


def test_the_partners_page_s_sector_keys_count_as_the_cli_s_ids(clusters):
    """The page gives `Sector:esv:...` keys: read as `Sector:Sector:...`, they matched no cluster, and the page said
    "no candidate cluster works in the sectors asked" and named the sector by its key."""
    ranking = partner_clusters(clusters, ["Cluster:automation-smaland"], k=30,
                               requirements=Requirements(sectors=(f"Sector:{ROBOTICS}",)))
    assert "works in robotics, as asked: 2 projects of its own" in reasons(ranking)["Cluster:pic:2"]
    assert "no candidate cluster works in the sectors asked" not in (ranking.note or "")
    assert MISSING in reasons(ranking)["Cluster:automation-region"]
