"""Places of a user's table beside the store's: a node the store has in a region gets no second link to its country,
and the note on region names that are no NUTS region's gives advice fitting the store and the rows' country
(`loaders.generic_places`, `loaders.generic_regions`)."""

from __future__ import annotations

from loaders.generic import load_generic
from loaders.nuts import load_nuts
from tests.conftest import FIXTURES
from tests.generic_files import write_preset

TABLE = "Prosjekt;Akronym;Orgnr;Navn;Land;Fylke\n1;Havvind;;IoT World;Sverige;\n1;Havvind;974767880;NTNU;Norge;\n"


def test_a_node_the_store_has_in_a_region_gets_no_link_to_its_country(seeded, tmp_path):
    mapping = write_preset(tmp_path, TABLE, {"country": '"Land"', "region": '"Fylke"'},
                           top='match = "name"\non_empty = { placeholder = "name:{Navn}" }')
    report = load_generic(seeded, mapping)
    places = seeded.read("MATCH (:Cluster {id: 'iot-world'})-[:LOCATED_IN]->(p) RETURN p.id").rows
    assert places == [["SE123"]]  # in its region alone, as docs/mapping.md says of a node with a region
    assert ("1 node(s) the store has in a region of the country their rows name stay in that region alone (no "
            "LOCATED_IN to the country is added): 'IoT World' (SE123)") in report.notes
    assert seeded.read("MATCH (:Organisation {id: '974767880'})-[:LOCATED_IN]->(p) RETURN p.id").rows == [["NO"]]


FINNISH = "Prosjekt;Akronym;Orgnr;Navn;Land;Fylke\n1;Akku;1234567-8;Oulun Akku Oy;FI;Itä-Uusimaa\n"
ADVICE = ("1 region name(s) of the table are not the name of one NUTS region (of the store or of the bundled NUTS "
          "files) of their country")


def test_the_note_on_regions_nuts_lacks_takes_its_example_from_the_rows_country(embedded_store, tmp_path):
    load_nuts(embedded_store, FIXTURES / "nuts")
    mapping = write_preset(tmp_path, FINNISH, {"country": '"Land"', "region": '"Fylke"'})
    note = next(n for n in load_generic(embedded_store, mapping).notes if n.startswith(ADVICE))
    assert note.endswith(": FI-Itä-Uusimaa; to place them, give NUTS's name or code in the table (Helsinki-Uusimaa, "
                         "FI1B1)")


def test_without_nuts_the_note_takes_its_example_from_the_bundled_nuts_files(embedded_store, tmp_path):
    """The note had said to load NUTS first; the names were read against the bundled NUTS files, which loading
    NUTS loads, so that could not place them: NUTS's name or code does."""
    mapping = write_preset(tmp_path, FINNISH, {"country": '"Land"', "region": '"Fylke"'})
    note = next(n for n in load_generic(embedded_store, mapping).notes if n.startswith(ADVICE))
    assert note.endswith(": FI-Itä-Uusimaa; to place them, give NUTS's name or code in the table (Helsinki-Uusimaa, "
                         "FI1B1)")


ISO_CODES = ("Prosjekt;Akronym;Orgnr;Navn;Land;Region\n1;Havvind;1;Lindholmen Mobilitetsarena;SE;SE-O\n"
             "1;Havvind;2;Ocean Cluster;NO;NO-46\n1;Havvind;3;Nordic Algae;SE;NO-46\n")


def test_a_region_given_by_its_iso_3166_2_code_is_that_region(embedded_store, tmp_path):
    """A register writing the ISO 3166-2 code (`SE-O`, `NO-46`) had made the national regions `SE-SE-O` and
    `NO-NO-46`, off the Map: the code is read as the region's name, which then finds its NUTS region. A code of
    another country than the row's stays as written."""
    load_nuts(embedded_store, FIXTURES / "nuts")
    mapping = write_preset(tmp_path, ISO_CODES, {"country": '"Land"', "region": '"Region"'})
    load_generic(embedded_store, mapping)
    places = embedded_store.read("MATCH (o:Organisation)-[:LOCATED_IN]->(p) RETURN o.id, p.id ORDER BY o.id").rows
    assert places == [["1", "SE232"], ["2", "NO0A2"], ["3", "SE-NO-46"]]


