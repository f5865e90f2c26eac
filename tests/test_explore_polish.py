"""The polish of issue 15 for Overview, Explore, Metrics and the time slider: the pure helpers (number
formats, metric runs in words, the time slice, rows of isolated nodes, labels kept at any zoom) and,
through Streamlit's AppTest on a real embedded store, the state the pages derive from them.

The same items in a real browser: tests/test_e2e_explore_polish.py.
"""

from __future__ import annotations

import datetime as dt
import doctest
import re

import networkx as nx
import pyarrow
import pytest

from app_pages import explore_view
from graph.analytics.inputs import read_inputs
from graph.analytics.metrics import compute_all
from graph.analytics.metrics_write import write_metrics
from graph.analytics.projections import Projection, project
from graph.store.writer import write_records
from graph.views import formatting, layout, render, time_window, timeline
from tests.app_graph import app_on_stores
from tests.conftest import open_fixture_network
from tests.test_app import network_html, open_page, table, texts, xss_records
from tests.test_render import data_of, titles_of

RUN = "organisation end=2023-12-31 | igraph estimate k=256 seed=0 1.8s | 2025-01-01T10:00:00+00:00"


# -- pure ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("module", [formatting, timeline, layout, time_window])
def test_the_examples_in_the_docstrings_hold(module):
    assert doctest.testmod(module).failed == 0 and doctest.testmod(module).attempted


def test_size_choices_name_each_measure_once():
    assert explore_view.size_choices(["degree", "pagerank"]) == [explore_view.IN_VIEW, "degree", "pagerank"]
    assert explore_view.size_choices([]) == [explore_view.IN_VIEW]


@pytest.mark.parametrize(("value", "text"), [
    (0.123456789012345, "0.1235"), (1234.56789, "1,235"), (3285, "3,285"), (2.0, "2"), (7e-06, "0.000007"),
    (12345678.9, "12,345,679"), (-0.5, "-0.5"),
])
def test_numbers_read_plainly(value, text):
    assert formatting.number(value) == text
    assert "e" not in formatting.number(value)


def test_histogram_bins_have_plain_and_distinct_labels():
    labels = formatting.bin_labels([0.0, 150.0, 300.0, 1200.0, 4350.0])
    assert labels == ["0", "150", "300", "1,200", "4,350"]
    close = formatting.bin_labels([1000.0, 1000.2, 1000.4])
    assert len(set(close)) == 3 and not any("e+" in label for label in close)


def test_a_metric_run_is_told_in_words_beside_its_value():
    rows = formatting.property_rows({"name": "x", "pagerank": 0.000123456789012, "pagerank_run": RUN, "sme": True,
                                     "aliases": ["A", "B"], "orphan_run": RUN})
    by_name = {row["property"]: row for row in rows}
    assert "pagerank_run" not in by_name
    assert by_name["pagerank"]["value"] == "0.0001235"
    assert by_name["pagerank"]["about"] == ("computed on 2025-01-01 10:00 UTC with igraph estimate k=256 seed=0 "
                                            "(1.8 s) on the organisation projection (end=2023-12-31)")
    assert by_name["sme"]["value"] == "yes" and by_name["aliases"]["value"] == "A, B"
    assert by_name["orphan"]["about"].startswith("computed on 2025-01-01")


def dated_network() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("Project:old", kind="Project", start_date="2015-01-01", end_date="2017-12-31")
    graph.add_node("Project:now", kind="Project", start_date="2021-06-01", end_date="2024-05-31")
    graph.add_node("Project:open", kind="Project", start_date="2023-01-01")
    for org in ("a", "b"):
        graph.add_node(f"Organisation:{org}", kind="Organisation")
        for name in ("old", "now", "open"):
            graph.add_edge(f"Organisation:{org}", f"Project:{name}", type="PARTICIPATES_IN")
    graph.add_node("QualityLabel:gold", kind="QualityLabel")
    graph.add_edge("Organisation:a", "QualityLabel:gold", type="HAS_LABEL", awarded="2016-03-01", expires="2018-03-01")
    graph.add_edge("Organisation:b", "QualityLabel:gold", type="HAS_LABEL", awarded="2022-03-01", expires="2025-03-01")
    return graph


def test_a_time_slice_keeps_the_projects_and_labels_of_its_years_and_every_organisation():
    graph = dated_network()
    sliced = timeline.time_slice(graph, *timeline.window_of_years(2022, 2022))
    assert {n for n in sliced if n.startswith("Project:")} == {"Project:now"}
    assert {"Organisation:a", "Organisation:b", "QualityLabel:gold"} <= set(sliced)
    assert [(u, v) for u, v, t in sliced.edges(data="type") if t == "HAS_LABEL"] == [
        ("Organisation:b", "QualityLabel:gold")]
    assert timeline.time_slice(graph, None, None) is graph
    later = timeline.time_slice(graph, *timeline.window_of_years(2025, 2030))
    assert {n for n in later if n.startswith("Project:")} == {"Project:open"}  # no end date: still running


