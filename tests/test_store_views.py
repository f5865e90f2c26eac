"""The views the app reads from the store (graph/views/store_views.py), on the real fixture network,
and the guard that the app's first page loads never read the whole graph.

The row counter is `graph.store.counting.CountingStore`, which the app wraps around the real store it
opens: every read goes to the real embedded database and is noted with the rows it returned.
"""

from __future__ import annotations

import pytest
import streamlit as st

from graph.store.counting import reads_log
from graph.store.load_log import record_load
from graph.store.records import NodeRecord
from graph.store.writer import write_records
from graph.views import store_views
from graph.views.filters import Filters
from tests.conftest import fixture_network, open_fixture_network
from tests.test_app import open_page

#: No read of a first page load may return more rows than this; the fixture network has over twice as many nodes.
MAX_ROWS = 200


store = fixture_network("store_views_tests", "store")


@pytest.fixture
def app_on_fixture(embedded_server, tmp_path, monkeypatch):
    """The app pointed at its own fixture network through the environment, caches emptied."""
    opened = open_fixture_network(embedded_server, "store_views_app")
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.setenv("CLUSTER_EXPLORER_DB", str(embedded_server))
    monkeypatch.setenv("CLUSTER_EXPLORER_GRAPH", "store_views_app")
    monkeypatch.setenv("CLUSTER_EXPLORER_QUERIES", str(tmp_path))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield opened
    st.cache_resource.clear()
    opened.clear()
    opened.close()


def test_counts_each_node_once(store):
    counted = store_views.node_counts(store)
    every = store.read("MATCH (n) RETURN count(n)").rows[0][0]
    assert counted.total == every
    assert counted.extra_labels["Organisation"] == counted.kinds["Cluster"]  # clusters are organisations too
    assert counted.extra_labels["SME"] > 0


def test_search_ignores_accents_and_ranks_exact_first(store):
    assert store_views.search(store, "automation smaland")[0][0] == "Cluster:automation-smaland"
    assert "Cluster:automation-smaland" in dict(store_views.search(store, "SMÅLAND"))
    assert store_views.search(store, "IoT World")[0] == ("Cluster:iot-world", "IoT World")
    assert store_views.search(store, "   ") == []
    # an id after its prefix is exact too: it had come after the shorter names of its sub-programmes
    assert store_views.search(store, "horizon.3.1", kinds=["Programme"])[0][0] == "Programme:lb:HORIZON.3.1"


def test_the_bookkeeping_kinds_chosen_show_their_nodes(store):
    """The sidebar offers Source and Load among the kinds; chosen alone, the view had shown every other kind (1,000
    nodes on the sample) and none of them."""
    (sources,), = store.read("MATCH (n) WHERE n.kind = 'Source' RETURN count(n)").rows
    view = store_views.explore_view(store, Filters(kinds=("Source",)), cap=1000)
    assert {kind for _, kind in view.nodes(data="kind")} == {"Source"} and len(view) == sources > 0
    both = store_views.explore_view(store, Filters(kinds=("Cluster", "Load")), cap=1000)
    assert {kind for _, kind in both.nodes(data="kind")} == {"Cluster", "Load"}


def test_focus_grows_with_depth_and_stays_under_the_cap(store):
    one = store_views.explore_view(store, focus=("Cluster:iot-world",), depth=1)
    two = store_views.explore_view(store, focus=("Cluster:iot-world",), depth=2)
    assert "QualityLabel:esca-silver" in one and "Region:SE123" in one
    assert set(one) < set(two) and "Cluster:automation-smaland" in two
    assert one.has_edge("Cluster:iot-world", "QualityLabel:esca-silver")
    assert store_views.explore_view(store, focus=("Cluster:iot-world",), depth=3, cap=20).number_of_nodes() <= 20


def test_filters_follow_the_rule_of_the_networkx_views(store):
    norway = store_views.explore_view(store, Filters(places=("Country:NO",)))
    assert "Cluster:industrial-green-tech" in norway and "Cluster:iot-world" not in norway
    silver = store_views.explore_view(store, Filters(labels=("QualityLabel:esca-silver",), kinds=("Cluster",)))
    assert set(silver) == {"Cluster:iot-world"}
    window = Filters(labels=("QualityLabel:esca-bronze",), start="2021-01-01", end="2022-12-31")
    bronze = store_views.explore_view(store, window)
    assert "Cluster:iot-world" in bronze and "Cluster:automation-smaland" not in bronze


