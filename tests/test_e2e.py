"""End to end: the real app (`streamlit run app.py`) in a real headless Chromium, page by page.

The server runs on a free local port against a temporary embedded store holding the seed data, the
NUTS and CORDIS fixtures and an organisation named `<img src=x onerror=alert(1)>`. Debian's Chromium
is driven by Playwright (`executable_path`; no browser is downloaded). Every page is visited and
saved as a screenshot under test-artifacts/screenshots/. The browser must make no request outside
127.0.0.1: the app works offline. Every wait is bounded, and the server is stopped at the end.
"""

from __future__ import annotations

import codecs
import csv
import io
import re

import networkx as nx
import pytest

from graph.errors import ValidationFailed
from graph.store.reads import counts
from graph.store.view_cypher import DRAWN_NODE
from loaders.generic import parse_generic
from tests import e2e_helpers as e2e
from tests.conftest import FIXTURES
from tests.e2e_helpers import (
    download,
    map_painted,
    metric_value,
    network_frame,
    painted_pixels,
    screenshot,
    settle,
    visit,
)
from tests.test_app import XSS

# The fixtures of every e2e module (tests/e2e_helpers.py): the fixture store, the app on it, the browser, a tab.
fixture_store, app_url, browser, page = e2e.fixture_store, e2e.app_url, e2e.browser, e2e.page
pytestmark = e2e.needs_chromium


def test_overview_shows_what_the_store_holds(page, app_url, fixture_store):
    labels, types = counts(fixture_store)
    visit(page, app_url, "", "Overview")
    page.get_by_text("Nodes per kind").wait_for()
    page.get_by_text("Sources loaded").wait_for()
    (facts,), = fixture_store.read("MATCH (n) WHERE NOT n.kind IN ['Source', 'Load'] RETURN count(n)").rows
    assert metric_value(page, "Nodes") == f"{facts:,}"  # each node once, whatever extra labels it carries
    assert metric_value(page, "Relationships") == f"{sum(types.values()):,}"
    assert metric_value(page, "Loads") == str(labels["Load"]) == "3"  # seeds, NUTS, CORDIS
    screenshot(page, "overview")


def test_explore_draws_escapes_and_exports(page, app_url):
    visit(page, app_url, "explore?explore_focus=Organisation:xss-test&explore_depth=2", "Explore")
    frame = network_frame(page)
    assert frame.evaluate("network.body.data.nodes.length") >= 5
    assert painted_pixels(frame) > 1000, "the network canvas stayed blank"
    page.get_by_text(XSS, exact=True).first.wait_for()  # the details heading: the name, as text
    assert page.locator("img[src='x']").count() == 0 and frame.locator("img").count() == 0

    frame.locator("#mynetwork").scroll_into_view_if_needed()
    box = frame.locator("#mynetwork canvas").bounding_box()
    spot = frame.evaluate("network.canvasToDOM(network.getPosition(nodeOf('Organisation:xss-test')))")
    page.mouse.move(box["x"] + spot["x"], box["y"] + spot["y"])
    tooltip = frame.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert XSS in tooltip.inner_text() and tooltip.locator("img").count() == 0
    screenshot(page, "explore")

    name, png = download(page, lambda: frame.locator("#ce-png").click())
    assert name == "network.png" and png.startswith(b"\x89PNG")
    name, graphml = download(page, lambda: page.get_by_role("button", name="GraphML").click())
    assert name == "view.graphml" and b"<graphml" in graphml and b"Organisation:xss-test" in graphml
    # the view drew from the properties it shows; a download holds every property (read on the click)
    exported = {k for _, data in nx.read_graphml(io.BytesIO(graphml)).nodes(data=True) for k in data}
    assert exported - {"kind", "id", "labels", *DRAWN_NODE}, exported
    name, edges = download(page, lambda: page.get_by_role("button", name="Edges CSV").click())
    header = next(csv.reader(io.StringIO(edges.decode("utf-8-sig"))))
    assert name == "edges.csv" and {"sources", "issued_by"} <= set(header), header


