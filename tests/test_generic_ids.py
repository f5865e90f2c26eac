"""Keys of a participation table: ids written two ways (`919 303 808`, `919303808`) are named in a note, options a
key cannot take are refused at their mapping line, and `match = "name"` refuses an organisation name two nodes
share in any case, as the queries do (`loaders.generic_merge`, `loaders.mapping_presets`, `loaders.generic_ends`)."""

from __future__ import annotations

import pytest

from graph.errors import ValidationFailed
from loaders.generic import check_generic, load_generic, read_generic
from tests.generic_files import problems_of, write_files, write_preset

TABLE = ("Prosjekt;Akronym;Orgnr;Navn\n1;Havvind;919303808;SINTEF AS\n2;Batteri;919 303 808;SINTEF AS\n"
         "2;Batteri;971277882;Universitetet i Oslo\n")


def test_ids_written_with_and_without_spaces_are_named_with_both_lines(tmp_path):
    _, _, notes = read_generic(write_preset(tmp_path, TABLE, {}))
    assert ("t.csv: 1 id(s) are written two ways that differ only in case, spaces, punctuation, leading zeros or a "
            "country code, and each way makes a node of its own: Organisation 'SINTEF AS': '919303808' (line 2) and "
            "'919 303 808' (line 3); to make them one, add compact = [\"Orgnr\"] to the table reading it (in the "
            'participation preset: organisation_id = { column = "Orgnr", compact = true }) and load again: compact '
            "reads '556051-4142' and '919 303 808' as 5560514142 and 919303808") in notes


@pytest.mark.parametrize("option", ['type = "int"', 'values = { "925359444" = "innovasjon-norge" }'])
def test_an_option_a_key_cannot_take_is_refused_at_its_mapping_line(tmp_path, option):
    mapping = write_preset(tmp_path, TABLE, {})
    keyed = f'organisation_id = {{ column = "Orgnr", {option} }}'
    mapping.write_text(mapping.read_text().replace('organisation_id = "Orgnr"', keyed))
    problems = problems_of(mapping)
    assert [(p.file, p.line, p.field) for p in problems] == [("mapping.toml", 6, "organisation_id")]
    assert problems[0].message.startswith(f"organisation_id is a key, read as written: {option.split()[0]} cannot "
                                          "apply to it")


def test_compact_given_other_than_true_is_refused_at_its_mapping_line_saying_what_it_reads(tmp_path):
    mapping = write_preset(tmp_path, TABLE, {})
    mapping.write_text(mapping.read_text().replace('organisation_id = "Orgnr"',
                                                   'organisation_id = { column = "Orgnr", compact = "yes" }'))
    problems = problems_of(mapping)
    assert [(p.file, p.line, p.field) for p in problems] == [("mapping.toml", 6, "organisation_id")]
    assert problems[0].message == ("organisation_id: compact takes true (compact reads '556051-4142' and '919 303 808' "
                                   "as 5560514142 and 919303808); leave it out to read the ids as written")


def test_match_by_name_refuses_an_organisation_name_two_nodes_share_in_other_cases(embedded_store, tmp_path):
    (tmp_path / "store").mkdir()
    load_generic(embedded_store, write_files(tmp_path / "store", {"mapping.toml": """
        [[nodes]]
        file = "orgs.csv"
        label = "Organisation"
        id = "id"
        name = "name"

        [[nodes]]
        file = "sectors.csv"
        label = "Sector"
        id = "id"
        name = "name"
        """, "orgs.csv": "id,name\npic:999975814,UNIVERSITETET I OSLO\npic:892349173,Universitetet i Oslo\n",
        "sectors.csv": "id,name\nautomation,Automation\nesv:1359,automation\n"}))
    mapping = write_preset(tmp_path, TABLE, {"sector": '"Tema"'}, top='match = "name"')
    (tmp_path / "t.csv").write_text("Prosjekt;Akronym;Orgnr;Navn;Tema\n2;Batteri;971277882;Universitetet i Oslo;"
                                    "Automation\n")
    with pytest.raises(ValidationFailed) as refused:  # as `queries run` and `recommend --for` refuse it
        check_generic(embedded_store, mapping)
    assert [p.message for p in refused.value.problems] == [
        "Organisation 'Universitetet i Oslo' (match = \"name\") is the name of 2 nodes of the store (pic:892349173, "
        "pic:999975814): give the one meant as this row's id"]
    (tmp_path / "t.csv").write_text("Prosjekt;Akronym;Orgnr;Navn;Tema\n2;Batteri;pic:999975814;Universitetet i Oslo;"
                                    "Automation\n")
    data = check_generic(embedded_store, mapping)  # a sector's case still tells: the one spelled so is taken
    assert ("Sector", "automation") in {(n.label, n.id) for n in data.nodes}


