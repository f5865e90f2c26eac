"""End to end, in headless Chromium: every text box's placeholder on the pages with sidebar filters fits its box.
The sidebar's Find boxes said "2,204 in all: a word of the name or code", shown as "2,204 in all: a word of the
name or coc" in a sidebar of the default width.

Reuses the app server, browser and page fixtures of tests/e2e_helpers.py on that module's store plus 1,200 sectors,
so that a Find box counts its choices in thousands as on the bundled sample (2,584 sectors).
"""

from __future__ import annotations

import pytest

from graph.store.records import NodeRecord
from graph.store.writer import write_records
from tests import e2e_helpers as e2e
from tests.e2e_helpers import needs_chromium, visit

app_url, browser, page = e2e.app_url, e2e.browser, e2e.page  # the fixtures of e2e_helpers.py, on this module's store

pytestmark = needs_chromium

#: Each text box with a placeholder (a selectbox's hidden one aside): [placeholder, its width as drawn in the
#: box's font, the room inside the box].
PLACEHOLDERS = """() => {
  const ctx = document.createElement('canvas').getContext('2d');
  return [...document.querySelectorAll('[data-testid="stTextInput"] input[placeholder]')]
    .filter(i => i.placeholder && i.offsetParent)
    .map(input => {
      const style = getComputedStyle(input);
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return [input.placeholder, ctx.measureText(input.placeholder).width, room];
    });
}"""


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory):
    """The e2e store of tests/e2e_helpers.py with 1,200 more sectors (before the app starts)."""
    store = e2e.fixture_store.__wrapped__(tmp_path_factory)
    opened = next(store)
    write_records(opened, [NodeRecord("Sector", f"many-{i}", f"Sector {i}", ("test:many",)) for i in range(1200)], [])
    yield opened
    next(store, None)


@pytest.mark.parametrize(("path", "heading"), [("explore", "Explore"), ("metrics", "Metrics"),
                                               ("partners", "Partners")])
def test_every_placeholder_fits_its_box(page, app_url, path, heading):  # noqa: F811
    visit(page, app_url, path, heading)
    page.wait_for_selector("[data-testid='stSidebar'] [data-testid='stTextInput'] input[placeholder]")
    shown = page.evaluate(PLACEHOLDERS)
    assert shown, "no text box with a placeholder on the page"
    cut = [(text, round(width), round(room)) for text, width, room in shown if width > room]
    assert cut == [], f"placeholders cut off: {cut}"
