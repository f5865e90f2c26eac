"""The generic loader's mapping file (TOML or JSON): every problem in it is named with its line."""

from __future__ import annotations

import pytest

from graph.errors import ValidationFailed
from loaders.generic import read_generic
from loaders.mapping import read_mapping
from tests.generic_files import ORGS_MAPPING, problems_of, write_files


def test_every_mapping_problem_is_named_with_its_line(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": """
        name = "many"

        [[nodes]]
        file = "../outside.csv"
        label = "Organisation"
        id = "id"
        name = "name"
        colour = "blue"

        [nodes.properties]
        size = { column = "size", type = "integer" }
        opened = { column = "opened", type = "date", format = "%d.%m" }
        kind = "kind"

        [[relationships]]
        file = "r.csv"
        type = "MEMBER_OF"
        start = { label = "Person", column = "p" }
        end = { label = "Cluster", column = "c" }

        [relationships.properties]
        role = "role"

        [[relationships]]
        file = "r.csv"
        type = "KNOWS"
        start = { label = "Person", column = "p" }
        end = { label = "Person", column = "q" }
        """})
    with pytest.raises(ValidationFailed) as caught:
        read_mapping(mapping)
    found = {(p.line, p.field): p.message for p in caught.value.problems}
    assert all(p.file == "mapping.toml" for p in caught.value.problems)
    assert "inside the mapping's folder" in found[(4, "file")]
    assert "unknown key 'colour'" in found[(8, "colour")]
    assert "unknown type 'integer'" in found[(11, "size")]
    assert "does not read back a date: it needs a year" in found[(12, "opened")]
    assert "reserved" in found[(13, "kind")]
    assert "start must be one of Cluster, Organisation, not 'Person'" in found[(18, "start")]
    assert "MEMBER_OF has no property 'role'" in found[(22, "role")]
    assert "unknown relationship type 'KNOWS'" in found[(26, "type")]
    lines = [p.line for p in caught.value.problems]
    assert lines == sorted(lines), lines  # as an editor reads them: grouped by check, line 11 had come before 4


def test_a_toml_syntax_error_names_its_line(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": 'name = "x"\n[[nodes]]\nfile = "a.csv\n'})
    with pytest.raises(ValidationFailed) as caught:
        read_mapping(mapping)
    assert (caught.value.problems[0].file, caught.value.problems[0].line) == ("mapping.toml", 3)


def test_a_missing_data_file_is_named_at_its_mapping_line(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": ORGS_MAPPING})
    [problem] = problems_of(mapping)
    assert (problem.file, problem.line, problem.field) == ("mapping.toml", 3, "file")
    assert "orgs.csv" in problem.message


def test_a_json_mapping_and_json_data_give_line_numbers(tmp_path):
    mapping = write_files(tmp_path, {"mapping.json": """
        {"name": "j", "nodes": [{"file": "orgs.json", "label": "Organisation", "id": "id", "name": "name",
          "properties": {"founded": {"column": "founded", "type": "date", "format": "dd/mm/yyyy"}}}]}
        """, "orgs.json": """
        [
          {"id": "a", "name": "Alfa", "founded": "03/04/2001"},
          {"id": 7,
           "name": "Beta", "founded": "2001-04-03"}
        ]
        """})
    [problem] = problems_of(mapping)
    assert (problem.file, problem.line, problem.field) == ("orgs.json", 3, "founded")
    (mapping.parent / "orgs.json").write_text('[{"id": "a", "name": "Alfa", "founded": "03/04/2001"}]')
    nodes, _, _ = read_generic(mapping)
    assert nodes[-1].properties == {"founded": "2001-04-03"}


def test_a_spreadsheet_or_a_missing_label_is_named_in_the_mapping(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": ORGS_MAPPING.replace("orgs.csv", "orgs.xlsx")
                                     .replace('label = "Organisation"\n', "")})
    with pytest.raises(ValidationFailed) as caught:
        read_mapping(mapping)
    found = {(p.line, p.field): p.message for p in caught.value.problems}
    assert "save the sheet as CSV" in found[(4, "file")]
    assert found[(3, "label")].startswith("label is missing; use one of Cluster, Organisation")


def test_a_problem_of_a_key_inside_an_inline_table_names_that_line(tmp_path):
    mapping = write_files(tmp_path, {
        "mapping.toml": ORGS_MAPPING.replace('id = "id"', 'id = "id"\nlocated_in = { region = "fylke", country = '
                                             '{ value = "" } }'),
        "orgs.csv": "id;name;fylke\n1;Fjordlab AS;Vestland\n"})
    [problem] = problems_of(mapping)
    assert (problem.file, problem.line, problem.field) == ("mapping.toml", 7, "country")  # not [[nodes]]'s line 3
    assert problem.message.startswith("the country value is empty")
