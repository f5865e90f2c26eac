"""Explore's Programme filter on a user's grants table, by AppTest on the real embedded store holding the Austrian
cluster programme of tests/fixtures/austrian_clusters/ (loaded by the real pipeline): a programme the table names by
its cell (id and name `COIN`) is offered as `COIN`, where it had read `COIN (COIN)`, and a link written then, with
`COIN (COIN)` in the address, still chooses it (not "not among the choices here: left out")."""

from __future__ import annotations

import pytest

from graph.store.falkordb_store import FalkorDBStore
from loaders.pipeline import run_load
from tests.app_graph import app_on_stores
from tests.conftest import FIXTURES
from tests.test_app import open_page

AUSTRIAN = FIXTURES / "austrian_clusters"


@pytest.fixture(scope="module")
def austrian_graph(embedded_server, tmp_path_factory):
    store = FalkorDBStore(embedded_server, "app_austrian")
    store.clear()
    store.setup_schema()
    run_load(store, "csv", AUSTRIAN / "cluster.toml")
    run_load(store, "csv", AUSTRIAN / "foerderungen.toml")
    with app_on_stores(embedded_server, "app_austrian", tmp_path_factory.mktemp("user_queries"), store):
        yield store


@pytest.mark.parametrize("linked", ["COIN", "COIN (COIN)", "Programme:COIN"])
def test_a_programme_named_by_its_id_is_chosen_by_a_link(austrian_graph, linked):
    at = open_page("explore", explore_programmes=linked)
    picker = at.multiselect(key="explore_programmes")
    assert picker.value == ["Programme:COIN"]
    assert picker.format_func("Programme:COIN") == "COIN"
    assert not [c for c in at.caption if "not among the choices" in c.value]
