"""The Partners page's *Find places to add* (AppTest, the real embedded store of tests/test_app.py): a misspelt
country, by name or code, offers the country it nearly spells and says so; "germny" had found none, unsaid why."""

from __future__ import annotations

import pytest

from tests.test_app import app_store, open_page  # noqa: F401  (app_store: a fixture)

pytestmark = pytest.mark.usefixtures("app_store")
FOCAL = "Organisation:pic:999977851"


@pytest.mark.parametrize("typed", ["germny", "DEUU"])
def test_a_misspelt_country_offers_the_one_it_nearly_spells(typed):
    picker = open_page("partners", partners_focal=FOCAL, partners_add_find=typed).multiselect(key="partners_add")
    assert picker.placeholder == "0 found; did you mean Germany (DE)?"
    assert "Germany (DE)" in picker.options


def test_a_text_near_no_place_offers_nothing_more():
    picker = open_page("partners", partners_focal=FOCAL, partners_add_find="qqqzzzx").multiselect(key="partners_add")
    assert picker.placeholder == "0 found"
