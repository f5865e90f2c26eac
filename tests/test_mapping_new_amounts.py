"""One odd amount (`ca 200 000`) among decimal-comma amounts: `mapping new` still writes `decimal = ","` and names
the odd cell by file and line; a mapping that reads such a column with a decimal point gets one problem saying so,
with the setting, before the rest (the odd cell among them, with its line), not one problem per cell.

The table is the real-shaped Norwegian grants table of tests/fixtures/participation (43 amounts with a decimal
comma), with the amount of line 3 made unreadable; the mappings are read by the real generic loader.
"""

from __future__ import annotations

import shutil
import tomllib

import pytest

from graph.errors import ValidationFailed
from loaders.generic import read_generic
from loaders.mapping_new.participation import participation_template
from tests.conftest import FIXTURES

TABLE = FIXTURES / "participation" / "tildelinger.csv"
HAND_WRITTEN = FIXTURES / "participation" / "mapping.toml"


@pytest.fixture
def folder(tmp_path):
    lines = TABLE.read_text(encoding="utf-8-sig").splitlines()
    assert ";7 725 050,50;" in lines[2]
    lines[2] = lines[2].replace(";7 725 050,50;", ";ca 200 000;")
    (tmp_path / TABLE.name).write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return tmp_path


def test_one_odd_amount_leaves_the_decimal_comma_and_is_named_by_file_and_line(folder):
    text = participation_template(folder / TABLE.name)
    assert tomllib.loads(text)["decimal"] == ","
    assert ('decimal = ","  #? amounts like "5 151 050,50"; 1 cell(s) it does not read: "ca 200 000" '
            "(tildelinger.csv:3): fix them in the table") in text


def test_a_decimal_comma_column_read_with_a_point_is_one_problem_with_the_fix_before_the_rest(folder):
    shutil.copy(HAND_WRITTEN, folder / "mapping.toml")
    mapping = folder / "mapping.toml"
    mapping.write_text(mapping.read_text(encoding="utf-8").replace('decimal = ","\n', ""), encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        read_generic(mapping)
    said = [str(p) for p in caught.value.problems]
    assert said[0].startswith("tildelinger.csv:15 [Tildelt beløp]: 42 cells are numbers written with a decimal comma "
                              "(like '5 151 050,50'; lines 15, ")
    assert said[0].endswith('which decimal = "." does not read: set decimal = "," in the mapping (on this column; '
                            "in the participation preset, at its top level)")
    assert said[1:] == ["tildelinger.csv:3 [Tildelt beløp]: expected a number, got 'ca 200 000'"]
    assert caught.value.problems[0].mapping_can_fix


def test_a_few_such_cells_are_each_their_own_problem(tmp_path):
    (tmp_path / "t.csv").write_text("Prosjekt;Akronym;Orgnr;Navn;Beløp\n1;A;10;Alfa AS;1 000,50\n2;B;20;Beta AS;7\n",
                                    encoding="utf-8")
    (tmp_path / "mapping.toml").write_text('preset = "participation"\nfile = "t.csv"\n[columns]\nproject_id = '
                                           '"Prosjekt"\nproject_acronym = "Akronym"\norganisation_id = "Orgnr"\n'
                                           'organisation_name = "Navn"\namount = "Beløp"\n', encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        read_generic(tmp_path / "mapping.toml")
    assert [str(p) for p in caught.value.problems] == ["t.csv:2 [Beløp]: expected a number, got '1 000,50'"]
