"""Poland's voivodeships by the names Poles write (`mazowieckie`, `województwo mazowieckie`, `Mazowsze`, `Dolny Śląsk`).

NUTS names Mazovia only as its macroregion PL9, `Makroregion województwo mazowieckie`: a KKK member list's
`mazowieckie` had become a national region `PL-mazowieckie` off the Map, ranked beside PL9, and a query's
`area=Mazowsze` found nothing. Real parts: a table in tmp_path, the generic loader, the CLI, the embedded store holding
the bundled NUTS files."""

from __future__ import annotations

import pytest

from graph.store.falkordb_store import FalkorDBStore
from loaders.generic import load_generic
from loaders.sample import SAMPLE_NUTS
from tests.cli_invoke import cli_env, invoke
from tests.generic_files import write_preset

VOIVODESHIPS = {"1": ("mazowieckie", "PL9"), "2": ("Województwo mazowieckie", "PL9"), "3": ("Mazowsze", "PL9"),
                "4": ("Dolny Śląsk", "PL51"), "5": ("województwo dolnośląskie", "PL51"), "6": ("Śląsk", "PL22"),
                "7": ("woj. śląskie", "PL22"), "8": ("Małopolska", "PL21"), "9": ("Wielkopolska", "PL41"),
                "10": ("Pomorze", "PL63"), "11": ("łódzkie", "PL71"), "12": ("Warmia i Mazury", "PL62"),
                "13": ("Podkarpacie", "PL82")}
TABLE = "Prosjekt;Akronym;Orgnr;Navn;Kraj;Województwo;MSP\n" + "".join(
    f"1;Wodór;{row};Firma {row} sp. z o.o.;PL;{region};1\n" for row, (region, _) in VOIVODESHIPS.items())


def test_a_voivodeship_as_poles_write_it_is_its_nuts_region(embedded_store, tmp_path):
    report = load_generic(embedded_store, write_preset(tmp_path, TABLE, {"country": '"Kraj"',
                                                                         "region": '"Województwo"'}))
    placed = dict(embedded_store.read("MATCH (o:Organisation)-[:LOCATED_IN]->(r:Region) RETURN o.id, r.id").rows)
    assert placed == {row: code for row, (_, code) in VOIVODESHIPS.items()}
    assert embedded_store.read("MATCH (r:Region {scheme: 'national'}) RETURN r.id").rows == []
    assert not any("not the name of one NUTS region" in note for note in report.notes), report.notes


@pytest.fixture(scope="module")
def polish(embedded_server, tmp_path_factory):
    """NUTS, then the Polish table, through the CLI into a graph of their own."""
    folder = tmp_path_factory.mktemp("polish")
    mapping = write_preset(folder, TABLE, {"country": '"Kraj"', "region": '"Województwo"', "sme": '"MSP"'})
    env = cli_env(embedded_server, "polish_regions")
    done = [invoke(env, "load", *args) for args in (("nuts", str(SAMPLE_NUTS)), ("csv", str(mapping)))]
    assert [d.exit_code for d in done] == [0, 0], [d.stderr for d in done]
    return env, FalkorDBStore(embedded_server, "polish_regions")


def test_a_query_and_metrics_take_mazovia_by_the_names_poles_write(polish):
    env, _ = polish
    ran = invoke(env, "queries", "run", "organisations/smes-in-region", "-p", "area=Mazowsze")
    assert ran.exit_code == 0, ran.stderr
    assert "Firma 1 sp. z o.o." in ran.stdout and "Firma 4 sp. z o.o." not in ran.stdout
    silesia = invoke(env, "queries", "run", "organisations/smes-in-region", "-p", "area=Dolny Śląsk")
    assert "Firma 4 sp. z o.o." in silesia.stdout and "Firma 1 sp. z o.o." not in silesia.stdout
    computed = invoke(env, "metrics", "compute", "--metric", "degree", "--region", "mazowieckie")
    assert computed.exit_code == 0, computed.stderr
    assert "Firma 3 sp. z o.o." in computed.stdout and "Firma 8 sp. z o.o." not in computed.stdout
