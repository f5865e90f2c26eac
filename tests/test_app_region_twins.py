"""Two NUTS regions of one name, told apart where the app offers places (AppTest, real embedded store).

NUTS 2024 recoded Pirkanmaa (FI197 in NUTS 2021, FI19B in 2024) and kept its name. A Finnish try-out's Explore search
offered "Pirkanmaa · Region" twice, and the Map's *Find a place* answered "Pirkanmaa (FI19B) is at NUTS 3; Pirkanmaa
(FI197) is at NUTS 3". The store holds the bundled NUTS files, CORDIS's fixture with two Finnish organisations coded
FI197, and a member table naming `Pirkanmaa` (read as FI19B).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from graph.store.falkordb_store import FalkorDBStore
from loaders.cordis import load_cordis
from loaders.derived_aggregates import derive_country_aggregates
from loaders.generic import load_generic
from loaders.nuts import load_nuts
from loaders.pipeline import recount_activity
from loaders.sample import SAMPLE_NUTS
from tests.app_graph import app_on_graph
from tests.conftest import FIXTURES
from tests.generic_files import write_preset
from tests.test_app import open_page, texts

GRAPH = "app_region_twins"
CORDIS_ROWS = ('101039110,UNIFY,990000001,,"TAMPERE ROBOTICS OY",,false,PRC,,,Tampere,FI,FI197,Pirkanmaa,,,2,'
               'participant,0,0,0,false,,\n'
               '101039110,UNIFY,990000002,,"NOKIA TAMPERE LAB OY",,false,PRC,,,Tampere,FI,FI197,Pirkanmaa,,,3,'
               'participant,0,0,0,false,,\n')
MEMBERS = "Prosjekt;Akronym;Orgnr;Navn;Land;Maakunta\n7;Cobotti;1;Cobotti Oy;FI;Pirkanmaa\n"


def twins_loaded(embedded_server, graph: str, folder) -> FalkorDBStore:
    """A fresh graph `graph` holding the bundled NUTS files, CORDIS's fixture with the two FI197 rows and the member
    table naming Pirkanmaa (FI19B); also the region twins' figures' test (tests/test_region_twin_pairs.py)."""
    store = FalkorDBStore(embedded_server, graph)
    store.clear()
    store.setup_schema()
    load_nuts(store, SAMPLE_NUTS)
    shutil.copytree(FIXTURES / "cordis", folder / "cordis")
    with (folder / "cordis" / "organizations.csv").open("a", encoding="utf-8") as rows:
        rows.write(CORDIS_ROWS)
    load_cordis(store, folder / "cordis")
    load_generic(store, write_preset(folder, MEMBERS, {"country": '"Land"', "region": '"Maakunta"'}))
    recount_activity(store)
    derive_country_aggregates(store)
    return store


@contextmanager
def twins_graph(embedded_server, graph: str, folder) -> Iterator[FalkorDBStore]:
    """`twins_loaded` for a test module's fixture, cleared and closed after it."""
    store = twins_loaded(embedded_server, graph, folder)
    try:
        yield store
    finally:
        store.clear()
        store.close()


@pytest.fixture(scope="module", autouse=True)
def twins_store(embedded_server, tmp_path_factory):
    store = twins_loaded(embedded_server, GRAPH, tmp_path_factory.mktemp("twins"))
    with app_on_graph(embedded_server, GRAPH, tmp_path_factory.mktemp("user_queries")):
        yield store
    store.clear()
    store.close()


def test_explore_offers_each_region_of_one_name_with_its_code_and_version():
    offered = open_page("explore", explore_focus_search="Pirkanmaa").multiselect(key="explore_focus").options
    assert "Pirkanmaa · Region FI19B (NUTS 2024)" in offered
    assert "Pirkanmaa · Region FI197 (NUTS 2021)" in offered
    assert "Pirkanmaa · Region" not in offered


def test_find_a_place_says_which_version_each_is_and_whose_organisations_it_holds():
    said = texts(open_page("map", map_level="2", map_find="Pirkanmaa"))
    assert "Pirkanmaa (FI19B, NUTS 2024: 1 organisation, none from CORDIS) is at NUTS 3" in said
    assert "Pirkanmaa (FI197, NUTS 2021: 2 organisations, all from CORDIS) is at NUTS 3" in said
    assert "NUTS 2024 gave some regions new codes under their old names" in said
