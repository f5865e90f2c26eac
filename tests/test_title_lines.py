"""Tables exported from a spreadsheet with a title or notes above the header: `skip_lines`, the hint that
finds the header below, and `mapping new` finding it itself. Line numbers stay those of the file."""

from __future__ import annotations

import tomllib

import pytest

from graph.errors import ValidationFailed
from loaders.csv_tables import read_rows
from loaders.generic import parse_generic, read_generic
from loaders.mapping_new.participation import participation_template
from tests.generic_files import write_files, write_preset

TITLED = ("Tildelinger 2023 fra Forskningsrådet;;;;\nUttrekk 01.12.2026;;;;\n"
          "Prosjekt;Akronym;Orgnr;Navn;Rolle\n1;HAV;9;Fjordlab AS;Partner\n1;HAV;8;Kyst AS;Koordinator\n")


def test_rows_below_skipped_lines_keep_their_line_numbers(tmp_path):
    (tmp_path / "t.csv").write_text(TITLED + "2;KYST;7\n", encoding="utf-8")
    table = read_rows(tmp_path / "t.csv", separator=";", skip_lines=2, name="t.csv")
    assert table.columns == ["Prosjekt", "Akronym", "Orgnr", "Navn", "Rolle"]
    assert table.lines == [4, 5]
    assert [str(p) for p in table.problems] == [
        "t.csv:6 [Navn]: the row has 3 field(s), the header has 5: separator semicolon: a missing or extra "
        "separator, an unclosed quote, or truncated?"]


def test_a_mapping_with_skip_lines_reads_the_table_below_its_title(tmp_path):
    mapping = write_preset(tmp_path, TITLED, {"role": '"Rolle"'}, top="skip_lines = 2")
    nodes, rels, notes = read_generic(mapping)
    assert sorted(n.id for n in nodes if n.label == "Organisation") == ["8", "9"]
    assert sorted(r.properties["role"] for r in rels) == ["coordinator", "participant"]


@pytest.mark.parametrize(("top", "said"), [
    ("", "t.csv:1: the columns the mapping names are on line 3, not line 1: set skip_lines = 2 in the mapping "
         "(the lines above the header: a title, notes)"),
    ("skip_lines = 1", "t.csv:2: the columns the mapping names are on line 3, not line 2: set skip_lines = 2 in "
                       "the mapping (the lines above the header: a title, notes)"),
    ("skip_lines = -1", "mapping.toml:3 [skip_lines]: skip_lines must be the number of lines above the header "
                        "(0 to 1000)"),
])
def test_a_header_below_the_line_read_is_one_problem_saying_what_to_set(tmp_path, top, said):
    with pytest.raises(ValidationFailed) as refused:
        parse_generic(write_preset(tmp_path, TITLED, {"role": '"Rolle"'}, top=top))
    assert [str(p) for p in refused.value.problems] == [said]


@pytest.mark.parametrize("title", ["Tildelinger 2023 fra Forskningsrådet;;;;\nUttrekk 01.12.2026;;;;\n",
                                   "Tildelinger 2023\nUttrekk 01.12.2026\n"])
def test_mapping_new_finds_the_header_below_a_title(tmp_path, title):
    (tmp_path / "t.csv").write_text(title + TITLED.split("\n", 2)[2], encoding="utf-8")
    text = participation_template(tmp_path / "t.csv")
    assert "skip_lines = 2  #? the header is on line 3" in text
    made = tomllib.loads(text)
    assert (made["separator"], made["skip_lines"], made["columns"]["organisation_name"]) == (";", 2, "Navn")
    (tmp_path / "mapping.toml").write_text(text, encoding="utf-8")
    assert parse_generic(tmp_path / "mapping.toml").would_write().startswith("3 nodes (Organisation 2, Project 1)")


def test_a_json_mapping_may_set_skip_lines_for_every_table(tmp_path):
    mapping = write_files(tmp_path, {"mapping.json": '{"skip_lines": 2, "nodes": [{"file": "t.csv", "label": '
                                     '"Organisation", "id": "Orgnr", "name": "Navn"}]}', "t.csv": TITLED})
    assert sorted(n.name for n in read_generic(mapping)[0] if n.label == "Organisation") == ["Fjordlab AS",
                                                                                              "Kyst AS"]
