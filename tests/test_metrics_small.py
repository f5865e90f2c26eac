"""Metrics on tiny projections: a cluster projection of two or three clusters gives values, never a traceback.

The clusters come the way a user's come: a funder's table of participations loaded with `load csv` (the
participation preset), its organisations named "... Cluster" so cluster detection marks them. Two clusters
in one project are one link; three, two of them sharing a project each with the middle one, are a path.
"""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import pytest

from graph.analytics.cache import projection
from graph.analytics.metrics import compute
from graph.analytics.projections import Projection
from graph.errors import MetricFailed
from graph.store.falkordb_store import FalkorDBStore
from tests.cli_invoke import cli_env, invoke

HEADER = "Project;Title;Org number;Organisation;Role;Country;Start;End"
MAPPING = """name = "grants"
preset = "participation"
file = "grants.csv"
date_format = "%Y-%m-%d"
on_empty = { placeholder = "name:{Organisation}" }

[columns]
project_id = "Project"
project_title = "Title"
organisation_id = "Org number"
organisation_name = "Organisation"
role = "Role"
country = "Country"
start_date = "Start"
end_date = "End"
"""
PAIR = [("P1", "Nordic Battery Cluster"), ("P1", "Baltic Wind Cluster")]
PATH = [("P1", "Nordic Battery Cluster"), ("P1", "Baltic Wind Cluster"),
        ("P2", "Baltic Wind Cluster"), ("P2", "Alpine Robotics Cluster")]


def key(name: str) -> str:
    return f"Cluster:name:{name}"


def loaded(embedded_server, folder, graph: str, participations: list[tuple[str, str]]) -> dict:
    """The participations loaded through the CLI into graph `graph`; the CLI's environment for it."""
    rows = [f"{project};Project {project};;{name};participant;SE;2021-01-01;2022-12-31"
            for project, name in participations]
    (folder / "grants.csv").write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    (folder / "mapping.toml").write_text(MAPPING, encoding="utf-8")
    env = cli_env(embedded_server, graph, CLUSTER_EXPLORER_CACHE_DIR=str(folder / "cache"))
    result = invoke(env, "load", "csv", str(folder / "mapping.toml"))
    assert result.exit_code == 0, result.stderr
    return env


@pytest.fixture(scope="module")
def pair(embedded_server, tmp_path_factory):
    yield loaded(embedded_server, tmp_path_factory.mktemp("pair"), "metrics_small_pair", PAIR)
    _clear(embedded_server, "metrics_small_pair")


@pytest.fixture(scope="module")
def path(embedded_server, tmp_path_factory):
    yield loaded(embedded_server, tmp_path_factory.mktemp("path"), "metrics_small_path", PATH)
    _clear(embedded_server, "metrics_small_path")


def _clear(server, graph: str) -> None:
    store = FalkorDBStore(server, graph)
    store.clear()
    store.close()


def cluster_projection(env: dict) -> nx.Graph:
    store = FalkorDBStore(Path(env["CLUSTER_EXPLORER_DB"]), env["CLUSTER_EXPLORER_GRAPH"])
    try:
        return projection(store, Projection(kind="cluster"), env["CLUSTER_EXPLORER_CACHE_DIR"])
    finally:
        store.close()


def printed(stdout: str, metric: str) -> dict[str, float]:
    """The `key: value` lines `metrics compute` prints under `metric:`."""
    block = stdout.split(f"\n{metric}: ", 1)[1].splitlines()[1:]
    values = {}
    for line in block:
        if not line.startswith("  "):
            break
        value, _, rest = line.strip().partition("  ")
        values[rest.rsplit("(", 1)[1].rstrip(")")] = float(value)
    return values


@pytest.mark.parametrize("engine", ["networkx", "igraph"])
def test_two_clusters_joined_by_one_link_have_equal_eigenvector_values(pair, engine):
    G = cluster_projection(pair)
    assert sorted(G) == sorted(key(name) for _, name in PAIR) and G.number_of_edges() == 1
    values = compute(G, "eigenvector", engine=engine).values
    assert values == pytest.approx(dict.fromkeys(G, 1 / math.sqrt(2)))


@pytest.mark.parametrize("engine", ["networkx", "igraph"])
def test_three_clusters_in_a_path_put_the_middle_one_first(path, engine):
    G = cluster_projection(path)
    assert G.number_of_nodes() == 3 and G.number_of_edges() == 2
    values = compute(G, "eigenvector", engine=engine).values
    middle, ends = key("Baltic Wind Cluster"), [key("Nordic Battery Cluster"), key("Alpine Robotics Cluster")]
    assert values[middle] == pytest.approx(1 / math.sqrt(2))
    assert [values[end] for end in ends] == pytest.approx([0.5, 0.5])


def test_every_metric_of_the_two_cluster_projection_is_printed(pair):
    result = invoke(pair, "metrics", "compute", "--projection", "cluster", "-k", "3")
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "projection cluster: 2 nodes, 1 edges" in result.stdout
    assert printed(result.stdout, "eigenvector") == pytest.approx(
        {key(name): 1 / math.sqrt(2) for _, name in PAIR}, abs=1e-6)
    assert printed(result.stdout, "pagerank") == pytest.approx({key(name): 0.5 for _, name in PAIR}, abs=1e-6)


@pytest.mark.parametrize("command", [["compute", "--metric"], ["top"]])
def test_eigenvector_alone_on_the_three_cluster_projection(path, command):
    result = invoke(path, "metrics", *command, "eigenvector", "--projection", "cluster")
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert f"0.707107  Baltic Wind Cluster  ({key('Baltic Wind Cluster')})" in result.stdout
    assert result.stdout.count("       0.5  ") == 2


def test_a_metric_the_library_cannot_compute_is_one_clear_line():
    G = nx.Graph()
    G.add_weighted_edges_from([("a", "b", -1.0), ("b", "c", 1.0)])  # igraph's Louvain refuses negative weights
    with pytest.raises(MetricFailed) as failed:
        compute(G, "community", engine="igraph")
    message = str(failed.value)
    assert "\n" not in message
    assert message.startswith("community could not be computed on this projection (3 nodes, 2 links; igraph: ")
    assert "negative" in message and message.endswith("leave community out of the metrics chosen, or choose "
                                                      "another projection")
