"""What the tool writes itself (the load log's `Load` nodes, the `Source` nodes of the files read) is missing
only until a load runs: the advice is to run one, never to map the label (a mapping may not use it).

On real embedded graphs: an empty one, and one the pipeline loaded the seeds into.
"""

from __future__ import annotations

import pytest

from graph.store.falkordb_store import FalkorDBStore
from graph.store.requirements import missing_inputs
from loaders.pipeline import run_load
from tests.cli_invoke import cli_env, invoke

RUN_A_LOAD = "run `cluster-explorer load sample` or another load"


def test_no_load_node_says_no_load_has_run_and_how_to_run_one(embedded_store):
    [missing] = missing_inputs(embedded_store, "Load")
    assert missing.message == f"no load has been run on this store yet: {RUN_A_LOAD}"


def test_no_source_node_says_a_load_writes_them(embedded_store):
    [missing] = missing_inputs(embedded_store, "Source")
    assert missing.message.endswith(f": {RUN_A_LOAD}")
    assert "[[nodes]]" not in missing.message


def test_the_provenance_query_on_an_empty_store_says_to_run_a_load(embedded_server, embedded_store):
    ran = invoke(cli_env(embedded_server, embedded_store.graph_name), "queries", "run", "provenance/loads")
    assert ran.exit_code == 0, ran.stderr
    said = ran.stdout + ran.stderr
    assert f"no load has been run on this store yet: {RUN_A_LOAD}" in said
    assert 'label = "Load"' not in said


@pytest.fixture
def loaded(embedded_server):
    store = FalkorDBStore(embedded_server, "missing_loads_seeded")
    store.clear()
    store.setup_schema()
    run_load(store, "seeds")
    yield store
    store.clear()
    store.close()


def test_after_a_load_nothing_is_missing(loaded):
    assert missing_inputs(loaded, "Load, Source") == []
