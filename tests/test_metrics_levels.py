"""The level-by-level searches from many pivots and the scipy eigenvector: each equals the reference it stands
for (scipy's and networkx's searches, networkx's eigenvector), including the ways back to igraph."""

from __future__ import annotations

import doctest

import networkx as nx
import numpy as np
import pytest
from scipy.sparse.csgraph import shortest_path

from graph.analytics import levels
from graph.analytics.centrality import IGraphCopy
from graph.analytics.metrics import compute
from tests.test_metrics import mid_size
from tests.test_metrics_scale import as_compact, many_components

OPTIONS = {"exact_max_nodes": 10, "sample_size": 16, "seed": 3}


def test_the_module_examples_hold():
    assert doctest.testmod(levels).failed == 0


@pytest.mark.parametrize("counts", [False, True])
def test_search_gives_scipy_distances_and_networkx_path_counts_and_stops_at_each_component(counts):
    G = many_components()
    shared = IGraphCopy(G, "weight")
    membership, sizes = shared.parts
    sources = [0, 5, 405, 450, 451, 700]  # the big component, the 40-node one, small ones, lone nodes
    dist, paths = levels.search(shared.adjacency, sources, sizes[membership[sources]], counts=counts)
    expected = shortest_path(shared.adjacency, unweighted=True, indices=sources).T
    assert np.array_equal(dist, np.where(np.isfinite(expected), expected, -1))
    if counts:
        for column, source in enumerate(sources):
            key = shared.nodes[source]
            for target, found in enumerate(paths[:, column]):
                if dist[target, column] >= 0:
                    expected_paths = len(list(nx.all_shortest_paths(G, key, shared.nodes[target])))
                    assert found == expected_paths
    else:
        assert paths is None


def test_search_gives_up_past_the_level_limit():
    shared = IGraphCopy(nx.path_graph(levels.LEVELS_MAX + 2), "weight")
    assert levels.search(shared.adjacency, [0], np.array([levels.LEVELS_MAX + 1])) is not None
    assert levels.search(shared.adjacency, [0], np.array([levels.LEVELS_MAX + 2])) is None


def test_closeness_of_a_graph_deeper_than_the_limit_goes_to_igraph_and_equals_networkx():
    G = nx.path_graph(300)
    slow = compute(G, "closeness", engine="networkx", **OPTIONS)
    fast = compute(as_compact(G), "closeness", **OPTIONS)
    assert fast.estimate and fast.values == pytest.approx(slow.values, abs=1e-12)


def test_eigenvector_of_the_compact_projection_equals_networkx_on_its_largest_component():
    G = mid_size()
    compact = as_compact(G)
    compact.weight = np.array([G.edges[compact.keys[i], compact.keys[j]]["weight"]
                               for i, j in zip(compact.rows, compact.cols, strict=True)])
    ours, reference = compute(compact, "eigenvector"), compute(G, "eigenvector", engine="networkx")
    assert ours.values[2000] == 0.0 and ours.values[3000] == 0.0
    assert ours.values == pytest.approx(reference.values, abs=1e-9)


@pytest.mark.parametrize("a_shape", ["star", "wheel"])
def test_eigenvector_breaks_a_tie_of_largest_components_as_networkx_engine(a_shape):
    """Two 70-node components (above the dense-solve size), the b-keyed one first in node order: the one whose
    smallest key sorts first wins, whichever has the larger eigenvalue."""
    shapes = {"star": nx.star_graph(69), "wheel": nx.wheel_graph(70)}
    b_shape = "wheel" if a_shape == "star" else "star"
    G = nx.union(nx.relabel_nodes(shapes[b_shape], lambda i: f"b{i:03d}"),
                 nx.relabel_nodes(shapes[a_shape], lambda i: f"a{i:03d}"))
    nx.set_edge_attributes(G, 1, "weight")
    ours, reference = compute(G, "eigenvector", engine="igraph"), compute(G, "eigenvector", engine="networkx")
    assert ours.values == pytest.approx(reference.values, abs=1e-9)
    assert ours.values["a000"] > 0 and ours.values["b000"] == 0.0


@pytest.mark.parametrize("share", [0.05, 0.3, 0.9])
def test_spread_over_the_nonzero_rows_equals_the_whole_product_to_the_last_bit(share):
    shared = IGraphCopy(mid_size(), "weight")
    rng = np.random.default_rng(0)
    n = shared.adjacency.shape[0]
    rows = np.flatnonzero(rng.random(n) < share)
    block = np.zeros((n, 7))
    block[rows] = rng.random((len(rows), 7)) * 10.0 ** rng.integers(-8, 8, (len(rows), 7))
    for matrix in (shared.adjacency, shared.weighted):
        assert np.array_equal(levels.spread(matrix, block, rows), matrix @ block)
