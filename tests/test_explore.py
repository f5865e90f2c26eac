"""The pure views of graph/views/ on the real graph: seeds + NUTS fixture + CORDIS fixture."""

from __future__ import annotations

import csv
import io

import networkx as nx
import pytest

from graph.errors import ParameterError
from graph.store.reads import to_networkx
from graph.views import exports, filters, geography
from graph.views.filters import Filters
from tests.conftest import open_fixture_network


@pytest.fixture(scope="module")
def graph(embedded_server) -> nx.MultiDiGraph:
    store = open_fixture_network(embedded_server, "explore_tests")
    loaded = to_networkx(store)
    store.clear()
    store.close()
    return loaded


def kinds_of(view: nx.Graph) -> set[str]:
    return {d["kind"] for _, d in view.nodes(data=True)}


def test_default_filter_hides_bookkeeping_nodes(graph):
    view = filters.filter_graph(graph)
    assert "Source" not in kinds_of(view) and "Load" not in kinds_of(view)
    assert "Cluster:iot-world" in view


def test_kind_filter_keeps_only_those_kinds(graph):
    view = filters.filter_graph(graph, Filters(kinds=("Cluster", "QualityLabel")))
    assert kinds_of(view) == {"Cluster", "QualityLabel"}
    assert view.has_edge("Cluster:iot-world", "QualityLabel:esca-silver")


def test_place_includes_everything_below_it(graph):
    view = filters.filter_graph(graph, Filters(places=("Country:SE",)))
    assert "Cluster:iot-world" in view            # in SE123, part of SE
    assert "Cluster:industrial-green-tech" not in view  # Norway
    assert "Region:SE123" in view                 # context of a kept actor
    projects = [n for n, k in view.nodes(data="kind") if k == "Project"]
    assert projects
    for project in projects:
        partners = [u for u, _, t in graph.in_edges(project, data="type") if t == "PARTICIPATES_IN"]
        assert any(u in view for u in partners)


def test_programme_filter_keeps_members(graph):
    view = filters.filter_graph(graph, Filters(programmes=("Programme:s3-cluster-pilot",)))
    assert "Cluster:iot-world" in view
    assert "Cluster:industrial-green-tech" not in view


def test_label_filter(graph):
    view = filters.filter_graph(graph, Filters(labels=("QualityLabel:esca-silver",), kinds=("Cluster",)))
    assert set(view) == {"Cluster:iot-world"}


def test_time_window_drops_expired_labels_and_old_projects(graph):
    window = Filters(labels=("QualityLabel:esca-bronze",), start="2021-01-01", end="2022-12-31")
    view = filters.filter_graph(graph, window)
    assert "Cluster:automation-smaland" not in view  # its Bronze label expired on 2020-09-24
    assert "Cluster:iot-world" in view  # Bronze since 2018, no expiry
    projects = filters.filter_graph(graph, Filters(start="2024-07-01", end="2024-12-31", kinds=("Project",)))
    assert "Project:iot4industry" not in projects  # 2018 - 2020
    assert "Project:cordis:101039110" in projects  # 2022-06-01 - 2027-05-31


def test_a_load_is_refused_by_the_graph_filter_not_ignored(graph):
    """A graph read into Python holds no load log: the filter had kept every node of the kinds without a word."""
    with pytest.raises(ParameterError, match="cannot keep the load 'user:grants'.*store_views"):
        filters.filter_graph(graph, Filters(load="user:grants"))


def test_search_ignores_accents_and_ranks_exact_first(graph):
    assert filters.search(graph, "automation smaland")[0] == "Cluster:automation-smaland"
    assert "Cluster:automation-smaland" in filters.search(graph, "SMÅLAND")
    assert filters.search(graph, "IoT World")[0] == "Cluster:iot-world"
    assert filters.search(graph, "   ") == []
    assert all(graph.nodes[k]["kind"] == "Cluster" for k in filters.search(graph, "a", kinds=["Cluster"]))


