"""A Danish member list's `Antal ansatte` written `29.000`, mapped as `type = "int"`: each such cell had been its own
"expected a whole number" problem (seven for one line of the mapping), `thousands = "."` on the column was refused
as "the decimal mark", and `thousands = ".", decimal = ","` was taken and read nothing differently. A whole-number
column reads `thousands` as a float column does (graph/values.py `as_int`), five or more cells that it would read are
one problem naming it (loaders/generic_cell_notes.py `wrong_marks`), and `decimal` on it is refused at its line,
since a whole number has no decimal mark to read (loaders/mapping_checks.py).
"""

from __future__ import annotations

import pytest

from graph import values
from graph.errors import ValidationFailed
from loaders.generic import load_generic, read_generic

STAFF = ["29.000", "1.200", "350", "12.500", "2.750", "4.100", "18.000", "7.300", "45"]


def _member_list(folder, options: str = "", staff=STAFF):
    rows = [f"{30000000 + n};Virksomhed {n} A/S;{cell}" for n, cell in enumerate(staff)]
    (folder / "medlemmer.csv").write_text("CVR;Navn;Antal ansatte\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (folder / "mapping.toml").write_text(
        'name = "dk"\n\n'
        '[[nodes]]\nfile = "medlemmer.csv"\nlabel = "Organisation"\nid = "CVR"\nname = "Navn"\n\n'
        "[nodes.properties]\n"
        f'employees = {{ column = "Antal ansatte", type = "int"{options} }}\n', encoding="utf-8")
    return folder / "mapping.toml"


def test_a_whole_number_reads_the_mark_between_its_thousands():
    assert values.as_int("29.000", thousands=".") == 29000
    assert values.as_int("1'250'000", thousands="'") == 1250000


def test_a_mark_it_is_not_told_of_is_still_refused_with_the_setting_to_use():
    with pytest.raises(values.BadValue, match=r"got '29\.000'; if '\.' stands between thousands, set thousands = '\.'"):
        values.as_int("29.000")


def test_many_grouped_cells_are_one_problem_naming_thousands(tmp_path):
    with pytest.raises(ValidationFailed) as caught:
        read_generic(_member_list(tmp_path))
    assert [str(p) for p in caught.value.problems] == [
        "medlemmer.csv:2 [Antal ansatte]: 7 cells are numbers written with '.' between thousands (like '29.000'; "
        "lines 2, 3, 5, 6, 7 and 2 more), which type = \"int\" does not read: set thousands = \".\" in the mapping "
        "(on this column)"]


def test_thousands_on_a_whole_number_column_loads_the_numbers(tmp_path, embedded_store):
    load_generic(embedded_store, _member_list(tmp_path, ', thousands = "."'))
    rows = embedded_store.read("MATCH (o:Organisation) RETURN o.employees ORDER BY o.id").rows
    assert [row[0] for row in rows] == [29000, 1200, 350, 12500, 2750, 4100, 18000, 7300, 45]


def test_decimal_on_a_whole_number_column_is_refused_at_its_line(tmp_path):
    with pytest.raises(ValidationFailed) as caught:
        read_generic(_member_list(tmp_path, ', thousands = ".", decimal = ","'))
    assert [str(p) for p in caught.value.problems] == [
        "mapping.toml:10 [employees]: property 'employees': a whole number (type = \"int\") has no decimal mark, so "
        "decimal is not read there: take decimal out (thousands = \".\" reads 29.000 as 29000), or make the column "
        "type = \"float\" if its numbers have decimals"]


def test_a_number_option_on_a_column_of_no_numbers_is_refused(tmp_path):
    mapping = _member_list(tmp_path)
    mapping.write_text(mapping.read_text(encoding="utf-8").replace(
        'type = "int" }', 'currency = "DKK" }'), encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        read_generic(mapping)
    assert [str(p) for p in caught.value.problems] == [
        "mapping.toml:10 [employees]: property 'employees': currency reads the numbers of a float column, and a string "
        "column has none: take currency out, or make the column type = \"float\""]
