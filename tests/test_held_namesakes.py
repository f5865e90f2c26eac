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


def test_the_load_that_makes_namesakes_of_a_users_nodes_names_them(env):
    """`load seeds` (and `load sample`) after a cluster list had said nothing of the `ARENA` beside its own: only a
    re-run of the user's load named the pairs."""
    assert invoke(env, "load", "csv", CLUSTERS).exit_code == 0
    seeds = invoke(env, "load", "seeds")
    assert seeds.exit_code == 0
    assert "2 node(s) of your own tables have the name of a node this load made, and stay apart from it" \
        in seeds.stdout
    assert ("Programme 'ARENA' (id 'ARENA', yours) beside arena, Programme 'ARENA Pro' (id 'ARENA Pro', yours) beside "
            "arena-pro; to make each pair one node, take out your load(s) (user:klynger: `cluster-explorer unload "
            "SOURCE`") in seeds.stdout


def test_a_load_into_a_store_without_a_users_load_says_nothing_of_namesakes(env):
    seeds = invoke(env, "load", "seeds")
    assert seeds.exit_code == 0 and "your own tables" not in seeds.stdout


def test_load_sample_after_a_cluster_list_names_the_namesakes_once(env):
    """The reported case: the sample's seeds and CORDIS each make namesakes of the list's nodes; said once, at the
    end, by the last of its loads."""
    assert invoke(env, "load", "csv", CLUSTERS).exit_code == 0
    sample = invoke(env, "load", "sample")
    assert sample.exit_code == 0, sample.stderr
    assert sample.stdout.count("of your own tables have the name of a node this load made") == 1
    assert "Programme 'ARENA' (id 'ARENA', yours) beside arena" in sample.stdout


def test_the_data_pages_sample_load_shows_the_namesakes_as_a_warning(env):
    """The page showed a load's derived facts alone, so the note went unseen there."""
    import streamlit as st

    from tests.test_app import open_page

    assert invoke(env, "load", "csv", CLUSTERS).exit_code == 0
    with pytest.MonkeyPatch.context() as patched:
        for name, value in env.items():
            patched.delenv(name, raising=False) if value is None else patched.setenv(name, value)
        at = open_page("data")
        at.button(key="data_sample").click().run()
        warned = " ".join(w.value for w in at.warning).replace("\\", "")
        st.cache_resource.clear()
    assert not at.exception
    assert "of your own tables have the name of a node this load made" in warned
    assert "Programme 'ARENA' (id 'ARENA', yours) beside arena" in warned