def test_explore_opens_on_the_clusters_and_their_collaborations(page, app_url):
    visit(page, app_url, "explore", "Explore")
    frame = network_frame(page)
    assert frame.evaluate("network.body.data.nodes.length") > 40  # the fixture's clusters and partners
    titles = frame.evaluate("network.body.data.edges.get().map(e => e.title.textContent)")
    assert any(title.startswith("SHARED_PROJECTS") for title in titles)
    assert any(re.fullmatch(r"[A-Z_]+", title) for title in titles)  # a type alone: sent by number, made in the page
    assert painted_pixels(frame) > 5000


def test_queries_show_rows_and_download_all(page, app_url):
    visit(page, app_url, "queries?queries_name=labels/valid-on", "Queries")
    rows = page.get_by_text(re.compile(r"^[\d,]+ rows?\b")).first  # "1 row", "12 rows"
    rows.wait_for()
    assert int(rows.inner_text().split()[0].replace(",", "")) >= 1
    page.locator("[data-testid='stDataFrame']").first.wait_for()
    screenshot(page, "queries")
    name, body = download(page, lambda: page.get_by_role("button", name="All rows as CSV").click())
    assert body.startswith(codecs.BOM_UTF8)  # Excel reads UTF-8 only after the mark: "Småland", not "SmÃ¥land"
    lines = body.decode("utf-8-sig").splitlines()
    assert name == "labels-valid-on.csv" and lines[0].startswith("cluster,label") and len(lines) >= 2


def test_metrics_computes_a_value_per_node(page, app_url):
    visit(page, app_url, "metrics", "Metrics")
    page.get_by_role("button", name="Compute").click()
    page.get_by_text("Distribution of degree").wait_for()
    settle(page)
    caption = page.get_by_text(re.compile(r"[\d,]+ nodes, [\d,]+ links")).first.inner_text()
    nodes = int(re.search(r"([\d,]+) nodes", caption).group(1).replace(",", ""))
    screenshot(page, "metrics")
    name, body = download(page, lambda: page.get_by_role("button", name="Download the table (CSV)").click())
    assert body.startswith(codecs.BOM_UTF8)
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert name == "metrics.csv" and nodes > 10 and len(rows) == nodes
    degrees = [float(row["degree"]) for row in rows]
    assert degrees == sorted(degrees, reverse=True) and degrees[0] > 0


def test_partners_path_opens_in_explore(page, app_url):
    visit(page, app_url, "partners?partners_focal=Organisation:pic:888827588&partners_known=true", "Partners")
    page.locator("[data-testid='stDataFrame']").first.wait_for()
    screenshot(page, "partners")
    page.get_by_role("link", name="Open in Explore").first.click()
    page.get_by_role("heading", name="Explore", level=1).wait_for()
    page.get_by_text("A connecting path of").wait_for()
    frame = network_frame(page)
    assert frame.evaluate("network.body.data.nodes.length") >= 3
    screenshot(page, "explore-path")


def test_map_draws_without_a_base_map(page, app_url):
    visit(page, app_url, "map?map_level=Countries", "Map")
    page.get_by_text("places at Countries").first.wait_for()
    page.get_by_text("EuroGeographics").first.wait_for()
    assert map_painted(page) > 500, "the map drew nothing"
    screenshot(page, "map")


def test_data_refuses_a_bad_upload_and_writes_nothing(page, app_url, fixture_store):
    before = counts(fixture_store)
    bad = FIXTURES / "generic_bad" / "bad_date"
    with pytest.raises(ValidationFailed) as refused:
        parse_generic(bad / "mapping.toml")
    visit(page, app_url, "data", "Data")
    inputs = page.locator("input[type='file']")
    inputs.nth(0).set_input_files(str(bad / "mapping.toml"))
    # the mapping's own run has shown its answer before the data files come (a settle alone could see the page
    # before that run began, and the second upload then raced it: once, in a full run, it was never answered)
    page.get_by_text("data file(s) not uploaded yet", exact=False).first.wait_for()
    settle(page)
    inputs.nth(1).set_input_files([str(p) for p in bad.iterdir() if p.name != "mapping.toml"])
    # With the mapping alone the page waits for the CSV it names; then the count of the whole upload: every
    # problem the loader finds in the files, each named.
    problems = len(refused.value.problems)
    page.get_by_text(f"{problems} problem(s); nothing was written", exact=False).first.wait_for()
    settle(page)
    assert problems >= 2 and counts(fixture_store) == before
    screenshot(page, "data")
