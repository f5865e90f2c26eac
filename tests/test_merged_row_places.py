"""A node a table names on two rows with two regions, where the store has it in a third (an Italian agency's grants
table: Bioplastiche Emiliane, in IT-BO by the member list, partner of a project in MI and one in PR): the node stays
in the store's region, and its `region` property says the same (it had said IT-MI, the merged record's, while its
only LOCATED_IN was IT-BO, so `organisations/smes-in-region -p area=IT-MI` counted it in Milano). Real loads into the
embedded store: a member list, then a participation table, both in tmp_path."""

from __future__ import annotations

from loaders.pipeline import run_load
from tests.generic_files import write_files, write_preset

#: Regions no NUTS file names, so each stays a national region of its own.
MEMBERS = {"mapping.toml": 'name = "soci"\n[[nodes]]\nfile = "soci.csv"\nlabel = "Organisation"\nid = "piva"\n'
                           'name = "nome"\nlocated_in = { region = "zona", country = { value = "IT" } }\n',
           "soci.csv": "piva;nome;zona\n9;Bioplastiche Emiliane;Zona Est\n"}
GRANTS = ("Prosjekt;Akronym;Orgnr;Navn;Zona\n1;BIOPACK;9;Bioplastiche Emiliane;Zona Nord\n"
          "2;BIOPARMA;9;Bioplastiche Emiliane;Zona Sud\n3;BIOFILM;9;Bioplastiche Emiliane;Zona Nord\n")


def _node(store) -> tuple:
    return tuple(store.read("MATCH (o:Organisation {id: '9'})-[:LOCATED_IN]->(r) "
                            "RETURN o.region, o.nuts_code, collect(r.id)").rows[0])


def test_a_node_merged_from_rows_of_two_regions_keeps_the_store_s_region_as_property_and_link(embedded_store,
                                                                                            tmp_path):
    (tmp_path / "soci").mkdir()
    run_load(embedded_store, "csv", write_files(tmp_path / "soci", MEMBERS))
    assert _node(embedded_store) == ("IT-Zona-Est", None, ["IT-Zona-Est"])
    grants = write_preset(tmp_path, GRANTS, {"region": '"Zona"', "country": '{ value = "IT" }'})
    report = run_load(embedded_store, "csv", grants)
    assert _node(embedded_store) == ("IT-Zona-Est", None, ["IT-Zona-Est"])
    note = next(n for n in report.load.notes if "another region than the one their rows name" in n)
    assert "'Bioplastiche Emiliane' (IT-Zona-Est, not IT-Zona-Nord)" in note
    assert "'Bioplastiche Emiliane' (IT-Zona-Est, not IT-Zona-Sud)" in note
    again = run_load(embedded_store, "csv", grants)
    assert again.load.summary.updated == again.load.summary.created == 0
    assert _node(embedded_store) == ("IT-Zona-Est", None, ["IT-Zona-Est"])


def test_a_changed_table_loaded_again_leaves_the_node_in_the_store_s_region_alone(embedded_store, tmp_path):
    """A re-load of an Italian member list whose provinces had become NUTS regions (Sintec, CORDIS's ITH55, named in
    FE, ITH56) had written the region it held back beside the store's: the node was in both."""
    (tmp_path / "soci").mkdir()
    run_load(embedded_store, "csv", write_files(tmp_path / "soci", MEMBERS))
    grants = write_preset(tmp_path, GRANTS, {"region": '"Zona"', "country": '{ value = "IT" }'})
    run_load(embedded_store, "csv", grants)
    write_preset(tmp_path, GRANTS.replace("Zona Sud", "Zona Nord") + "4;BIOGAS;8;Biogas Nord;Zona Nord\n",
                 {"region": '"Zona"', "country": '{ value = "IT" }'})
    report = run_load(embedded_store, "csv", grants)
    assert report.load.summary.created > 0  # Biogas Nord
    assert _node(embedded_store) == ("IT-Zona-Est", None, ["IT-Zona-Est"])