COUNTY_NUMBERS = ("Prosjekt;Akronym;Orgnr;Navn;Land;Län\n1;Vind;556479-5671;Agro Väst AB;Sverige;14\n"
                  "1;Vind;556000-0001;Småland Plast AB;Sverige;06\n")


def test_a_region_column_of_county_numbers_is_recoded_to_nuts_codes(embedded_store, tmp_path):
    """A register's `Län` held county numbers (`14`): they became the national region `SE-14`, beside SE232 for the
    same county, off the Map. `values` recodes the region's cells as it does the country's."""
    load_nuts(embedded_store, FIXTURES / "nuts")
    mapping = write_preset(tmp_path, COUNTY_NUMBERS, {
        "country": '"Land"', "region": '{ column = "Län", values = { "14" = "SE232", "06" = "SE211" } }'})
    load_generic(embedded_store, mapping)
    placed = embedded_store.read("MATCH (o:Organisation)-[:LOCATED_IN]->(p) RETURN o.id, p.id, o.nuts_code "
                                 "ORDER BY o.id").rows
    assert placed == [["556000-0001", "SE211", "SE211"], ["556479-5671", "SE232", "SE232"]]
    assert embedded_store.read("MATCH (r:Region) WHERE r.id STARTS WITH 'SE-' RETURN count(r)").rows == [[0]]


def test_a_region_recode_that_is_no_table_of_texts_is_named_at_its_line(tmp_path):
    import pytest

    from graph.errors import ValidationFailed
    from loaders.generic import read_generic

    mapping = write_preset(tmp_path, COUNTY_NUMBERS, {"country": '"Land"',
                                                      "region": '{ column = "Län", values = { "14" = 232 } }'})
    with pytest.raises(ValidationFailed) as refused:
        read_generic(mapping)
    assert ('[located_in]: located_in region must be a column ("column") or { column = "column", values = { "cell" = '
            '"NUTS code or region name", ... } }') in str(refused.value)


def test_a_reload_that_empties_a_region_puts_the_node_in_its_country_and_says_nothing_of_keeping_it(
        embedded_store, tmp_path):
    """The region only this table gave is not the store's to keep: the note had said NTNU stayed in NO-Hordaland
    while the re-load removed it."""
    from loaders.pipeline import run_load

    head, columns = "Prosjekt;Akronym;Orgnr;Navn;Land;Fylke\n", {"country": '"Land"', "region": '"Fylke"'}
    (tmp_path / "v1").mkdir(), (tmp_path / "v2").mkdir()
    run_load(embedded_store, "csv", write_preset(tmp_path / "v1", head + "1;Havvind;974767880;NTNU;Norge;Hordaland\n",
                                                 columns, top='name = "grants"'))
    placed = "MATCH (:Organisation {id: '974767880'})-[:LOCATED_IN]->(p) RETURN p.id"
    assert embedded_store.read(placed).rows == [["NO-Hordaland"]]
    report = run_load(embedded_store, "csv", write_preset(tmp_path / "v2", head + "1;Havvind;974767880;NTNU;Norge;\n",
                                                          columns, top='name = "grants"'))
    assert not [n for n in report.load.notes if "stay in that region" in n or "held back" in n], report.load.notes
    assert "t.csv: 1 node(s) and 2 relationship(s) the earlier load gave are no longer in it: 1 node(s) and 2 " \
           "relationship(s) removed." in report.load.notes
    assert embedded_store.read(placed).rows == [["NO"]]
    assert embedded_store.read("MATCH (r:Region) RETURN count(r)").rows == [[0]]
