"""`mapping new` on a `Provincia` column of Spanish plate letters (`BI`, `SS`, `VI`): Biella, Sassari and Vicenza are
Italian sigle too, and a Basque member list had been written `county_numbers = "IT"`, its members in Piedmont and
Sardinia. The table's other signals decide (a CIF, a country column, Spanish headers, postcodes of the provinces); a
table that does not say gets neither, and a comment saying which to choose. Real parts: tables in tmp_path, the CLI
in-process, the generic loader reading the template written."""

from __future__ import annotations

import tomllib

import pytest

from loaders.generic import read_generic
from tests.cli_invoke import mapping_new

PLATES = [("Tubos Reunidos SA", "A01003946", "01400", "VI"), ("Idom SA", "A48051981", "48015", "BI"),
          ("CAF SA", "A20001020", "20200", "SS")]


def _table(*columns: int, header: str) -> str:
    return header + "\n" + "".join(";".join(row[i] for i in columns) + "\n" for row in PLATES)


@pytest.mark.parametrize(("table", "country"), [
    (_table(0, 1, 3, header="Member;CIF;Provincia"), {"value": "ES"}),  # the id header: a CIF
    (_table(0, 2, 3, header="Member;Postcode;Provincia"), {"value": "ES"}),  # postcodes of the plates' provinces
    ("Member;Provincia;País\n" + "".join(f"{r[0]};{r[3]};España\n" for r in PLATES), "País"),  # a country column
    ("Empresa;Provincia\n" + "".join(f"{r[0]};{r[3]}\n" for r in PLATES), {"value": "ES"})])  # a Spanish header
def test_a_provincia_of_spanish_plates_is_spains_when_the_table_says_so(tmp_path, table, country):
    template = mapping_new(tmp_path, "socios.csv", table)
    node = tomllib.loads(template)["nodes"][0]
    assert node["located_in"] == {"region": {"column": "Provincia", "county_numbers": "ES"}, "country": country}
    assert "(the regions are ES's province plate letters)" in template
    (tmp_path / "mapping.toml").write_text(template, encoding="utf-8")
    nodes, _, _ = read_generic(tmp_path / "mapping.toml")
    assert sorted(n.properties["nuts_code"] for n in nodes if n.label == "Organisation") == [
        "ES211", "ES212", "ES213"]


def test_a_provincia_of_plates_the_table_does_not_place_is_read_as_neither_and_the_comment_says_which_to_choose(
        tmp_path):
    template = mapping_new(tmp_path, "members.csv", _table(0, 3, header="Member;Provincia"))
    node = tomllib.loads(template)["nodes"][0]
    assert node.get("located_in") is None or node["located_in"]["region"] == "Provincia"
    assert ("its cells (VI, BI, SS) are IT's province sigle and ES's province plate letters alike, and nothing else in "
            'the table says which: write county_numbers = "IT" or county_numbers = "ES"') in template
    assert 'county_numbers = "IT" }' not in template and 'value = "IT"' not in template
    italian = mapping_new(tmp_path, "soci.csv", "Ragione sociale;Partita IVA;Provincia\nLanificio Biellese;"
                          "01234560013;BI\nSarda Tech;01234560014;SS\n")  # Italian headers: Italy's sigle
    assert tomllib.loads(italian)["nodes"][0]["located_in"]["region"] == {"column": "Provincia",
                                                                         "county_numbers": "IT"}


def test_a_participation_table_of_spanish_plates_with_cifs_reads_them_as_spains(tmp_path):
    table = "Project number;Title;Name;Organisation number;Provincia\n" + "".join(
        f"H-1;BATT;{r[0]};{r[1]};{r[3]}\n" for r in PLATES)
    columns = tomllib.loads(mapping_new(tmp_path, "proyectos.csv", table))["columns"]
    assert columns["region"] == {"column": "Provincia", "county_numbers": "ES"}
    assert columns["country"] == {"value": "ES"}
    undecided = mapping_new(tmp_path, "projects.csv", "Project number;Title;Name;Organisation number;Provincia\n"
                            "H-1;BATT;Idom SA;1;BI\nH-1;BATT;CAF SA;2;SS\n")
    assert tomllib.loads(undecided)["columns"]["region"] == "Provincia"
    assert 'write county_numbers = "IT" or county_numbers = "ES"' in undecided


def test_a_provincia_of_ine_numbers_and_postcodes_is_spains_without_other_signals(tmp_path):
    """Italy's sigle are letters: a `Provincia` of `48`, `20018` is Spain's alone (it had been left as region names,
    each a national region of Italy off the Map)."""
    template = mapping_new(tmp_path, "members.csv", "Member;Provincia\nIdom SA;48\nCAF SA;20018\nTubos;1\n")
    assert tomllib.loads(template)["nodes"][0]["located_in"] == {
        "region": {"column": "Provincia", "county_numbers": "ES"}, "country": {"value": "ES"}}
    assert "(the regions are ES's postcodes and province numbers)" in template
