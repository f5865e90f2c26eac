"""End to end: the real app (`streamlit run app.py`) in a real headless Chromium, page by page.

The server runs on a free local port against a temporary embedded store holding the seed data, the
NUTS and CORDIS fixtures and an organisation named `<img src=x onerror=alert(1)>`. Debian's Chromium
is driven by Playwright (`executable_path`; no browser is downloaded). Every page is visited and
saved as a screenshot under test-artifacts/screenshots/. The browser must make no request outside
127.0.0.1: the app works offline. Every wait is bounded, and the server is stopped at the end.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from graph.store.falkordb_store import FalkorDBStore
from graph.store.writer import write_records
from loaders.cordis import load_cordis
from loaders.nuts import load_nuts
from loaders.seeds import load_seeds
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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_healthy(url: str, server: subprocess.Popen, log: Path, timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the app exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    return
        time.sleep(0.5)
    pytest.fail(f"the app did not answer within {timeout_s:.0f} s:\n{log.read_text()[-3000:]}")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


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
def app_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("e2e")
    store = FalkorDBStore(folder / "store.db", "cluster_explorer")
    store.setup_schema()
    load_seeds(store)
    load_nuts(store, FIXTURES / "nuts")
    load_cordis(store, FIXTURES / "cordis")
    write_records(store, *xss_records())
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
        stop(server)
        close_store(store)


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
    """Wait until the script run is over (Streamlit shows its status widget while it runs)."""
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=WAIT_MS)


def screenshot(page, name: str) -> None:
    """The whole page: Streamlit scrolls inside its own container, so the window is made tall first."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || 1000")
    page.set_viewport_size({"width": 1400, "height": min(max(height + 40, 1000), 3000)})
    page.wait_for_timeout(800)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    page.set_viewport_size({"width": 1400, "height": 1000})


def network_frame(page):
    frame = page.wait_for_selector("iframe[title='Network view']").content_frame()
    frame.wait_for_selector("body[data-drawn]", timeout=WAIT_MS)
    return frame


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
    with page.expect_download(timeout=WAIT_MS) as arrived:
        click()
    done = arrived.value
    return done.suggested_filename, Path(done.path()).read_bytes()


def test_overview(page, app_url):
    visit(page, app_url, "", "Overview")
    page.get_by_text("Nodes per kind").wait_for()
    page.get_by_text("Sources loaded").wait_for()
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


def test_metrics(page, app_url):
    visit(page, app_url, "metrics", "Metrics")
    page.get_by_role("button", name="Compute").click()
    page.get_by_text("Distribution of degree").wait_for()
    settle(page)
    screenshot(page, "metrics")


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
    page.wait_for_timeout(1500)
    from PIL import Image

    grey = Image.open(io.BytesIO(overlay.screenshot())).convert("L").tobytes()
    painted = sum(1 for value in grey if value < 235)
    assert painted > 500, "the map drew nothing"
    screenshot(page, "map")


def test_data_refuses_a_bad_upload(page, app_url):
    visit(page, app_url, "data", "Data")
    bad = FIXTURES / "generic_bad" / "bad_date"
    inputs = page.locator("input[type='file']")
    inputs.nth(0).set_input_files(str(bad / "mapping.toml"))
    settle(page)
    inputs.nth(1).set_input_files([str(p) for p in bad.iterdir() if p.name != "mapping.toml"])
    page.get_by_text("nothing was written", exact=False).first.wait_for()
    settle(page)
    screenshot(page, "data")
