"""A Queries link whose value a field would drop, though the query takes it in that form, by AppTest on the real
embedded store of tests/test_app.py: Streamlit seeds a bound field from the address as written (a date as
YYYY-MM-DD, a number with a point, a choice as written) and dropped the rest without a word, the field showing its
default: a day-first date (`31/12/2024`, `31.12.2024`), a decimal comma (`1,5`), `1 000`, `ESCA Gold`. Those are now
put in the field's form; one that may mean two values (`01/02/2024`, `1,500`) is named with both and the form the
field takes, and stays said, as the link's other unused values do, until its field is changed."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from tests.test_app import app_store, open_page, table  # noqa: F401  (app_store: a fixture)
from tests.test_app_queries_edges import said

pytestmark = pytest.mark.usefixtures("app_store")
VALID_ON = "labels/valid-on"
SHARE = "mine/share-asked"


@pytest.fixture(scope="module")
def share_query(app_store):  # noqa: F811
    """One of the user's queries with a float parameter (the shipped library has none), which returns it."""
    path = Path(os.environ["CLUSTER_EXPLORER_QUERIES"]) / f"{SHARE}.cypher"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("// title: The share asked\n// param share: float = 0.5 -- a share\n"
                    "RETURN $share AS share\n", encoding="utf-8")
    yield SHARE
    path.unlink()


def _linked(name: str, param: str, value: str):
    return open_page("queries", queries_name=name, **{f"queries_{name}:{param}": value})


@pytest.mark.parametrize("written", ["31/12/2024", "31.12.2024", " 2024-12-31 ", "31.12.2024 "])
def test_a_day_first_date_in_a_link_fills_the_date_field(written):
    at = _linked(VALID_ON, "on", written)
    assert at.date_input(key=f"queries_{VALID_ON}:on").value == dt.date(2024, 12, 31)
    assert at.query_params[f"queries_{VALID_ON}:on"] == "2024-12-31"  # the address holds the field's form
    assert "The link's" not in said(at.warning)


def test_a_date_more_than_ten_years_from_the_default_fills_the_field():
    """Streamlit's date field offers ten years either side of its value: 1990 had been dropped without a word."""
    at = _linked(VALID_ON, "on", "1990-01-01")
    assert at.date_input(key=f"queries_{VALID_ON}:on").value == dt.date(1990, 1, 1)
    assert "The link's" not in said(at.warning)


def test_a_date_whose_day_could_be_its_month_is_named_with_both_readings():
    at = _linked(VALID_ON, "on", "01/02/2024")
    expected = ("The link's on='01/02/2024' is not used: it reads as 2024-02-01 day first and as 2024-01-02 month "
                "first; the field takes a date as YYYY-MM-DD: on=2024-02-01 or on=2024-01-02; the field shows another "
                "value.")
    assert expected in said(at.warning)
    assert at.date_input(key=f"queries_{VALID_ON}:on").value == dt.date(2019, 6, 1)
    at = at.button(key="FormSubmitter:queries_form-Run").click().run()
    assert expected in said(at.warning)  # still the default's result
    at.date_input(key=f"queries_{VALID_ON}:on").set_value(dt.date(2024, 2, 1))
    at = at.button(key="FormSubmitter:queries_form-Run").click().run()
    assert "The link's" not in said(at.warning)


@pytest.mark.parametrize(("written", "share"), [("1,5", 1.5), ("0,25", 0.25), (" 2 ", 2.0)])
def test_a_decimal_comma_in_a_link_fills_the_number_field_and_runs(share_query, written, share):
    at = _linked(share_query, "share", written)
    assert at.number_input(key=f"queries_{share_query}:share").value == share
    assert list(table(at, "share")["share"]) == [share]
    assert "The link's" not in said(at.warning)


def test_a_comma_that_may_group_thousands_is_named_with_both_readings(share_query):
    at = _linked(share_query, "share", "1,500")
    assert ("The link's share='1,500' is not used: it reads as 1.5 with a decimal comma and as 1500 with a comma "
            "between thousands; the field takes a number with a decimal point: share=1.5 or share=1500"
            in said(at.warning))
    assert list(table(at, "share")["share"]) == [0.5]


@pytest.mark.parametrize(("name", "param", "written", "shown"), [
    ("labels/holders", "label", "ESCA Gold", "esca-gold"),  # a choice by its name, as the command line takes it
    ("regions/ranked-by-participations", "limit", "1 000", 1000),
    ("labels/valid-on", "min_level", "2.0", 2),  # the field took it, the warning had said it was not used
    ("labels/valid-on", "on", "2020/06/01", dt.date(2020, 6, 1)),  # (Streamlit's older form of a date) the same
])
def test_a_value_the_query_takes_in_another_form_fills_its_field(name, param, written, shown):
    at = _linked(name, param, written)
    key = f"queries_{name}:{param}"
    field = next(e for kind in ("selectbox", "number_input", "date_input") for e in at.get(kind) if e.key == key)
    assert field.value == shown
    assert "The link's" not in said(at.warning)
