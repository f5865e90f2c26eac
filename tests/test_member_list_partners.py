"""A member list gives a cluster its members' projects: loaded with the mapping `mapping new` makes, its
organisations are matched by name to the CORDIS-shaped records (accents and case ignored), and Automation
Småland, which had only sectors, region and programmes to go on, then gets partner clusters from the projects
its members share (the network of tests/test_cluster_partners.py)."""

from __future__ import annotations

from dataclasses import replace

from graph.analytics.cluster_partners import COLD_START_NOTE, ClusterIndex, partner_clusters
from graph.analytics.inputs import read_inputs
from graph.analytics.recommend import RecommenderIndex
from graph.store.falkordb_store import FalkorDBStore
from graph.store.writer import write_records
from loaders.generic import load_generic
from loaders.mapping_new.participation import participation_template
from loaders.seeds import load_seeds
from tests.generic_files import write_files
from tests.test_cluster_partners import ORGS, PROJECTS, SECTOR_NAMES
from tests.test_projections import cordis_records

MEMBERS = ("Företag;Org.nr;Kluster;Medlem sedan\n"
           "Robot Factory AB;556001-0001;Automation Smaland;2019-01-01\n"  # ROBOT FACTORY AB, in ROBOFLEX and SMARTLINE
           "Sensor Oy;FI0001;Automation Småland;2020-01-01\n")  # SENSOR OY, in SMARTLINE and COBOTS


def partners(store) -> tuple:
    ranking = partner_clusters(ClusterIndex(RecommenderIndex(read_inputs(store))), ["Cluster:automation-smaland"],
                               k=25)
    return ranking.note, {c.key: c for c in ranking.candidates}


def test_a_member_list_matched_by_name_gives_a_cluster_its_members_projects(embedded_server, tmp_path):
    nodes, rels = cordis_records(ORGS, PROJECTS, sectors=dict.fromkeys(SECTOR_NAMES, ""))
    nodes = [replace(n, name=SECTOR_NAMES.get(n.id, n.name)) if n.label == "Sector" else n for n in nodes]
    store = FalkorDBStore(embedded_server, "member_list_partners")
    try:
        store.clear()
        store.setup_schema()
        load_seeds(store)
        write_records(store, nodes, rels)
        note, before = partners(store)
        assert note == COLD_START_NOTE and "projects" not in before["Cluster:pic:2"].components
        write_files(tmp_path, {"medlemmar.csv": MEMBERS})
        (tmp_path / "mapping.toml").write_text(participation_template(tmp_path / "medlemmar.csv"), encoding="utf-8")
        report = load_generic(store, tmp_path / "mapping.toml")
        matched = "Organisation 'Robot Factory AB' (id '5560010001') -> pic:1"  # its 556001-0001 read compact
        assert any(matched in n for n in report.notes)
        note, after = partners(store)
        odense = after["Cluster:pic:2"]  # ODENSE ROBOTICS: in ROBOFLEX with one member, COBOTS with the other
        assert note is None and odense.components["projects"] > 0
        assert "their organisations share 2 projects, the newest COBOTS" in odense.reasons
    finally:
        store.clear()
        store.close()


def test_a_member_two_clusters_share_is_said_and_its_own_projects_are_not_their_joint_work(embedded_server, tmp_path):
    """SENSOR OY, a member of Automation Småland and of ODENSE ROBOTICS: the two "shared" its SMARTLINE, which no
    organisation of ODENSE ROBOTICS but SENSOR OY took part in (a user's two clusters "shared 25 projects" so)."""
    from graph.store.records import RelRecord

    nodes, rels = cordis_records(ORGS, PROJECTS, sectors=dict.fromkeys(SECTOR_NAMES, ""))
    store = FalkorDBStore(embedded_server, "shared_member_partners")
    try:
        store.clear()
        store.setup_schema()
        load_seeds(store)
        write_records(store, nodes, [*rels, RelRecord("MEMBER_OF", "Organisation", "pic:3", "Cluster", "pic:2",
                                                      ("user:test/members.csv",))])
        write_files(tmp_path, {"medlemmar.csv": MEMBERS})
        (tmp_path / "mapping.toml").write_text(participation_template(tmp_path / "medlemmar.csv"), encoding="utf-8")
        load_generic(store, tmp_path / "mapping.toml")
        _, found = partners(store)
        odense = found["Cluster:pic:2"]
        assert "they share a member: SENSOR OY" in odense.reasons
        assert "their organisations share 2 projects, the newest COBOTS" in odense.reasons  # ROBOFLEX, COBOTS
        assert any(p.text == "SENSOR OY is a member of both" for p in odense.paths)
    finally:
        store.clear()
        store.close()
