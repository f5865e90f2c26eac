"""Region names that differ from NUTS's only in apostrophes, dashes and the spaces around a dash.

A French agency's tables write `Provence-Alpes-Côte d'Azur` (a straight apostrophe; NUTS: `Provence-Alpes-Côte
d’Azur`, a curly one) and `Centre-Val de Loire` (NUTS: `Centre — Val de Loire`, an em dash between spaces): the loader
made them national regions of their own, off the Map, and `--region` and a query's `area` found those or nothing
instead of FRL and FRB. `Ile de France` (spaces for hyphens, no accent) is FR1 `Île-de-France` too. Real parts: a
table in tmp_path, the generic loader, the CLI, the embedded store holding the bundled NUTS files.
"""

from __future__ import annotations

import pytest

from graph.store.falkordb_store import FalkorDBStore
from graph.store.records import NodeRecord
from graph.store.resolve import resolve_node
from graph.store.search_text import fold
from graph.store.writer import write_records
from graph.views.node_search import search_hits
from loaders.derived_search import refresh_search_texts
from loaders.generic import load_generic
from loaders.sample import SAMPLE_NUTS
from tests.cli_invoke import cli_env, invoke
from tests.generic_files import write_preset

FRENCH = ("Prosjekt;Akronym;Orgnr;Navn;Land;Region;PME\n1;Mer;1;Toulon Lab SAS;FR;Provence-Alpes-Côte d'Azur;oui\n"
          "1;Mer;2;Orléans Lab SAS;FR;Centre-Val de Loire;oui\n1;Mer;3;Paris Lab SAS;FR;Ile de France;oui\n")
PLACED_NAMES = ("Toulon Lab SAS", "Orléans Lab SAS", "Paris Lab SAS")
PLACED = {"1": "FRL0", "2": "FRB0", "3": "FR10"}  # NUTS 2 regions of the names of NUTS 1 and 2: the deeper


@pytest.mark.parametrize(("typed", "nuts"), [("Provence-Alpes-Côte d'Azur", "Provence-Alpes-Côte d’Azur"),
                                             ("Provence-Alpes-Côte dʼAzur", "Provence-Alpes-Côte d’Azur"),
                                             ("Centre-Val de Loire", "Centre — Val de Loire"),
                                             ("Centre – Val de Loire", "Centre — Val de Loire"),
                                             ("Ile de France", "Île-de-France")])
def test_names_apart_only_in_apostrophes_and_dashes_fold_alike(typed, nuts):
    assert fold(typed) == fold(nuts)


def test_a_table_names_french_regions_as_nuts_does_without_nuts_loaded(embedded_store, tmp_path):
    """The bundled NUTS files' names (the store holds no region yet)."""
    report = load_generic(embedded_store, write_preset(tmp_path, FRENCH, {"country": '"Land"', "region": '"Region"'}))
    placed = dict(embedded_store.read("MATCH (o:Organisation)-[:LOCATED_IN]->(r:Region) RETURN o.id, r.id").rows)
    assert placed == PLACED
    assert embedded_store.read("MATCH (r:Region {scheme: 'national'}) RETURN r.id").rows == []
    assert not any("not the name of one NUTS region" in note for note in report.notes), report.notes


@pytest.fixture(scope="module")
def french(embedded_server, tmp_path_factory):
    """NUTS, then the French table, through the CLI into a graph of their own (the store's search texts)."""
    folder = tmp_path_factory.mktemp("french")
    mapping = write_preset(folder, FRENCH, {"country": '"Land"', "region": '"Region"', "sme": '"PME"'})
    env = cli_env(embedded_server, "french_region_names")
    done = [invoke(env, "load", *args) for args in (("nuts", str(SAMPLE_NUTS)), ("csv", str(mapping)))]
    assert [d.exit_code for d in done] == [0, 0], [d.stderr for d in done]
    return env, FalkorDBStore(embedded_server, "french_region_names")


def test_the_table_loaded_after_nuts_is_placed_in_nuts_regions(french):
    _, store = french
    placed = dict(store.read("MATCH (o:Organisation)-[:LOCATED_IN]->(r:Region) RETURN o.id, r.id").rows)
    assert placed == PLACED
    assert store.read("MATCH (r:Region {scheme: 'national'}) RETURN r.id").rows == []


@pytest.mark.parametrize(("region", "organisation", "nuts"), [
    ("Provence-Alpes-Côte d'Azur", "Toulon Lab SAS", "FRL"), ("Provence-Alpes-Côte d’Azur", "Toulon Lab SAS", "FRL"),
    ("Centre-Val de Loire", "Orléans Lab SAS", "FRB"), ("Centre — Val de Loire", "Orléans Lab SAS", "FRB"),
    ("Ile de France", "Paris Lab SAS", "FR1")])
def test_metrics_and_a_query_take_the_nuts_region_as_the_table_or_nuts_writes_it(french, region, organisation, nuts):
    """`--region` takes the NUTS region of that name and its sub-region of the same name (it says so); the query's
    `area` the wider of the two (a name of several regions answers nothing, but these are one within the other)."""
    env, _ = french
    computed = invoke(env, "metrics", "compute", "--metric", "degree", "--region", region)
    assert computed.exit_code == 0, computed.stderr
    assert f"(Region:{nuts})" in computed.stderr and f"(Region:{nuts}0)" in computed.stderr
    assert [name for name in PLACED_NAMES if name in computed.stdout] == [organisation]
    ran = invoke(env, "queries", "run", "organisations/smes-in-region", "-p", f"area={region}")
    assert ran.exit_code == 0, ran.stderr
    assert [name for name in PLACED_NAMES if name in ran.stdout] == [organisation], ran.stdout


def test_the_apps_search_finds_the_region_as_the_table_writes_it(french):
    _, store = french
    provence = [hit.key for hit in search_hits(store, "Provence-Alpes-Côte d'Azur", kinds=["Region"])]
    assert sorted(provence[:2]) == ["Region:FRL", "Region:FRL0"]  # NUTS 1 and 2 of one name
    centre = [hit.key for hit in search_hits(store, "centre-val de loire", kinds=["Region"])]
    assert sorted(centre[:2]) == ["Region:FRB", "Region:FRB0"]


def test_a_store_whose_search_texts_kept_other_apostrophes_and_dashes_catches_up(embedded_store):
    """A store derived before (version 12) holds `|provence-alpes-cote d’azur|frl|`, which no folded search matches
    any more: its next derivation writes it again, once."""
    write_records(embedded_store, [NodeRecord("Region", "FRL", "Provence-Alpes-Côte d’Azur", ("test:nuts",),
                                              properties={"level": 1})], [])
    embedded_store.write("MATCH (r:Region {id: 'FRL'}) SET r._search = '|provence-alpes-cote d’azur|frl|' RETURN 0")
    assert refresh_search_texts(embedded_store) == 1
    assert resolve_node(embedded_store, "Provence-Alpes-Côte d'Azur", ["Region"]).key == "Region:FRL"
    assert refresh_search_texts(embedded_store) == 0
