"""The Queries page's node pickers: a search that finds a node replaces the query's untouched example, by AppTest on
the real embedded store of tests/test_app.py. A try-out typed their cluster's name in `clusters/members`; it was
added to the choices, but the example (IoT World) stayed chosen and Run answered for it."""

from __future__ import annotations

import pytest

from tests.test_app import app_store, open_page  # noqa: F401  (app_store: a fixture)

pytestmark = pytest.mark.usefixtures("app_store")
KEY = "queries_clusters/members:cluster"


def test_one_node_found_replaces_the_example():
    at = open_page("queries", queries_name="clusters/members")
    example = at.selectbox(key=KEY).value
    at.text_input(key=f"{KEY}_search").input("marinn").run()
    assert not at.exception
    picker = at.selectbox(key=KEY)
    assert example != "pic:884723712" and picker.value == "pic:884723712"
    assert at.query_params[KEY] == "pic:884723712"


def test_several_found_clear_the_example_and_ask_to_pick_one():
    at = open_page("queries", queries_name="clusters/members")
    at.text_input(key=f"{KEY}_search").input("cluster").run()
    assert not at.exception
    picker = at.selectbox(key=KEY)
    assert picker.value is None and len(picker.options) > 1
    assert any("nodes match: pick one in the list" in c.value for c in at.caption)


def test_a_choice_of_the_users_own_stays_when_they_search():
    at = open_page("queries", queries_name="clusters/members")
    at.text_input(key=f"{KEY}_search").input("marinn").run()
    at.text_input(key=f"{KEY}_search").input("cluster").run()  # a second search: MARINN is the user's choice now
    assert at.selectbox(key=KEY).value == "pic:884723712"
