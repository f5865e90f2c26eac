"""`on_conflict`: a node given on several rows with other details (a participation table's organisation with a
typo in its name, a new address) is merged, or refused as before; the preset merges by default."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import ValidationFailed
from graph.store.reads import to_networkx
from loaders.generic import load_generic, parse_generic, read_generic
from tests.generic_files import write_files, write_preset

TABLE = ("Prosjekt;Akronym;Orgnr;Navn;By;Rolle\n"
         "1;HAV;9;Fjordlab AS;Bergen;Koordinator\n"
         "2;KYST;9;FJORDLAB AS;;Partner\n"        # line 3: the name in capitals, no city
         "3;VIND;9;Fjordlab AS;Stavanger;Partner\n"  # line 4: another city
         "3;VIND;8;Kyst AS;Ålesund;Koordinator\n")


def _preset(tmp_path, top: str = "") -> Path:
    return write_preset(tmp_path, TABLE, {"city": '"By"', "role": '"Rolle"'}, top)


def test_the_preset_merges_an_organisation_spelled_two_ways_and_says_where(tmp_path, embedded_store):
    data = parse_generic(_preset(tmp_path))
    (fjordlab,) = [n for n in data.nodes if n.label == "Organisation" and n.id == "9"]
    assert fjordlab.name == "Fjordlab AS"  # two rows of three: the most frequent spelling
    assert fjordlab.properties == {"city": "Bergen", "aliases": ["FJORDLAB AS"]}  # a tie of cities: the first row's
    assert ("t.csv: 1 node(s) given with different data on different rows, merged (on_conflict = \"merge\"): the "
            "most frequent name (others in aliases) and values: Organisation '9' (lines 2, 3, 4)"
            ) in data.notes
    load_generic(embedded_store, tmp_path / "mapping.toml")
    again = load_generic(embedded_store, tmp_path / "mapping.toml").summary
    assert (again.created, again.updated) == (0, 0)  # a re-run settles on the same name and values
    assert to_networkx(embedded_store).nodes["Organisation:9"]["aliases"] == ["FJORDLAB AS"]


def test_a_value_most_rows_give_wins_over_the_first_row_s(tmp_path):
    """One row said Bergen, two Stavanger: the first row's value was kept (a project's end date 2025-02-28 on one row
    beat 2025-12-31 on four)."""
    mapping = _preset(tmp_path)
    (tmp_path / "t.csv").write_text(TABLE.replace("2;KYST;9;FJORDLAB AS;;", "2;KYST;9;FJORDLAB AS;Stavanger;"),
                                    encoding="utf-8")
    (fjordlab,) = [n for n in read_generic(mapping)[0] if n.label == "Organisation" and n.id == "9"]
    assert fjordlab.properties["city"] == "Stavanger"


def test_a_tie_between_spellings_goes_to_the_first_row(tmp_path):
    mapping = _preset(tmp_path)
    (tmp_path / "t.csv").write_text(TABLE.replace("3;VIND;9;Fjordlab AS", "3;VIND;9;Fjordlab A/S"), encoding="utf-8")
    (fjordlab,) = [n for n in read_generic(mapping)[0] if n.label == "Organisation" and n.id == "9"]
    assert fjordlab.name == "Fjordlab AS" and fjordlab.properties["aliases"] == ["FJORDLAB AS", "Fjordlab A/S"]


def test_the_preset_refuses_as_before_with_on_conflict_error(tmp_path):
    with pytest.raises(ValidationFailed) as refused:
        read_generic(_preset(tmp_path, 'on_conflict = "error"'))
    hint = ' (if both rows are right, on_conflict = "merge" makes them one node)'
    assert [str(p) for p in refused.value.problems] == [
        f"t.csv:3 [Orgnr]: Organisation '9' is given twice with different data; first at t.csv:2{hint}",
        f"t.csv:4 [Orgnr]: Organisation '9' is given twice with different data; first at t.csv:2{hint}"]


def test_a_node_table_merges_when_asked_and_refuses_by_default(tmp_path):
    files = {"mapping.toml": """
        [[nodes]]
        file = "orgs.csv"
        label = "Organisation"
        id = "nr"
        name = "name"
        on_conflict = "merge"
        properties = { city = "city" }
        """, "orgs.csv": "nr,name,city\n1,Acme AB,\n1,Acme AB,Alvesta\n1,Acme AB,Växjö\n1,Acme AB,Växjö\n"}
    (acme,) = [n for n in read_generic(write_files(tmp_path, files))[0] if n.label == "Organisation"]
    assert acme.name == "Acme AB" and acme.properties == {"city": "Växjö"}  # no alias: one spelling
    files["mapping.toml"] = files["mapping.toml"].replace('on_conflict = "merge"', "")
    with pytest.raises(ValidationFailed) as refused:
        read_generic(write_files(tmp_path, files))
    assert "is given twice with different data" in str(refused.value)


@pytest.mark.parametrize(("table", "said"), [
    ('[[nodes]]\nfile = "a.csv"\nlabel = "Organisation"\nid = "nr"\nname = "name"\n[nodes.properties]\n'
     'turnover = { column = "nr", type = "float", decimal = ",", thousands = "," }\n',
     "mapping.toml:7 [turnover]: property 'turnover': thousands must be \".\", \",\" or \"'\", and not the "
     "decimal mark (',')"),
    ('[[nodes]]\nfile = "a.csv"\nlabel = "Organisation"\nid = "nr"\nname = "name"\non_conflict = "keep"\n',
     'mapping.toml:6 [on_conflict]: on_conflict must be "error" (the default) or "merge"'),
    ('[[relationships]]\nfile = "a.csv"\ntype = "MEMBER_OF"\nstart = { label = "Organisation", column = "nr" }\n'
     'end = { label = "Cluster", column = "name" }\non_conflict = "merge"\n',
     'mapping.toml:6 [on_conflict]: on_conflict = "merge" is for node tables: a relationship given twice with '
     "other data needs a key column telling them apart"),
])
def test_a_bad_table_option_is_named_with_its_line(tmp_path, table, said):
    mapping = write_files(tmp_path, {"mapping.toml": table, "a.csv": "nr,name\n1,x\n"})
    with pytest.raises(ValidationFailed) as refused:
        read_generic(mapping)
    assert [str(p) for p in refused.value.problems] == [said]


def test_two_rows_of_one_participation_are_told_apart_by_the_participation_key(tmp_path):
    table = ("Prosjekt;Akronym;Orgnr;Navn;Rolle;Beløp;Nr\n"
             "1;HAV;9;Fjordlab AS;Partner;10;1\n1;HAV;9;Fjordlab AS;Partner;20;2\n")
    mapping = write_preset(tmp_path, table, {"role": '"Rolle"', "amount": '"Beløp"'})
    with pytest.raises(ValidationFailed) as refused:
        read_generic(mapping)
    assert [str(p) for p in refused.value.problems] == [
        "t.csv:3 [Rolle]: PARTICIPATES_IN '9' -> '1' (key 'participant') is given twice with different data; first at "
        "t.csv:2 (if both rows are right, a key column tells them apart: key = \"column\"; in the participation "
        "preset, participation_key)"]
    mapping.write_text(mapping.read_text(encoding="utf-8") + 'participation_key = "Nr"\n', encoding="utf-8")
    rels = [r for r in read_generic(mapping)[1] if r.type == "PARTICIPATES_IN"]
    assert sorted((r.key, r.properties["amount"], r.properties["role"]) for r in rels) == [
        ("1", 10.0, "participant"), ("2", 20.0, "participant")]


def test_a_country_cell_no_standard_knows_is_recoded_from_the_mapping(tmp_path):
    table = "Prosjekt;Akronym;Orgnr;Navn;Land\n1;HAV;9;Fjordlab AS;NO\n1;HAV;8;Kashmir Uni;XH\n1;HAV;7;Ukjent AS;n/a\n"
    with pytest.raises(ValidationFailed) as refused:
        read_generic(write_preset(tmp_path, table, {"country": '"Land"'}))
    said = [str(p) for p in refused.value.problems]
    assert said[0] == ("t.csv:3 [Land]: expected a country (a code such as NO or NOR, or a name such as Norway or "
                       "Norge), got 'XH' (if it is right, recode it in the mapping: country = { column = \"Land\", "
                       "values = { \"XH\" = \"IN\" } }, with its code, or \"\" for no country)")
    recoded = write_preset(tmp_path, table, {"country": '{ column = "Land", values = { "XH" = "IN", "n/a" = "" } }'})
    nodes = {n.id: n for n in read_generic(recoded)[0] if n.label == "Organisation"}
    assert [nodes[i].properties.get("country") for i in ("9", "8", "7")] == ["NO", "IN", None]
    recoded.write_text(recoded.read_text(encoding="utf-8").replace('"XH" = "IN"', '"XH" = "Kashmir"'))
    with pytest.raises(ValidationFailed) as refused:
        read_generic(recoded)
    assert [str(p) for p in refused.value.problems] == [
        "mapping.toml:8 [located_in]: located_in country: values: 'XH' = 'Kashmir': expected a country (a code "
        "such as NO or NOR, or a name such as Norway or Norge), got 'Kashmir'"]
    any_case = write_preset(tmp_path, table, {"country": '{ column = "Land", values = { "xh" = "IN", "N/A" = "" } }'})
    nodes = {n.id: n for n in read_generic(any_case)[0] if n.label == "Organisation"}  # as a property's values
    assert [nodes[i].properties.get("country") for i in ("9", "8", "7")] == ["NO", "IN", None]


def test_a_point_that_may_group_thousands_in_a_decimal_comma_column_is_read_as_written_and_noted(tmp_path):
    table = ("Prosjekt;Akronym;Orgnr;Navn;Beløp\n1;HAV;9;Fjordlab AS;1.234\n1;HAV;8;Havlab AS;2,5\n"
             "2;SJØ;9;Fjordlab AS;12.500\n")
    _, rels, notes = read_generic(write_preset(tmp_path, table, {"amount": '"Beløp"'}, top='decimal = ","'))
    assert sorted(r.properties["amount"] for r in rels if r.type == "PARTICIPATES_IN") == [1.234, 2.5, 12.5]
    assert ("t.csv: 2 cell(s) of 'Beløp' (decimal = \",\") hold a point that may stand between thousands, first "
            "'1.234' on line 2: read as a decimal point (1.234); if it groups thousands, set thousands = \".\" for "
            "that column") in notes
    _, rels, notes = read_generic(write_preset(tmp_path, table, {"amount": '"Beløp"'},
                                               top='decimal = ","\nthousands = "."'))
    assert sorted(r.properties["amount"] for r in rels if r.type == "PARTICIPATES_IN") == [2.5, 1234.0, 12500.0]
    assert not [n for n in notes if "stand between thousands" in n]
