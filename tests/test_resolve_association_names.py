"""A name typed for a node takes the one node so named once legal forms and association words are set aside
(`graph.names`): `recommend --for "Odense Robotics"` had refused, listing CORDIS's FORENINGEN ODENSE ROBOTICS and
"Odense Robotics Solutions ApS", while a load's `end = { value = "Odense Robotics" }` linked to the cluster.

Real embedded store: the CORDIS fixture with Danish organisations added (tests/cordis_with.py).
"""

from __future__ import annotations

import pytest

from graph.store.resolve import AmbiguousName, resolve_node
from tests.cli_invoke import cli_env, invoke
from tests.cordis_with import load_cordis_with

CLUSTER = "Cluster:pic:892291749"
DANISH = [("892291749", "", "FORENINGEN ODENSE ROBOTICS"), ("939391422", "", "Odense Robotics Solutions ApS"),
          ("939391423", "", "FORENINGEN AARHUS AUTOMATION"), ("939391424", "", "Aarhus Automation ApS")]


@pytest.fixture
def store(embedded_store, tmp_path):
    load_cordis_with(embedded_store, tmp_path, "DK", DANISH)
    return embedded_store


def test_a_name_without_its_association_word_takes_the_cluster_over_a_longer_name(store):
    assert resolve_node(store, "Odense Robotics", ("Organisation", "Cluster")).key == CLUSTER
    assert resolve_node(store, "odense robotics").key == CLUSTER
    with pytest.raises(AmbiguousName, match="'Aarhus Automation' matches 2 nodes") as ambiguous:  # both so named
        resolve_node(store, "Aarhus Automation", ("Organisation", "Cluster"))
    assert {node.name for node in ambiguous.value.candidates} == {"FORENINGEN AARHUS AUTOMATION",
                                                                  "Aarhus Automation ApS"}


def test_recommend_for_takes_the_cluster(store, embedded_server):
    recommended = invoke(cli_env(embedded_server, store.graph_name), "recommend", "--for", "Odense Robotics",
                         "--candidates", "clusters")
    assert "matches 2 nodes" not in recommended.output
    assert CLUSTER in recommended.output, recommended.output


def test_a_saved_querys_parameter_takes_the_cluster(store, embedded_server):
    projects = invoke(cli_env(embedded_server, store.graph_name), "queries", "run", "organisations/projects",
                      "-p", "organisation=Odense Robotics")
    assert projects.exit_code == 0, projects.output
    assert "UNIFY" in projects.output and CLUSTER in projects.output, projects.output
