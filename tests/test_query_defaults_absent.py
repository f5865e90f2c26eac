"""Every saved query, run with its defaults on a store of a national grants table alone, answers or says what to do.

The shipped defaults name nodes of the bundled sample (`arena-pro`, `lb:HORIZON.2.5`, `iot4industry`); on the
participation fixture (tests/fixtures/participation, loaded by `load csv` with the participation preset) they
had been refused with "no Programme has the id or name 'arena-pro'. Check the spelling ...", which no spelling
mends: the query lacked its inputs (no REQUIRES relationship), or the store holds other programmes and projects.
A programme's id typed without the prefix the CORDIS loader gives it (`HORIZON.2.5` for `lb:HORIZON.2.5`) was
refused too; a bare PIC or project number was already taken.
"""

from __future__ import annotations

import pytest

from graph.errors import NotFound
from graph.store.falkordb_store import FalkorDBStore
from graph.store.records import NodeRecord
from graph.store.resolve import resolve_node
from graph.store.writer import write_records
from queries.catalogue import load_catalogue
from queries.runner import run_saved
from tests.cli_invoke import cli_env, error_line, invoke
from tests.conftest import FIXTURES

GRAPH = "query_defaults_absent"


@pytest.fixture(scope="module")
def env(embedded_server, tmp_path_factory):
    store = FalkorDBStore(embedded_server, GRAPH)
    store.clear()
    env = cli_env(embedded_server, GRAPH, tmp_path_factory.mktemp("queries"))
    loaded = invoke(env, "load", "csv", str(FIXTURES / "participation" / "mapping.toml"))
    assert loaded.exit_code == 0, loaded.stderr
    yield env
    store.clear()
    store.close()


def test_a_query_lacking_its_inputs_names_them_rather_than_its_default(env):
    refused = invoke(env, "queries", "run", "programmes/eligible")
    said = refused.stderr
    assert refused.exit_code == 1 and "no REQUIRES relationship" in said, said
    assert "Check the spelling" not in said


def test_a_default_the_store_lacks_is_said_with_nodes_it_does_hold(env):
    refused = invoke(env, "queries", "run", "programmes/projects")
    line = error_line(refused.exit_code, refused.stderr)
    assert "default 'lb:HORIZON.2.5'" in line and "ENERGIX" in line, line
    assert "Check the spelling" not in line
    refused = invoke(env, "queries", "run", "projects/partners")
    partners = error_line(refused.exit_code, refused.stderr)
    assert "default 'iot4industry'" in partners and "(Project:" in partners, partners


def test_every_shipped_query_answers_or_says_what_to_do(env):
    for query in load_catalogue().queries.values():
        run = invoke(env, "queries", "run", query.name)
        said = run.stdout + run.stderr
        assert run.exit_code in (0, 1), (query.name, said)
        assert "Check the spelling" not in said, (query.name, said)


@pytest.fixture(scope="module")
def programmes(embedded_server):
    store = FalkorDBStore(embedded_server, f"{GRAPH}_ids")
    store.clear()
    store.setup_schema()
    write_records(store, [NodeRecord("Programme", "lb:HORIZON.2.5", "Climate, Energy and Mobility", ("test",)),
                          NodeRecord("Programme", "scheme:HORIZON-RIA", "HORIZON Research and Innovation Actions",
                                     ("test",)),
                          NodeRecord("Sector", "topic:HORIZON-CL5-2021-D3-01-01", "Next-generation batteries",
                                     ("test",))], [])
    yield store
    store.clear()
    store.close()


@pytest.mark.parametrize("typed, key", [("HORIZON.2.5", "Programme:lb:HORIZON.2.5"),
                                        ("HORIZON-RIA", "Programme:scheme:HORIZON-RIA"),
                                        ("HORIZON-CL5-2021-D3-01-01", "Sector:topic:HORIZON-CL5-2021-D3-01-01")])
def test_an_id_typed_without_its_cordis_prefix_names_its_node(programmes, typed, key):
    assert resolve_node(programmes, typed).key == key


def test_on_an_empty_store_a_node_parameter_asks_for_a_load_not_a_spelling(embedded_store):
    with pytest.raises(NotFound) as refused:
        run_saved(embedded_store, load_catalogue(), "provenance/sources-of")
    said = str(refused.value)
    assert "Check the spelling" not in said and "no Source node" in said, said
