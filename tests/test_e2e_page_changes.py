"""End to end, what a page change keeps: the nodes chosen on Partners and Explore, and a time window that came
with a link, in headless Chromium on the app of tests/e2e_helpers.py (seeds, NUTS and CORDIS fixtures).

Streamlit drops the state of a widget whose page is not run; these pin down that the choices a user made (or a
link made) are still there, and in the address, when the user comes back or moves on.
"""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlsplit

from graph.views import store_views
from tests import e2e_helpers as e2e
from tests.e2e_helpers import fixture_store, settle, visit  # noqa: F401  (fixtures)

app_url, browser, page = e2e.app_url, e2e.browser, e2e.page
pytestmark = e2e.needs_chromium
SMALAND = "Cluster:automation-smaland"


def go_to(tab, name: str) -> None:
    """Click a page in the sidebar's navigation, as a user does, and wait for its run to end."""
    tab.locator("[data-testid='stSidebarNav']").get_by_role("link", name=name).click()
    tab.get_by_role("heading", name=name, level=1).wait_for()
    settle(tab)


def address(tab) -> dict[str, list[str]]:
    return parse_qs(urlsplit(tab.url).query)


def address_holds(tab, key: str, values: list[str] | None) -> bool:
    """Whether the address comes to hold `key` = `values`: the page writes it at the end of its run, and a run may
    follow the one `settle` saw end (on a loaded machine the check came too early), so it is waited for."""
    deadline = time.monotonic() + e2e.WAIT_MS / 1000
    while address(tab).get(key) != values and time.monotonic() < deadline:
        tab.wait_for_timeout(100)
    return address(tab).get(key) == values


def choose_first_hit(tab, search: str, text: str, picker: str) -> None:
    """Type `text` in the search box `search`, then choose the first hit in the multiselect `picker`."""
    tab.get_by_label(search).fill(text)
    tab.keyboard.press("Enter")
    settle(tab)
    tab.get_by_test_id("stMultiSelect").filter(has_text=picker).locator("input").click()
    tab.get_by_role("option").first.click()
    tab.keyboard.press("Escape")
    settle(tab)


def chosen(tab, picker: str, name: str) -> bool:
    """Whether the multiselect `picker` comes to show `name` among its choices (waited for, as the address)."""
    tab.get_by_test_id("stMultiSelect").filter(has_text=picker).filter(has_text=name).wait_for(timeout=e2e.WAIT_MS)
    return True


def test_the_partners_consortium_survives_a_visit_to_explore(page, app_url):  # noqa: F811
    visit(page, app_url, "partners", "Partners")
    choose_first_hit(page, "Search organisations, clusters or projects", "Automation Småland",
                     "Organisations, clusters or projects")
    page.get_by_role("spinbutton", name="At least this many countries").fill("3")
    page.keyboard.press("Enter")
    settle(page)
    assert address_holds(page, "partners_focal", [SMALAND])
    go_to(page, "Explore")
    go_to(page, "Partners")
    assert chosen(page, "Organisations, clusters or projects", "Automation Småland")
    assert address_holds(page, "partners_focal", [SMALAND]) and address_holds(page, "partners_countries", ["3"])
    page.get_by_role("heading", name="What the call still needs").wait_for()  # computed for it, not the empty hint


def test_the_explore_focus_survives_a_page_change_and_back_returns_to_it(page, app_url):  # noqa: F811
    visit(page, app_url, "explore", "Explore")
    choose_first_hit(page, "Search nodes to focus on", "Automation Småland", "Nodes to focus on")
    assert address_holds(page, "explore_focus", [SMALAND])
    go_to(page, "Map")
    go_to(page, "Explore")
    assert chosen(page, "Nodes to focus on", "Automation Småland")
    assert address_holds(page, "explore_focus", [SMALAND])
    go_to(page, "Partners")
    page.go_back()
    page.get_by_role("heading", name="Explore", level=1).wait_for()
    settle(page)
    assert address_holds(page, "explore_focus", [SMALAND])
    assert chosen(page, "Nodes to focus on", "Automation Småland")


def test_a_time_window_from_a_link_follows_the_first_page_change(page, app_url, fixture_store):  # noqa: F811
    low, high = store_views.project_years(fixture_store)
    first, last = low + 1, high - 1
    assert first < last, "the case needs a window narrower than all years"
    visit(page, app_url, f"explore?time={first}&time={last}", "Explore")
    for name in ("Partners", "Overview", "Metrics"):
        go_to(page, name)
        if name == "Overview":  # no slider here; the window waits for the next page that has one
            continue
        assert address_holds(page, "time", [str(first), str(last)]), name
        end = page.locator("[data-testid='stSidebar'] input[aria-label='Projects and labels in — end']")
        assert end.get_attribute("aria-valuetext") == str(last), name
        caption = page.locator("[data-testid='stSidebar']").get_by_text(re.compile(r"^Showing .* only\.$"))
        assert str(first) in caption.inner_text(), name


def test_all_years_again_leaves_the_address_and_a_bad_link_shows_all_years(page, app_url, fixture_store):  # noqa: F811
    low, high = store_views.project_years(fixture_store)
    visit(page, app_url, f"metrics?time={low + 1}&time={high - 1}", "Metrics")
    sidebar = page.locator("[data-testid='stSidebar']")
    for end, key in (("start", "Home"), ("end", "End")):
        sidebar.locator(f"input[aria-label='Projects and labels in — {end}']").focus()
        page.keyboard.press(key)
        settle(page)
    assert address_holds(page, "time", None)  # all years: nothing to carry
    assert sidebar.get_by_text(re.compile(r"^Showing .* only\.$")).count() == 0
    visit(page, app_url, "metrics?time=1066&time=soon", "Metrics")  # years the store does not have
    end = sidebar.locator("input[aria-label='Projects and labels in — end']")
    assert end.get_attribute("aria-valuetext") == str(high) and address_holds(page, "time", None)
