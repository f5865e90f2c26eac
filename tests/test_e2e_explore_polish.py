"""End to end, issue 15's items for Overview, Explore, Metrics and the time slider, in headless Chromium.

The app runs (`streamlit run app.py`, fixtures of tests/e2e_helpers.py) on the e2e store of that module
plus degree and PageRank written back as the Metrics page does, so node details carry metric runs.
Each test checks one item as a user would see it, and keeps a screenshot in
test-artifacts/screenshots/ (`polish-*.png`, git-ignored).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from app_pages.explore_view import IN_VIEW
from graph.analytics.inputs import read_inputs
from graph.analytics.metrics import compute_all
from graph.analytics.metrics_write import write_metrics
from graph.analytics.projections import Projection, project
from graph.store.falkordb_store import FalkorDBStore
from graph.store.writer import write_records
from loaders.cordis import load_cordis
from loaders.nuts import load_nuts
from loaders.seeds import load_seeds
from tests import e2e_helpers as e2e
from tests.conftest import FIXTURES
from tests.e2e_helpers import close_store, metric_value, network_frame, screenshot, settle, visit
from tests.test_app import xss_records

app_url, browser, page = e2e.app_url, e2e.browser, e2e.page  # the fixtures of e2e_helpers.py, on this module's store

pytestmark = e2e.needs_chromium
SLIDER = "Projects and labels in"


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory):
    """The e2e store of tests/e2e_helpers.py, with degree and PageRank written back (before the app starts)."""
    store = FalkorDBStore(tmp_path_factory.mktemp("e2e_polish") / "store.db", "cluster_explorer")
    store.setup_schema()
    load_seeds(store)
    load_nuts(store, FIXTURES / "nuts")
    load_cordis(store, FIXTURES / "cordis")
    write_records(store, *xss_records())
    results = compute_all(project(read_inputs(store), Projection()), ["degree", "pagerank"])
    write_metrics(store, results, Projection(), dt.datetime(2025, 1, 1, 10, 0, tzinfo=dt.UTC))
    yield store
    close_store(store)


def hub(store) -> str:
    """The organisation with the most projects: its depth-2 view is a crowd."""
    (node_id, _), = store.read("MATCH (o:Organisation)-[:PARTICIPATES_IN]->(p) WHERE o.kind = 'Organisation' "
                             "RETURN o.id, count(p) AS n ORDER BY n DESC, o.id LIMIT 1").rows
    return f"Organisation:{node_id}"


def cells(tab) -> list[str]:
    return tab.locator("[data-testid='stDataFrame'] [role='gridcell']").all_inner_texts()


def test_overview_counts_each_node_once(page, app_url, fixture_store):
    visit(page, app_url, "", "Overview")
    (distinct,), = fixture_store.read("MATCH (n) WHERE NOT n.kind IN ['Source', 'Load'] RETURN count(n)").rows
    (smes,), = fixture_store.read("MATCH (n:SME) RETURN count(n)").rows
    assert metric_value(page, "Nodes") == f"{distinct:,}"
    page.get_by_text(re.compile(rf"Extra labels.*SME on {smes:,}")).wait_for()
    screenshot(page, "polish-overview")


def test_size_by_names_each_measure_once(page, app_url):
    visit(page, app_url, "explore", "Explore")
    page.locator("[data-testid='stSelectbox']").filter(has_text="Size by").click()
    options = page.get_by_role("option").all_inner_texts()
    assert options == [IN_VIEW, "degree", "pagerank"]
    page.keyboard.press("Escape")


def test_every_kind_of_node_is_visible_in_the_sidebar(page, app_url, fixture_store):
    visit(page, app_url, "explore", "Explore")
    sidebar = page.locator("[data-testid='stSidebar']")
    bounds = sidebar.bounding_box()
    kinds = [row[0] for row in fixture_store.read("MATCH (n) RETURN DISTINCT n.kind").rows]
    for kind in kinds:
        pill = sidebar.get_by_role("button", name=kind, exact=True)
        box = pill.bounding_box()
        assert box and box["width"] > 10 and bounds["x"] <= box["x"] and box["x"] + box["width"] <= bounds["x"] + \
            bounds["width"], f"{kind} is cut off"
        hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y)?.textContent",
                            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
        assert hit == kind, f"{kind} is hidden under {hit!r}"
    screenshot(page, "polish-explore-kinds")


def test_labels_of_isolated_nodes_do_not_overlap(page, app_url):
    visit(page, app_url, "explore?explore_kinds=Country", "Explore")
    frame = network_frame(page)
    boxes = frame.evaluate("""() => {
        network.moveTo({scale: 1}); network.redraw();
        return network.body.data.nodes.getIds().map(id => network.getBoundingBox(id));
    }""")
    assert len(boxes) >= 5
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"] or \
                b["bottom"] <= a["top"]
            assert apart, f"labels overlap: {a} {b}"
    screenshot(page, "polish-explore-isolated")


def test_details_show_plain_numbers_and_how_a_metric_was_computed(page, app_url, fixture_store):
    visit(page, app_url, f"explore?explore_focus={hub(fixture_store)}", "Explore")
    cell = page.locator("[data-testid='stDataFrame'] [role='gridcell']").filter(has_text="pagerank")
    cell.first.wait_for(state="attached")  # glide's accessibility cells: in the page, never visible
    shown = cells(page)
    assert not any(c.endswith("_run") for c in shown)
    assert any(c.startswith("computed on 2025-01-01 10:00 UTC with ") for c in shown)
    numbers = [c for c in shown if re.fullmatch(r"-?[\d,]*\.\d+", c)]
    assert numbers and all(len(c.split(".")[1]) <= 4 or c.startswith("0.0") for c in numbers), numbers
    assert not any(re.search(r"\d\.\d{8,}|e[+-]\d", c) for c in shown)
    screenshot(page, "polish-explore-details")


def test_at_depth_two_the_focus_stays_large_and_labelled(page, app_url, fixture_store):
    focus = hub(fixture_store)
    visit(page, app_url, f"explore?explore_focus={focus}&explore_depth=2", "Explore")
    frame = network_frame(page)
    assert frame.evaluate("network.body.data.nodes.length") > 15  # the fixture hub's two steps: a crowd to label
    frame.evaluate("() => { network.moveTo({scale: 0.08}); network.redraw(); }")
    frame.wait_for_function("() => window.ceLabelled && network.getScale() < 0.1")
    labelled = frame.evaluate("window.ceLabelled")
    assert labelled[0] == focus and len(labelled) >= 5  # the focus first, then its most important neighbours
    dark = frame.evaluate("""(key) => {
        const at = network.canvasToDOM(network.getPosition(nodeOf(key)));
        const canvas = document.querySelector('#mynetwork canvas');
        const ratio = canvas.width / canvas.clientWidth;
        const data = canvas.getContext('2d').getImageData((at.x - 12) * ratio, (at.y - 12) * ratio,
                                                          24 * ratio, 24 * ratio).data;
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) { if (data[i] + data[i + 1] + data[i + 2] < 150) dark++; }
        return dark / (ratio * ratio);
    }""", focus)
    assert dark > 60, "the focus shrank to a dot"  # a ring 3 px wide around a 10 px disc: about 190 px
    screenshot(page, "polish-explore-depth2")


def window_caption(tab) -> str:
    caption = tab.locator("[data-testid='stSidebar']").get_by_text(re.compile(r"^Showing .* only\.$"))
    caption.wait_for()
    return caption.inner_text()


def test_one_time_slider_filters_every_page_and_stays_in_the_url(page, app_url):
    visit(page, app_url, "explore", "Explore")
    end = page.locator(f"input[aria-label='{SLIDER} — end']")
    end.focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    # two key presses can make two script runs: wait for the run that puts the slider's last value in the URL
    wanted = end.get_attribute("aria-valuetext")
    page.wait_for_function("(v) => { const t = new URLSearchParams(location.search).getAll('time');"
                           " return t.length === 2 && t[1] === v; }", arg=wanted)
    settle(page)
    first, last = (int(y) for y in re.findall(r"time=(\d{4})", page.url))
    chosen = window_caption(page)
    assert str(last) in chosen, chosen
    frame = network_frame(page)
    titles = frame.evaluate("network.body.data.nodes.get().filter(n => n.key.startsWith('Project:'))"
                            ".map(n => n.title.textContent)")
    for title in titles:
        starts = re.search(r"start_date: (\d{4})", title)
        assert not starts or int(starts.group(1)) <= last, title
    for name, heading in (("Metrics", "Metrics"), ("Partners", "Partners"), ("Map", "Map")):
        page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=name).click()
        page.get_by_role("heading", name=heading, level=1).wait_for()
        settle(page)
        assert re.findall(r"time=(\d{4})", page.url) == [str(first), str(last)]
        assert window_caption(page) == chosen
        assert end.get_attribute("aria-valuetext") == str(last)
    screenshot(page, "polish-map-time")


def test_metrics_histogram_axis_reads_plain_thousands(page, app_url):
    visit(page, app_url, "metrics?metrics_chosen=degree", "Metrics")
    page.get_by_role("button", name="Compute").click()
    page.get_by_text("Distribution of degree").wait_for()
    settle(page)
    page.locator(".vega-embed svg").first.wait_for()
    labels = page.locator(".vega-embed").first.evaluate(
        "e => [...e.querySelectorAll('svg text')].map(t => t.textContent)")
    assert len(labels) > 10 and not any(re.search(r"\de[+-]\d", t) for t in labels), labels
    screenshot(page, "polish-metrics")


#: Zoom out until two nodes are 14 px apart on screen, centred between them: their labels below their discs
#: (15 px tall, wider than that) overlap. Returns their distance on the canvas and the scale.
CROWD_TWO = """([a, b]) => {
  const pa = network.getPosition(nodeOf(a)), pb = network.getPosition(nodeOf(b));
  const scale = 14 / Math.max(Math.hypot(pa.x - pb.x, pa.y - pb.y), 1);
  window.ceLabelled = null;  // drawn again at that zoom: the next frame sets it
  network.moveTo({position: {x: (pa.x + pb.x) / 2, y: (pa.y + pb.y) / 2}, scale: scale});
  network.redraw();
  return [pa.x - pb.x, pa.y - pb.y, scale];
}"""


def test_two_hubs_side_by_side_are_both_labelled(page, app_url, fixture_store):
    """ESCA Bronze and S3 Cluster Pilot around IoT World at depth 2 sit side by side (`graph.views.layout` keeps
    their discs apart): zoomed out so that their labels below their discs overlap, the second's name went
    unlabelled; it is put above its disc now, and no two labels drawn overlap."""
    visit(page, app_url, "explore?explore_focus=Cluster:iot-world&explore_depth=2", "Explore")
    frame = network_frame(page)
    frame.wait_for_function("() => window.ceLabelled && window.ceLabelled.length > 1")
    hubs = ["QualityLabel:esca-bronze", "Programme:s3-cluster-pilot"]
    frame.evaluate(CROWD_TWO, hubs)
    frame.wait_for_function("() => window.ceLabelled")
    labelled, boxes = frame.evaluate("[window.ceLabelled, window.ceLabelBoxes]")
    assert set(hubs) <= set(labelled), labelled
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]
    screenshot(page, "polish-explore-two-hubs")
