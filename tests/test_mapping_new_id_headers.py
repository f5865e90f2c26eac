"""`mapping new` reads a header shaped as an id (`Cluster-ID`, `Partner ID`, `sector_id`) as the id of what its first
part names: an Austrian member list's `Cluster-ID` had been left out ("columns not used") and its `Clustername`
cells made the clusters' ids, so the clusters loaded as `Kunststoff-Cluster OÖ`, not `ooe-kunststoff`."""

from __future__ import annotations

import shutil
import tomllib

from loaders.generic import load_generic
from loaders.mapping_new.participation import guess_columns, participation_template
from tests.conftest import FIXTURES
from tests.generic_files import write_files

AUSTRIAN = FIXTURES / "austrian_clusters"


def test_an_austrian_member_lists_cluster_id_is_the_clusters_id_and_clustername_their_name(embedded_store, tmp_path):
    shutil.copy(AUSTRIAN / "cluster_mitglieder.csv", tmp_path)
    text = participation_template(tmp_path / "cluster_mitglieder.csv")
    made = tomllib.loads(text)
    members, clusters = made["nodes"]
    assert (members["label"], members["id"], members["name"]) == ("Organisation", "Firmenbuchnummer", "Mitglied")
    assert (clusters["label"], clusters["id"], clusters["name"]) == ("Cluster", "Cluster-ID", "Clustername")
    [member_of] = made["relationships"]
    assert member_of["end"] == {"label": "Cluster", "column": "Cluster-ID"}
    assert "columns not used" not in text
    (tmp_path / "mapping.toml").write_text(text, encoding="utf-8")
    load_generic(embedded_store, tmp_path / "mapping.toml")
    rows = embedded_store.read("MATCH (o:Organisation)-[:MEMBER_OF]->(c:Cluster) RETURN c.id, c.name, count(o) "
                               "ORDER BY c.id").rows
    assert [tuple(r) for r in rows] == [("ooe-kunststoff", "Kunststoff-Cluster OÖ", 2),
                                        ("ooe-mechatronik", "Mechatronik-Cluster", 3),
                                        ("stmk-acstyria", "ACstyria Mobilitätscluster", 3)]


def test_a_cluster_list_takes_its_cluster_id_as_the_rows_id(tmp_path):
    write_files(tmp_path, {"cluster.csv": "Cluster ID;Cluster;Region\nc-1;Automation Region;SE125\n"
                                          "c-2;Paper Province;SE311\n"})
    [clusters] = tomllib.loads(participation_template(tmp_path / "cluster.csv"))["nodes"]
    assert (clusters["label"], clusters["id"], clusters["name"]) == ("Cluster", "Cluster ID", "Cluster")


def test_a_member_lists_sector_id_is_the_sectors_id_unless_the_cells_list_several(tmp_path):
    write_files(tmp_path, {"members.csv": "Org.nr;Member;sector_id;Sector\n1;Acme AB;S1;Automation\n"
                                          "2;Beta AB;S2;Energy\n",
                           "listed.csv": "Org.nr;Member;sector_id;Sector\n1;Acme AB;S1;Automation | Energy\n"
                                         "2;Beta AB;S2;Energy | Food\n"})
    made = tomllib.loads(participation_template(tmp_path / "members.csv"))
    [sectors] = [n for n in made["nodes"] if n["label"] == "Sector"]
    assert (sectors["id"], sectors["name"]) == ("sector_id", "Sector")
    assert made["relationships"][0]["end"] == {"label": "Sector", "column": "sector_id"}
    text = participation_template(tmp_path / "listed.csv")  # a list of names: its own ids, the id column unused
    [sectors] = [n for n in tomllib.loads(text)["nodes"] if n["label"] == "Sector"]
    assert sectors["id"] == sectors["name"] == "Sector" and "# columns not used: sector_id" in text


def test_an_id_header_is_the_id_of_what_it_names_never_a_name():
    assert guess_columns(["Projekt-ID", "Titel", "Partner-ID", "Partner"]) == {
        "project_id": "Projekt-ID", "project_title": "Titel", "organisation_id": "Partner-ID",
        "organisation_name": "Partner"}
    assert guess_columns(["projectId", "title", "Partner ID", "Organisation"])["organisation_id"] == "Partner ID"
