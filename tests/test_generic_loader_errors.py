"""The generic loader refuses bad files: each message names file, line and column, every bad value is
reported (not just the first), and the store is left exactly as it was."""

from __future__ import annotations

import pytest

from graph.store.reads import counts, to_networkx
from loaders.generic import load_generic, read_generic
from tests import generic_files
from tests.generic_files import BAD, problems_of, snapshot, write_files

loaded_store = generic_files.loaded_store  # the worked example loaded into a fresh graph (a fixture)


BAD_CASES = {
    # case: (file, line, column, part of the message)
    "truncated_row": ("members.csv", 3, "city", "the row has 2 field(s), the header has 3"),
    "unknown_column": ("members.csv", 1, "town", "column 'town' (city, mapping.toml:10) is not in the file"),
    "wrong_separator": ("members.csv", 1, "separator", "looks separated by semicolon, not comma, so none of the "
                        "columns the mapping names is found (org_nr, name, city"),
    "bad_date": ("members.csv", 3, "founded",
                 "expected a date like 31.12.2024 (format %d.%m.%Y), got '31.02.2021'"),
    "duplicate_keys": ("members.csv", 5, "org_nr",
                       "Organisation '556002-0002' is given twice with different data; first at members.csv:3"),
    "missing_node": ("memberships.csv", 3, "cluster",
                     "Cluster 'atlantis-cluster' is neither in the mapped files nor in the store"),
    "bad_property": ("mapping.toml", 10, "e-mail", "invalid property name 'e-mail'"),
    "unknown_label": ("mapping.toml", 5, "label", "unknown node label 'Company'"),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_a_bad_input_is_rejected_with_its_place_and_writes_nothing(loaded_store, case):
    file, line, column, message = BAD_CASES[case]
    before = snapshot(loaded_store)
    problems = problems_of(BAD / case / "mapping.toml", loaded_store)
    assert any(p.file == file and p.line == line and p.field == column and message in p.message
               for p in problems), problems
    assert snapshot(loaded_store) == before


def test_the_missing_node_case_passes_the_pure_read_and_notes_the_open_ends():
    nodes, rels, notes = read_generic(BAD / "missing_node" / "mapping.toml")
    assert len(rels) == 2
    assert any("'atlantis-cluster'" in n and "must be in the store" in n for n in notes)


def test_an_end_missing_on_an_empty_store_is_named_for_every_row(embedded_store):
    problems = problems_of(BAD / "missing_node" / "mapping.toml", embedded_store)
    assert {(p.line, p.message.split(" is ")[0]) for p in problems} == {
        (2, "Cluster 'iot-world'"), (3, "Cluster 'atlantis-cluster'")}
    assert counts(embedded_store) == ({}, {})


def test_windows_1252_bytes_load_decoded_with_a_note(loaded_store):
    report = load_generic(loaded_store, BAD / "latin1" / "mapping.toml")
    graph = to_networkx(loaded_store)
    assert graph.nodes["Organisation:556002-0011"]["city"] == "Malmö"
    assert graph.nodes["Organisation:556002-0012"]["name"] == "Åkesson & Söner AB"
    assert "members.csv: 2 row(s), read as Windows-1252 (it is not UTF-8), separator semicolon" in report.notes


def test_every_bad_value_in_a_file_is_reported_not_just_the_first():
    problems = problems_of(BAD / "bad_date" / "mapping.toml")
    assert [(p.line, p.field) for p in problems] == [(3, "founded"), (4, "founded"), (4, "employees")]
    assert "expected a whole number, got 'about 40'" in problems[2].message


def test_a_relationship_given_twice_with_different_data_is_named(loaded_store, tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": """
        [[relationships]]
        file = "again.csv"
        type = "MEMBER_OF"
        start = { label = "Organisation", column = "org" }
        end = { label = "Cluster", column = "cluster" }
        properties = { since = { column = "since", type = "date", format = "%d/%m/%Y" } }
        """, "again.csv": "org;cluster;since\n556001-0003;automation-smaland;01/02/2020\n"
                          "556001-0003;automation-smaland;01/03/2020\n"})
    before = snapshot(loaded_store)
    [problem] = problems_of(mapping, loaded_store)
    assert (problem.file, problem.line, problem.field) == ("again.csv", 3, "org")
    assert "MEMBER_OF '556001-0003' -> 'automation-smaland' is given twice" in problem.message
    assert snapshot(loaded_store) == before
