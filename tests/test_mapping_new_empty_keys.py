"""Empty keys, each handled on its own: a row without a project number is skipped, one without an organisation
number names its organisation by its name, and neither rule reaches the other key (docs/mapping.md, `on_empty`).

The table is the real-shaped Norwegian grants table of tests/fixtures/participation (248 rows, 13 without an
organisation number), with one project number emptied as a try-out's export had it; each mapping is read by the
real generic loader, and the load test writes to the embedded store.
"""

from __future__ import annotations

import tomllib

import pytest

from graph.errors import ValidationFailed
from graph.store.reads import counts
from loaders.generic import load_generic, read_generic
from loaders.mapping_new.participation import participation_template
from tests.conftest import FIXTURES
from tests.generic_files import problems_of, write_files, write_preset

TABLE = FIXTURES / "participation" / "tildelinger.csv"
EMPTY_PROJECT_LINE = 10  # 320109;Batterier: ...;912000220;Lofoten Algae AS: its organisation is numbered


@pytest.fixture
def folder(tmp_path):
    """The fixture table with the project number of line 10 emptied."""
    lines = TABLE.read_text(encoding="utf-8-sig").splitlines()
    assert lines[EMPTY_PROJECT_LINE - 1].startswith("320109;")
    lines[EMPTY_PROJECT_LINE - 1] = lines[EMPTY_PROJECT_LINE - 1].removeprefix("320109")
    (tmp_path / TABLE.name).write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return tmp_path


def _key_notes(notes: list[str]) -> tuple[str, str]:
    skipped = next(n for n in notes if "skipped: their key is empty" in n)
    filled = next(n for n in notes if "given a placeholder id" in n)
    return skipped, filled


# --- the mapping language: a rule per key column ---------------------------------------------------------

RELATIONSHIP = """
    name = "members"

    [[nodes]]
    file = "klynger.csv"
    label = "Cluster"
    id = "id"
    name = "id"

    [[nodes]]
    file = "orgs.csv"
    label = "Organisation"
    id = "nr"
    name = "navn"
    on_empty = { placeholder = "navn:{navn}" }

    [[relationships]]
    file = "orgs.csv"
    type = "MEMBER_OF"
    on_empty = { "nr" = { placeholder = "navn:{navn}" }, "klynge" = "skip" }
    start = { label = "Organisation", column = "nr" }
    end = { label = "Cluster", column = "klynge" }
"""
ORG_ROWS = "nr;navn;klynge\n1;Fjordlab AS;havklyngen\n;Uten Nummer AS;havklyngen\n3;Nordsee GmbH;\n"


def test_a_relationship_table_gives_each_end_its_own_rule(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": RELATIONSHIP, "orgs.csv": ORG_ROWS,
                                     "klynger.csv": "id\nhavklyngen\n"})
    _, rels, notes = read_generic(mapping)
    assert sorted((r.start_id, r.end_id) for r in rels) == [("1", "havklyngen"), ("navn:Uten Nummer AS", "havklyngen")]
    assert "orgs.csv: 1 row(s) skipped: their key is empty (on_empty = \"skip\"): klynge on line 4" in notes
    assert "orgs.csv: 1 row(s) given a placeholder id for their empty key (on_empty): nr on line 3" in notes


def test_a_rule_for_a_column_that_is_no_key_is_named_at_its_line(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": RELATIONSHIP.replace('"klynge" = "skip"', '"navn" = "skip"'),
                                     "orgs.csv": ORG_ROWS, "klynger.csv": "id\nhavklyngen\n"})
    with pytest.raises(ValidationFailed) as caught:
        read_generic(mapping)
    assert [str(p) for p in caught.value.problems] == [
        "mapping.toml:19 [on_empty]: on_empty names 'navn', which is not a key column of this table ('nr', 'klynge')"]


# --- the participation preset: project_id and organisation_id, each with its own on_empty ----------------

def test_mapping_new_gives_each_key_of_a_table_missing_both_its_own_rule_and_counts(folder):
    text = participation_template(folder / TABLE.name)
    made = tomllib.loads(text)
    assert "on_empty" not in made  # no one rule for both keys
    assert made["columns"]["project_id"] == {"column": "Prosjektnummer", "on_empty": "skip"}
    assert made["columns"]["organisation_id"] == {"column": "Organisasjonsnummer",
                                                  "on_empty": {"placeholder": "name:{Organisasjonsnavn}"}}
    assert "#? Project id; 1 row(s) have none (line 10): skipped, and reported" in text
    assert "#? Organisation id; 13 row(s) have none (lines 5, 20, 43, 61, 79 and 8 more): named by their" in text


