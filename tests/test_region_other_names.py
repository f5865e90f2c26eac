"""Regions by the names their countries' tables write and NUTS does not (`graph.region_spellings`).

A Finnish agency's funding decisions write their regions `Pirkanmaan maakunta` (genitive + "region"), `Uusimaa` (NUTS:
Helsinki-Uusimaa) and in Swedish `Österbotten` (NUTS: Pohjanmaa): each had become a national region, ranked beside
the NUTS region it is and off the Map. A Danish officer's `--region "Region Syddanmark"` and a query's
`area=Region Syddanmark` had found nothing, though the loader reads the words as DK03. Real parts: tables in tmp_path,
the generic loader, the CLI, the embedded store holding the bundled NUTS files.
"""

from __future__ import annotations

import doctest

import pytest

from graph import region_spellings
from graph.store.falkordb_store import FalkorDBStore
from loaders.generic import load_generic
from loaders.sample import SAMPLE_NUTS
from tests.cli_invoke import cli_env, invoke
from tests.generic_files import write_preset

FINNISH = ("Prosjekt;Akronym;Orgnr;Navn;Land;Maakunta\n1;Akku;1;Tampere Lab Oy;FI;Pirkanmaan maakunta\n"
           "1;Akku;2;Espoo Lab Oy;FI;Uusimaa\n1;Akku;3;Vasa Lab Ab;FI;Österbotten\n"
           "1;Akku;4;Turku Lab Oy;FI;Varsinais-Suomen maakunta\n1;Akku;5;Oulu Lab Oy;FI;Pohjois-Pohjanmaa\n")
DANISH = ("Prosjekt;Akronym;Orgnr;Navn;Land;Region;SMV\n2;Vind;6;Odense Lab ApS;DK;Region Syddanmark;ja\n"
          "3;Robot;7;Malmö Lab AB;SE;Region Skåne;ja\n")
SWEDISH = ("Prosjekt;Akronym;Orgnr;Navn;Land;Region\n1;Fabrik;1;Göteborg Lab AB;SE;Västra Götalandsregionen\n"
           "1;Fabrik;2;Eskilstuna Lab AB;SE;Region Sörmland\n"
           "1;Fabrik;3;Östersund Lab AB;SE;Region Jämtland Härjedalen\n"
           "1;Fabrik;4;Solna Lab AB;SE;Region Stockholm\n1;Fabrik;5;Malmö Lab AB;SE;Region Skåne\n")


def test_the_examples_hold():
    assert doctest.testmod(region_spellings).failed == 0


def test_a_finnish_regions_other_names_are_its_nuts_region(embedded_store, tmp_path):
    report = load_generic(embedded_store, write_preset(tmp_path, FINNISH, {"country": '"Land"',
                                                                           "region": '"Maakunta"'}))
    placed = dict(embedded_store.read("MATCH (o:Organisation)-[:LOCATED_IN]->(r:Region) RETURN o.id, r.id").rows)
    assert placed == {"1": "FI19B", "2": "FI1B1", "3": "FI19A", "4": "FI1C1", "5": "FI1D9"}
    assert embedded_store.read("MATCH (r:Region {scheme: 'national'}) RETURN r.id").rows == []
    assert not any("not the name of one NUTS region" in note for note in report.notes), report.notes


def test_a_swedish_regions_own_name_is_its_county(embedded_store, tmp_path):
    """A Swedish table writes its counties by their regions' names: `Västra Götalandsregionen`, `Region Sörmland`
    and `Region Jämtland Härjedalen` had become national regions off the Map (the rule `Region X` as `X län` reads
    only `Region Skåne`), and `Region Stockholm` had been asked about as SE11 or SE110."""
    report = load_generic(embedded_store, write_preset(tmp_path, SWEDISH, {"country": '"Land"', "region": '"Region"'}))
    placed = dict(embedded_store.read("MATCH (o:Organisation)-[:LOCATED_IN]->(r:Region) RETURN o.id, r.id").rows)
    assert placed == {"1": "SE232", "2": "SE122", "3": "SE322", "4": "SE110", "5": "SE224"}
    assert embedded_store.read("MATCH (r:Region {scheme: 'national'}) RETURN r.id").rows == []
    assert not any("Stockholm names both" in note or "not the name of one NUTS region" in note
                   for note in report.notes), report.notes


@pytest.fixture(scope="module")
def danish(embedded_server, tmp_path_factory):
    """NUTS, then a Danish table naming `Region Syddanmark`, through the CLI into a graph of their own."""
    folder = tmp_path_factory.mktemp("danish")
    mapping = write_preset(folder, DANISH, {"country": '"Land"', "region": '"Region"', "sme": '"SMV"'})
    env = cli_env(embedded_server, "region_other_names")
    done = [invoke(env, "load", *args) for args in (("nuts", str(SAMPLE_NUTS)), ("csv", str(mapping)))]
    assert [d.exit_code for d in done] == [0, 0], [d.stderr for d in done]
    return env, FalkorDBStore(embedded_server, "region_other_names")


def test_a_region_is_found_by_its_other_names_in_search(danish):
    _, store = danish
    found = store.read("MATCH (r:Region) WHERE r._search CONTAINS '|region syddanmark|' RETURN r.id").rows
    assert found == [["DK03"]]
    finnish = store.read("MATCH (r:Region) WHERE r._search CONTAINS '|pirkanmaan maakunta|' RETURN r.id").rows
    assert sorted(finnish) == [["FI197"], ["FI19B"]]  # NUTS 2021's code and 2024's
    swedish = store.read("MATCH (r:Region) WHERE r._search CONTAINS '|vastra gotalandsregionen|' RETURN r.id").rows
    assert swedish == [["SE232"]]


def test_metrics_and_a_query_take_a_region_by_its_other_name(danish):
    env, _ = danish
    computed = invoke(env, "metrics", "compute", "--metric", "degree", "--region", "Region Syddanmark")
    assert computed.exit_code == 0, computed.stderr
    assert "Odense Lab ApS" in computed.stdout
    ran = invoke(env, "queries", "run", "organisations/smes-in-region", "-p", "area=Region Syddanmark")
    assert ran.exit_code == 0, ran.stderr
    assert "Odense Lab ApS" in ran.stdout and "Malmö Lab AB" not in ran.stdout
    swedish = invoke(env, "queries", "run", "organisations/smes-in-region", "-p", "area=Region Skåne")
    assert swedish.exit_code == 0, swedish.stderr
    assert "Malmö Lab AB" in swedish.stdout and "Odense Lab ApS" not in swedish.stdout


def test_mapping_new_takes_the_country_of_regions_written_as_their_tables_write_them(tmp_path):
    """A Danish member list's `Region Syddanmark`, `Region Midtjylland` had left the country for the user to fill in:
    every such list needed it written by hand."""
    from loaders.mapping_new.participation import participation_template

    table = tmp_path / "medlemmer.csv"
    table.write_text("Projekt;Akronym;CVR;Virksomhed;Region\n1;Vind;10403782;Vestas A/S;Region Midtjylland\n"
                     "1;Vind;29102384;Aalborg Universitet;Region Nordjylland\n"
                     "2;Brint;25313763;Odense Lab ApS;Region Syddanmark\n", encoding="utf-8")
    assert ('country = { value = "DK" }  #? the regions in Region are NUTS regions of DK; every row is placed there'
            in participation_template(table))

