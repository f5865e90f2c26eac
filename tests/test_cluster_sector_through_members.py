"""A partner cluster works in a sector asked through members of its own, not through the focal cluster's members.

In a try-out with a Danish cluster programme's own tables, `recommend --for "Odense Robotics" --candidates clusters
--sector Robotteknologi` said "works in Robotteknologi, as asked" of Energy Cluster Denmark, whose only link to the
sector is Syddansk Universitet and Danmarks Tekniske Universitet: members of Odense Robotics too, whose projects
are Odense Robotics' own work (graph/analytics/cluster_requirements.py `sector_basis`). The projects are
tests/fixtures/danish_projects (their `tema` as the sector), the members a table written here, both loaded by the
real loader into the embedded store.
"""

from __future__ import annotations

from graph.analytics.cluster_partners import ClusterIndex, partner_clusters
from graph.analytics.inputs import read_inputs
from graph.analytics.recommend import RecommenderIndex, Requirements
from loaders.pipeline import run_load
from tests.generic_files import write_files
from tests.test_cold_note_own_inputs import load_projects

MEMBERS = """cvr;navn;klynge
34209936;Blue Ocean Robotics ApS;Odense Robotics
35251448;Mobile Industrial Robots A/S;Odense Robotics
29283958;Syddansk Universitet;Odense Robotics
30060946;Danmarks Tekniske Universitet;Odense Robotics
29283958;Syddansk Universitet;Energy Cluster Denmark
30060946;Danmarks Tekniske Universitet;Energy Cluster Denmark
36213728;Ørsted A/S;Energy Cluster Denmark
10403782;Vestas Wind Systems A/S;Energy Cluster Denmark
25313763;Arla Foods amba;Food & Bio Cluster Denmark
56976116;Teknologisk Institut;Food & Bio Cluster Denmark
30060946;Danmarks Tekniske Universitet;MADE
10403782;Vestas Wind Systems A/S;MADE
"""
MAPPING = """
name = "medlemmer"
[[nodes]]
file = "medlemmer.csv"
label = "Organisation"
id = "cvr"
name = "navn"
[[nodes]]
file = "medlemmer.csv"
label = "Cluster"
extra_labels = ["Organisation"]
id = "klynge"
name = "klynge"
[[relationships]]
file = "medlemmer.csv"
type = "MEMBER_OF"
start = { label = "Organisation", column = "cvr" }
end = { label = "Cluster", column = "klynge" }
"""


def ranked(store, tmp_path, focal: str = "Cluster:Odense Robotics") -> dict[str, object]:
    load_projects(store, tmp_path)
    folder = tmp_path / "medlemmer"
    folder.mkdir()
    write_files(folder, {"medlemmer.csv": MEMBERS, "mapping.toml": MAPPING})
    run_load(store, "csv", folder / "mapping.toml")
    clusters = ClusterIndex(RecommenderIndex(read_inputs(store)))
    ranking = partner_clusters(clusters, [focal], k=10, requirements=Requirements(sectors=("Robotteknologi",)))
    return {c.key: c for c in ranking.candidates}


def test_members_shared_with_the_focal_cluster_do_not_make_a_candidate_work_in_the_sector(embedded_store, tmp_path):
    energy = ranked(embedded_store, tmp_path)["Cluster:Energy Cluster Denmark"]
    assert not any(r.startswith("works in Robotteknologi") for r in energy.reasons)
    assert ("in Robotteknologi, the sector(s) asked, only through Danmarks Tekniske Universitet, Syddansk "
            "Universitet, member(s) of Odense Robotics too: not ranked higher for it") in energy.reasons
    assert "asked sectors" not in energy.components


def test_a_candidate_working_in_the_sector_through_its_own_members_names_them(embedded_store, tmp_path):
    """Arla and Teknologisk Institut, members of Food & Bio Cluster Denmark alone, took part in FoodBot
    (Robotteknologi): the cluster works in it through them, and the reason says so."""
    food = ranked(embedded_store, tmp_path)["Cluster:Food & Bio Cluster Denmark"]
    assert ("works in Robotteknologi, as asked: 1 of its members' projects, through Arla Foods amba, Teknologisk "
            "Institut") in food.reasons
    assert food.components["asked sectors"] > 0


def test_an_organisation_asked_for_does_not_make_its_own_cluster_work_in_the_sector(embedded_store, tmp_path):
    """Partner clusters for Danmarks Tekniske Universitet: MADE's only member in Robotteknologi is DTU itself (the
    other, Vestas, is in energy); Energy Cluster Denmark has Syddansk Universitet besides, in AMR-Log."""
    found = ranked(embedded_store, tmp_path, "Organisation:30060946")
    assert ("in Robotteknologi, the sector(s) asked, only through Danmarks Tekniske Universitet, the consortium "
            "itself: not ranked higher for it") in found["Cluster:MADE"].reasons
    assert "works in Robotteknologi, as asked: 1 of its members' projects, through Syddansk Universitet" in found[
        "Cluster:Energy Cluster Denmark"].reasons
