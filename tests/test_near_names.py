"""The note on new nodes nearly named as nodes of the store: an Austrian grants table naming `Keba`, `AVL`,
`Fronius International` and `Fraunhofer` made new Organisations beside CORDIS's records of those bodies, and the load
said nothing. Real CORDIS rows (tests/fixtures/cordis_austria/, cut from the bundled sample) by the real loader; the
table is tests/fixtures/austrian_clusters/foerderungen.csv with the short names a user's table had."""

from __future__ import annotations

import pytest

from graph.names import name_key
from loaders import generic_near_names as near_names_module
from loaders.cordis import load_cordis
from loaders.generic import check_generic, load_generic
from tests.conftest import FIXTURES
from tests.generic_files import write_files

AUSTRIAN = FIXTURES / "austrian_clusters"
SHORT = {"Keba Industrial Automation GmbH": "Keba", "AVL List GmbH": "AVL",
         "Fronius International GmbH": "Fronius International",
         "Fraunhofer-Institut für Werkzeugmaschinen": "Fraunhofer"}


@pytest.fixture
def cordis_at(seeded):
    load_cordis(seeded, FIXTURES / "cordis_austria")
    return seeded


def short_names_table(folder, mapping_line: str = "", rows=None) -> None:
    """foerderungen.csv with the short names (or only the rows of those `rows` names), and its mapping plus a line."""
    text = (AUSTRIAN / "foerderungen.csv").read_text(encoding="utf-8")
    header, *lines = text.splitlines()
    for long, short in SHORT.items():
        lines = [line.replace(f";{long};", f";{short};") for line in lines]
    lines = [line for line in lines if rows is None or line.split(";")[3] in rows]
    (folder / "foerderungen.csv").write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    mapping = (AUSTRIAN / "foerderungen.toml").read_text(encoding="utf-8")
    (folder / "foerderungen.toml").write_text(mapping.replace("[columns]", f"{mapping_line}\n[columns]"),
                                              encoding="utf-8")


def near_notes(notes: list[str]) -> list[str]:
    return [note for note in notes if "nearly share a name" in note]


def test_the_load_says_which_new_organisations_nearly_share_a_name_with_cordis_records(cordis_at, tmp_path):
    short_names_table(tmp_path)
    report = load_generic(cordis_at, tmp_path / "foerderungen.toml")
    [note] = near_notes(report.notes)
    assert note.startswith("4 new node(s) nearly share a name with a node of the store of their label and country")
    assert ("Organisation 'Keba' (row id 'FN 345678c', foerderungen.csv) near the store's pic:882251764 'KEBA "
            "INDUSTRIAL AUTOMATION GMBH' / pic:969090238 'KEBA GROUP AG': 2 nodes, give the row the id of the one "
            "meant") in note
    assert ("Organisation 'AVL' (row id 'FN 678901f', foerderungen.csv) near the store's pic:999952243 'AVL LIST "
            "GMBH': match = \"name\" takes it") in note
    assert ("Organisation 'Fronius International' (row id 'FN 456789d', foerderungen.csv) near the store's "
            "pic:995970975 'FRONIUS INTERNATIONAL GMBH': match = \"name\" takes it") in note  # legal forms aside
    # the table says Deutschland: the German society, not Fraunhofer Portugal (whose acronym is FRAUNHOFER too)
    assert ("Organisation 'Fraunhofer' (row id 'name:Fraunhofer', foerderungen.csv) near the store's pic:999984059 "
            "'FRAUNHOFER GESELLSCHAFT ZUR FORDERUNG DER ANGEWANDTEN FORSCHUNG EV': give the row that id") in note
    # a note, no merge: the table's AVL is a node of its own, CORDIS's record keeps its name and projects
    rows = cordis_at.read("MATCH (o:Organisation) WHERE o.id IN ['FN 678901f', 'pic:999952243'] "
                          "RETURN o.id, o.name ORDER BY o.id").rows
    assert [tuple(r) for r in rows] == [("FN 678901f", "AVL"), ("pic:999952243", "AVL LIST GMBH")]


def test_taking_the_advice_loads_the_rows_onto_the_stored_nodes_and_nothing_is_said(cordis_at, tmp_path):
    short_names_table(tmp_path, 'match = "name"', rows={"AVL"})
    report = load_generic(cordis_at, tmp_path / "foerderungen.toml")
    assert not near_notes(report.notes)
    projects = cordis_at.read("MATCH (:Organisation {id: 'pic:999952243'})-[:PARTICIPATES_IN]->(p:Project) "
                              "WHERE p.id STARTS WITH 'FFG' RETURN p.id").rows
    assert projects == [["FFG-880042"]]
    short_names_table(tmp_path, rows={"Fraunhofer"})  # its row given the store's id in its id column
    table = (tmp_path / "foerderungen.csv").read_text(encoding="utf-8")
    (tmp_path / "foerderungen.csv").write_text(table.replace(";;Fraunhofer;", ";pic:999984059;Fraunhofer;"),
                                               encoding="utf-8")
    data = check_generic(cordis_at, tmp_path / "foerderungen.toml")
    assert not near_notes(data.notes)
    assert [r.id for r in data.nodes if r.label == "Organisation"] == ["pic:999984059"]


@pytest.mark.parametrize("few_starts", [20, 0], ids=["store-searched", "names-read-whole"])
def test_a_first_word_is_near_only_where_one_node_of_the_country_starts_so(seeded, tmp_path, monkeypatch, few_starts):
    monkeypatch.setattr(near_names_module, "_FEW_STARTS", few_starts)  # a table of more first words reads all names
    write_files(tmp_path, {
        "before.toml": 'name = "before"\n[[nodes]]\nfile = "before.csv"\nlabel = "Organisation"\nid = "nr"\n'
                       'name = "name"\nproperties = { country = "country" }\n',
        "before.csv": "nr,name,country\nA1,Acme Robotics GmbH,AT\nA2,Acme Sensors AG,AT\nB1,Borealis Labs AG,AT\n",
        "after.toml": 'name = "after"\n[[nodes]]\nfile = "after.csv"\nlabel = "Organisation"\nid = "nr"\n'
                      'name = "name"\nproperties = { country = "country" }\n',
        "after.csv": "nr,name,country\nX1,Acme,AT\nX2,Borealis,AT\nX3,Borealis,SE\nX4,ACME SENSORS,AT\n"})
    load_generic(seeded, tmp_path / "before.toml")
    [note] = near_notes(check_generic(seeded, tmp_path / "after.toml").notes)
    assert note.startswith("2 new node(s)")  # Acme starts two of Austria's; Borealis in SE is in another country
    assert "Organisation 'Borealis' (row id 'X2', after.csv) near the store's B1 'Borealis Labs AG'" in note
    assert "Organisation 'ACME SENSORS' (row id 'X4', after.csv) near the store's A2 'Acme Sensors AG'" in note


def test_legal_forms_case_and_punctuation_are_set_aside():
    assert name_key("KEBA AG") == name_key("Keba") == "keba"
    assert name_key("Poloplast GmbH & Co KG") == name_key("POLOPLAST") == "poloplast"
    assert name_key("AVL Moravia s.r.o.") == "avl moravia" and name_key("Volvo AB") == "volvo"
    assert name_key("GmbH") == "gmbh"  # a name that is only a form keeps it
