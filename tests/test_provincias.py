"""A Spanish member list places each member by its province's INE number (`48`, `1`), its postcode (`48001`) or the
old provincial plate letters (`BI`, `SS`, `VI`) when its region column says `county_numbers = "ES"`
(`loaders.provincias`); read as region names they had been national regions off the Map. The island provinces
(Balears, Las Palmas, Santa Cruz de Tenerife) are split by island in NUTS: read as their NUTS 2 region, and said so.
Real parts: tables in tmp_path, the generic loader, the embedded store with the bundled NUTS files."""

from __future__ import annotations

import csv
import io
import lzma
from pathlib import Path

import pycountry
import pytest

from loaders.nuts import load_nuts
from loaders.pipeline import run_load
from loaders.provincias import PLATES, PROVINCIAS, SPLIT_BY_ISLAND, provincia_of
from tests.generic_files import problems_of, snapshot, write_files

BUNDLED_NUTS = Path(__file__).resolve().parents[1] / "loaders" / "sample_data" / "gisco-nuts"


def _spanish_regions(version: int) -> dict[str, tuple[str, str]]:
    """Spain's NUTS 2 and 3 codes -> (name, parent) in the bundled file of `version`."""
    text = lzma.decompress((BUNDLED_NUTS / f"nuts{version}_label_points.csv.xz").read_bytes()).decode("utf-8")
    return {row["NUTS_ID"]: (row["NAME_LATN"].strip(), row["parent_NUTS_ID"]) for row in csv.DictReader(
        io.StringIO(text)) if row["NUTS_ID"].startswith("ES") and len(row["NUTS_ID"]) >= 4}


@pytest.mark.parametrize("version", [2021, 2024])
def test_every_province_is_its_nuts_region_in_both_bundled_files_and_every_region_has_one(version):
    regions = _spanish_regions(version)
    assert {number: regions[code][0] for number, (code, _) in PROVINCIAS.items()} == {
        number: name for number, (_, name) in PROVINCIAS.items()}
    level_3 = {code for code in regions if len(code) == 5}
    islands = {code for _, codes in SPLIT_BY_ISLAND.values() for code in codes}
    assert {code for code, _ in PROVINCIAS.values() if len(code) == 5} | islands == level_3  # each once
    assert {number: PROVINCIAS[number][0] for number in SPLIT_BY_ISLAND} == {"07": "ES53", "35": "ES70", "38": "ES70"}
    assert all(regions[code][1] == PROVINCIAS[number][0] for number, (_, codes) in SPLIT_BY_ISLAND.items()
               for code in codes)
    assert [PROVINCIAS[n][0] for n in ("51", "52")] == ["ES630", "ES640"]  # Ceuta, Melilla
    assert len(PROVINCIAS) == 52 and sorted(PROVINCIAS) == [f"{n:02d}" for n in range(1, 53)]


def test_each_provinces_plate_is_its_iso_code():
    iso = {s.code[3:]: s.name for s in pycountry.subdivisions.get(country_code="ES") if s.type == "Province"}
    assert len(iso) == 50 and all(provincia_of(code) for code in iso)
    assert {code: PROVINCIAS[PLATES[code]][0] for code in ("BI", "SS", "VI", "M", "B", "NA", "GC", "TF", "PM")} == {
        "BI": "ES213", "SS": "ES212", "VI": "ES211", "M": "ES300", "B": "ES511", "NA": "ES220", "GC": "ES70",
        "TF": "ES70", "PM": "ES53"}
    assert [provincia_of(c) for c in ("IB", "GE", "OU", "CE", "ML")] == ["ES53", "ES512", "ES113", "ES630", "ES640"]


MEMBERS = ("cif;empresa;provincia;pais\nA48011555;Idom;48001;ES\nA20001020;CAF;20018;ES\nA01000001;Tubos;VI;ES\n"
           "B48000002;Ikerlan;bi;ES\nB00000003;Madrid Lab;28;ES\nB00000004;Mallorca Lab;PM;ES\n"
           "B00000005;Tenerife Lab;38;ES\nB00000006;Gran Canaria Lab;35001;ES\nB00000007;Ceuta Lab;51001;ES\n"
           "PT1;Porto Lda;4000;PT\nB00000008;Sin pais;ES-SS;\n")


def _members(region: str) -> str:
    return ('name = "socios"\n[[nodes]]\nfile = "socios.csv"\nseparator = ";"\nlabel = "Organisation"\n'
            f'id = "cif"\nname = "empresa"\n[nodes.located_in]\nregion = {region}\ncountry = "pais"\n')


def test_a_member_list_of_numbers_postcodes_and_plates_places_its_members_in_their_provinces(embedded_store, tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": _members('{ column = "provincia", county_numbers = "ES" }'),
                                     "socios.csv": MEMBERS})
    load_nuts(embedded_store, BUNDLED_NUTS)
    report = run_load(embedded_store, "csv", mapping)
    placed = dict(embedded_store.read("MATCH (o:Organisation)-[:LOCATED_IN]->(p) RETURN o.id, p.id").rows)
    assert placed == {"A48011555": "ES213", "A20001020": "ES212", "A01000001": "ES211", "B48000002": "ES213",
                      "B00000003": "ES300", "B00000004": "ES53", "B00000005": "ES70", "B00000006": "ES70",
                      "B00000007": "ES630", "PT1": "PT",  # a Portuguese postcode: its country alone
                      "B00000008": "ES212"}  # no country: the plate's, Spain
    assert embedded_store.read("MATCH (r:Region {scheme: 'national'}) RETURN r.id").rows == []
    assert [n for n in report.load.notes if "by island" in n] == [
        "socios.csv [provincia]: 3 cell(s) name a province that NUTS splits by island, each read as the NUTS 2 "
        "region that holds it whole (the island is not guessed): 07 Illes Balears as ES53 Illes Balears (1), 35 Las "
        "Palmas as ES70 Canarias (1), 38 Santa Cruz de Tenerife as ES70 Canarias (1); a `values` recode to the "
        "island's NUTS 3 code (ES531 Eivissa y Formentera ... ES709 Tenerife) places a row closer"]
    again = run_load(embedded_store, "csv", mapping)
    assert report.summary.created > 0 and again.summary.created == again.summary.updated == 0


def test_a_cell_that_names_no_province_names_file_line_and_column_and_writes_nothing(embedded_store, tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": _members('{ column = "provincia", county_numbers = "ES" }'),
                                     "socios.csv": "cif;empresa;provincia;pais\n1;Uno;BI;ES\n2;Dos;XY;ES\n"
                                                   "3;Tres;60001;ES\n"})
    before = snapshot(embedded_store)
    problems = [str(p) for p in problems_of(mapping, embedded_store)]
    assert [p.split(" (")[0] for p in problems] == [
        "socios.csv:3 [provincia]: 'XY' is no province number, postcode or plate of ES",
        "socios.csv:4 [provincia]: '60001' is no province number, postcode or plate of ES"]
    assert "reads an INE province number, 01-52 (1-9 too), a postcode, 01000-52999" in problems[0]
    assert 'values = { "XY" = "NUTS code or region name" }' in problems[0]
    assert snapshot(embedded_store) == before