def test_the_years_the_data_spans_leave_the_window_open():
    assert timeline.window_of_years(2015, 2030, 2015, 2030) == (None, None)
    assert timeline.window_of_years(2016, 2030, 2015, 2030) == ("2016-01-01", None)
    assert timeline.describe_window("2016-01-01", None) == "2016 onwards"


def test_isolated_nodes_sit_in_rows_with_room_for_their_labels():
    graph = nx.Graph()
    graph.add_nodes_from(f"n{i}" for i in range(40))
    widths = {f"n{i}": 60.0 + 7 * (i % 9) for i in range(40)}
    pos = layout.positions(graph, widths=widths, spacing=45.0)
    boxes = [(pos[n][0] - widths[n] / 2, pos[n][1], pos[n][0] + widths[n] / 2) for n in graph]
    for i, (left, y, right) in enumerate(boxes):
        for other_left, other_y, other_right in boxes[i + 1:]:
            assert y != other_y or right <= other_left or other_right <= left, "two labels overlap in a row"
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    assert 0.4 < (max(xs) - min(xs)) / (max(ys) - min(ys)) < 2.5  # a block, not a line


def star_of_stars() -> nx.MultiDiGraph:
    """A focus, 6 neighbours, each with 30 leaves: the size of a depth-2 view."""
    graph = nx.MultiDiGraph()
    graph.add_node("Organisation:focus", kind="Organisation", name="The focus")
    for i in range(6):
        hub = f"Project:p{i}"
        graph.add_node(hub, kind="Project", name=f"Project {i}")
        graph.add_edge("Organisation:focus", hub, type="PARTICIPATES_IN")
        for j in range(30 + i):
            leaf = f"Organisation:o{i}-{j}"
            graph.add_node(leaf, kind="Organisation", name=f"Partner {i}-{j}")
            graph.add_edge(leaf, hub, type="PARTICIPATES_IN")
    return graph


def test_the_focus_and_the_most_important_neighbours_keep_their_labels():
    nodes, _ = data_of(render.to_html(star_of_stars(), focus=["Organisation:focus"], labelled=4))
    pinned = {n["key"]: n for n in nodes if n.get("pin")}
    assert pinned["Organisation:focus"]["pin"] == 1 and pinned["Organisation:focus"]["name"] == "The focus"
    assert {k for k, n in pinned.items() if n["pin"] == 2} == {"Project:p5", "Project:p4", "Project:p3", "Project:p2"}
    assert pinned["Organisation:focus"]["size"] >= 24  # large, whatever its degree
    assert all(n["font"]["color"] == "rgba(0,0,0,0)" for n in pinned.values())  # drawn by the page instead
    assert all("pin" not in n and "color" not in n["font"] for n in nodes if n["key"] not in pinned)


# -- the pages, through AppTest ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def polish_store(embedded_server, tmp_path_factory):
    """The fixture network with the XSS node and degree and PageRank written back, as the Metrics page does."""
    store = open_fixture_network(embedded_server, "polish_tests")
    write_records(store, *xss_records())
    projected = project(read_inputs(store), Projection())
    write_metrics(store, compute_all(projected, ["degree", "pagerank"]), Projection(),
                  dt.datetime(2025, 1, 1, 10, 0, tzinfo=dt.UTC))
    with app_on_stores(embedded_server, "polish_tests", tmp_path_factory.mktemp("user_queries"), store):
        yield store


def project_years(store) -> tuple[int, int]:
    (first, last), = store.read("MATCH (p:Project) RETURN min(p.start_date), max(p.end_date)").rows
    return int(str(first)[:4]), int(str(last)[:4])


def best_by_pagerank(store) -> str:
    (node_id,), = store.read("MATCH (o:Organisation) WHERE o.pagerank IS NOT NULL AND o.kind = 'Organisation' "
                             "RETURN o.id ORDER BY o.pagerank DESC LIMIT 1").rows
    return f"Organisation:{node_id}"


