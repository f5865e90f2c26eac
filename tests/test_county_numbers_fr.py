"""A French member table places each member by its département (`38`, `2A`, `974`) or its postcode (`38000`,
`20090`) when its region column says `county_numbers = "FR"` (`loaders.departements`): the table of départements is
checked against the bundled NUTS files, a pôle's member table is placed in NUTS's regions on the embedded store, a
cell that numbers no département is a problem naming file, line and column (nothing written), and `mapping new`
writes the option for a `Département` or `Code postal` column of such cells."""

from __future__ import annotations

import csv
import io
import lzma
import re
import tomllib
from pathlib import Path

import pytest

from graph.store.reads import to_networkx
from loaders.departements import DEPARTEMENTS, departement_of
from loaders.generic import read_generic
from loaders.nuts import load_nuts
from loaders.pipeline import run_load
from tests.cli_invoke import mapping_new
from tests.generic_files import problems_of, snapshot, write_files, write_preset

BUNDLED_NUTS = Path(__file__).resolve().parents[1] / "loaders" / "sample_data" / "gisco-nuts"


def _french_level_3(version: int) -> dict[str, str]:
    """France's NUTS 3 code -> name in the bundled file of `version` (2024's writes a few with a trailing space)."""
    text = lzma.decompress((BUNDLED_NUTS / f"nuts{version}_label_points.csv.xz").read_bytes()).decode("utf-8")
    return {row["NUTS_ID"]: row["NAME_LATN"].strip() for row in csv.DictReader(io.StringIO(text))
            if row["NUTS_ID"].startswith("FR") and len(row["NUTS_ID"]) == 5}


@pytest.mark.parametrize("number", list(DEPARTEMENTS))
def test_each_departement_is_a_level_3_region_of_both_bundled_nuts_files_by_code_and_name(number):
    code, name = DEPARTEMENTS[number]
    assert _french_level_3(2021).get(code) == name
    assert _french_level_3(2024).get(code) == name


def test_every_french_level_3_region_is_one_departement_and_insee_numbers_them_as_written():
    assert sorted(code for code, _ in DEPARTEMENTS.values()) == sorted(_french_level_3(2021))
    assert _french_level_3(2021) == _french_level_3(2024)  # France's NUTS 3 did not change in 2024
    metropolitan = {f"{n:02d}" for n in range(1, 96) if n != 20} | {"2A", "2B"}
    assert set(DEPARTEMENTS) == metropolitan | {"971", "972", "973", "974", "976"}


def test_a_cell_is_read_as_a_departement_number_or_a_postcode_with_the_zero_a_spreadsheet_dropped():
    read = {cell: departement_of(cell) for cell in ("01", "1", "38", "2A", "2b", "971", "976", "38000", "01000", "1000",
                                                   "20000", "20167", "20200", "20600", "97411", "97600", "75116")}
    assert read == {"01": "01", "1": "01", "38": "38", "2A": "2A", "2b": "2B", "971": "971", "976": "976",
                    "38000": "38", "01000": "01", "1000": "01", "20000": "2A", "20167": "2A", "20200": "2B",
                    "20600": "2B", "97411": "974", "97600": "976", "75116": "75"}
    refused = ("20", "96", "00", "975", "977", "038", "00100", "20700", "97133", "97150", "97500", "98000", "123456")
    assert [departement_of(cell) for cell in refused] == [None] * len(refused)


MEMBERS = ("SIRET;Adhérent;Dép.;Pays\n1;STMicroelectronics;38;France\n2;Soitec;38190;France\n"
           "3;bioMérieux;69280;France\n4;Ain Plasturgie;1000;France\n5;Corse Composites;20090;France\n"
           "6;Bastia Lab;2B;France\n7;Réunion Solaire;974;France\n8;Valence Drôme;26;France\n"
           "9;CERN Spin-off;1211;Suisse\n10;Lyon Biotech;69007;\n")


def _members(located_in: str) -> str:
    """A mapping of the organisations of `membres.csv` (`SIRET`, `Adhérent`) placed by the `located_in` lines given."""
    return ('name = "membres"\n[[nodes]]\nfile = "membres.csv"\nseparator = ";"\nlabel = "Organisation"\n'
            f'id = "SIRET"\nname = "Adhérent"\n[nodes.located_in]\n{located_in}\n')


def test_a_member_table_of_departements_and_postcodes_places_its_members_in_their_nuts_regions(
        embedded_store, tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": _members(
        'region = { column = "Dép.", county_numbers = "FR" }\ncountry = "Pays"'), "membres.csv": MEMBERS})
    load_nuts(embedded_store, BUNDLED_NUTS)
    report = run_load(embedded_store, "csv", mapping)
    graph = to_networkx(embedded_store)
    placed = {a[len("Organisation:"):]: b for a, b, data in graph.edges(data=True)
              if data["type"] == "LOCATED_IN" and a.startswith("Organisation:")}
    assert placed == {"1": "Region:FRK24", "2": "Region:FRK24", "3": "Region:FRK26", "4": "Region:FRK21",
                      "5": "Region:FRM01", "6": "Region:FRM02", "7": "Region:FRY40", "8": "Region:FRK23",
                      "9": "Country:CH",  # a Swiss member's postcode: its country, no département
                      "10": "Region:FRK26"}  # no country: the département's
    assert not [n for n in graph if n.startswith("Region:FR-")]  # no national region: every member on the Map
    assert graph.nodes["Region:FRK24"]["name"] == "Isère"
    again = run_load(embedded_store, "csv", mapping)
    assert report.summary.created > 0 and again.summary.created == again.summary.updated == 0


