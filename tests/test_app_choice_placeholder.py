"""What a long list's picker says it offers, by AppTest on the real embedded store of tests/test_app.py: a list of
countries has a Find box however short, and its picker had said "the first 200 of 38" (the Map's countries), "the
first 200 of 1" (the Map of a user's load in one country), offering all of them."""

from __future__ import annotations

import pytest

from tests.test_app import app_store, open_page  # noqa: F401  (app_store: a fixture)

pytestmark = pytest.mark.usefixtures("app_store")


def test_a_short_list_of_countries_says_how_many_it_offers():
    picker = open_page("map").multiselect(key="map_countries")
    count = len(picker.options)
    assert 0 < count <= 200
    assert picker.placeholder == f"{count:,} to choose from"
