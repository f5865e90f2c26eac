"""Explore's choices in the address and the session, in AppTest on the fixture network (tests/test_app.py's store).

AppTest does not reflect what a bound widget writes into the address, nor the browser's Back and Forward: those are
pinned down in Chromium (tests/test_e2e_back_forward.py). Here: a link naming a node's details opens on them, and a
page's controls outlive a visit to another page that takes the address with it.
"""

from __future__ import annotations

from tests.test_app import app_store, open_page  # noqa: F401  (fixture)

IOT_WORLD = "Cluster:iot-world"


def test_a_link_opens_on_a_nodes_details(app_store):  # noqa: F811
    at = open_page("explore", explore_details=IOT_WORLD)
    assert at.selectbox(key="explore_details").value == IOT_WORLD
    assert "IoT World" in [s.value for s in at.subheader]


def test_a_details_link_to_a_node_the_view_lacks_is_no_choice(app_store):  # noqa: F811
    at = open_page("explore", explore_details="Organisation:not-in-the-store")
    assert at.selectbox(key="explore_details").value is None and not at.exception


def test_explores_controls_outlive_a_visit_to_partners(app_store):  # noqa: F811
    at = open_page("explore", explore_depth="2", explore_cap="500", explore_colour="community")
    at.switch_page("app_pages/partners.py").run()
    at.query_params.clear()  # the address no longer names them: the session keeps them
    at.switch_page("app_pages/explore.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.select_slider(key="explore_depth").value == 2
    assert at.number_input(key="explore_cap").value == 500
    assert at.radio(key="explore_colour").value == "community"
