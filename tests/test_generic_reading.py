"""The generic loader reading CSV and JSON: separators, quoted newlines, encodings, yes/no values, repeated
rows, and line numbers that stay right in a large JSON file."""

from __future__ import annotations

import pytest

from loaders.generic import parse_generic, read_generic
from tests.generic_files import ORGS_MAPPING, problems_of, write_files


@pytest.mark.parametrize(("separator", "name"), [("\t", "tab"), ("|", "pipe"), (",", "comma"), (";", "semicolon")])
def test_the_separator_is_detected(tmp_path, separator, name):
    mapping = write_files(tmp_path, {"mapping.toml": ORGS_MAPPING,
                                     "orgs.csv": f"id{separator}name\na{separator}Alfa, Beta & Co\n"
                                     if separator != "," else 'id,name\na,"Alfa, Beta & Co"\n'})
    nodes, _, notes = read_generic(mapping)
    assert nodes[-1].name == "Alfa, Beta & Co"
    assert notes == [f"orgs.csv: 1 row(s), read as UTF-8, separator {name}"]


def test_physical_lines_count_quoted_newlines_and_blank_lines(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": ORGS_MAPPING,
                                     "orgs.csv": 'id;name\na;"two\nlines"\n\nb;\n'})
    [problem] = problems_of(mapping)
    assert (problem.file, problem.line, problem.field, problem.message) == ("orgs.csv", 5, "name", "the name is empty")


def test_trailing_empty_fields_from_spreadsheets_are_accepted(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": ORGS_MAPPING, "orgs.csv": "id;name\r\na;Alfa;;\r\n"})
    nodes, _, _ = read_generic(mapping)
    assert (nodes[-1].id, nodes[-1].name) == ("a", "Alfa")


def test_the_mapping_can_force_the_encoding(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": ORGS_MAPPING.replace('name = "orgs"',
                                                                          'name = "orgs"\nencoding = "cp1252"'),
                                     "orgs.csv": "id;name\na;Malmö Gjuteri\n".encode("cp1252")})
    nodes, _, notes = read_generic(mapping)
    assert nodes[-1].name == "Malmö Gjuteri" and "read as cp1252 (set in the mapping)" in notes[0]


def test_a_bad_yes_no_value_for_a_label_is_named(tmp_path):
    mapping = write_files(tmp_path, {
        "mapping.toml": ORGS_MAPPING + '    label_if = { SME = "sme" }\n',
        "orgs.csv": "id;name;sme\na;Alfa;ja\nb;Beta;perhaps\n"})
    [problem] = problems_of(mapping)
    assert (problem.line, problem.field) == (3, "sme") and "expected yes or no" in problem.message
    assert "got 'perhaps'" in problem.message


def test_identical_repeated_rows_are_merged_with_a_note(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": ORGS_MAPPING, "orgs.csv": "id;name\na;Alfa\na;Alfa\n"})
    data = parse_generic(mapping)
    assert [n.id for n in data.nodes if n.label == "Organisation"] == ["a"]
    assert "orgs.csv: 1 repeated row(s) of the same Organisation merged" in data.notes


def test_json_records_keep_their_start_lines_in_a_large_file(tmp_path):
    """The linear JSON reader counts lines from the previous record only: every record still gets its own."""
    parts, line, bad_lines = ["[\r\n"], 2, []
    for i in range(3000):
        founded = "not a date" if i % 700 == 5 else "2001-04-03"
        if founded != "2001-04-03":
            bad_lines.append(line)
        record = (f'{{"id": "o{i}", "name": "Org\\n{i} [x], {{y}}",\n  "founded": "{founded}"}}' if i % 2 else
                  f'{{"id": "o{i}", "name": "Org {i}", "founded": "{founded}"}}')
        gap = "\r\n\r\n" if i % 3 == 0 else "\n"
        parts.append(record + ("," + gap if i < 2999 else "\n]\n"))
        line += record.count("\n") + gap.count("\n")
    mapping = write_files(tmp_path, {"mapping.toml": ORGS_MAPPING.replace("orgs.csv", "orgs.json") + """
        [nodes.properties]
        founded = { column = "founded", type = "date" }
        """, "orgs.json": "".join(parts)})
    problems = problems_of(mapping)
    assert [(p.file, p.line, p.field) for p in problems] == [("orgs.json", n, "founded") for n in bad_lines]
    assert len(bad_lines) == 5


def test_repeated_rows_of_two_tables_of_one_file_are_said_per_table(tmp_path):
    """A projects table's coordinators and partners, two Organisation tables of one file: their notes had read
    "10 repeated row(s) of the same Organisation merged" and "5 ..." of one file, which looked like one note twice."""
    mapping = write_files(tmp_path, {
        "mapping.toml": 'name = "projects"\n'
                        '[[nodes]]\nfile = "projects.csv"\nlabel = "Organisation"\nid = "lead"\nname = "lead"\n'
                        '[[nodes]]\nfile = "projects.csv"\nlabel = "Organisation"\nid = "partner"\nname = "partner"\n',
        "projects.csv": "project;lead;partner\np1;Alfa;Beta\np2;Alfa;Gamma\np3;Alfa;Beta\n"})
    notes = parse_generic(mapping).notes
    assert "projects.csv [lead]: 2 repeated row(s) of the same Organisation merged" in notes, notes
    assert "projects.csv [partner]: 1 repeated row(s) of the same Organisation merged" in notes, notes
