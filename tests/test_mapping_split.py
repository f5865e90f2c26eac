"""`split`: a cell listing several sectors, themes or programmes (`IoT; Automation`) stands for one row per item,
in a hand-written mapping and in the participation preset; `mapping new` sees such cells."""

from __future__ import annotations

import tomllib

import pytest

from graph.errors import ValidationFailed
from loaders.generic import read_generic
from loaders.mapping_new.participation import participation_template
from tests.generic_files import write_files, write_preset

MEMBERS = 'nr;name;sectors\n1;Acme AB;"IoT; Automation"\n2;Beta AB;Automation\n3;Gamma AB;\n4;Delta AB;IoT;;\n'


def test_a_member_list_with_several_sectors_per_row_makes_one_link_per_sector(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": """
        [[nodes]]
        file = "members.csv"
        label = "Organisation"
        id = "nr"
        name = "name"

        [[nodes]]
        file = "members.csv"
        label = "Sector"
        id = "sectors"
        name = "sectors"
        split = { column = "sectors", separator = ";" }
        on_empty = "skip"

        [[relationships]]
        file = "members.csv"
        type = "ACTIVE_IN"
        start = { label = "Organisation", column = "nr" }
        end = { label = "Sector", column = "sectors" }
        split = { column = "sectors", separator = ";" }
        on_empty = "skip"
        """, "members.csv": MEMBERS})
    nodes, rels, notes = read_generic(mapping)
    assert sorted(n.id for n in nodes if n.label == "Sector") == ["Automation", "IoT"]
    assert sorted((r.start_id, r.end_id) for r in rels) == [("1", "Automation"), ("1", "IoT"), ("2", "Automation"),
                                                            ("4", "IoT")]
    assert "members.csv: 1 row(s) skipped: their key is empty (on_empty = \"skip\"): sectors on line 4" in notes


def test_a_participation_table_lists_several_themes_in_one_cell(tmp_path):
    table = 'Prosjekt;Akronym;Orgnr;Navn;Tema\n1;HAV;9;Fjordlab AS;"Havvind; Energi"\n2;BAT;8;Kyst AS;Energi\n'
    mapping = write_preset(tmp_path, table, {"sector": '{ column = "Tema", separator = ";" }'})
    _, rels, _ = read_generic(mapping)
    assert sorted((r.start_id, r.end_id) for r in rels if r.type == "ACTIVE_IN") == [
        ("1", "Energi"), ("1", "Havvind"), ("2", "Energi")]
    made = tomllib.loads(participation_template(tmp_path / "t.csv"))
    assert made["columns"]["sector"] == {"column": "Tema", "separator": ";"}


@pytest.mark.parametrize("split", ['"sectors"', '{ column = "sectors" }', '{ column = "", separator = ";" }'])
def test_a_bad_split_is_named_with_its_line(tmp_path, split):
    mapping = write_files(tmp_path, {"mapping.toml": f"""
        [[nodes]]
        file = "members.csv"
        label = "Sector"
        id = "sectors"
        name = "sectors"
        split = {split}
        """, "members.csv": MEMBERS})
    with pytest.raises(ValidationFailed) as refused:
        read_generic(mapping)
    assert [str(p) for p in refused.value.problems] == [
        'mapping.toml:6 [split]: split must be a table: { column = "column listing several", separator = ";" } '
        '(or several: separator = [";", " / "]; a JSON list needs no separator)']


PARTNERS = ('project;title;partners\nP1;Elektrifierad logistik;"Volvo AB; Chalmers; Jönköpings Automation AB"\n'
            "P2;Batterier;Chalmers\n")


def test_a_cell_listing_a_projects_partners_makes_one_participation_each_and_mapping_new_sees_it(tmp_path):
    """`mapping new` took a `partners` cell ("A; B; C") for one organisation, and the check said valid; the preset
    refused a separator on the organisation columns with errors about keys the user never wrote."""
    (tmp_path / "projects.csv").write_text(PARTNERS, encoding="utf-8")
    made = participation_template(tmp_path / "projects.csv")
    columns = tomllib.loads(made)["columns"]
    assert columns["organisation_id"] == columns["organisation_name"] == {"column": "partners", "separator": ";"}
    (tmp_path / "mapping.toml").write_text(made, encoding="utf-8")
    nodes, rels, _ = read_generic(tmp_path / "mapping.toml")
    assert sorted(n.name for n in nodes if n.label == "Organisation") == ["Chalmers", "Jönköpings Automation AB",
                                                                          "Volvo AB"]
    assert sorted((r.start_id, r.end_id) for r in rels if r.type == "PARTICIPATES_IN") == [
        ("Chalmers", "P1"), ("Chalmers", "P2"), ("Jönköpings Automation AB", "P1"), ("Volvo AB", "P1")]


def test_a_partner_list_with_its_names_in_another_column_is_refused_saying_why(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": """
        preset = "participation"
        file = "t.csv"
        [columns]
        project_id = "project"
        project_title = "title"
        organisation_id = { column = "partners", separator = ";" }
        organisation_name = "title"
        """, "t.csv": PARTNERS})
    with pytest.raises(ValidationFailed) as caught:
        read_generic(mapping)
    assert any("a cell listing several organisations is read from one column" in str(p)
               for p in caught.value.problems), caught.value.problems
