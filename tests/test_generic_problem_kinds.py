"""The generic loader's passes that gather problems into one (`yes_no_words`, `one_per_row`) know them by their
kind and the cell they carry, not by the message's text: a message quotes the user's cells, and a cell can say what
the text was matched on. Each test here failed while the text was read back (a crash, or another problem said)."""

from __future__ import annotations

from loaders.generic_empty_keys import EMPTY_KEY_HINT
from tests.generic_files import problems_of, write_files

MAPPING = """
    [[nodes]]
    file = "{file}"
    label = "Organisation"
    id = "nr"
    name = "navn"

    [nodes.properties]
    sme = {{ column = "smb", type = "bool" }}
    """


def test_a_bool_cell_quoting_the_messages_own_words_is_said_as_written(tmp_path):
    """`ja), got 'nej` was read back out of "expected yes or no (...), got "ja), got 'nej"" as `'nej"`: the load
    stopped with a Python SyntaxError instead of its problem."""
    mapping = write_files(tmp_path, {"mapping.toml": MAPPING.format(file="t.csv"),
                                     "t.csv": "nr;navn;smb\n1;Alfa AS;ja), got 'nej\n2;Beta AS;ja\n"})
    assert [str(p) for p in problems_of(mapping)] == [
        """t.csv:2 [smb]: expected yes or no (true/false, 1/0, x, ja/nej, ...), got "ja), got 'nej\""""]


def test_many_such_cells_are_one_problem_naming_the_cell(tmp_path):
    rows = "".join(f"{n};Org {n};smf), got 'x\n" for n in range(1, 6))
    mapping = write_files(tmp_path, {"mapping.toml": MAPPING.format(file="t.csv"), "t.csv": f"nr;navn;smb\n{rows}"})
    assert [str(p) for p in problems_of(mapping)] == [
        """t.csv:2 [smb]: 5 cells are no yes or no word ("smf), got 'x" 5; lines 2, 3, 4, 5, 6): if they say yes or """
        """no, recode them on this column, each to "ja" or "nej": sme = { column = "smb", type = "bool", values = { """
        """"..." = "ja", "..." = "nej" } }"""]


def test_a_json_nan_in_a_bool_column_is_a_problem_not_a_crash(tmp_path):
    """JSON's `NaN` is a float whose repr (`nan`) no Python literal reads: the load stopped with a ValueError."""
    mapping = write_files(tmp_path, {"mapping.toml": MAPPING.format(file="t.json"),
                                     "t.json": '[{"nr": "1", "navn": "Alfa AS", "smb": NaN}]'})
    assert [str(p) for p in problems_of(mapping)] == [
        "t.json:1 [smb]: expected yes or no (true/false, 1/0, x, ja/nej, ...), got nan"]


def test_columns_missing_from_a_header_ending_as_the_empty_key_hint_stay_two_problems(tmp_path):
    """A "column ... is not in the file" problem ends with the header's columns; a last column named like the hint
    made two of them on line 1 "the keys a and b are both empty"."""
    mapping = write_files(tmp_path, {"mapping.toml": MAPPING.format(file="t.csv") + '    x = "a"\n    y = "b"\n',
                                     "t.csv": f"nr;navn;smb;note {EMPTY_KEY_HINT}\n1;Alfa AS;ja;\n"})
    assert [(p.line, p.field, p.message.split(";")[0]) for p in problems_of(mapping)] == [
        (1, "a", "column 'a' (x, mapping.toml:9) is not in the file"),
        (1, "b", "column 'b' (y, mapping.toml:10) is not in the file")]