def test_the_default_view_is_the_clusters_and_their_collaborations(store):
    view = store_views.explore_view(store)
    clusters = store.read("MATCH (c:Cluster) RETURN count(c)").rows[0][0]
    assert sum(1 for _, d in view.nodes(data="labels") if "Cluster" in d) == clusters
    assert any(t == store_views.SHARED for _, _, t in view.edges(data="type"))
    assert not {d for _, d in view.nodes(data="kind")} & {"Project", "Source", "Load"}


def test_node_details_from_the_store(store):
    details = store_views.node_details(store, "Cluster:iot-world")
    assert details["name"] == "IoT World" and details["sources"]
    assert {"direction": "out", "type": "HAS_LABEL", "key": "QualityLabel:esca-silver", "name": "ESCA Silver",
            "kind": "QualityLabel"} in details["neighbours"]
    assert "_search" not in details["properties"] and "_hash" not in details["properties"]
    assert store_views.node_details(store, "Cluster:no-such") is None


def test_first_page_loads_read_no_query_of_more_than_max_rows(app_on_fixture):
    nodes = app_on_fixture.read("MATCH (n) RETURN count(n)").rows[0][0]
    assert nodes > 2 * MAX_ROWS  # reading the whole graph (as the app did) breaks the bound
    before = len(reads_log())
    open_page()
    open_page("explore")
    reads = reads_log()[before:]
    assert reads, "the pages read nothing through the counting store"
    biggest = max(reads, key=lambda r: r.rows)
    assert biggest.rows <= MAX_ROWS, f"{biggest.rows} rows from: {biggest.query}"


def test_a_load_changes_the_data_version_and_the_next_view_shows_it(app_on_fixture):
    nodes_before = open_page().metric[0].value
    at = open_page("explore", explore_focus_search="Brand new cluster")
    assert "Brand new cluster · Cluster" not in at.multiselect(key="explore_focus").options
    node = NodeRecord("Cluster", "brand-new", "Brand new cluster", ("seed:000",), ("Organisation",))
    record_load(app_on_fixture, "test", "new-checksum", write_records(app_on_fixture, [node], []))
    at = open_page("explore", explore_focus_search="Brand new cluster")
    assert "Brand new cluster · Cluster" in at.multiselect(key="explore_focus").options
    assert int(open_page().metric[0].value.replace(",", "")) == int(nodes_before.replace(",", "")) + 1


def test_a_depth_out_of_range_is_a_parameter_error(store):
    from graph.errors import ParameterError

    with pytest.raises(ParameterError, match="depth must be between 0 and 3"):
        store_views.explore_view(store, focus=("Cluster:iot-world",), depth=4)


def test_a_sector_of_the_seeds_filters_the_projects_of_the_cordis_field_of_its_name(store):
    """Explore's sector filter on the seeds' Textiles kept its seed clusters only, while the rankings and
    projections took the CORDIS field "textiles" too: the view now takes the field's projects, as the rule of
    the networkx views does, and both find the field the way the rankings do."""
    from graph.store.reads import to_networkx
    from graph.store.sector_fields import equivalent_fields, equivalent_sectors
    from graph.views.filters import filter_graph

    assert equivalent_fields(store, ["Sector:textiles", "Sector:esv:/25/63/399"]) == {
        "Sector:textiles": "Sector:esv:/25/63/399"}
    whole = to_networkx(store)
    assert equivalent_sectors(whole)["Sector:textiles"] == "Sector:esv:/25/63/399"
    textiles = Filters(sectors=("Sector:textiles",), kinds=("Cluster", "Organisation", "Project"))
    view = store_views.explore_view(store, textiles)
    assert "Project:cordis:101071830" in view  # tagged with the field textiles, not with the seeds' Textiles
    kept = {k for k, a in filter_graph(whole, textiles).nodes(data=True) if a.get("kind") == "Project"}
    assert kept == {k for k in view if k.startswith("Project:")} and kept


def test_the_sidebar_says_which_cordis_field_a_sector_of_the_seeds_takes_along(app_on_fixture):
    """Explore (filters) and Metrics (the projection) say it: the field's projects come, though not linked to
    the chosen node."""
    said = "With the CORDIS field of the same name: Textiles (textiles) takes textiles (esv:/25/63/399)."
    explore = open_page("explore", explore_sectors="Textiles (textiles)")
    assert said in [c.value for c in explore.sidebar.caption]
    assert said not in [c.value for c in open_page("explore").sidebar.caption]
    metrics = open_page("metrics", metrics_sectors="Textiles (textiles)")
    assert said in [c.value for c in metrics.sidebar.caption]
