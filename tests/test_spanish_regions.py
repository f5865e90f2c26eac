"""Spain's communities and provinces by the names its tables write (`Euskadi`, `Catalunya`, `Vizcaya`, `Lérida`).

NUTS writes each in one language (`País Vasco`, `Cataluña`, `Bizkaia`, `Lleida`): a Basque cluster manager's
`area=Euskadi` and `area=Catalunya` found 0 SMEs where `País Vasco` and `Cataluña` found 104 and 232, Explore's search
for "Euskadi" found no region, and a table's `Vizcaya` became a national region off the Map. Real parts: a table in
tmp_path, the generic loader, the CLI, the embedded store holding the bundled NUTS files."""

from __future__ import annotations

import pytest

from graph.store.falkordb_store import FalkorDBStore
from graph.views.node_search import search_hits
from loaders.generic import load_generic
from loaders.sample import SAMPLE_NUTS
from tests.cli_invoke import cli_env, invoke
from tests.generic_files import write_preset

#: A row's id -> (the region as a Spanish table writes it, its NUTS code).
NAMES = {"1": ("Euskadi", "ES21"), "2": ("Catalunya", "ES51"), "3": ("Comunidad Valenciana", "ES52"),
         "4": ("Galiza", "ES11"), "5": ("Islas Baleares", "ES53"), "6": ("Vizcaya", "ES213"),
         "7": ("Guipúzcoa", "ES212"), "8": ("Araba", "ES211"), "9": ("Lérida", "ES513"), "10": ("Gerona", "ES512"),
         "11": ("La Coruña", "ES111"), "12": ("Orense", "ES113"), "13": ("Nafarroa", "ES220"),
         "14": ("Comunidad Autónoma de Euskadi", "ES21"), "15": ("Provincia de Gipuzkoa", "ES212")}
TABLE = "Prosjekt;Akronym;Orgnr;Navn;País;Región;Pyme\n" + "".join(
    f"1;Fabrik;{row};Empresa {row} S.L.;ES;{region};1\n" for row, (region, _) in NAMES.items())


def test_a_community_or_province_as_spaniards_write_it_is_its_nuts_region(embedded_store, tmp_path):
    report = load_generic(embedded_store, write_preset(tmp_path, TABLE, {"country": '"País"', "region": '"Región"'}))
    placed = dict(embedded_store.read("MATCH (o:Organisation)-[:LOCATED_IN]->(r:Region) RETURN o.id, r.id").rows)
    assert placed == {row: code for row, (_, code) in NAMES.items()}
    assert embedded_store.read("MATCH (r:Region {scheme: 'national'}) RETURN r.id").rows == []
    assert not any("not the name of one NUTS region" in note for note in report.notes), report.notes


@pytest.fixture(scope="module")
def spanish(embedded_server, tmp_path_factory):
    """NUTS, then the Spanish table, through the CLI into a graph of their own."""
    folder = tmp_path_factory.mktemp("spanish")
    mapping = write_preset(folder, TABLE, {"country": '"País"', "region": '"Región"', "sme": '"Pyme"'})
    env = cli_env(embedded_server, "spanish_regions")
    done = [invoke(env, "load", *args) for args in (("nuts", str(SAMPLE_NUTS)), ("csv", str(mapping)))]
    assert [d.exit_code for d in done] == [0, 0], [d.stderr for d in done]
    return env, FalkorDBStore(embedded_server, "spanish_regions")


@pytest.mark.parametrize(("area", "inside", "outside"), [("Euskadi", "Empresa 6 S.L.", "Empresa 2 S.L."),
                                                        ("Catalunya", "Empresa 9 S.L.", "Empresa 1 S.L."),
                                                        ("Bizkaia", "Empresa 6 S.L.", "Empresa 7 S.L.")])
def test_a_query_takes_a_region_by_the_name_spaniards_write(spanish, area, inside, outside):
    """`Euskadi` holds the table's `Vizcaya` (Empresa 6), and NUTS's `Bizkaia` holds it too."""
    env, _ = spanish
    ran = invoke(env, "queries", "run", "organisations/smes-in-region", "-p", f"area={area}")
    assert ran.exit_code == 0, ran.stderr
    assert inside in ran.stdout and outside not in ran.stdout, ran.stdout


def test_the_apps_search_finds_the_basque_country_as_euskadi(spanish):
    _, store = spanish
    assert [hit.key for hit in search_hits(store, "Euskadi", kinds=["Region"])] == ["Region:ES21"]
    assert [hit.key for hit in search_hits(store, "Euskal Herria", kinds=["Region"])] == []  # wider: Navarre, France