def test_compact_reads_a_key_without_its_spaces_in_every_table_that_reads_it(tmp_path):
    """The user's way out was to edit the national table: `compact = true` on the preset's key (or `compact = [...]`
    on a table of a whole mapping) reads '919 303 808' as 919303808, for the node and for the relationships' ends."""
    mapping = write_preset(tmp_path, TABLE, {})
    mapping.write_text(mapping.read_text().replace('organisation_id = "Orgnr"',
                                                   'organisation_id = { column = "Orgnr", compact = true }'))
    nodes, rels, notes = read_generic(mapping)
    organisations = sorted(n.id for n in nodes if n.label == "Organisation")
    assert organisations == ["919303808", "971277882"]
    assert sorted((r.start_id, r.end_id) for r in rels if r.type == "PARTICIPATES_IN") == [
        ("919303808", "1"), ("919303808", "2"), ("971277882", "2")]
    assert not [n for n in notes if "written two ways" in n]


def test_compact_names_only_key_columns(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": """
        [[nodes]]
        file = "orgs.csv"
        label = "Organisation"
        id = "id"
        name = "name"
        compact = ["name"]
        """, "orgs.csv": "id,name\n919 303 808,SINTEF AS\n"})
    problems = problems_of(mapping)
    assert [(p.line, p.field) for p in problems] == [(6, "compact")]
    assert problems[0].message == "compact names 'name', which is not a key column of this table ('id')"
    mapping.write_text(mapping.read_text().replace('compact = ["name"]', 'compact = ["id"]'))
    assert [n.id for n in read_generic(mapping)[0] if n.label == "Organisation"] == ["919303808"]


def test_match_by_name_takes_the_record_in_projects_of_a_seed_node_and_its_cordis_record(embedded_store, tmp_path):
    """'Innovasjon Norge' is the seeds' node and its CORDIS record, joined by SAME_AS: queries and `recommend --for`
    take the record in projects, while match = "name" refused the name as two nodes."""
    from graph.store.records import NodeRecord, RelRecord
    from graph.store.writer import write_records

    source = ("test:bodies",)
    write_records(embedded_store, [NodeRecord("Organisation", "innovasjon-norge", "Innovasjon Norge", source),
                                   NodeRecord("Organisation", "pic:996614570", "INNOVASJON NORGE", source),
                                   NodeRecord("Project", "cordis:1", "P1", source)],
                  [RelRecord("SAME_AS", "Organisation", "innovasjon-norge", "Organisation", "pic:996614570", source),
                   RelRecord("PARTICIPATES_IN", "Organisation", "pic:996614570", "Project", "cordis:1", source)])
    mapping = write_preset(tmp_path, "Prosjekt;Akronym;Orgnr;Navn\n7;Havvind;925359444;Innovasjon Norge\n", {},
                           top='match = "name"')
    data = check_generic(embedded_store, mapping)
    assert [r.start_id for r in data.rels if r.type == "PARTICIPATES_IN"] == ["pic:996614570"]


def test_a_title_given_as_a_table_names_the_project(tmp_path):
    """`project_title = { column = "Tittel" }` (the form that takes options) made the table itself the project's name
    column: "name must be a non-empty text"."""
    mapping = write_preset(tmp_path, "Prosjekt;Tittel;Orgnr;Navn\n1;Havvind i nord;919303808;SINTEF AS\n", {})
    titled = 'project_title = { column = "Tittel" }'
    mapping.write_text(mapping.read_text().replace('project_acronym = "Akronym"', titled))
    nodes, _, _ = read_generic(mapping)
    assert [(n.id, n.name) for n in nodes if n.label == "Project"] == [("1", "Havvind i nord")]


def test_a_number_excel_dropped_the_leading_zero_of_is_named_to_write_one_way(tmp_path):
    """A Finnish sheet's `0245895-5` written `2458955` on one row (Excel drops the zero of a number) had made a second
    Oulun yliopisto without a word."""
    table = "Prosjekt;Akronym;Orgnr;Navn\n1;Akku;02458955;Oulun yliopisto\n2;Vety;2458955;Oulun yliopisto\n"
    _, _, notes = read_generic(write_preset(tmp_path, table, {}))
    assert ("t.csv: 1 id(s) are written two ways that differ only in case, spaces, punctuation, leading zeros or a "
            "country code, and each way makes a node of its own: Organisation 'Oulun yliopisto': '02458955' (line 2) "
            "and '2458955' (line 3); to make them one, write each id one way in the table (an id is read as "
            "written)") in notes
    danish = "Prosjekt;Akronym;Orgnr;Navn\n1;Vind;DK 38 45 66 95;Vindtek ApS\n2;Brint;38456695;Vindtek ApS\n"
    _, _, notes = read_generic(write_preset(tmp_path, danish, {}))
    assert any("'DK 38 45 66 95' (line 2) and '38456695' (line 3)" in note for note in notes), notes


def test_an_id_written_as_the_preset_writes_it_says_how_a_nodes_table_writes_it(tmp_path):
    """`id = { column = "partita_iva", compact = true }` in a [[nodes]] table (the preset's form, shown a paragraph
    before in docs/mapping.md) had been told only "id must be a non-empty text"."""
    mapping = write_files(tmp_path, {"mapping.toml": """
        name = "soci"
        [[nodes]]
        file = "soci.csv"
        label = "Organisation"
        id = { column = "partita_iva", compact = true }
        name = "ragione_sociale"
        """, "soci.csv": "ragione_sociale,partita_iva\nComau S.p.A.,IT 00952510155\n"})
    assert [(p.line, p.field, p.message) for p in problems_of(mapping)] == [
        (5, "id", 'id is a column\'s name here: write id = "partita_iva", and compact = ["partita_iva"] beside it (the '
                  "{ column = ... } form is that of the participation preset's [columns])")]


def test_a_nodes_table_named_by_several_columns_takes_the_first_cell_given(tmp_path):
    """`name = ["Kurzname", "Name"]`: a row without a short name is named by its full name; a list of no column is
    refused at its line."""
    mapping = write_files(tmp_path, {"mapping.toml": """
        name = "orgs"
        [[nodes]]
        file = "orgs.csv"
        label = "Organisation"
        id = "Nr"
        name = ["Kurzname", "Name"]
        """, "orgs.csv": "Nr,Kurzname,Name\n1,KUKA,KUKA Deutschland GmbH\n2,,Schaeffler AG\n"})
    nodes = [n for n in read_generic(mapping)[0] if n.label == "Organisation"]
    assert sorted((n.id, n.name) for n in nodes) == [("1", "KUKA"), ("2", "Schaeffler AG")]
    (tmp_path / "mapping.toml").write_text((tmp_path / "mapping.toml").read_text(encoding="utf-8").replace(
        'name = ["Kurzname", "Name"]', "name = []"), encoding="utf-8")
    assert [(p.line, p.field, p.message) for p in problems_of(mapping)] == [
        (6, "name", 'name must be a column, or a list of columns whose first non-empty cell names the node: '
                    'name = ["Akronym", "Titel"]')]
