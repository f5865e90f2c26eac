"""Download buttons, by AppTest on the real embedded store of tests/test_app.py: a click only downloads.

Streamlit's default for a download button also runs the page again, and for a file made on click that run starts
while the file is made: a run's start empties the queue of messages to the browser, so the file's answer could be
dropped and the button stayed disabled (a full CI run: the Explore page's "Network HTML", 90 s). Every button of
the app passes `app_pages.common.NO_RERUN`.
"""

from __future__ import annotations

import pytest

from tests.test_app import app_store, open_page  # noqa: F401  (app_store: a fixture)

pytestmark = pytest.mark.usefixtures("app_store")


def test_the_explore_downloads_are_made_on_click_and_run_no_script():
    buttons = open_page("explore", explore_focus="Cluster:iot-world").get("download_button")
    assert [b.label for b in buttons] == ["GraphML", "Nodes CSV", "Edges CSV", "Network HTML"]
    assert all(b.proto.deferred_file_id and b.proto.ignore_rerun for b in buttons)


def test_a_saved_query_s_downloads_run_no_script():
    buttons = open_page("queries", queries_name="labels/valid-on").get("download_button")
    assert {b.label for b in buttons} >= {"All rows as CSV", "All rows as JSON"}
    assert all(b.proto.ignore_rerun for b in buttons)
