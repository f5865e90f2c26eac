"""The parts every end-to-end module shares: the app (`streamlit run app.py`) on a fixture store, Debian's
headless Chromium driven by Playwright, a tab that fails its test on any request outside 127.0.0.1 or any
script dialog, and the waits (on conditions, each bounded) the pages need.

The fixtures are imported by the test modules that use them (`tests/test_e2e*.py`); a module that defines its
own `fixture_store` gets the app on that store. Nothing here is collected as a test.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from graph.store.falkordb_store import FalkorDBStore
from graph.store.writer import write_records
from loaders.cordis import load_cordis
from loaders.nuts import load_nuts
from loaders.seeds import load_seeds
from tests.app_process import start_on_any_port, stop_app
from tests.conftest import FIXTURES
from tests.test_app import xss_records

playwright = pytest.importorskip("playwright.sync_api", reason="the end-to-end tests need the playwright package")

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
WAIT_MS = 90_000  # generous: two cores, other processes

needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"needs Debian's Chromium at {CHROMIUM}")


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


def fixture_network(tmp_path_factory) -> FalkorDBStore:
    """A new store holding the e2e network: seeds, the NUTS and CORDIS fixtures and the XSS organisation (a module
    adding data of its own builds its `fixture_store` on it)."""
    store = FalkorDBStore(tmp_path_factory.mktemp("e2e") / "store.db", "cluster_explorer")
    store.setup_schema()
    load_seeds(store)
    load_nuts(store, FIXTURES / "nuts")
    load_cordis(store, FIXTURES / "cordis")
    write_records(store, *xss_records())
    return store


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory):
    """The store the app reads: the e2e network (`fixture_network`)."""
    store = fixture_network(tmp_path_factory)
    yield store
    close_store(store)


@pytest.fixture(scope="module")
def app_url(fixture_store):
    folder = Path(fixture_store.db_path).parent
    log = folder / "server.log"
    env = {**os.environ, "CLUSTER_EXPLORER_DB": str(folder / "store.db"), "CLUSTER_EXPLORER_GRAPH": "cluster_explorer",
           "CLUSTER_EXPLORER_QUERIES": str(folder / "queries")}
    env.pop("NEO4J_URI", None)
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
               "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
               "--client.toolbarMode", "viewer", "--server.fileWatcherType", "none"]
    server, url = start_on_any_port(command, log, cwd=ROOT, env=env)
    try:
        yield url
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
    """Wait until the script run is over: the app says so on its root, and hides its status widget.

    Right after a click or a key press this can still see the page before that action's run: the browser marks a
    run only when the server's first message of it comes (a widget's change sends its message and marks nothing,
    in Streamlit 1.67), later on a loaded machine. So wait first for something the run shows (a text, the address:
    `test_e2e_page_changes.address_holds`), then settle."""
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


def map_painted(page) -> int:
    """Pixels of the Map darker than its white background, waited for until there are more than 500 (bounded):
    deck.gl draws its layers a few frames after the page's run ends, later on a loaded machine."""
    import io

    from PIL import Image

    overlay = page.locator("#deckgl-overlay")
    overlay.wait_for()
    deadline, count = time.monotonic() + WAIT_MS / 1000, 0
    while count <= 500 and time.monotonic() < deadline:
        painted_frames(page)
        grey = Image.open(io.BytesIO(overlay.screenshot())).convert("L").tobytes()
        count = sum(1 for value in grey if value < 235)
    return count


def map_tooltip(page, view, lat: float, lon: float, shows, shift_x: float = 0.0):
    """The Map's tooltip once it `shows` (a test of its text), the pointer moved onto the point (`lat`, `lon`) of the
    first `view`, `shift_x` pixels right of it; tried again until it shows (bounded): deck.gl picks on pointer
    moves, in a later frame, and a move before its layers were ready picked nothing."""
    from graph.views import map_frame

    box = page.locator("#deckgl-overlay").bounding_box()
    x, y = map_frame.to_pixels(view, lat, lon, box["width"], box["height"])
    tooltip = page.locator(".deck-tooltip")
    deadline = time.monotonic() + WAIT_MS / 1000
    while not (tooltip.is_visible() and shows(tooltip.inner_text())) and time.monotonic() < deadline:
        page.mouse.move(box["x"] + x + shift_x - 40, box["y"] + y - 40)
        page.mouse.move(box["x"] + x + shift_x, box["y"] + y, steps=8)
        painted_frames(page)
        painted_frames(page)
    return tooltip


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
    """What a click on a download button delivers. The click waits until no script run is going on. A click that
    lands while a run replaces the button is lost (the Explore page's "Network HTML" gave no download once in a
    full run, loaded, and did alone): after a third of the wait the page is settled and the button clicked once
    more, as a user would. (A click itself runs no script: `app_pages.common.NO_RERUN`.)"""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    settle(page)
    try:
        with page.expect_download(timeout=WAIT_MS // 3) as arrived:
            click()
    except PlaywrightTimeout:
        settle(page)
        with page.expect_download(timeout=WAIT_MS) as arrived:
            click()
    done = arrived.value
    return done.suggested_filename, Path(done.path()).read_bytes()


def metric_value(page, label: str) -> str:
    return page.locator("[data-testid='stMetric']").filter(has_text=label).locator(
        "[data-testid='stMetricValue']").first.inner_text()
