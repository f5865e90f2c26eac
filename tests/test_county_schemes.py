"""A country's county cells are one `CountyScheme` in its own module plus an entry in `county_numbers.SCHEMES`: the
loader, its refusals and its notes ask the scheme, so a country registered there is read with nothing else changed.
France's and Italy's readers and refusal wording had been tested by country code in every caller. Real parts: a
mapping and table in tmp_path, the generic loader, the embedded store with the bundled NUTS files."""

from __future__ import annotations

from pathlib import Path

from loaders.county_numbers import SCHEMES, known_numbers
from loaders.county_scheme import CountyScheme, is_short_number
from loaders.nuts import load_nuts
from loaders.pipeline import run_load
from tests.generic_files import problems_of, snapshot, write_files

BUNDLED_NUTS = Path(__file__).resolve().parents[1] / "loaders" / "sample_data" / "gisco-nuts"
#: Denmark's landsdele by their number, as a toy register writes them: 04 Bornholm is DK014.
LANDSDELE = {1: "DK011", 2: "DK012", 3: "DK013", 4: "DK014", 5: "DK021", 6: "DK022", 7: "DK031", 8: "DK032"}
DANISH = CountyScheme("DK", "landsdel", "landsdel number", "landsdel numbers", "01-08", {},
                      lambda cell: LANDSDELE.get(int(cell)) if is_short_number(cell) else None,
                      note=lambda cells: f"{cells.total()} cell(s) read by the Danish scheme" if cells else "")
MAPPING = ('name = "medlemmer"\n[[nodes]]\nfile = "m.csv"\nseparator = ";"\nlabel = "Organisation"\nid = "cvr"\n'
           'name = "navn"\n[nodes.located_in]\nregion = { column = "landsdel", county_numbers = "DK" }\n')


def test_a_country_registered_in_schemes_is_read_by_the_loader_and_named_in_its_notes(embedded_store, tmp_path,
                                                                                       monkeypatch):
    monkeypatch.setitem(SCHEMES, "DK", DANISH)
    mapping = write_files(tmp_path, {"mapping.toml": MAPPING, "m.csv": "cvr;navn;landsdel\n1;Bornholm Lab;4\n"
                                                                       "2;Fyn Robotics;07\n"})
    load_nuts(embedded_store, BUNDLED_NUTS)
    report = run_load(embedded_store, "csv", mapping)
    placed = dict(embedded_store.read("MATCH (o:Organisation)-[:LOCATED_IN]->(r) RETURN o.id, r.id").rows)
    assert placed == {"1": "DK014", "2": "DK031"}
    assert any("m.csv [landsdel]: 2 cell(s) read by the Danish scheme" in note for note in report.load.notes)
    assert '"DK" (landsdel numbers)' in known_numbers()


def test_a_registered_countrys_refusal_uses_its_own_words_and_writes_nothing(embedded_store, tmp_path, monkeypatch):
    monkeypatch.setitem(SCHEMES, "DK", DANISH)
    mapping = write_files(tmp_path, {"mapping.toml": MAPPING, "m.csv": "cvr;navn;landsdel\n1;Bornholm Lab;4\n"
                                                                       "2;Nowhere ApS;12\n"})
    before = snapshot(embedded_store)
    problems = [str(p) for p in problems_of(mapping, embedded_store)]
    assert problems == ["m.csv:3 [landsdel]: '12' is no landsdel number of DK (county_numbers = \"DK\" reads 01-08): "
                        'fix the cell, or recode it: region = { column = "landsdel", county_numbers = "DK", values = '
                        '{ "12" = "NUTS code or region name" } }']
    assert snapshot(embedded_store) == before
