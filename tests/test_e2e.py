"""End to end: the real app (`streamlit run app.py`) in a real headless Chromium, page by page.

The server runs on a free local port against a temporary embedded store holding the seed data, the
NUTS and CORDIS fixtures and an organisation named `<img src=x onerror=alert(1)>`. Debian's Chromium
is driven by Playwright (`executable_path`; no browser is downloaded). Every page is visited and
saved as a screenshot under test-artifacts/screenshots/. The browser must make no request outside
127.0.0.1: the app works offline. Every wait is bounded, and the server is stopped at the end.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.errors import ValidationFailed
from graph.store.falkordb_store import FalkorDBStore
from graph.store.reads import counts
from graph.store.writer import write_records
from loaders.cordis import load_cordis
from loaders.generic import parse_generic
from loaders.nuts import load_nuts
from loaders.seeds import load_seeds
from tests.app_process import free_port, stop_app, wait_healthy
from tests.conftest import FIXTURES
from tests.test_app import XSS, xss_records

playwright = pytest.importorskip("playwright.sync_api", reason="the end-to-end tests need the playwright package")

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
WAIT_MS = 90_000  # generous: two cores, other processes

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"needs Debian's Chromium at {CHROMIUM}")


def close_store(store: FalkorDBStore) -> None:
    """Close the test's store and make sure the database server it started is gone (bounded waits)."""
    pid = store.server_pid
    store.close()
    for sig in (None, signal.SIGTERM, signal.SIGKILL):
        if sig is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        for _ in range(25):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.2)


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory):
    """The store the app reads: seeds, the NUTS and CORDIS fixtures and the XSS organisation."""
    store = FalkorDBStore(tmp_path_factory.mktemp("e2e") / "store.db", "cluster_explorer")
    store.setup_schema()
    load_seeds(store)
    load_nuts(store, FIXTURES / "nuts")
    load_cordis(store, FIXTURES / "cordis")
    write_records(store, *xss_records())
    yield store
    close_store(store)


