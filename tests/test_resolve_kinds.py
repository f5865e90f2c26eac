"""The key an ambiguous name lists is taken back wherever it was listed, whatever kind the parameter asks for.

On the seeds plus an Organisation named "IoT World" beside the seed cluster IoT World (a Cluster, which also
carries the Organisation label): a parameter asking for an Organisation lists both as `Kind:id`, and each
listed key, `Cluster:iot-world` included, then names its node: in the resolver, in a saved query's parameter,
on the command line and in `recommend --for`.
"""

from __future__ import annotations

import re

import pytest

from graph.errors import NotFound
from graph.store.falkordb_store import FalkorDBStore
from graph.store.records import NodeRecord
from graph.store.resolve import AmbiguousName, resolve_node
from graph.store.writer import write_records
from loaders.seeds import load_seeds
from queries.catalogue import load_catalogue
from queries.runner import run_saved
from tests.cli_invoke import cli_env, error_line, invoke

GRAPH = "resolve_kinds"
LISTED = {"Cluster:iot-world", "Organisation:name:IoT World"}
KEY = re.compile(r"\((\w+:[^)]+)\)")


@pytest.fixture(scope="module")
def store(embedded_server):
    store = FalkorDBStore(embedded_server, GRAPH)
    store.clear()
    store.setup_schema()
    load_seeds(store)
    write_records(store, [NodeRecord("Organisation", "name:IoT World", "IoT World", ("test",))], [])
    yield store
    store.clear()
    store.close()


@pytest.fixture(scope="module")
def env(embedded_server, store, tmp_path_factory):
    return cli_env(embedded_server, GRAPH, CLUSTER_EXPLORER_CACHE_DIR=str(tmp_path_factory.mktemp("cache")))


def listed_keys(message: str) -> set[str]:
    """The keys of the nodes an ambiguous name's message lists ("matches 2 nodes: A (Kind:id); B (...). Give ...")."""
    listed = message.split(" nodes: ", 1)[1].split(". Give the id", 1)[0]
    return set(KEY.findall(listed))


def test_the_keys_an_ambiguous_organisation_lists_name_their_nodes(store):
    with pytest.raises(AmbiguousName) as ambiguous:
        resolve_node(store, "IoT World", ("Organisation",))
    assert listed_keys(str(ambiguous.value)) == LISTED
    for key in LISTED:
        assert resolve_node(store, key, ("Organisation",)).key == key


def test_a_key_by_a_label_the_node_carries_names_it_but_another_kind_is_refused(store):
    assert resolve_node(store, "Organisation:iot-world", ("Organisation",)).key == "Cluster:iot-world"
    assert resolve_node(store, "Cluster:iot-world", ("Organisation", "Cluster")).key == "Cluster:iot-world"
    assert resolve_node(store, "Project:iot4industry").key == "Project:iot4industry"
    with pytest.raises(NotFound, match="^no Organisation has the id or name 'Project:iot4industry'"):
        resolve_node(store, "Project:iot4industry", ("Organisation",))  # a Project is no Organisation


def test_a_saved_query_takes_back_the_key_its_message_listed(store):
    catalogue = load_catalogue(None)
    with pytest.raises(AmbiguousName) as ambiguous:
        run_saved(store, catalogue, "collaboration/path", {"from": "Cluster:industrial-green-tech", "to": "IoT World"})
    assert str(ambiguous.value).startswith("collaboration/path: parameter 'to': 'IoT World' matches 2 nodes: ")
    for key in listed_keys(str(ambiguous.value)):
        _, params, _ = run_saved(store, catalogue, "collaboration/path",
                                 {"from": "Cluster:industrial-green-tech", "to": key})
        assert params == {"from": "industrial-green-tech", "to": key.split(":", 1)[1]}


def test_the_command_line_takes_back_the_key_its_error_listed(env):
    refused = invoke(env, "queries", "run", "collaboration/path", "-p", "from=Industrial Green Tech",
                     "-p", "to=IoT World")
    said = error_line(refused.exit_code, refused.stderr)
    assert "parameter 'to': 'IoT World' matches 2 nodes" in said and listed_keys(said) == LISTED
    for key in LISTED:
        ran = invoke(env, "queries", "run", "collaboration/path", "-p", "from=Industrial Green Tech",
                     "-p", f"to={key}")
        assert ran.exit_code == 0, ran.stderr
        assert "Traceback" not in ran.stdout + ran.stderr and "Error" not in ran.stderr


def test_recommend_for_takes_back_the_key_its_error_listed(env):
    refused = invoke(env, "recommend", "--for", "IoT World")
    said = error_line(refused.exit_code, refused.stderr)
    assert listed_keys(said) == LISTED
    for key in LISTED:
        ran = invoke(env, "recommend", "--for", key, "-k", "3")
        assert ran.exit_code == 0, ran.stderr
        assert "Error" not in ran.stderr
