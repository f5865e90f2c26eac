"""A cluster list loaded before the sample (tests/fixtures/arena/klynger.toml, `match = "name"` for its programmes)
keeps its own `ARENA` and `ARENA Pro` beside the seeds' ones; a re-run of that load said nothing of them, and
`programmes/members-by-region -p programme=arena` listed none of its clusters. The re-run now names the pairs and
how to join them (take the load out and load it again), and doing so joins them."""

from __future__ import annotations

import pytest

from graph.store.falkordb_store import FalkorDBStore
from tests.cli_invoke import cli_env, invoke
from tests.conftest import FIXTURES

GRAPH = "held_namesakes"
CLUSTERS = str(FIXTURES / "arena" / "klynger.toml")


@pytest.fixture
def env(embedded_server):
    store = FalkorDBStore(embedded_server, GRAPH)
    store.clear()
    yield cli_env(embedded_server, GRAPH)
    store.clear()
    store.close()


def _programmes(env) -> str:
    return invoke(env, "query", "MATCH (p:Programme) WHERE toLower(p.name) STARTS WITH 'arena' RETURN p.id "
                  "ORDER BY p.id", "--format", "csv").stdout


def test_a_reload_names_the_namesakes_a_later_load_brought_and_how_to_join_them(env):
    assert invoke(env, "load", "csv", CLUSTERS).exit_code == 0
    assert invoke(env, "load", "seeds").exit_code == 0
    again = invoke(env, "load", "csv", CLUSTERS)
    assert again.exit_code == 0
    assert ("2 node(s) of match = \"name\" rows, made by an earlier load, have the name of another node of the store, "
            "and stay apart from it") in again.stdout
    assert "Programme 'ARENA' (id 'ARENA') beside arena, Programme 'ARENA Pro' (id 'ARENA Pro') beside arena-pro" \
        in again.stdout
    assert "(user:klynger: `cluster-explorer unload SOURCE`" in again.stdout
    assert _programmes(env).splitlines() == ["p.id", "ARENA", "ARENA Pro", "arena", "arena-pro"]

    assert invoke(env, "unload", "user:klynger", "--yes").exit_code == 0
    joined = invoke(env, "load", "csv", CLUSTERS)
    assert joined.exit_code == 0 and "stay apart" not in joined.stdout
    assert _programmes(env).splitlines() == ["p.id", "arena", "arena-pro"]


def test_a_first_load_and_its_rerun_say_nothing_of_namesakes(env):
    assert invoke(env, "load", "csv", CLUSTERS).exit_code == 0
    assert "stay apart" not in invoke(env, "load", "csv", CLUSTERS).stdout
