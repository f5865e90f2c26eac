"""A Finnish member list places each member by its maakunta's number (`06` Pirkanmaa, `01` Uusimaa, Statistics
Finland's `MK06`) when its region column says `county_numbers = "FI"` (`loaders.maakunnat`); read as region names the
numbers had been national regions (`FI-06`) off the Map. `mapping new` writes it for a Maakunta of numbers, names
beside them too. Real parts: tables in tmp_path, the generic loader, the embedded store with the bundled NUTS files,
the CLI in-process."""

from __future__ import annotations

import csv
import io
import lzma
import tomllib
from pathlib import Path

import pytest

from loaders.generic import read_generic
from loaders.maakunnat import MAAKUNNAT
from loaders.nuts import load_nuts
from loaders.pipeline import run_load
from tests.cli_invoke import mapping_new
from tests.generic_files import problems_of, snapshot, write_files

BUNDLED_NUTS = Path(__file__).resolve().parents[1] / "loaders" / "sample_data" / "gisco-nuts"
#: The maakunta whose NUTS 3 code NUTS 2021 wrote otherwise than 2024 -> that code.
CODES_2021 = {"06": "FI197", "07": "FI1C3", "08": "FI1C4", "10": "FI1D1", "11": "FI1D2", "12": "FI1D3",
              "13": "FI193", "14": "FI194", "15": "FI195"}


def _finnish_level_3(version: int) -> dict[str, str]:
    text = lzma.decompress((BUNDLED_NUTS / f"nuts{version}_label_points.csv.xz").read_bytes()).decode("utf-8")
    return {row["NUTS_ID"]: row["NAME_LATN"].strip() for row in csv.DictReader(io.StringIO(text))
            if row["NUTS_ID"].startswith("FI") and len(row["NUTS_ID"]) == 5}


@pytest.mark.parametrize("version", [2021, 2024])
def test_every_maakunta_is_one_nuts_3_region_of_both_bundled_files_and_every_region_has_one(version):
    regions = _finnish_level_3(version)
    codes = {number: CODES_2021.get(number, code) if version == 2021 else code
             for number, (code, _) in MAAKUNNAT.items()}
    assert {number: regions[code] for number, code in codes.items()} == {n: name for n, (_, name) in MAAKUNNAT.items()}
    assert sorted(codes.values()) == sorted(regions)  # each region once
    assert MAAKUNNAT["01"] == ("FI1B1", "Helsinki-Uusimaa") and MAAKUNNAT["06"] == ("FI19B", "Pirkanmaa")
    assert sorted(MAAKUNNAT) == [f"{n:02d}" for n in range(1, 22) if n not in (3, 20)]


MEMBERS = ("ytunnus;jasen;maakunta\n2876970-0;Cobotti Solutions Oy;06\n2844561-8;Tampereen yliopisto;Pirkanmaa\n"
           "2228357-4;Aalto-yliopisto;01\n1234567-1;Oulun Robotiikka Oy;MK17\n7654321-2;Lapin Kone Oy;19\n"
           "1111111-3;Hämeen Laite Oy;FI-06\n")
MAPPING = ('name = "jasenet"\n[[nodes]]\nfile = "j.csv"\nseparator = ";"\nlabel = "Organisation"\nid = "ytunnus"\n'
           'name = "jasen"\n[nodes.located_in]\nregion = { column = "maakunta", county_numbers = "FI" }\n'
           'country = { value = "FI" }\n')


def test_a_member_list_of_maakunta_numbers_places_its_members_in_their_regions_and_a_rerun_changes_nothing(
        embedded_store, tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": MAPPING, "j.csv": MEMBERS})
    load_nuts(embedded_store, BUNDLED_NUTS)
    report = run_load(embedded_store, "csv", mapping)
    placed = dict(embedded_store.read("MATCH (o:Organisation)-[:LOCATED_IN]->(r) RETURN o.id, r.id").rows)
    assert placed == {"2876970-0": "FI19B", "2844561-8": "FI19B", "2228357-4": "FI1B1", "1234567-1": "FI1D9",
                      "7654321-2": "FI1D7",
                      "1111111-3": "FI1C2"}  # ISO 3166-2's FI-06 is Kanta-Häme, never maakunta 06
    assert embedded_store.read("MATCH (r:Region {scheme: 'national'}) RETURN r.id").rows == []
    again = run_load(embedded_store, "csv", mapping)
    assert report.summary.created > 0 and again.summary.created == again.summary.updated == 0


def test_a_number_no_maakunta_has_names_file_line_and_column_and_writes_nothing(embedded_store, tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": MAPPING, "j.csv": "ytunnus;jasen;maakunta\n1;Uno Oy;06\n"
                                                                       "2;Kaksi Oy;03\n"})
    before = snapshot(embedded_store)
    problems = [str(p) for p in problems_of(mapping, embedded_store)]
    assert problems == ["j.csv:3 [maakunta]: '03' is no maakunta number of FI (county_numbers = \"FI\" reads "
                        "Statistics Finland's numbers, 01, 02, 04, 05, 06, 07, 08, 09, 10, 11, 12, 13, 14, 15, 16, 17, "
                        '18, 19, 21 (or MK01 ...)): fix the cell, or recode it: region = { column = "maakunta", '
                        'county_numbers = "FI", values = { "03" = "NUTS code or region name" } }']
    assert snapshot(embedded_store) == before


def test_mapping_new_reads_a_maakunta_of_numbers_and_names_as_finlands_and_a_kotipaikka_as_the_city(tmp_path):
    table = ("Jäsen / Yritys;Y-tunnus;Kotipaikka;Maakunta\nCobotti Solutions Oy;2876970-0;Tampere;06\n"
             "Tampereen yliopisto;2844561-8;Tampere;Pirkanmaa\nAalto-yliopisto;2228357-4;Espoo;01\n")
    template = mapping_new(tmp_path, "jasenrekisteri.csv", table)
    node = tomllib.loads(template)["nodes"][0]
    assert node["located_in"] == {"region": {"column": "Maakunta", "county_numbers": "FI"}, "country": {"value": "FI"}}
    assert node["properties"]["city"] == "Kotipaikka"
    assert "(the regions are FI's maakunta numbers and region names)" in template and "off the Map" not in template
    (tmp_path / "mapping.toml").write_text(template, encoding="utf-8")
    nodes, _, _ = read_generic(tmp_path / "mapping.toml")
    assert sorted(n.properties["nuts_code"] for n in nodes if n.label == "Organisation" and
                  n.properties.get("nuts_code")) == ["FI19B", "FI1B1"]  # Pirkanmaa's name: placed by the load
