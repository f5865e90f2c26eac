"""The marks of Europe's other currencies beside amounts (`4 250 000,00 zł`), and one problem for a column of them.

A Polish programme's projects table wrote every grant with `zł`: with `currency = "PLN"` each cell was still refused
("expected a number"), 11 problems, none saying "currency". The marks of the non-euro currencies are now read past
in a column of that currency; a mark of another currency is still refused, and 5 or more cells carrying a mark the
column does not read are one problem naming the setting (graph/currency_marks.py, loaders/generic_currency_notes.py).
Tables are written by the test and loaded by the real generic loader into the embedded store.
"""

from __future__ import annotations

import pytest

from graph import values
from loaders.generic import load_generic
from tests.generic_files import problems_of, write_preset

#: A Polish RPO table: a project per row, its grant in złoty with the mark, decimal comma, no-break spaces.
RPO = ("Prosjekt;Akronym;Orgnr;Navn;Wartosc\n"
       "RPMA.01-001;IoT;5250005834;Politechnika Warszawska;4\u00a0250\u00a0000,00 zł\n"
       "RPMA.01-002;Twin;5213218694;7bulls.com sp. z o.o.;1 234 567,89 zł\n"
       "RPDS.01-003;H2;8960005851;Politechnika Wrocławska;7 800 000 zł\n"
       "RPSL.01-004;Mine;6340125890;Główny Instytut Górnictwa;2 100 500,50 zł\n"
       "RPMP.01-005;Air;6793108059;Airly sp. z o.o.;950 000 zł\n")


@pytest.mark.parametrize(("cell", "currency", "amount"), [
    ("4 250 000,00 zł", "PLN", 4_250_000.0), ("12 500 Kč", "CZK", 12_500.0), ("1 200 000 Ft", "HUF", 1_200_000.0),
    ("35 000 lei", "RON", 35_000.0), ("8 000 лв.", "BGN", 8_000.0), ("8 000 lv", "BGN", 8_000.0),
    ("15 000 kn", "HRK", 15_000.0), ("Fr. 1200,50", "CHF", 1200.5), ("£ 250 000", "GBP", 250_000.0),
    ("90 000 din", "RSD", 90_000.0)])
def test_a_mark_of_the_columns_currency_is_read_past(cell, currency, amount):
    assert values.as_float(cell, ",", currency=currency) == amount


def test_a_mark_of_another_currency_is_still_refused_and_named():
    with pytest.raises(values.BadValue) as caught:
        values.as_float("1 200 zł", ",", currency="CZK")
    assert "'zł' is PLN's mark, not CZK's, the column's currency" in str(caught.value)


def test_the_polish_table_in_pln_loads_its_amounts(tmp_path, embedded_store):
    load_generic(embedded_store, write_preset(tmp_path, RPO, {"project_amount": '"Wartosc"'},
                                              'decimal = ","\ncurrency = "PLN"\nseparator = ";"'))
    rows = embedded_store.read("MATCH (p:Project) RETURN sum(p.amount) AS total, "
                               "collect(DISTINCT p.currency) AS currencies").rows
    assert (rows[0][0], rows[0][1]) == (pytest.approx(16_335_068.39), ["PLN"])


def test_five_cells_of_another_currencys_mark_are_one_problem_naming_the_setting(tmp_path):
    problems = problems_of(write_preset(tmp_path, RPO, {"project_amount": '"Wartosc"'},
                                        'decimal = ","\nseparator = ";"'))
    assert [str(p) for p in problems] == [
        "t.csv:2 [Wartosc]: 5 cells are amounts written with 'zł' beside the number (like '4 250 000,00 zł'; lines "
        "2, 3, 4, 5, 6); 'zł' is PLN's mark and the column's currency, EUR, does not read it: if the column's amounts "
        "are all in PLN, set currency = \"PLN\" in the mapping (on this column; in the participation preset, at its "
        "top level); else convert them"]


def test_five_cells_of_an_unknown_mark_are_one_problem_saying_so(tmp_path):
    problems = problems_of(write_preset(tmp_path, RPO.replace(" zł", " ден"), {"project_amount": '"Wartosc"'},
                                        'decimal = ","\ncurrency = "PLN"\nseparator = ";"'))
    assert len(problems) == 1 and problems[0].line == 2 and problems[0].mapping_can_fix
    assert problems[0].message.startswith("5 cells are amounts written with 'ден' beside the number")
    assert "'ден' is no currency mark the loader knows (" in problems[0].message
