"""The Queries page on a store of a national grants table alone (tests/fixtures/participation, loaded by `load csv`
with the participation preset), by AppTest: every saved query shows rows, or says why there are none or which
input is missing and how to add it; none says "Check the spelling" of a default the user never typed
(`programmes/eligible` had, for the sample's `arena-pro`, on a store without any REQUIRES relationship)."""

from __future__ import annotations

import pytest

from graph.store.falkordb_store import FalkorDBStore
from queries.catalogue import load_catalogue
from tests.app_graph import app_on_stores
from tests.cli_invoke import cli_env, invoke
from tests.conftest import FIXTURES
from tests.test_app import open_page

GRAPH = "app_queries_own_data"


@pytest.fixture(scope="module")
def own_data_app(embedded_server, tmp_path_factory):
    store = FalkorDBStore(embedded_server, GRAPH)
    store.clear()
    user_queries = tmp_path_factory.mktemp("user_queries")
    loaded = invoke(cli_env(embedded_server, GRAPH, user_queries), "load", "csv",
                    str(FIXTURES / "participation" / "mapping.toml"))
    assert loaded.exit_code == 0, loaded.stderr
    with app_on_stores(embedded_server, GRAPH, user_queries, store):
        yield store


@pytest.mark.parametrize("name", sorted(load_catalogue().queries))
def test_every_saved_query_answers_or_says_what_to_do(own_data_app, name):
    at = open_page("queries", queries_name=name)
    said = [*(e.value for e in at.error), *(w.value for w in at.warning), *(i.value for i in at.info)]
    rows = sum(len(d.value) for d in at.dataframe)
    assert rows or said, f"{name}: neither rows nor a word of why"
    assert not any("Check the spelling" in s for s in said), (name, said)
