"""Text no store can hold (a NUL, a lone surrogate, a value longer than any store keeps) is refused before
the first write, with file, line and column, by the loaders and by the writer itself; other control
characters are removed and counted (issue #11, item 3)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.errors import ValidationFailed
from graph.store import cypher
from graph.store.falkordb_store import FalkorDBStore
from graph.store.records import MAX_TEXT, NodeRecord
from graph.store.writer import write_records
from tests import killed_loads
from tests.conftest import FIXTURES
from tests.killed_loads import assert_same_graph, cli, graph_of

keeper = killed_loads.keeper  # the store of the test's folder, held open (a fixture)


def _with_cell(tmp_path: Path, line: int, column: str, value: str) -> Path:
    """The CORDIS fixture with `column` of `line` of organizations.csv set to `value`."""
    folder = tmp_path / "cordis"
    shutil.copytree(FIXTURES / "cordis", folder)
    path = folder / "organizations.csv"
    import csv

    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[line - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return folder


@pytest.fixture
def loaded(keeper) -> FalkorDBStore:
    """A store holding the NUTS fixture: a refused load must leave it exactly as it was."""
    assert cli(keeper.db_path, "load", "nuts", str(FIXTURES / "nuts")).returncode == 0
    return keeper


@pytest.mark.parametrize("value, said", [
    ("OULUN\x00YLIOPISTO", "holds a NUL character (0x00) at character 6"),
    ("x" * (MAX_TEXT + 1), f"is {MAX_TEXT + 1:,} characters long"),
])
def test_text_no_store_can_hold_is_refused_with_file_line_and_column(value, said, loaded, tmp_path):
    before = graph_of(loaded)
    refused = cli(loaded.db_path, "load", "cordis", str(_with_cell(tmp_path, 2, "name", value)))
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert f"organizations.csv:2 [name]: the value {said}" in refused.stderr
    assert "nothing was written" in refused.stderr
    assert_same_graph(graph_of(loaded), before)
    assert "interrupted" not in cli(loaded.db_path, "status").stdout


def test_a_nul_in_a_multi_line_cell_is_reported_on_its_own_line(tmp_path):
    folder = _with_cell(tmp_path, 2, "name", "first line\nsecond line\nthird \x00 line")
    with pytest.raises(ValidationFailed) as refused:
        from loaders.cordis import read_cordis

        read_cordis(folder)
    assert str(refused.value.problems[0]).startswith(f"{folder / 'organizations.csv'}:4 [name]: the value holds a NUL")


def test_other_control_characters_are_removed_and_counted(tmp_path):
    from loaders.cordis import read_cordis

    nodes, _, notes = read_cordis(_with_cell(tmp_path, 3, "name", "OSLO\x1a UNIVERSITETS\x07SYKEHUS HF"))
    assert "OSLO UNIVERSITETSSYKEHUS HF" in {n.name for n in nodes}
    assert ("organizations.csv: removed 2 control characters in 1 value (the first on line 3, column name); they are "
            "invisible and would stop a search from finding the text.") in notes


def test_a_lone_surrogate_in_a_json_file_is_refused_with_file_line_and_column(loaded, tmp_path):
    (tmp_path / "people.json").write_text('[\n  {"id": "p1", "name": "Ada"},\n  {"id": "p2", "name": "B\\ud800b"}\n]\n',
                                          encoding="utf-8")
    (tmp_path / "mapping.toml").write_text('name = "people"\n[[nodes]]\nfile = "people.json"\nlabel = "Person"\n'
                                           'id = "id"\nname = "name"\n', encoding="utf-8")
    before = graph_of(loaded)
    refused = cli(loaded.db_path, "load", "csv", str(tmp_path / "mapping.toml"))
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert "people.json:3 [name]: the value holds a lone surrogate (U+D800), which is not text" in refused.stderr
    assert_same_graph(graph_of(loaded), before)


def test_the_writer_refuses_such_text_from_any_loader_before_writing(embedded_store):
    records = [NodeRecord("Country", "SE", "Sweden", ("test",)),
               NodeRecord("Country", "NO", "Nor\ud800way", ("test",)),
               NodeRecord("Country", "DK", "Denmark", ("test",), properties={"note": "a\x00b"})]
    with pytest.raises(ValidationFailed) as refused:
        write_records(embedded_store, records, [], origin="records.json")
    said = str(refused.value)
    assert "node Country 'NO': the name holds a lone surrogate (U+D800)" in said
    assert "node Country 'DK': property 'note' holds a NUL character (0x00) at character 2" in said
    assert embedded_store.read(cypher.count_label("Country")).rows[0][0] == 0
