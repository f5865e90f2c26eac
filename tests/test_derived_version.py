"""A store loaded by an earlier version catches up on the derived facts at its next load command, even when every
load is skipped as already loaded; a current store is neither derived again nor written (real embedded store)."""

from __future__ import annotations

import pytest

from graph.store.falkordb_store import FalkorDBStore
from graph.store.load_log import data_version
from loaders.derived_version import DERIVED_VERSION, derived_outdated
from loaders.pipeline import run_load
from tests.cli_invoke import cli_env, invoke
from tests.conftest import FIXTURES

SAME_AS = "MATCH ()-[r:SAME_AS]->() RETURN count(r)"
STAMPS = "MATCH (l:Load) RETURN l.source, l.derived_version ORDER BY l.source"


@pytest.fixture
def loaded(embedded_server):
    """Seeds and the CORDIS fixture loaded by the pipeline, in a graph of their own."""
    store = FalkorDBStore(embedded_server, "derived_version")
    store.clear()
    store.setup_schema()
    run_load(store, "seeds")
    run_load(store, "cordis", FIXTURES / "cordis")
    yield store
    store.clear()
    store.close()


def _as_an_earlier_version_left_it(store) -> int:
    """The entity resolution's links gone and the loads unstamped, as a store loaded before them; the links' count."""
    links = store.read(SAME_AS).rows[0][0]
    store.write("MATCH ()-[r:SAME_AS]->() DELETE r")
    store.write("MATCH (l:Load) SET l.derived_version = NULL")
    return links


def test_loads_are_stamped_with_the_version_their_facts_were_derived_with(loaded):
    assert loaded.read(STAMPS).rows == [["cordis", DERIVED_VERSION], ["seeds", DERIVED_VERSION]]
    assert not derived_outdated(loaded)


def test_a_skipped_load_derives_the_facts_again_for_a_store_of_an_earlier_version(loaded):
    links = _as_an_earlier_version_left_it(loaded)
    assert links > 0 and derived_outdated(loaded)
    before = data_version(loaded)

    report = run_load(loaded, "cordis", FIXTURES / "cordis", skip_loaded=True)
    assert report.skipped
    assert report.derived[0] == "facts derived again: the store's were made by an earlier version of the tool"
    assert any(line.startswith("entity resolution:") for line in report.derived)
    assert loaded.read(SAME_AS).rows[0][0] == links
    assert loaded.read(STAMPS).rows == [["cordis", DERIVED_VERSION], ["seeds", DERIVED_VERSION]]
    assert data_version(loaded) != before  # caches made before are not used after

    current = data_version(loaded)
    again = run_load(loaded, "cordis", FIXTURES / "cordis", skip_loaded=True)
    assert again.skipped and again.derived == []
    assert data_version(loaded) == current


def test_a_load_that_writes_nothing_catches_up_too_and_the_cli_says_what_it_derived(embedded_server, loaded):
    """`load cordis` of the same files (not skipped: it compares and writes nothing) derives every step again."""
    links = _as_an_earlier_version_left_it(loaded)
    env = cli_env(embedded_server, "derived_version")
    said = invoke(env, "load", "cordis", str(FIXTURES / "cordis"))
    assert said.exit_code == 0, said.stderr
    assert "(0 created, 0 updated, 202 unchanged)" in said.stdout.splitlines()[0]
    assert any(line.startswith("  - entity resolution:") for line in said.stdout.splitlines()), said.stdout
    assert loaded.read(SAME_AS).rows[0][0] == links
    quiet = invoke(env, "load", "cordis", str(FIXTURES / "cordis"))
    assert not any(line.startswith("  - entity resolution:") for line in quiet.stdout.splitlines()), quiet.stdout


def test_read_commands_on_a_store_of_an_earlier_version_say_how_to_catch_it_up(embedded_server, loaded):
    """An upgraded tool folds names its own way; a store's search texts made by the old one had refused `--region
    Auvergne-Rhône-Alpes` offering "the nearest: Auvergne-Rhône-Alpes (FRK)", with no word on why."""
    _as_an_earlier_version_left_it(loaded)
    env = cli_env(embedded_server, "derived_version")
    catch_up = ("this store's derived facts (search texts, activity counts, entity resolution) were made by an "
                "earlier version of the tool: run a load you ran before again (`cluster-explorer load sample`, or "
                "`load csv` with your mapping); it writes no data twice and makes these facts again")
    status = invoke(env, "status")
    assert status.exit_code == 0 and f"outdated: {catch_up}" in status.stdout.splitlines()
    refused = invoke(env, "metrics", "compute", "--sector", "no such sector at all")
    assert refused.exit_code != 0 and catch_up in " ".join(refused.stderr.split())
    invoke(env, "load", "cordis", str(FIXTURES / "cordis"))
    assert "outdated:" not in invoke(env, "status").stdout
    again = invoke(env, "metrics", "compute", "--sector", "no such sector at all")
    assert again.exit_code != 0 and catch_up not in " ".join(again.stderr.split())
