"""A Queries link that gives a parameter under its own name, as docs/app.md writes it (`level=9`, `on=31.12.2024`),
by AppTest on the real embedded store of tests/test_app.py: such a value had been left unread, the field showing the
query's example without a word (`?queries_name=clusters/members&cluster=...` listed IoT World's members). It now
fills the field, the address holding the field's own key."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_app import app_store, open_page  # noqa: F401  (app_store: a fixture)

pytestmark = pytest.mark.usefixtures("app_store")


def test_a_value_under_the_parameters_own_name_fills_its_field():
    at = open_page("queries", queries_name="labels/valid-on", on="31.12.2024")
    assert at.date_input(key="queries_labels/valid-on:on").value == dt.date(2024, 12, 31)
    assert at.query_params["queries_labels/valid-on:on"] == "2024-12-31"
    assert "on" not in at.query_params


def test_a_node_named_under_the_parameters_own_name_is_the_nodes_choice():
    at = open_page("queries", queries_name="clusters/members", cluster="industrial-green-tech")
    assert at.selectbox(key="queries_clusters/members:cluster").value == "industrial-green-tech"
    assert "cluster" not in at.query_params


def test_a_text_under_the_parameters_own_name_fills_its_text_field():
    """A plain text field is seeded from the address the run starts with: `area=AT31` had been said not used."""
    at = open_page("queries", queries_name="organisations/smes-in-region", area="DK")
    assert at.text_input(key="queries_organisations/smes-in-region:area").value == "DK"
    assert not at.warning
