"""Explore's and the Map's "This load's nodes" through AppTest, on a real embedded store holding two loads whose names
nest (`dk`, and `dk/2024` as versions before names with `/` were refused wrote it): choosing `user:dk` shows `dk`'s
organisations alone, as `unload user:dk` takes them (`graph.store.load_files`); Arla, `dk/2024`'s own, had been
shown too."""

from __future__ import annotations

import pytest

from graph.store.falkordb_store import FalkorDBStore
from loaders.pipeline import run_load
from tests.app_graph import app_on_graph
from tests.test_app import network_html, open_page, texts
from tests.test_render import data_of
from tests.test_unload_nested_names import _load_as_older_versions_did, _mapping


@pytest.fixture(scope="module", autouse=True)
def nested_store(embedded_server, tmp_path_factory):
    store = FalkorDBStore(embedded_server, "app_nested_load_tests")
    store.clear()
    store.setup_schema()
    folder = tmp_path_factory.mktemp("dk")
    run_load(store, "csv", _mapping(folder, "dk", "1;Odense Maskin ApS;Odense\n2;Fjordlab;Aarhus\n"))
    _load_as_older_versions_did(store, _mapping(folder, "later", "2;Fjordlab ApS;Aalborg\n3;Arla;Viby\n"), "dk/2024")
    with app_on_graph(embedded_server, "app_nested_load_tests", tmp_path_factory.mktemp("user_queries")):
        yield store
    store.clear()
    store.close()


def _organisations(at) -> set[str]:
    return {n["key"] for n in data_of(network_html(at))[0] if n["key"].startswith("Organisation:")}


def test_explore_shows_dk_s_organisations_and_not_those_of_dk_2024():
    at = open_page("explore", explore_load="user:dk")
    assert at.selectbox(key="explore_load").value == "user:dk"
    assert _organisations(at) == {"Organisation:1", "Organisation:2"}
    assert _organisations(open_page("explore", explore_load="user:dk/2024")) == {"Organisation:2", "Organisation:3"}


def test_the_map_counts_dk_s_organisations_alone():
    said = texts(open_page("map", map_level="Countries", map_load="user:dk")).replace("\\", "")
    assert "The load user:dk gave 2 organisations and clusters (2 Organisation in all), none with a place" in said
