"""No two drawn nodes on top of each other (graph/views/layout.py): hubs with the same neighbours, coincident points,
and the Explore views of a seed cluster on the real store (seeds + NUTS + CORDIS fixtures)."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import pytest

from graph.views import filters, layout, render, store_views
from tests.conftest import fixture_network
from tests.test_render import data_of

network = fixture_network("layout_spread_tests", "network")


def discs_overlapping(nodes: list[dict]) -> list[tuple[str, str, float]]:
    """Pairs of drawn nodes whose discs (`size` is a dot's radius in vis-network) overlap, with their distance."""
    return [(a["key"], b["key"], round(math.dist((a["x"], a["y"]), (b["x"], b["y"])), 1))
            for a, b in itertools.combinations(nodes, 2)
            if math.dist((a["x"], a["y"]), (b["x"], b["y"])) < a["size"] + b["size"]]


def two_hubs_of_the_same_clusters(clusters: int = 25) -> nx.MultiDiGraph:
    """A label and a programme linked to the same clusters, as ESCA Bronze and S3 Cluster Pilot nearly are."""
    graph = nx.MultiDiGraph()
    graph.add_node("QualityLabel:bronze", kind="QualityLabel", name="Bronze")
    graph.add_node("Programme:pilot", kind="Programme", name="Pilot")
    for i in range(clusters):
        graph.add_node(f"Cluster:c{i}", kind="Cluster", name=f"Cluster {i}")
        graph.add_edge(f"Cluster:c{i}", "QualityLabel:bronze", type="HAS_LABEL")
        graph.add_edge(f"Cluster:c{i}", "Programme:pilot", type="FUNDED_BY")
    return graph


def test_hubs_with_the_same_neighbours_are_drawn_apart():
    layout._CACHE.clear()
    nodes, _ = data_of(render.to_html(two_hubs_of_the_same_clusters()))
    hubs = {n["key"]: n for n in nodes if not n["key"].startswith("Cluster:")}
    bronze, pilot = hubs["QualityLabel:bronze"], hubs["Programme:pilot"]
    assert bronze["size"] == pilot["size"] == 40.0  # the largest discs drawn
    assert math.dist((bronze["x"], bronze["y"]), (pilot["x"], pilot["y"])) >= 2 * 40.0 + layout.GAP - 0.2
    assert discs_overlapping(nodes) == []


def test_coincident_nodes_are_spread_the_same_way_each_time():
    graph = nx.Graph()
    graph.add_nodes_from(range(60))
    radii = dict.fromkeys(range(60), 30.0)  # discs larger than the rows of unlinked nodes leave room for
    first = layout.positions(graph, radii=radii)
    layout._CACHE.clear()
    assert layout.positions(graph, radii=radii) == first
    closest = min(math.dist(first[a], first[b]) for a, b in itertools.combinations(graph, 2))
    assert closest >= 2 * 30.0 + layout.GAP - 0.2


def test_without_sizes_no_two_nodes_share_a_position():
    graph = nx.complete_bipartite_graph(3, 40)  # 40 leaves with one neighbourhood, 3 hubs with another
    pos = layout.positions(graph)
    closest = min(math.dist(pos[a], pos[b]) for a, b in itertools.combinations(graph, 2))
    assert closest >= 2 * layout.SPACING / 4


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_explore_around_a_seed_cluster_draws_no_node_on_another(network, depth):
    chosen = filters.Filters(tuple(k for k in filters.DEFAULT_KINDS if k in store_views.filter_options(network).kinds))
    view = store_views.explore_view(network, chosen, ("Cluster:iot-world",), depth, 1000)
    nodes, _ = data_of(render.to_html(view, focus=("Cluster:iot-world",)))
    assert len(nodes) == view.number_of_nodes() > 1
    assert discs_overlapping(nodes) == []
    if depth == 2:  # the two hubs of the seeds, linked to nearly the same clusters, were drawn as one
        assert {"QualityLabel:esca-bronze", "Programme:s3-cluster-pilot"} <= {n["key"] for n in nodes}


def test_the_force_layout_starts_inside_igraphs_grid():
    """igraph's grid layout files nodes in cells over the square of side sqrt(n) around 0; a node outside it goes
    to a border cell. Starts twice as wide crowded those cells: half the CPU of a 5,000-node view's layout
    (bench/bench_explore_focus.py)."""
    start = layout.start_positions(5000, seed=7)
    assert len(start) == 5000
    assert max(abs(c) for point in start for c in point) <= math.sqrt(5000) / 2
    assert start == layout.start_positions(5000, seed=7) != layout.start_positions(5000, seed=8)


def test_a_large_component_keeps_neighbours_close():
    """The picture of a large component (grid layout) puts linked nodes nearer than random pairs: 0.61 of their
    distance here (0.58 when the start was twice as wide; the sample's 5,000-node view 0.40 and 0.38)."""
    graph = nx.barabasi_albert_graph(3000, 4, seed=3)
    layout._CACHE.clear()
    pos = layout.positions(graph)
    edge = sum(math.dist(pos[u], pos[v]) for u, v in graph.edges()) / graph.number_of_edges()
    pairs = [(u, (u * 7919 + 13) % 3000) for u in range(0, 3000, 3)]
    random_pair = sum(math.dist(pos[u], pos[v]) for u, v in pairs if u != v) / len(pairs)
    assert edge < 0.65 * random_pair