@pytest.fixture(scope="module")
def app_url(fixture_store):
    folder = Path(fixture_store.db_path).parent
    port, log = free_port(), folder / "server.log"
    env = {**os.environ, "CLUSTER_EXPLORER_DB": str(folder / "store.db"), "CLUSTER_EXPLORER_GRAPH": "cluster_explorer",
           "CLUSTER_EXPLORER_QUERIES": str(folder / "queries")}
    env.pop("NEO4J_URI", None)
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
               "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
               "--client.toolbarMode", "viewer", "--server.fileWatcherType", "none"]
    with log.open("w") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    try:
        wait_healthy(f"http://127.0.0.1:{port}", server, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_app(server, timeout_s=20)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=WAIT_MS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(WAIT_MS)
    tab.outside, tab.dialogs = [], []
    tab.on("request", lambda r: tab.outside.append(r.url)
           if not r.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")) else None)
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    yield tab
    assert tab.outside == [], f"the app asked the internet for {tab.outside[:5]}"
    assert tab.dialogs == [], f"a script ran: {tab.dialogs}"
    context.close()


def visit(page, app_url: str, path: str, heading: str):
    page.goto(f"{app_url}/{path}")
    page.get_by_role("heading", name=heading, level=1).wait_for()
    settle(page)


def settle(page) -> None:
    """Wait until the script run is over: the app says so on its root, and hides its status widget."""
    page.wait_for_function("""() => document.querySelector('[data-testid="stApp"]')
        ?.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid="stStatusWidget"]')""", timeout=WAIT_MS)


def painted_frames(page) -> None:
    """Wait until the browser has painted twice: a resized page is laid out and drawn by then."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def screenshot(page, name: str) -> None:
    """The whole page: Streamlit scrolls inside its own container, so the window is made tall first."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || 1000")
    page.set_viewport_size({"width": 1400, "height": min(max(height + 40, 1000), 3000)})
    settle(page)
    painted_frames(page)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    page.set_viewport_size({"width": 1400, "height": 1000})


def network_frame(page):
    """The drawn network's frame. A script run can replace the iframe between finding it and entering it
    (its handle then has no frame, or the frame detaches): find it again, a few times."""
    for _ in range(5):
        frame = page.wait_for_selector("iframe[title='Network view']").content_frame()
        if frame is None:
            continue
        try:
            frame.wait_for_selector("body[data-drawn]", timeout=WAIT_MS)
        except playwright.Error as error:
            if "detached" not in str(error).lower():
                raise
            continue
        return frame
    raise AssertionError("the network frame was replaced five times while being found")


def painted_pixels(frame) -> int:
    return frame.evaluate("""() => {
        const canvas = document.querySelector('#mynetwork canvas');
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 0; i < data.length; i += 4) {
            if (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240) painted++;
        }
        return painted;
    }""")


def download(page, click) -> tuple[str, bytes]:
    """What one click on a download button delivers. The click waits until no script run is going on: a lazy
    download's data is made by a run of its own."""
    settle(page)
    with page.expect_download(timeout=WAIT_MS) as arrived:
        click()
    done = arrived.value
    return done.suggested_filename, Path(done.path()).read_bytes()


def metric_value(page, label: str) -> str:
    return page.locator("[data-testid='stMetric']").filter(has_text=label).locator(
        "[data-testid='stMetricValue']").first.inner_text()


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


def test_explore_opens_on_the_clusters_and_their_collaborations(page, app_url):
    visit(page, app_url, "explore", "Explore")
    frame = network_frame(page)
    assert frame.evaluate("network.body.data.nodes.length") > 40  # the fixture's clusters and partners
    titles = frame.evaluate("network.body.data.edges.get().map(e => e.title.textContent)")
    assert any(title.startswith("SHARED_PROJECTS") for title in titles)
    assert painted_pixels(frame) > 5000


def test_queries_show_rows_and_download_all(page, app_url):
    visit(page, app_url, "queries?queries_name=labels/valid-on", "Queries")
    rows = page.get_by_text("rows", exact=False).filter(has_text=" rows").first
    rows.wait_for()
    assert int(rows.inner_text().split()[0].replace(",", "")) >= 1
    page.locator("[data-testid='stDataFrame']").first.wait_for()
    screenshot(page, "queries")
    name, body = download(page, lambda: page.get_by_role("button", name="All rows as CSV").click())
    lines = body.decode("utf-8").splitlines()
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
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
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
    overlay = page.locator("#deckgl-overlay")
    overlay.wait_for()
    from PIL import Image

    def painted() -> int:
        grey = Image.open(io.BytesIO(overlay.screenshot())).convert("L").tobytes()
        return sum(1 for value in grey if value < 235)

    deadline = time.monotonic() + WAIT_MS / 1000
    while painted() <= 500 and time.monotonic() < deadline:  # deck.gl draws a few frames after the page runs
        painted_frames(page)
    assert painted() > 500, "the map drew nothing"
    screenshot(page, "map")


def test_data_refuses_a_bad_upload_and_writes_nothing(page, app_url, fixture_store):
    before = counts(fixture_store)
    bad = FIXTURES / "generic_bad" / "bad_date"
    with pytest.raises(ValidationFailed) as refused:
        parse_generic(bad / "mapping.toml")
    visit(page, app_url, "data", "Data")
    inputs = page.locator("input[type='file']")
    inputs.nth(0).set_input_files(str(bad / "mapping.toml"))
    settle(page)
    inputs.nth(1).set_input_files([str(p) for p in bad.iterdir() if p.name != "mapping.toml"])
    # With the mapping alone the page waits for the CSV it names; then the count of the whole upload: every
    # problem the loader finds in the files, each named.
    problems = len(refused.value.problems)
    page.get_by_text(f"{problems} problem(s); nothing was written", exact=False).first.wait_for()
    settle(page)
    assert problems >= 2 and counts(fixture_store) == before
    screenshot(page, "data")
