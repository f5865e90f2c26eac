"""Metrics at scale: the compact projection gives the networkx projection's values, estimates start above a
setting and say so (CLI and the settings they read), pivots shrink on large graphs."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from graph.analytics.inputs import read_inputs
from graph.analytics.metrics import METRICS, compute, compute_all, notes, pivot_count, top
from graph.analytics.projections import CompactProjection, Projection, project
from graph.errors import ParameterError, SettingError
from graph.settings import Settings
from graph.store.falkordb_store import FalkorDBStore
from loaders.cordis import load_cordis
from tests.cli_invoke import cli_env, error_line, invoke
from tests.conftest import FIXTURES

LOWERED = {"exact_max_nodes": 10, "sample_size": 8}


@pytest.fixture(scope="module")
def inputs(embedded_server) -> nx.MultiDiGraph:
    """The CORDIS fixture (85 organisations in the projection) as the analytics read it."""
    store = FalkorDBStore(embedded_server, "metrics_scale")
    store.setup_schema()
    load_cordis(store, FIXTURES / "cordis")
    yield read_inputs(store)
    store.close()


@pytest.fixture(scope="module")
def both(inputs) -> tuple[nx.Graph, CompactProjection]:
    return project(inputs, Projection()), project(inputs, Projection(), compact_from_edges=0)


def test_the_extract_sized_projection_stays_networkx_and_a_larger_one_is_compact(inputs, both):
    plain, compact = both
    assert isinstance(plain, nx.Graph) and isinstance(compact, CompactProjection)
    assert (compact.number_of_nodes(), compact.number_of_edges()) == (plain.number_of_nodes(), plain.number_of_edges())
    assert list(compact) == list(plain) and compact.graph["projection"] == plain.graph["projection"]
    assert dict(compact.nodes(data=True)) == dict(plain.nodes(data=True))
    pairs = {frozenset((compact.keys[i], compact.keys[j])): (w, n) for i, j, w, n
             in zip(compact.rows, compact.cols, compact.weight, compact.newman, strict=True)}
    assert pairs == {frozenset((u, v)): (d["weight"], pytest.approx(d["newman"])) for u, v, d in plain.edges(data=True)}


@pytest.mark.parametrize("options", [{}, LOWERED], ids=["exact", "estimated"])
def test_every_metric_on_the_compact_projection_equals_igraph_on_networkx(both, options):
    plain, compact = both
    expected = compute_all(plain, METRICS, engine="igraph", **options)
    found = compute_all(compact, METRICS, **options)
    for metric in METRICS:
        assert found[metric].engine == "igraph"
        assert found[metric].estimate == expected[metric].estimate
        assert found[metric].values == pytest.approx(expected[metric].values, abs=1e-9), metric
    assert top(found["pagerank"], 3, compact) == top(expected["pagerank"], 3, plain)


def test_networkx_is_refused_on_a_compact_projection(both):
    with pytest.raises(ParameterError, match="kept as arrays"):
        compute(both[1], "pagerank", engine="networkx")


def test_estimates_start_above_the_threshold_and_say_why(both):
    plain, _ = both
    exact = compute_all(plain, ["betweenness", "closeness", "pagerank"])
    assert not any(r.estimate for r in exact.values()) and notes(exact, plain) == []
    lowered = compute_all(plain, ["betweenness", "closeness", "pagerank"], **LOWERED)
    assert [r.sample_size for r in lowered.values()] == [8, 8, None]
    said = notes(lowered, plain, LOWERED["exact_max_nodes"])
    assert said == [f"{m} estimated from k=8 pivots (seed 0) because the projection has 85 nodes (exact up to 10; "
                    "fewer pivots above 1,048,576 links)" for m in ("betweenness", "closeness")]


def test_pivots_shrink_on_large_graphs_only():
    assert pivot_count(656_096) == 256  # the CORDIS extract keeps its pivots
    assert pivot_count(7_988_628) == 33  # ten times it
    assert pivot_count(10**12) == 16 and pivot_count(10**12, 4) == 4


def test_cli_notes_the_estimate_when_the_setting_lowers_the_threshold(embedded_server, inputs):
    exact = invoke(cli_env(embedded_server, "metrics_scale"), "metrics", "compute", "--metric", "betweenness")
    assert exact.exit_code == 0, exact.stderr
    assert "note:" not in exact.stdout and "estimate" not in exact.stdout
    env = cli_env(embedded_server, "metrics_scale", CLUSTER_EXPLORER_METRICS_EXACT_NODES="10",
                  CLUSTER_EXPLORER_METRICS_PIVOTS="8")
    lowered = invoke(env, "metrics", "top", "closeness", "-k", "2")
    assert lowered.exit_code == 0, lowered.stderr
    assert ("note: closeness estimated from k=8 pivots (seed 0) because the projection has 85 nodes "
            "(exact up to 10;") in lowered.stdout


def test_metric_settings_are_read_and_checked():
    settings = Settings.from_env({"CLUSTER_EXPLORER_METRICS_EXACT_NODES": "0", "CLUSTER_EXPLORER_METRICS_PIVOTS": "64"})
    assert (settings.metrics_exact_nodes, settings.metrics_pivots) == (0, 64)
    assert (Settings.from_env({}).metrics_exact_nodes, Settings.from_env({}).metrics_pivots) == (5000, 256)
    with pytest.raises(SettingError, match="CLUSTER_EXPLORER_METRICS_PIVOTS='1' is not a number of pivots"):
        Settings.from_env({"CLUSTER_EXPLORER_METRICS_PIVOTS": "1"})
    with pytest.raises(SettingError, match="CLUSTER_EXPLORER_METRICS_EXACT_NODES='many'"):
        Settings.from_env({"CLUSTER_EXPLORER_METRICS_EXACT_NODES": "many"})


def test_a_bad_metric_setting_is_one_line_in_the_cli(embedded_server):
    said = invoke(cli_env(embedded_server, "metrics_scale", CLUSTER_EXPLORER_METRICS_PIVOTS="x"), "metrics", "top",
                  "degree")
    assert "CLUSTER_EXPLORER_METRICS_PIVOTS" in error_line(said.exit_code, said.stderr)


def test_communities_use_leiden_above_the_link_threshold_and_say_so(both):
    plain, compact = both
    louvain = compute(plain, "community", engine="igraph")
    leiden = compute(compact, "community", louvain_max_links=10)
    assert (louvain.details["method"], leiden.details["method"]) == ("louvain", "leiden")
    assert louvain.note(85, plain.number_of_edges()) is None
    assert leiden.note(85, compact.number_of_edges()).startswith(
        f"community found by Leiden (modularity, seed 0, 2 iterations) instead of Louvain because the projection "
        f"has {compact.number_of_edges():,} links")
    assert leiden.details["modularity"] >= 0.9 * louvain.details["modularity"] > 0
    assert compute(compact, "community", louvain_max_links=10).values == leiden.values  # seeded


def many_components() -> nx.Graph:
    """A 400-node clustered component, a 40-node one, and 300 small ones (lone nodes, pairs, paths and
    triangles of up to 12 nodes), keys whose string order is not their insertion order."""
    G = nx.relabel_nodes(nx.powerlaw_cluster_graph(400, 3, 0.3, seed=2), lambda i: f"Organisation:{(i * 37) % 997}")
    G.add_edges_from((f"x{i}", f"x{(i * 5 + 1) % 40}") for i in range(40))
    for c in range(300):
        size = 1 + c % 12
        nx.add_path(G, [f"s{c}:{i}" for i in range(size)])
        if size >= 3 and c % 2:
            G.add_edge(f"s{c}:0", f"s{c}:{size - 1}")
    nx.set_edge_attributes(G, 1, "weight")
    return G


def as_compact(G: nx.Graph) -> CompactProjection:
    keys = list(G)
    index = {v: i for i, v in enumerate(keys)}
    pairs = np.array(sorted(tuple(sorted((index[u], index[v]))) for u, v in G.edges()))
    return CompactProjection(keys, [{} for _ in keys], pairs[:, 0], pairs[:, 1], np.ones(len(pairs), dtype=int),
                             np.ones(len(pairs)))


@pytest.mark.parametrize("seed", [0, 5])
def test_closeness_from_pivots_in_whole_graph_arrays_equals_the_per_component_networkx_path(seed):
    G = many_components()
    assert nx.number_connected_components(G) == 302
    options = {"exact_max_nodes": 10, "sample_size": 16, "seed": seed}
    slow = compute(G, "closeness", engine="networkx", **options)
    for fast in (compute(G, "closeness", engine="igraph", **options), compute(as_compact(G), "closeness", **options)):
        assert fast.estimate and fast.sample_size == 16
        assert fast.values.keys() == slow.values.keys()
        assert fast.values == pytest.approx(slow.values, abs=1e-12)
    assert slow.values["s0:0"] == 0.0 and slow.values["s1:0"] == pytest.approx(1 / (len(G) - 1))


@pytest.mark.parametrize("graph", ["many_components", "deep_path"])
def test_betweenness_from_pivots_level_by_level_equals_networkx_own_estimate(graph):
    """Level-by-level matrix products on a shallow graph; igraph per pivot on one deeper than LEVELS_MAX."""
    G = many_components() if graph == "many_components" else nx.path_graph(300)
    options = {"exact_max_nodes": 10, "sample_size": 16, "seed": 3}
    slow = compute(G, "betweenness", engine="networkx", **options)
    fast = compute(G if graph == "deep_path" else as_compact(G), "betweenness", engine="igraph", **options)
    assert fast.estimate and max(slow.values.values()) > 1e-3
    assert fast.values == pytest.approx(slow.values, abs=1e-12)


def test_a_projection_without_links_says_why_every_node_scores_alike():
    """Four clusters of 2021-2023 in Sweden and Switzerland, none sharing a project: the page showed degree 0 for
    each, pagerank 0.25, and nothing else."""
    alone = nx.Graph()
    alone.add_nodes_from(["Cluster:a", "Cluster:b", "Cluster:c", "Cluster:d"])
    said = notes(compute_all(alone, ["degree", "pagerank"]), alone)
    assert said == ["no two of these 4 nodes share a project under these settings (a node is in the projection when "
                    "it takes part in one), so every node scores alike; widen the time window, the countries, "
                    "regions, programmes, sectors or roles"]
