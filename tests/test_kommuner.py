"""A Danish member list places each member by its kommune (`Odense`, `Lyngby-Taarbæk`, number `461`) in the NUTS 3
region (landsdel) that holds it when its region column says `county_numbers = "DK"` (`loaders.kommuner`): by its
`Region` alone the members had sat at NUTS 2 (DK03) beside CORDIS's organisations at NUTS 3. `mapping new` places by
the `Kommune` rather than the `Region`. Real parts: tables in tmp_path, the generic loader, the embedded store with
the bundled NUTS files, the CLI in-process."""

from __future__ import annotations

import tomllib
from collections import Counter

import pytest

from loaders.kommuner import KOMMUNER, LANDSDELE
from tests.cli_invoke import mapping_new
from tests.county_member_lists import level_3_rows, new_member_node, placed_twice, refused


def _danish_regions(version: int) -> dict[str, tuple[str, str]]:
    return {row["NUTS_ID"]: (row["NAME_LATN"].strip(), row["parent_NUTS_ID"]) for row in level_3_rows(version, "DK")}


@pytest.mark.parametrize("version", [2021, 2024])
def test_every_landsdel_is_a_nuts_3_region_of_both_bundled_files_and_the_98_kommuner_lie_in_them(version):
    regions = _danish_regions(version)
    assert {code: name for code, (name, _) in regions.items()} == LANDSDELE
    assert len(KOMMUNER) == 98 and len({name for _, name in KOMMUNER.values()}) == 98
    per_region = Counter(regions[code][1] for code, _ in KOMMUNER.values())  # the five regioner's counts
    assert per_region == {"DK01": 29, "DK02": 17, "DK03": 22, "DK04": 19, "DK05": 11}


MEMBERS = ("cvr;virksomhed;kommune;region\n29283958;Syddansk Universitet;Odense;Region Syddanmark\n"
           "30060946;DTU;Lyngby-Taarbæk;Region Hovedstaden\n10000001;Skive Robot ApS;779;Region Midtjylland\n"
           "10000002;Aarhus Tech ApS;Aarhus Kommune;Region Midtjylland\n10000003;Byens ApS;Københavns Kommune;\n"
           "10000004;Fyn Lab ApS;Region Syddanmark;Region Syddanmark\n")
MAPPING = ('name = "medlemmer"\n[[nodes]]\nfile = "m.csv"\nseparator = ";"\nlabel = "Organisation"\nid = "cvr"\n'
           'name = "virksomhed"\n[nodes.located_in]\nregion = { column = "kommune", county_numbers = "DK" }\n'
           'country = { value = "DK" }\n')


def test_a_member_list_of_kommuner_places_its_members_in_their_landsdele_and_a_rerun_changes_nothing(
        embedded_store, tmp_path):
    files = {"mapping.toml": MAPPING, "m.csv": MEMBERS}
    placed, national, report, again = placed_twice(embedded_store, tmp_path, files)
    assert placed == {"29283958": "DK031", "30060946": "DK012", "10000001": "DK041", "10000002": "DK042",
                      "10000003": "DK011", "10000004": "DK03"}  # a region's name in the column: that region
    assert national == []
    assert report.summary.created > 0 and again.summary.created == again.summary.updated == 0


def test_a_number_no_kommune_has_names_file_line_and_column_and_writes_nothing(embedded_store, tmp_path):
    problems, before, after = refused(embedded_store, tmp_path, {"mapping.toml": MAPPING, "m.csv": (
        "cvr;virksomhed;kommune;region\n1;Et ApS;461;\n2;To ApS;999;\n")})
    assert problems == ["m.csv:3 [kommune]: '999' is no kommune name or number of DK (county_numbers = \"DK\" reads a "
                        "kommune's name (Odense, Lyngby-Taarbæk) or number, 101-860): fix the cell, or recode it: "
                        'region = { column = "kommune", county_numbers = "DK", values = { "999" = "NUTS code or '
                        'region name" } }']
    assert after == before


DANISH = ("Virksomhed;CVR-nr.;Postnr.;By;Kommune;Region\nSyddansk Universitet;29283958;5230;Odense M;Odense;"
          "Region Syddanmark\nDTU;30060946;2800;Kongens Lyngby;Lyngby-Taarbæk;Region Hovedstaden\n"
          "Skive Robot ApS;10000001;7800;Skive;Skive;Region Midtjylland\n")


def test_mapping_new_places_a_danish_list_by_its_kommune_rather_than_its_region(tmp_path):
    template, node = new_member_node(tmp_path, "medlemmer.csv", DANISH)
    assert node["located_in"] == {"region": {"column": "Kommune", "county_numbers": "DK"}, "country": {"value": "DK"}}
    assert node["properties"]["city"] == "By"
    assert "(the regions are DK's kommune names)" in template and "off the Map" not in template
    norwegian = mapping_new(tmp_path, "medlemmer.csv", "Bedrift;Organisasjonsnummer;Kommune;Fylke\n"
                            "Bergen Robot AS;912345678;Bergen;Vestland\nOslo Lab AS;923456789;Oslo;Oslo\n")
    assert tomllib.loads(norwegian)["nodes"][0]["located_in"]["region"] == "Fylke"  # Bergen is no Danish kommune
