"""Explore's search finds a cluster a member list's mapping made (`end = { ..., add = true }`), as the Partners
and Queries pages do. A Finnish try-out: `Pirkanmaan Robotiikka` gave "No results" on Explore, the search having
read Organisation nodes only, taking every Cluster for one; a mapping's cluster carries the Cluster label alone.
AppTest on a real embedded store, the member list loaded by the CLI."""

from __future__ import annotations

import pytest

from tests.app_graph import app_on_stores
from tests.cli_invoke import cli_env, invoke
from tests.conftest import open_fixture_network
from tests.test_app import open_page

CLUSTER = "Pirkanmaan Robotiikka- ja Valmistusklusteri"
MEMBERS = "Jäsen;Y-tunnus\nCobotti Solutions Oy;3120001-7\nLempäälän Levytyö Oy;2998877-4\n"
MAPPING = f"""name = "jasenet"
[[nodes]]
file = "jasenet.csv"
separator = ";"
label = "Organisation"
id = "Y-tunnus"
name = "Jäsen"

[[relationships]]
file = "jasenet.csv"
separator = ";"
type = "MEMBER_OF"
start = {{ label = "Organisation", column = "Y-tunnus" }}
end = {{ label = "Cluster", value = "{CLUSTER}", add = true }}
"""


@pytest.fixture(scope="module")
def own_cluster_store(embedded_server, tmp_path_factory):
    """The fixture network with a member list naming its cluster by value, in the graph the app is pointed at."""
    folder = tmp_path_factory.mktemp("mapped_cluster")
    (folder / "jasenet.csv").write_text(MEMBERS, encoding="utf-8")
    (folder / "jasenet.toml").write_text(MAPPING, encoding="utf-8")
    store = open_fixture_network(embedded_server, "explore_mapped_cluster")
    loaded = invoke(cli_env(embedded_server, "explore_mapped_cluster"), "load", "csv", str(folder / "jasenet.toml"))
    assert loaded.exit_code == 0, loaded.stderr
    with app_on_stores(embedded_server, "explore_mapped_cluster", folder / "queries", store):
        yield store


@pytest.mark.parametrize("typed", ["Pirkanmaan Robotiikka", "Robotiikka- ja", "valmistusklusteri"])
def test_explore_search_offers_the_cluster_a_mapping_made(own_cluster_store, typed):
    offered = open_page("explore", explore_focus_search=typed).multiselect(key="explore_focus").options
    assert f"{CLUSTER} · Cluster" in offered

