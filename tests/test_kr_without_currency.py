"""Amounts written `3 450 000 kr` under a header that names no currency (`Beviljat belopp`): `mapping new` had found no
way of writing numbers that read them and told the officer to correct all 23 cells by hand, and `load csv` refused
each with "expected a number". `kr` is the krona or krone of SEK, NOK, DKK and ISK alike: the table's country names
which (loaders/mapping_new/currency.py), and a refusal says which setting reads the mark (graph/values.py).
The tables are tests/fixtures/swedish_grants/bidrag_kr.csv with its header's `(SEK)` taken out, and without its
`Län` column too, loaded by the real generic loader into the embedded store.
"""

from __future__ import annotations

import tomllib

import pytest

from graph import values
from graph.errors import ValidationFailed
from loaders.generic import load_generic, read_generic
from loaders.mapping_new.participation import participation_template
from tests.conftest import FIXTURES

TABLE = FIXTURES / "swedish_grants" / "bidrag_kr.csv"


def _table(folder, *, county: bool = True):
    """The fixture with no currency in its amount header; without its `Län` column when `county` is False."""
    lines = TABLE.read_text(encoding="cp1252").replace("Beviljat belopp (SEK)", "Beviljat belopp").splitlines()
    if not county:
        lines = [line.rsplit(";", 1)[0] for line in lines]
    path = folder / "bidrag.csv"
    path.write_text("\n".join(lines) + "\n", encoding="cp1252")
    return path


def _mapping(table, notes=None):
    text = participation_template(table, notes=notes)
    (table.parent / "mapping.toml").write_text(text, encoding="utf-8")
    return text


def test_the_tables_country_names_its_krona(tmp_path):
    made = tomllib.loads(_mapping(_table(tmp_path)))
    assert made["currency"] == "SEK"


def test_its_amounts_are_stored_in_sek(tmp_path, embedded_store):
    _mapping(_table(tmp_path))
    load_generic(embedded_store, tmp_path / "mapping.toml")
    rows = embedded_store.read("MATCH ()-[r:PARTICIPATES_IN]->() RETURN sum(r.amount) AS total, "
                                "collect(DISTINCT r.currency) AS currencies, count(r) AS n").rows
    assert (rows[0][0], rows[0][1], rows[0][2]) == (pytest.approx(21_185_500.5), ["SEK"], 23)


def test_a_table_of_no_country_is_asked_which_krona(tmp_path):
    notes: list[str] = []
    text = _mapping(_table(tmp_path, county=False), notes)
    assert "currency" not in tomllib.loads(text)
    assert "# currency = \"\"  # the amounts carry 'kr', the mark of SEK, NOK, DKK, ISK alike, and the table names " \
           "no country" in text
    assert "correct them" not in text  # the cells are right; the mapping lacks a line
    assert notes == ["bidrag.csv [Beviljat belopp]: the amounts carry 'kr', the mark of SEK, NOK, DKK, ISK alike, and "
                     "the table names no country: write the one it is in the mapping's currency line and uncomment "
                     "it; until then `load csv` refuses the amounts"]


def test_the_loads_refusal_names_the_setting_that_reads_the_mark(tmp_path):
    _mapping(_table(tmp_path, county=False))
    with pytest.raises(ValidationFailed) as caught:
        read_generic(tmp_path / "mapping.toml")
    assert [str(p) for p in caught.value.problems] == [  # every amount, said once (they had been 23 problems)
        "bidrag.csv:2 [Beviljat belopp]: 23 cells are amounts written with 'kr' beside the number (like "
        "'3 450 000 kr'; lines 2, 3, 4, 5, 6 and 18 more); 'kr' is the mark of SEK, NOK, DKK and ISK alike and the "
        "column's currency, EUR, does not read it: if the column's amounts are all in one of them, set currency = "
        "\"SEK\" or the one it is in the mapping (on this column; in the participation preset, at its top level); "
        "else convert them"]


def test_a_column_of_no_currency_says_how_to_read_the_mark():
    with pytest.raises(values.BadValue, match=r"'kr' is the mark of SEK, NOK, DKK and ISK alike: give the column's "
                                              r"currency, currency = \"SEK\" or the one it is"):
        values.as_float("3 450 000 kr", ",")
    with pytest.raises(values.BadValue) as caught:
        values.as_float("ca 200 000", ",")
    assert "currency" not in str(caught.value)  # no mark: no word of currencies


def test_a_mark_the_columns_currency_reads_is_not_blamed_for_the_number_around_it():
    """A Danish project list's `2.500.000 kr.` in a DKK column had been told `'kr.' is the mark of SEK, NOK and ISK
    alike, not DKK's` and to set currency = "SEK": the thousands points were what the column could not read."""
    with pytest.raises(values.BadValue) as caught:
        values.as_float("2.500.000 kr.", currency="DKK")
    assert str(caught.value) == ("expected a number, got '2.500.000 kr.'; if '.' stands between thousands, set "
                                 "thousands = '.'")
    assert values.as_float("2.500.000 kr.", ",", thousands=".", currency="DKK") == 2_500_000
