"""The note on region cells that name no NUTS region gives each its country: a member list of German and Swiss
members both in an `Oberland` had been told "Oberland, Oberland", and which country's cell to correct was unknown.
The table is written by the test and loaded into the real embedded store."""

from __future__ import annotations

from loaders.generic import load_generic
from tests.generic_files import write_preset

MEMBERS = ("Prosjekt;Akronym;Orgnr;Navn;Land;Region\n1;Alp;1;Werkzeugbau Oberland GmbH;DE;Oberland\n"
           "1;Alp;2;Oberland Präzision AG;CH;Oberland\n")


def test_two_countries_cells_of_one_name_are_told_apart_by_their_country(embedded_store, tmp_path):
    report = load_generic(embedded_store, write_preset(tmp_path, MEMBERS, {"country": '"Land"', "region": '"Region"'}))
    placed = embedded_store.read("MATCH (o:Organisation)-[:LOCATED_IN]->(r:Region) RETURN o.id, r.id ORDER BY o.id")
    assert placed.rows == [["1", "DE-Oberland"], ["2", "CH-Oberland"]]
    assert any(note.startswith("2 region name(s) of the table are not the name of one NUTS region (of the store or "
                               "of the bundled NUTS files) of their country, so each is made a region of its own, "
                               "without a place on the Map: CH-Oberland, DE-Oberland;")
               for note in report.notes), report.notes