def test_a_cell_that_numbers_no_departement_names_file_line_and_column_and_writes_nothing(embedded_store, tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": _members('region = { column = "CP", county_numbers = "FR" }'),
                                     "membres.csv": "SIRET;Adhérent;CP\n1;Soitec;38190\n2;Corse SA;20\n"
                                                    "3;Monaco Tech;98000\n4;Isère Lab;38000\n"})
    before = snapshot(embedded_store)
    problems = [str(p) for p in problems_of(mapping, embedded_store)]
    assert [p.split(" (")[0] for p in problems] == [
        "membres.csv:3 [CP]: '20' is no département number or postcode of FR",
        "membres.csv:4 [CP]: '98000' is no département number or postcode of FR"]
    assert ('(county_numbers = "FR" reads a département number, 01-95 (Corsica 2A, 2B) or 971-974, 976, or a '
            "postcode, 01000-95999") in problems[0]
    assert 'region = { column = "CP", county_numbers = "FR", values = { "20" = "NUTS code or region name" } }' in \
        problems[0]
    assert snapshot(embedded_store) == before


def test_a_recode_of_the_column_wins_and_a_departements_name_is_read_as_before(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": _members(
        'region = { column = "Département", county_numbers = "FR", values = { "20" = "FRM0" } }\ncountry = "Pays"'),
        "membres.csv": "SIRET;Adhérent;Département;Pays\n1;Corse SA;20;FR\n2;Isère Lab;Isère;FR\n"})
    nodes, _, _ = read_generic(mapping)
    placed = {n.id: (n.properties.get("nuts_code"), n.properties.get("region")) for n in nodes
              if n.label == "Organisation"}
    assert placed == {"1": ("FRM0", None), "2": (None, "FR-Isère")}  # a national region, NUTS's by name on a load


def test_the_preset_reads_departements_and_an_unknown_county_numbers_lists_france(tmp_path):
    mapping = write_preset(tmp_path, "Prosjekt;Akronym;Orgnr;Navn;CP\n1;HYD;9;Grenoble INP;38031\n",
                           {"region": '{ column = "CP", county_numbers = "FR" }'})
    nodes, _, _ = read_generic(mapping)
    assert next(n for n in nodes if n.label == "Organisation").properties["nuts_code"] == "FRK24"
    mapping = write_preset(tmp_path, "Prosjekt;Akronym;Orgnr;Navn;CP\n1;HYD;9;Grenoble INP;38031\n",
                           {"region": '{ column = "CP", county_numbers = "F" }'})
    assert any('county_numbers = \'F\' is not known: write one of "SE" (län numbers), "NO" (fylke numbers), "FR" '
               "(département numbers or postcodes)" in str(p) for p in problems_of(mapping))



def test_mapping_new_writes_county_numbers_fr_for_a_departement_column_and_the_members_are_placed(
        embedded_store, tmp_path):
    template = mapping_new(tmp_path, "membres.csv", "Adhérent;SIRET;Ville;Dép.\nSTMicroelectronics;34130916500040;"
                           "Crolles;38\nCorse Composites;38471143000037;Ajaccio;2A\nRéunion Solaire;67362029100046;"
                           "Saint-Denis;974\nAin Plasturgie;12345678900011;Oyonnax;1\n")
    node = tomllib.loads(template)["nodes"][0]
    assert node["located_in"] == {"region": {"column": "Dép.", "county_numbers": "FR"}, "country": {"value": "FR"}}
    assert "(the regions are FR's département numbers)" in template
    (tmp_path / "mapping.toml").write_text(template, encoding="utf-8")
    load_nuts(embedded_store, BUNDLED_NUTS)
    run_load(embedded_store, "csv", tmp_path / "mapping.toml")
    placed = embedded_store.read("MATCH (o:Organisation)-[:LOCATED_IN]->(r:Region) RETURN o.name, r.id").rows
    assert sorted(map(tuple, placed)) == [("Ain Plasturgie", "FRK21"), ("Corse Composites", "FRM01"),
                                          ("Réunion Solaire", "FRY40"), ("STMicroelectronics", "FRK24")]


@pytest.mark.parametrize("header", ["Code postal", "CP"])
def test_mapping_new_reads_a_postcode_column_of_a_participation_table_as_departements(tmp_path, header):
    template = mapping_new(tmp_path, "projets.csv", f"Numéro du projet;Titre;Nom;{header};Pays\n1;HYD;Soitec;"
                           "38190;France\n1;HYD;CEA;38054;France\n2;MER;Corse Marine;20200;France\n")
    assert tomllib.loads(template)["columns"]["region"] == {"column": header, "county_numbers": "FR"}
    assert "the cells are FR's postcodes, each read as its NUTS 3 region" in template
    (tmp_path / "mapping.toml").write_text(template, encoding="utf-8")
    nodes, _, _ = read_generic(tmp_path / "mapping.toml")
    assert {n.name: n.properties.get("nuts_code") for n in nodes if n.label == "Organisation"} == {
        "Soitec": "FRK24", "CEA": "FRK24", "Corse Marine": "FRM02"}


def test_mapping_new_leaves_a_postcode_column_of_no_postcodes_unused(tmp_path):
    template = mapping_new(tmp_path, "membres.csv", "Adhérent;SIRET;CP\nSoitec;38471143000037;Bernin\n"
                           "CEA;77568019501089;Grenoble\n")
    assert "located_in" not in tomllib.loads(template)["nodes"][0]  # not FR-Bernin, a national region off the Map
    assert "# columns not used: CP" in template


def test_the_users_guide_lists_every_departement_with_its_region():
    text = (Path(__file__).resolve().parents[1] / "docs" / "mapping.md").read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith('| `"FR"` |'))
    for number, (code, _) in DEPARTEMENTS.items():
        assert re.search(rf"\b{number} [^,;]*? {code}\b", row), (number, code)