def test_neighbourhood_depth(graph):
    one = filters.neighbourhood(graph, ["Cluster:iot-world"], 1)
    two = filters.neighbourhood(graph, ["Cluster:iot-world"], 2)
    assert "QualityLabel:esca-silver" in one and "Region:SE123" in one
    assert set(one) < set(two)
    assert "Cluster:automation-smaland" in two and "Cluster:automation-smaland" not in one
    with pytest.raises(ValueError):
        filters.neighbourhood(graph, ["Cluster:iot-world"], 4)


def test_cap_keeps_nearest_to_the_focus_and_counts_the_rest(graph):
    view, left_out = filters.cap_view(graph, 10, focus=["Cluster:iot-world"])
    assert view.number_of_nodes() == 10 and left_out == graph.number_of_nodes() - 10
    assert "Cluster:iot-world" in view
    assert set(view) - {"Cluster:iot-world"} <= set(filters.neighbourhood(graph, ["Cluster:iot-world"], 1))
    same, none_left = filters.cap_view(graph, 10**6)
    assert same is graph and none_left == 0


def test_node_details_lists_sources_and_neighbours(graph):
    details = filters.node_details(graph, "Cluster:iot-world")
    assert details["name"] == "IoT World" and details["kind"] == "Cluster"
    assert details["sources"] and all(s.startswith("seed:") for s in details["sources"])
    assert {"direction": "out", "type": "HAS_LABEL", "key": "QualityLabel:esca-silver", "name": "ESCA Silver",
            "kind": "QualityLabel"} in details["neighbours"]
    assert "labels" not in details["properties"] and "name" not in details["properties"]


def test_graphml_export_reads_back(graph):
    view = filters.neighbourhood(graph, ["Cluster:iot-world"], 1)
    back = nx.read_graphml(io.BytesIO(exports.to_graphml(view)))
    assert set(back) == set(view)
    assert back.number_of_edges() == view.number_of_edges()
    assert back.nodes["Cluster:iot-world"]["name"] == "IoT World"


def test_csv_exports_have_one_row_per_node_and_edge(graph):
    view = filters.neighbourhood(graph, ["Cluster:iot-world"], 1)
    nodes = list(csv.DictReader(io.StringIO(exports.nodes_csv(view))))
    edges = list(csv.DictReader(io.StringIO(exports.edges_csv(view))))
    assert len(nodes) == view.number_of_nodes() and len(edges) == view.number_of_edges()
    assert {"key", "kind", "id", "name"} <= set(nodes[0])
    iot = next(row for row in nodes if row["key"] == "Cluster:iot-world")
    assert iot["sources"].startswith("[")  # lists travel as JSON text


def test_result_graph_from_a_query(seeded_store):
    result = seeded_store.read("MATCH (c:Cluster {id: 'iot-world'})-[h:HAS_LABEL]->(q:QualityLabel) RETURN c, h, q")
    graph = exports.result_graph(result)
    assert "Cluster:iot-world" in graph and "QualityLabel:esca-silver" in graph
    assert graph.number_of_edges() == 2


def test_geography_counts_participations_per_region(graph):
    places, organisations = geography.geo_points(graph, level=0)
    sweden = next(p for p in places if p["key"] == "Country:SE")
    assert sweden["activity"] > 0 and sweden["organisations"] > 0
    assert all(isinstance(p["lat"], float) for p in places)
    assert organisations and all("lat" in o and "lon" in o for o in organisations)
    links = geography.region_links(graph, level=0)
    assert links and all(link["from"] != link["to"] and link["projects"] >= 1 for link in links)
    assert links == sorted(links, key=lambda link: -link["projects"])


def test_the_graph_package_never_imports_streamlit():
    import subprocess
    import sys

    code = ("import sys, graph.views.filters, graph.views.layout, graph.views.render, graph.store.reads, "
            "graph.store.writer, graph.analytics.metrics; "
            "sys.exit('streamlit' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], timeout=120).returncode == 0