def test_the_mapping_new_writes_skips_the_row_without_a_project_and_names_the_organisations(folder, embedded_store):
    (folder / "mapping.toml").write_text(participation_template(folder / TABLE.name), encoding="utf-8")
    report = load_generic(embedded_store, folder / "mapping.toml")
    labels, types = counts(embedded_store)
    assert types["PARTICIPATES_IN"] == 247  # 248 rows: only the one without a project number is left out
    assert labels["Project"] == 90  # its project 320109 has other rows
    assert labels["Organisation"] == 45  # the 3 without a number among them, as name:<name>
    skipped, filled = _key_notes(report.notes)
    assert skipped.startswith("tildelinger.csv: 37 row(s) skipped: their key is empty (on_empty = \"skip\"): ")
    assert "Prosjektnummer on line 10;" in skipped and "Organisasjonsnummer" not in skipped
    assert filled == ("tildelinger.csv: 13 row(s) given a placeholder id for their empty key (on_empty): "
                      "Organisasjonsnummer on line 5, 20, 43, 61, 79, 106, 126, 147, 165, 176 and 3 more")


def test_one_top_level_placeholder_still_names_both_keys_but_no_line_is_also_skipped(folder):
    """The top-level on_empty stays one rule for every key (docs/mapping.md); the programme's link then takes the
    project's placeholder too, where it had skipped the line the project table had filled in."""
    mapping = write_files(folder, {"mapping.toml": f"""
        preset = "participation"
        file = "{TABLE.name}"
        on_empty = {{ placeholder = "navn:{{Organisasjonsnavn}}" }}
        date_format = "%d.%m.%Y"
        decimal = ","
        [columns]
        project_id = "Prosjektnummer"
        project_title = "Prosjekttittel"
        organisation_id = "Organisasjonsnummer"
        organisation_name = "Organisasjonsnavn"
        programme = "Program"
    """})
    nodes, rels, notes = read_generic(mapping)
    skipped, filled = _key_notes(notes)
    assert "Prosjektnummer on line 10;" in filled and "Prosjektnummer" not in skipped
    assert ("FUNDED_BY", "navn:Lofoten Algae AS", "BIA") in {(r.type, r.start_id, r.end_id) for r in rels}


def test_on_empty_in_columns_is_for_the_keys_alone(folder):
    mapping = write_files(folder, {"mapping.toml": f"""
        preset = "participation"
        file = "{TABLE.name}"
        [columns]
        project_id = "Prosjektnummer"
        project_title = "Prosjekttittel"
        organisation_id = "Organisasjonsnummer"
        organisation_name = {{ column = "Organisasjonsnavn", on_empty = "skip" }}
    """})
    with pytest.raises(ValidationFailed) as caught:
        read_generic(mapping)
    assert "mapping.toml:7 [organisation_name]: organisation_name: on_empty is for the keys, project_id and " \
           "organisation_id (what a row without one does)" in [str(p) for p in caught.value.problems]


# --- a row without its keys is one problem, however many tables need them --------------------------------

NO_KEYS = "Prosjekt;Akronym;Orgnr;Navn\nP1;LYS;901;Nordlys AS\n;BATT;;Svea Batteri AB\nP2;FJORD;;Fjordlab AS\n"


def test_a_row_without_its_project_and_organisation_number_is_one_problem_naming_both(tmp_path):
    """It was four: each key's empty id, then the participation's empty start and end; a row with one empty key was
    two (the organisation's id, the participation's start)."""
    problems = problems_of(write_preset(tmp_path, NO_KEYS, {}, 'separator = ";"'))
    assert [str(p) for p in problems] == [
        "t.csv:3 [Prosjekt, Orgnr]: the keys Prosjekt and Orgnr are both empty (set on_empty in the mapping to skip "
        "such rows or give them a placeholder id)",
        "t.csv:4 [Orgnr]: the id is empty (set on_empty in the mapping to skip such rows or give them a placeholder "
        "id)"]
    assert all(p.mapping_can_fix for p in problems)


def test_a_relationship_table_of_the_generic_loader_says_a_row_without_both_ends_once(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": RELATIONSHIP.replace(
        'on_empty = { "nr" = { placeholder = "navn:{navn}" }, "klynge" = "skip" }\n', "").replace(
        'on_empty = { placeholder = "navn:{navn}" }\n', ""), "orgs.csv": "nr;navn;klynge\n1;Fjordlab AS;havklyngen\n;"
        "Uten Nummer AS;\n", "klynger.csv": "id\nhavklyngen\n"})
    assert [(p.file, p.line, p.field) for p in problems_of(mapping)] == [("orgs.csv", 3, "nr, klynge")]
