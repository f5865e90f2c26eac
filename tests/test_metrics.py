"""Metrics: hand-worked values, igraph equal to networkx, estimates within their stated tolerance, seeds."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from graph.analytics.metrics import METRICS, MetricResult, compute, compute_all, top
from graph.analytics.metrics_write import write_metrics
from graph.analytics.projections import Projection
from graph.store.records import NodeRecord
from graph.store.writer import write_records

EXACT = [m for m in METRICS if m != "community"]


@pytest.fixture
def kite() -> nx.Graph:
    """A triangle a-b-c with a tail c-d-e, weights 1 except c-d (3)."""
    G = nx.Graph()
    G.add_weighted_edges_from([("a", "b", 1), ("b", "c", 1), ("a", "c", 1), ("c", "d", 3), ("d", "e", 1)])
    return G


def values(result: MetricResult, nodes) -> np.ndarray:
    return np.array([result.values[v] for v in nodes], dtype=float)


def mid_size(seed: int = 1) -> nx.Graph:
    """1,000 nodes, clustered and heavy-tailed like a collaboration graph, weighted, plus a small
    component and an isolated node so the disconnected-graph conventions are exercised."""
    G = nx.powerlaw_cluster_graph(1000, 3, 0.3, seed=seed)
    for u, v in G.edges():
        G.edges[u, v]["weight"] = 1 + (u * 7 + v) % 4
    G.add_weighted_edges_from([(2000, 2001, 2), (2001, 2002, 1)])
    G.add_node(3000)
    return G


@pytest.mark.parametrize("engine", ["networkx", "igraph"])
def test_hand_worked_values_on_a_kite(kite, engine):
    result = {m: compute(kite, m, engine=engine).values for m in EXACT}
    assert result["degree"] == {"a": 2, "b": 2, "c": 3, "d": 2, "e": 1}
    assert result["weighted_degree"]["c"] == 5
    # c lies on the paths a-d, a-e, b-d, b-e: 4 of the 6 pairs not involving c.
    assert result["betweenness"]["c"] == pytest.approx(4 / 6)
    assert result["betweenness"]["d"] == pytest.approx(3 / 6)
    # c reaches a, b, d in 1 hop and e in 2: (5 - 1) / 5.
    assert result["closeness"]["c"] == pytest.approx(4 / 5)
    assert result["clustering"] == pytest.approx({"a": 1, "b": 1, "c": 1 / 3, "d": 0, "e": 0})
    assert result["core_number"] == {"a": 2, "b": 2, "c": 2, "d": 1, "e": 1}
    assert sum(result["pagerank"].values()) == pytest.approx(1)
    assert max(result["eigenvector"], key=result["eigenvector"].get) == "c"
    assert math.fsum(x * x for x in result["eigenvector"].values()) == pytest.approx(1)


@pytest.mark.parametrize("metric", EXACT)
def test_igraph_gives_networkx_values_on_a_mid_size_graph(metric):
    G = mid_size()
    ours = compute(G, metric, engine="igraph", exact_max_nodes=10**6)
    reference = compute(G, metric, engine="networkx", exact_max_nodes=10**6)
    assert not ours.estimate
    tolerance = 1e-7 if metric == "pagerank" else 1e-9  # networkx iterates to tol=1e-10, igraph solves exactly
    np.testing.assert_allclose(values(ours, G), values(reference, G), atol=tolerance)


@pytest.mark.parametrize("metric", ["betweenness", "closeness"])
def test_both_engines_make_the_same_estimate_from_the_same_seed(metric):
    G = mid_size()
    options = {"exact_max_nodes": 500, "sample_size": 100, "seed": 7}
    ours, reference = compute(G, metric, engine="igraph", **options), compute(G, metric, engine="networkx", **options)
    assert ours.estimate and ours.sample_size == 100 and ours.seed == 7
    np.testing.assert_allclose(values(ours, G), values(reference, G), atol=1e-12)


def test_sampled_betweenness_is_networkx_own_estimate():
    G = mid_size()
    ours = compute(G, "betweenness", engine="igraph", exact_max_nodes=500, sample_size=100, seed=3)
    reference = nx.betweenness_centrality(G, k=100, seed=3)
    np.testing.assert_allclose(values(ours, G), [reference[v] for v in G], atol=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_betweenness_estimate_is_within_its_stated_tolerance(seed):
    """k=256 pivots on 2,000 nodes: error under 15% of the largest value, 7 of the top 10 found."""
    G = nx.powerlaw_cluster_graph(2000, 3, 0.2, seed=1)
    exact = values(compute(G, "betweenness", engine="igraph", exact_max_nodes=10**6), G)
    estimate = values(compute(G, "betweenness", engine="igraph", exact_max_nodes=1000, sample_size=256, seed=seed), G)
    assert np.abs(exact - estimate).max() <= 0.15 * exact.max()
    assert len(set(np.argsort(-exact)[:10]) & set(np.argsort(-estimate)[:10])) >= 7


@pytest.mark.parametrize("seed", range(5))
def test_closeness_estimate_is_within_its_stated_tolerance(seed):
    """k=256 pivots on 2,000 nodes (and a small component): every node within 6% of its exact value."""
    G = nx.powerlaw_cluster_graph(2000, 3, 0.2, seed=1)
    G.add_edges_from([(5000, 5001), (5001, 5002)])
    exact = values(compute(G, "closeness", engine="igraph", exact_max_nodes=10**6), G)
    estimate = values(compute(G, "closeness", engine="igraph", exact_max_nodes=1000, sample_size=256, seed=seed), G)
    np.testing.assert_allclose(estimate, exact, rtol=0.06)


@pytest.mark.parametrize("engine", ["networkx", "igraph"])
@pytest.mark.parametrize("metric", ["betweenness", "closeness", "community"])
def test_same_seed_same_output(engine, metric):
    G = mid_size()
    first = compute(G, metric, engine=engine, exact_max_nodes=500, sample_size=64, seed=11)
    again = compute(G, metric, engine=engine, exact_max_nodes=500, sample_size=64, seed=11)
    assert first.values == again.values


@pytest.mark.parametrize("engine", ["networkx", "igraph"])
def test_louvain_finds_planted_communities_with_either_engine(engine):
    G = nx.planted_partition_graph(6, 40, 0.4, 0.005, seed=2)
    found = compute(G, "community", engine=engine, seed=0)
    planted = {v: v // 40 for v in G}
    pairs = {(planted[v], found.values[v]) for v in G}
    assert len(pairs) == 6 and found.details["communities"] == 6
    assert found.details["modularity"] == pytest.approx(
        nx.community.modularity(G, [set(range(i * 40, i * 40 + 40)) for i in range(6)]), abs=1e-9)


def test_igraph_louvain_modularity_is_close_to_networkx_on_a_mid_size_graph():
    G = mid_size()
    ours = compute(G, "community", engine="igraph", seed=0).details["modularity"]
    reference = compute(G, "community", engine="networkx", seed=0).details["modularity"]
    assert ours == pytest.approx(reference, abs=0.02)


def test_communities_are_numbered_by_size():
    G = nx.disjoint_union(nx.complete_graph(5), nx.complete_graph(3))
    assert compute(G, "community", engine="igraph").values == {0: 0, 1: 0, 2: 0, 3: 0, 4: 0, 5: 1, 6: 1, 7: 1}


def test_auto_engine_switches_to_igraph_on_large_graphs_and_says_so():
    small, large = nx.path_graph(10), nx.gnm_random_graph(8000, 25_000, seed=1)
    assert compute(small, "pagerank").engine == "networkx"
    result = compute(large, "betweenness", sample_size=32)
    assert (result.engine, result.estimate, result.sample_size, result.seed) == ("igraph", True, 32, 0)
    assert result.describe().startswith("igraph estimate k=32 seed=0 ")
    assert compute(large, "degree").engine == "networkx"


def test_suite_reports_progress_after_each_metric(kite):
    calls = []
    results = compute_all(kite, progress=lambda done, total: calls.append((done, total)))
    assert list(results) == list(METRICS)
    assert calls == [(i, len(METRICS)) for i in range(1, len(METRICS) + 1)]


def test_unknown_metric_or_engine_is_refused(kite):
    with pytest.raises(ValueError, match="unknown metric 'fame'"):
        compute(kite, "fame")
    with pytest.raises(ValueError, match="unknown engine"):
        compute(kite, "degree", engine="spark")


def test_top_lists_highest_first_with_names(kite):
    kite.nodes["c"]["name"] = "VTT"
    assert top(compute(kite, "degree"), 2, kite) == [("c", "VTT", 3), ("a", "a", 2)]


def _organisations(store, pics):
    nodes = [NodeRecord("Organisation", f"pic:{p}", f"ORG {p}", ("test",)) for p in pics]
    write_records(store, nodes, [])


def test_write_metrics_stores_values_and_run_record(embedded_store):
    _organisations(embedded_store, ["1", "2", "3"])
    G = nx.path_graph(["Organisation:pic:1", "Organisation:pic:2", "Organisation:pic:3"])
    results = compute_all(G, ["degree", "pagerank", "community"])
    written = write_metrics(embedded_store, results, Projection(end="2023-12-31"), "2025-01-02T03:04:05+00:00")
    assert (written.properties, written.cleared) == (3 * 3 * 2, 0)
    rows = embedded_store.read("MATCH (n:Organisation) RETURN n.id, n.degree, n.pagerank, n.community, n.pagerank_run "
                               "ORDER BY n.id").rows
    assert [r[:2] for r in rows] == [["pic:1", 1], ["pic:2", 2], ["pic:3", 1]]
    assert rows[1][2] == pytest.approx(results["pagerank"].values["Organisation:pic:2"])
    assert rows[0][3] == 0
    assert rows[0][4].startswith("organisation end=2023-12-31 | networkx ")
    assert rows[0][4].endswith("| 2025-01-02T03:04:05+00:00")


def test_a_second_run_removes_the_values_an_earlier_run_left(embedded_store):
    """PageRank over Norway's projection, then over Iceland's: each run's values are normalised on their own, so
    Iceland's university ranked above SINTEF when both were left side by side. The second run removes the first."""
    _organisations(embedded_store, ["1", "2", "3", "4"])
    norway = compute_all(nx.path_graph(["Organisation:pic:1", "Organisation:pic:2"]), ["pagerank"])
    write_metrics(embedded_store, norway, Projection(countries=("NO",)), "2025-01-01T00:00:00+00:00")
    iceland = compute_all(nx.path_graph(["Organisation:pic:3", "Organisation:pic:4"]), ["pagerank"])
    written = write_metrics(embedded_store, iceland, Projection(countries=("IS",)), "2025-01-02T00:00:00+00:00")
    assert (written.properties, written.cleared) == (4, 2)
    assert written.describe() == ("wrote 1 metric on 2 nodes (4 node properties: each value and its run); the "
                                  "earlier run's values of these metrics removed from 2 nodes first, so a ranking "
                                  "reads one run")
    rows = embedded_store.read("MATCH (n:Organisation) WHERE n.pagerank IS NOT NULL OR n.pagerank_run IS NOT NULL "
                               "RETURN n.id, n.pagerank_run ORDER BY n.id").rows
    assert [r[0] for r in rows] == ["pic:3", "pic:4"] and all("countries=IS" in r[1] for r in rows)


def test_write_metrics_refuses_names_outside_the_allow_list(embedded_store):
    rogue = MetricResult("name = 'x' //", {"Organisation:pic:1": 1.0}, "networkx", 0.0)
    with pytest.raises(ValueError, match="cannot be written"):
        write_metrics(embedded_store, [rogue], Projection(), "2025-01-01")


def test_write_metrics_needs_store_node_keys(embedded_store):
    with pytest.raises(ValueError, match="Kind:id"):
        write_metrics(embedded_store, [compute(nx.path_graph(2), "degree")], Projection(), "2025-01-01")