def test_overview_counts_each_node_once_and_the_extra_labels_apart(polish_store):
    at = open_page()
    (distinct,), = polish_store.read("MATCH (n) WHERE NOT n.kind IN ['Source', 'Load'] RETURN count(n)").rows
    (labelled,), = polish_store.read("MATCH (n) WHERE NOT n.kind IN ['Source', 'Load'] "
                                     "RETURN sum(size(labels(n)))").rows
    assert labelled > distinct  # SME and Cluster labels ride on nodes of another kind
    assert at.metric[0].label == "Nodes" and at.metric[0].value == f"{distinct:,}"
    (smes,), = polish_store.read("MATCH (n:SME) RETURN count(n)").rows
    assert f"SME on {smes:,}" in texts(at)


def test_explore_offers_each_size_once_and_formats_the_details(polish_store):
    at = open_page("explore", explore_focus=best_by_pagerank(polish_store))
    options = at.selectbox(key="explore_size").options
    assert options == [explore_view.IN_VIEW, "degree", "pagerank"]
    properties = table(at, "about")
    assert not properties["property"].str.endswith("_run").any()
    row = properties.set_index("property").loc["pagerank"]
    assert re.fullmatch(r"0\.\d{1,4}|0\.0+\d{1,4}", row["value"]), row["value"]
    assert row["about"].startswith("computed on 2025-01-01 10:00 UTC with ")


def test_explore_sizes_by_a_written_metric(polish_store):
    at = open_page("explore", explore_focus=best_by_pagerank(polish_store), explore_size="pagerank", explore_depth="2")
    assert at.selectbox(key="explore_size").value == "pagerank"
    nodes, _ = data_of(network_html(at))
    assert len({n["size"] for n in nodes}) > 2


def test_the_time_window_reaches_explore_metrics_partners_and_map(polish_store):
    low, high = project_years(polish_store)
    year = (low + high) // 2
    explore = open_page("explore", time=[str(year), str(year)])
    assert explore.slider(key="time").value == (year, year)
    assert f"Showing projects and labels of {year} only" in "\n".join(c.value for c in explore.sidebar.caption)
    for key, title in titles_of(network_html(explore)).items():
        if key.startswith("Project:"):
            dates = dict(re.findall(r"(start_date|end_date): (\S+)", title))
            assert dates.get("start_date", "0000") <= f"{year}-12-31" and dates.get("end_date", "9999") >= f"{year}"
    metrics = open_page("metrics", time=[str(year), str(year)])
    metrics.button(key="metrics_compute").click().run()
    assert f"start={year}-01-01 end={year}-12-31" in texts(metrics)
    everything = open_page("map", map_level="Countries")
    windowed = open_page("map", map_level="Countries", time=[str(year), str(year)])
    assert windowed.slider(key="time").value == (year, year)
    assert table(windowed, "activity")["activity"].sum() < table(everything, "activity")["activity"].sum()
    (active,), = polish_store.read("MATCH (o)-[:PARTICIPATES_IN]->(:Project) WHERE (o:Organisation OR o:Cluster) "
                                   "AND o.lat IS NOT NULL AND o.lon IS NOT NULL RETURN count(DISTINCT o)").rows
    assert f"({active:,} of them in a project)" in texts(everything)  # the caption had counted every organisation
    in_year = re.search(rf"\(([\d,]+) of them in a project of {year}\)", texts(windowed))
    assert in_year and 0 < int(in_year.group(1).replace(",", "")) < active
    partners = open_page("partners", partners_focal="Cluster:iot-world", time=[str(year), str(year)])
    assert partners.slider(key="time").value == (year, year) and not partners.exception


def test_metrics_histogram_reads_plain_numbers(polish_store):
    at = open_page("metrics")
    at.button(key="metrics_compute").click().run()
    histogram = at.get("vega_lite_chart")[0].proto.datasets[0].data.data
    bars = pyarrow.ipc.open_stream(histogram).read_all().to_pandas()
    degrees = table(at, "degree")["degree"].astype(float)
    assert bars["degree"].tolist() == formatting.bin_labels(formatting.histogram(degrees)[1])
    assert bars["nodes"].sum() == len(degrees) and not bars["degree"].str.contains("e").any()


def test_a_linked_window_outside_the_data_is_said_not_changed_silently(polish_store):
    """`/map?time=2010&time=2012` became all years and `time=2015&time=2020` one year, without a word."""
    low, high = project_years(polish_store)
    before = open_page("map", time=[str(low - 10), str(low - 8)])
    assert before.slider(key="time").value == (low, high)
    said = [w.value for w in before.sidebar.warning]
    assert said == [f"The link asked for projects of {low - 10}–{low - 8}; the data's run {low}–{high}, so the "
                    f"window is {low}–{high}."], said
    across = open_page("explore", time=[str(low - 5), str(low + 1)])
    assert across.slider(key="time").value == (low, low + 1) and across.sidebar.warning
    inside = open_page("explore", time=[str(low), str(low + 1)])
    assert not inside.sidebar.warning
