"""Amounts written with their currency, as Excel's accounting format saves them (`3 450 000 kr`): every cell had
been refused ("expected a number") and `mapping new` told the officer to correct all 23 by hand. A column whose
currency is known reads that currency's mark past; another currency's mark is still refused, so no amount is
stored in a currency its cell does not say (graph/currency_marks.py). The table is
tests/fixtures/swedish_grants/bidrag_kr.csv (Windows-1252, `Beviljat belopp (SEK)`, a total row), loaded by the
real generic loader into the embedded store.
"""

from __future__ import annotations

import doctest
import shutil
import tomllib

import pytest

import graph.currency_marks
from graph import values
from graph.errors import ValidationFailed
from loaders.generic import load_generic, read_generic
from loaders.mapping_new.participation import participation_template
from tests.conftest import FIXTURES

TABLE = FIXTURES / "swedish_grants" / "bidrag_kr.csv"


@pytest.fixture
def folder(tmp_path):
    shutil.copy(TABLE, tmp_path / TABLE.name)
    (tmp_path / "mapping.toml").write_text(participation_template(tmp_path / TABLE.name), encoding="utf-8")
    return tmp_path


def test_mapping_new_reads_the_amounts_past_their_kr():
    made = tomllib.loads(participation_template(TABLE))
    assert (made["decimal"], made["currency"]) == (",", "SEK")


def test_the_amounts_are_stored_as_the_cells_say_in_sek(folder, embedded_store):
    load_generic(embedded_store, folder / "mapping.toml")
    rows = embedded_store.read("MATCH ()-[r:PARTICIPATES_IN]->() RETURN sum(r.amount) AS total, "
                                "collect(DISTINCT r.currency) AS currencies, count(r) AS n").rows
    assert (rows[0][0], rows[0][1], rows[0][2]) == (pytest.approx(21_185_500.5), ["SEK"], 23)


def test_a_mark_of_another_currency_is_refused(folder):
    text = (folder / TABLE.name).read_text(encoding="cp1252").replace("95 000 kr", "95 000 EUR")
    (folder / TABLE.name).write_text(text, encoding="cp1252", newline="")
    with pytest.raises(ValidationFailed) as caught:
        read_generic(folder / "mapping.toml")
    assert [str(p) for p in caught.value.problems] == [
        "bidrag_kr.csv:8 [Beviljat belopp (SEK)]: expected a number (decimal comma or point), got '95 000 EUR'; 'EUR' "
        "is EUR's mark, not SEK's, the column's currency: if the column's amounts are all in EUR, set "
        "currency = \"EUR\" (docs/mapping.md); else convert this amount"]


def test_a_column_without_a_currency_reads_no_mark():
    with pytest.raises(values.BadValue):
        values.as_float("3 450 000 kr", ",")


def test_the_examples_in_the_docstrings_hold():
    found = doctest.testmod(graph.currency_marks)
    assert found.attempted and found.failed == 0
