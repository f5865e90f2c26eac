"""End to end, in headless Chromium: the Queries and Data items of issue 15, each as a user meets it.

Reuses the server, store and browser fixtures of tests/e2e_helpers.py (a server of this module's own);
screenshots go to test-artifacts/screenshots/ beside the others. Every wait is on a condition.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from playwright.sync_api import expect

from graph.store.reads import counts
from tests import e2e_helpers as e2e
from tests.conftest import FIXTURES
from tests.e2e_helpers import WAIT_MS, screenshot, settle, visit

# The fixtures of tests/e2e_helpers.py, used here under their own names (a server for this module).
fixture_store, app_url, browser, page = e2e.fixture_store, e2e.app_url, e2e.browser, e2e.page
pytestmark = e2e.needs_chromium
EXAMPLES = FIXTURES.parents[1] / "examples" / "members"


def type_cypher(page, cypher: str) -> None:
    box = page.get_by_label("Cypher", exact=True)
    box.fill(cypher)
    box.press("Control+Enter")  # commits the text area's value
    settle(page)


def run_adhoc(page, cypher: str) -> None:
    type_cypher(page, cypher)
    page.get_by_role("button", name="Run read-only").click()
    settle(page)


def frames(page) -> int:
    return page.locator("[data-testid='stDataFrame']").count()


def test_two_downloads_one_right_after_the_other_both_arrive(page, app_url):
    visit(page, app_url, "queries?queries_name=labels/valid-on", "Queries")
    page.get_by_role("button", name="All rows as JSON").wait_for()
    arrived = []
    page.on("download", lambda d: arrived.append(d))
    page.get_by_role("button", name="All rows as CSV").click()
    page.get_by_role("button", name="All rows as JSON").click()  # no wait between the clicks
    while len(arrived) < 2:
        page.wait_for_event("download", timeout=WAIT_MS)
    arrived = {d.suggested_filename: Path(d.path()).read_bytes() for d in arrived}
    assert set(arrived) == {"labels-valid-on.csv", "labels-valid-on.json"}
    rows = json.loads(arrived["labels-valid-on.json"])
    assert rows and arrived["labels-valid-on.csv"].decode().count("\n") == len(rows) + 1


def test_a_syntax_error_replaces_the_result_and_points_at_the_text(page, app_url):
    visit(page, app_url, "queries", "Queries")
    run_adhoc(page, "MATCH (c:Cluster {id: 'iot-world'}) RETURN c.name AS name")
    adhoc_table = page.locator(".st-key-queries_adhoc_output [data-testid='stDataFrame']")
    adhoc_table.wait_for()
    run_adhoc(page, "MATCH (c:Cluster)\nRTURN c.name")
    alert = page.get_by_text(re.compile(r"could not parse the query at line 2, column 2: Invalid input"))
    alert.wait_for()
    assert "errMsg" not in alert.inner_text()
    caret = page.locator("[data-testid='stCode']").filter(has_text="RTURN c.name")
    assert caret.inner_text().splitlines()[:2] == ["RTURN c.name", " ^"]
    settle(page)
    assert adhoc_table.count() == 0, "the earlier result is still shown under the error"
    screenshot(page, "queries-syntax-error")


def test_a_refused_save_names_the_problem_not_a_file(page, app_url):
    visit(page, app_url, "queries", "Queries")
    type_cypher(page, "MATCH (c:Cluster {id: $id}) RETURN c.name")
    page.get_by_role("button", name="Save").click()
    refusal = page.get_by_text(re.compile(r"^Not saved: parameter \$id used but not declared"))
    refusal.wait_for()
    assert ".cypher" not in refusal.inner_text() and "Parameters as JSON" in refusal.inner_text()


def _pick(page, end: str, text: str, option: str) -> None:
    """Search `text` in the picker of the parameter `end` and make the match whose name holds `option` the choice.

    The search's run may start after a first settle (`settle`'s docstring): a list opened before it was closed by it,
    and the click then waited 90 s for an option of a list no longer open (1 run in 10 on a busy machine). So wait for
    what the run shows first: the one match already chosen (it replaces the query's untouched example), or the word
    that several match; then pick from the list only if it is not chosen yet."""
    search, choice = (page.get_by_role("textbox", name=f"{end}: find by name"), page.get_by_role("combobox", name=end))
    search.fill(text)
    search.press("Enter")
    expect(choice.and_(page.locator(f"[value*='{option}']")).or_(
        page.get_by_text(re.compile(r"nodes match: pick one"))).first).to_be_visible()
    settle(page)
    if not re.search(option, choice.input_value()):
        choice.click()
        page.get_by_role("option", name=re.compile(option)).click()
        settle(page)
    expect(choice).to_have_value(re.compile(option))


def test_an_organisation_is_picked_by_name(page, app_url):
    visit(page, app_url, "queries?queries_name=collaboration/path", "Queries")
    # `to` starts at the example's end, the University of California: moved to MARINN first, since one node given
    # as both ends is refused (and the refusal left the earlier result's row count shown now and then)
    _pick(page, "to", "MARINN", "MARINN")
    _pick(page, "from", "university of california", "UNIVERSITY OF CALIFORNIA")
    settle(page)  # the address is written at the end of the run, which may follow the one settle saw: waited for
    page.wait_for_function("() => decodeURIComponent(location.search).includes('from=pic:999467340')")
    assert "pic%3A999467340" in page.url or "pic:999467340" in page.url
    page.get_by_text(re.compile(r"^\d+ rows?\b")).first.wait_for()  # "1 row", "3 rows"
    screenshot(page, "queries-picker")


def test_the_result_graph_fits_its_frame(page, app_url):
    visit(page, app_url, "queries", "Queries")
    run_adhoc(page, "MATCH (o:Organisation)-[p:PARTICIPATES_IN]->(j:Project) RETURN o, p, j LIMIT 60")
    page.get_by_role("radio", name=re.compile(r"Graph \(\d+ nodes\)")).or_(
        page.get_by_role("button", name=re.compile(r"Graph \(\d+ nodes\)"))).first.click()
    frame = page.wait_for_selector("iframe[title='Query result graph']").content_frame()
    frame.wait_for_selector("body[data-drawn]", timeout=WAIT_MS)
    outside = frame.evaluate("""() => {
        const box = document.querySelector('#mynetwork').getBoundingClientRect();
        return Object.values(network.getPositions()).map(p => network.canvasToDOM(p))
            .filter(p => p.x < 0 || p.y < 0 || p.x > box.width || p.y > box.height).length;
    }""")
    assert frame.evaluate("network.body.data.nodes.length") > 10 and outside == 0
    screenshot(page, "queries-graph")


def test_a_mapping_first_waits_for_its_files_then_checks_them(page, app_url, fixture_store):
    before = counts(fixture_store)
    bad = FIXTURES / "generic_bad" / "bad_date"
    visit(page, app_url, "data", "Data")
    inputs = page.locator("input[type='file']")
    inputs.nth(0).set_input_files(str(bad / "mapping.toml"))
    page.get_by_text("not uploaded yet: members.csv").wait_for()
    settle(page)
    assert page.locator("[data-testid='stAlertContentError']").count() == 0
    screenshot(page, "data-waiting")
    inputs.nth(1).set_input_files(str(bad / "members.csv"))
    page.get_by_text(re.compile(r"\d+ problem\(s\); nothing was written")).first.wait_for()
    assert counts(fixture_store) == before


def test_the_preview_counts_sources_apart(page, app_url):
    visit(page, app_url, "data", "Data")
    inputs = page.locator("input[type='file']")
    inputs.nth(0).set_input_files(str(EXAMPLES / "mapping.toml"))
    inputs.nth(1).set_input_files([str(p) for p in sorted(EXAMPLES.iterdir()) if p.name != "mapping.toml"])
    valid = r"Valid: [\d,]+ nodes \(.+\) and [\d,]+ relationships \(.+\), and \d+ Source"
    page.get_by_text(re.compile(valid)).wait_for()
    settle(page)
    screenshot(page, "data-preview")


def test_a_table_alone_gives_a_mapping_that_loads_it(page, app_url, tmp_path):
    visit(page, app_url, "data", "Data")
    table = FIXTURES / "participation" / "tildelinger.csv"
    inputs = page.locator("input[type='file']")
    inputs.nth(1).set_input_files(str(table))
    button = page.get_by_role("button", name="Download mapping", exact=True)
    button.wait_for()  # shown while the upload's run still goes on: `download` clicks once the run is over
    name, body = e2e.download(page, button.click)
    assert name == "tildelinger.mapping.toml"
    mapping = tmp_path / name
    mapping.write_bytes(body)
    inputs.nth(0).set_input_files(str(mapping))
    page.get_by_text(re.compile(r"Valid: \d+ nodes \(Project 90, Organisation 45")).wait_for()
    settle(page)
    screenshot(page, "data-template")


def test_a_cluster_list_alone_gets_a_mapping_of_a_list_that_checks(page, app_url, tmp_path):
    table = tmp_path / "kluster.csv"
    table.write_text("Klusternamn;Län;Bransch;Program\nAutomation Region;Västmanlands län;Automation;ARENA\n"
                     "Norrbotten Battery;Norrbottens län;Batterier;\n", encoding="utf-8")
    visit(page, app_url, "data", "Data")
    page.locator("input[type='file']").nth(1).set_input_files(str(table))
    page.get_by_text(re.compile(r"If kluster\.csv has one row per cluster: a mapping with \d+ guesses")).wait_for()
    box = page.get_by_label("Mapping for kluster.csv")
    expect(box).to_have_value(re.compile(r'label = "Cluster"'), timeout=WAIT_MS)  # filled as the page settles
    page.get_by_text("Check and load kluster.csv with this mapping").click()
    page.get_by_text(re.compile(r"Valid: \d+ nodes \(")).wait_for()
    settle(page)
    screenshot(page, "data-template-list")


def test_a_table_alone_is_mapped_checked_and_loaded_in_the_page(page, app_url, fixture_store):
    """Last in this module: it loads the table into the module's store."""
    before = counts(fixture_store)[0]
    visit(page, app_url, "data", "Data")
    page.locator("input[type='file']").nth(1).set_input_files(str(FIXTURES / "participation" / "tildelinger.csv"))
    page.get_by_label("Mapping for tildelinger.csv").wait_for()
    page.get_by_text("Check and load tildelinger.csv with this mapping").click()
    page.get_by_text(re.compile(r"Valid: \d+ nodes \(Project 90, Organisation 45")).wait_for()
    page.get_by_role("button", name="Load into the store").click()
    page.get_by_text(re.compile(r"Loaded: \d+ nodes \(\d+ created")).wait_for()
    settle(page)
    screenshot(page, "data-template-loaded")
    after = counts(fixture_store)[0]
    assert after["Project"] == before.get("Project", 0) + 90


def test_a_link_with_a_day_first_date_fills_the_date_field(page, app_url):
    """Streamlit reads a date field's address value as YYYY-MM-DD alone: `31/12/2024` had been dropped, the field
    showing its default without a word; the page now puts it in that form, in the address too."""
    visit(page, app_url, "queries?queries_name=labels/valid-on&queries_labels/valid-on:on=31/12/2024", "Queries")
    field = page.locator("[data-testid='stDateInput']").filter(has_text=re.compile(r"^on")).locator("input")
    expect(field).to_have_value("2024-12-31")  # (Streamlit 1.67 draws the browser's own date field)
    assert "queries_labels%2Fvalid-on%3Aon=2024-12-31" in page.url or "valid-on:on=2024-12-31" in page.url, page.url
    assert page.get_by_text("The link's").count() == 0
