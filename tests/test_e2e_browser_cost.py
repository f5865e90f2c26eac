"""End to end: what the browser does per Explore visit (the app and store of tests/e2e_helpers.py, headless Chromium).

The network page loads vis-network from the app's static files (`/app/static/`, cached by the browser)
instead of carrying it in every frame, still without any request leaving 127.0.0.1 (the `page` fixture
checks), and the "Network HTML" download holds the library itself, so the saved file draws offline.
"""

from __future__ import annotations

from pathlib import Path

from graph.views.render import LIBRARY_FILE, library_text
from tests import e2e_helpers as e2e
from tests.e2e_helpers import download, network_frame, painted_pixels, visit

app_url, browser, page, fixture_store = e2e.app_url, e2e.browser, e2e.page, e2e.fixture_store
pytestmark = e2e.needs_chromium
LIBRARY_PATH = f"/app/static/{LIBRARY_FILE}"


def test_the_network_draws_with_the_library_served_as_a_file(page, app_url):
    answers = []
    page.on("response", lambda r: answers.append((r.status, r.headers)) if r.url.endswith(LIBRARY_PATH) else None)
    visit(page, app_url, "explore?explore_focus=Cluster:iot-world", "Explore")
    frame = network_frame(page)
    assert painted_pixels(frame) > 1000
    srcdoc = page.locator("iframe[title='Network view']").get_attribute("srcdoc")
    assert f'<script src="{LIBRARY_PATH}"></script>' in srcdoc
    assert len(srcdoc) < len(library_text()) / 4, "the frame should not carry the library"
    assert answers and answers[0][0] == 200 and "javascript" in answers[0][1]["content-type"]
    assert "etag" in answers[0][1] or "last-modified" in answers[0][1]  # the browser can keep and revalidate it


def test_the_downloaded_network_holds_the_library_and_draws_offline(page, app_url, browser, tmp_path):
    visit(page, app_url, "explore?explore_focus=Cluster:iot-world", "Explore")
    network_frame(page)
    name, body = download(page, lambda: page.get_by_role("button", name="Network HTML").click())
    text = body.decode()
    assert name == "network.html" and library_text() in text and "<script src=" not in text
    saved = Path(tmp_path) / name
    saved.write_bytes(body)
    offline = browser.new_context(offline=True)
    try:
        tab = offline.new_page()
        asked = []
        tab.on("request", lambda r: asked.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
        tab.goto(saved.as_uri())
        tab.wait_for_selector("body[data-drawn]", timeout=e2e.WAIT_MS)
        assert int(tab.get_attribute("body", "data-drawn")) > 1 and painted_pixels(tab.main_frame) > 1000
        assert asked == [], f"the saved page asked for {asked[:3]}"
    finally:
        offline.close()


def test_a_focus_visit_builds_one_data_grid(page, app_url):
    visit(page, app_url, "explore?explore_focus=Cluster:iot-world", "Explore")
    network_frame(page)
    e2e.settle(page)
    page.locator("[data-testid='stDataFrame']").first.wait_for()
    assert page.locator("[data-testid='stDataFrame']").count() == 1  # Properties; Neighbours only when opened
    page.get_by_role("tab", name="Neighbours").click()
    page.get_by_role("tab", name="Neighbours", selected=True).wait_for()
    e2e.settle(page)
    page.locator("[data-testid='stDataFrame']").first.wait_for()
    assert page.locator("[data-testid='stDataFrame']").count() == 1

