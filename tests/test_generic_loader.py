"""The generic CSV/JSON loader: the worked example, every kind of bad input, and a store left untouched."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from graph.errors import ValidationFailed
from graph.store.reads import counts, to_networkx
from loaders.generic import load_generic, parse_generic, read_generic
from loaders.mapping import read_mapping
from tests.conftest import FIXTURES

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "members" / "mapping.toml"
BAD = FIXTURES / "generic_bad"
EXAMPLE_LABELS = {"Cluster": 2, "Organisation": 8, "SME": 3, "Person": 4, "Source": 4, "Load": 1}
EXAMPLE_TYPES = {"MEMBER_OF": 7, "WORKS_FOR": 4}


def snapshot(store) -> tuple:
    """Counts plus every node and edge with its properties: equal snapshots mean an unchanged store."""
    graph = to_networkx(store)
    nodes = sorted(repr(item) for item in graph.nodes(data=True))
    edges = sorted(repr(item) for item in graph.edges(keys=True, data=True))
    return counts(store), nodes, edges


def write_files(folder: Path, files: dict[str, str | bytes]) -> Path:
    """Write a mapping and its data files; returns the mapping's path (the first file)."""
    for name, content in files.items():
        data = content if isinstance(content, bytes) else textwrap.dedent(content).lstrip("\n").encode()
        (folder / name).write_bytes(data)
    return folder / next(iter(files))


def problems_of(mapping: Path, store=None) -> list:
    with pytest.raises(ValidationFailed) as caught:
        load_generic(store, mapping) if store is not None else read_generic(mapping)
    return caught.value.problems


ORGS_MAPPING = """
    name = "orgs"

    [[nodes]]
    file = "orgs.csv"
    label = "Organisation"
    id = "id"
    name = "name"
"""


@pytest.fixture
def loaded_store(embedded_store):
    load_generic(embedded_store, EXAMPLE)
    return embedded_store


# --- the worked example -------------------------------------------------------------------------------


def test_example_loads_on_an_empty_store_with_exact_counts(embedded_store):
    report = load_generic(embedded_store, EXAMPLE)
    assert counts(embedded_store) == (EXAMPLE_LABELS, EXAMPLE_TYPES)
    assert (report.summary.created, report.summary.updated, report.summary.relationships) == (16, 0, 11)
    assert report.source == "user:members"


def test_rerunning_the_example_changes_nothing(loaded_store):
    before = snapshot(loaded_store)
    report = load_generic(loaded_store, EXAMPLE)
    assert report.summary.unchanged == report.summary.nodes == 16
    assert report.summary.created == report.summary.updated == 0
    after = snapshot(loaded_store)
    assert after[0] == before[0]
    strip_time = [[n for n in s[1] if "'Load:" not in n] for s in (before, after)]
    assert strip_time[0] == strip_time[1]
    assert after[2] == before[2]


def test_every_record_names_its_source_file(loaded_store):
    graph = to_networkx(loaded_store)
    sources = {n for n in graph if n.startswith("Source:")}
    assert sources == {f"Source:user:members/{f}" for f in
                       ("clusters.csv", "members.csv", "memberships.json", "contacts.csv")}
    assert graph.nodes["Organisation:556001-0001"]["sources"] == ["user:members/members.csv"]
    assert graph.nodes["Person:p-002"]["sources"] == ["user:members/contacts.csv"]
    edges = [d for _, _, d in graph.edges(data=True)]
    assert all(d["sources"] for d in edges)
    assert {d["sources"][0] for d in edges if d["type"] == "WORKS_FOR"} == {"user:members/contacts.csv"}


def test_dates_are_parsed_per_mapping_into_iso_strings(loaded_store):
    graph = to_networkx(loaded_store)
    assert graph.nodes["Organisation:556001-0001"]["founded"] == "2009-03-12"  # 12.03.2009
    assert graph.nodes["Organisation:556001-0003"]["founded"] == "2015-06-30"  # second format, ISO
    since = graph.edges["Organisation:556001-0002", "Cluster:automation-smaland", "MEMBER_OF:"]["since"]
    assert since == "2016-09-01"  # 01.09.2016


def test_typed_columns_and_the_sme_flag(loaded_store):
    graph = to_networkx(loaded_store)
    alfa = graph.nodes["Organisation:556001-0001"]
    assert (alfa["employees"], alfa["turnover_meur"], alfa["sectors"]) == (45, 6.2, ["IoT", "sensors"])
    assert "SME" in alfa["labels"]
    assert "SME" not in graph.nodes["Organisation:556001-0002"]["labels"]
    empty = graph.nodes["Organisation:556001-0006"]
    assert "employees" not in empty and "founded" not in empty  # empty cells set nothing


def test_quotes_and_html_in_names_are_stored_verbatim(loaded_store):
    graph = to_networkx(loaded_store)
    assert graph.nodes["Organisation:556001-0002"]["name"] == 'Smålands "Smarta" Maskiner AB'
    assert graph.nodes["Organisation:556001-0003"]["name"] == "<b>Bold AB</b>"
    assert graph.nodes["Person:p-002"]["name"] == "Berg, Johan"


def test_cypher_and_html_in_values_are_stored_verbatim(loaded_store, tmp_path):
    hostile = ['x"}) DETACH DELETE n //', "<img src=x onerror=alert(1)>", "Robert'); DROP TABLE x;--"]
    rows = "".join(f'h{i};"{name.replace(chr(34), chr(34) * 2)}"\n' for i, name in enumerate(hostile))
    mapping = write_files(tmp_path, {"mapping.toml": ORGS_MAPPING, "orgs.csv": "id;name\n" + rows})
    load_generic(loaded_store, mapping)
    graph = to_networkx(loaded_store)
    assert [graph.nodes[f"Organisation:h{i}"]["name"] for i in range(3)] == hostile
    assert counts(loaded_store)[0]["Organisation"] == EXAMPLE_LABELS["Organisation"] + 3


def test_read_generic_needs_no_store_and_returns_a_preview():
    nodes, rels, notes = read_generic(EXAMPLE)
    assert len(nodes) == 16 and len(rels) == 11
    assert "members.csv: 6 row(s), read as UTF-8 with BOM, separator semicolon" in notes
    assert "memberships.json: 7 row(s), read as UTF-8, JSON" in notes


# --- bad files: message names file, line and column; the store is unchanged ------------------------------

BAD_CASES = {
    # case: (file, line, column, part of the message)
    "truncated_row": ("members.csv", 3, "city", "the row has 2 field(s), the header has 3"),
    "unknown_column": ("members.csv", 1, "town", "column 'town' (city, mapping.toml:10) is not in the file"),
    "wrong_separator": ("members.csv", 1, "org_nr", "looks separated by semicolon, not comma"),
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


def test_relationships_to_nodes_already_in_the_store_load(loaded_store, tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": """
        [[relationships]]
        file = "more.csv"
        type = "MEMBER_OF"
        start = { label = "Organisation", column = "org" }
        end = { label = "Cluster", column = "cluster" }
        """, "more.csv": "org,cluster\n556001-0003,automation-smaland\n"})
    load_generic(loaded_store, mapping)
    assert counts(loaded_store)[1]["MEMBER_OF"] == EXAMPLE_TYPES["MEMBER_OF"] + 1


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


# --- the mapping itself ---------------------------------------------------------------------------------


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
    assert "does not read back a full date" in found[(12, "opened")]
    assert "reserved" in found[(13, "kind")]
    assert "start must be one of Cluster, Organisation, not 'Person'" in found[(18, "start")]
    assert "MEMBER_OF has no property 'role'" in found[(22, "role")]
    assert "unknown relationship type 'KNOWS'" in found[(26, "type")]


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


# --- reading CSV ----------------------------------------------------------------------------------------


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


def test_the_example_over_the_seed_clusters_only_adds_itself_to_their_sources(embedded_store):
    seeds = pytest.importorskip("loaders.seeds")
    seeds.load_seeds(embedded_store)
    seeded = to_networkx(embedded_store).nodes["Cluster:iot-world"]
    clusters_before = counts(embedded_store)[0]["Cluster"]
    report = load_generic(embedded_store, EXAMPLE)
    assert (report.summary.created, report.summary.updated) == (14, 2)  # the two clusters gain a source
    assert counts(embedded_store)[0]["Cluster"] == clusters_before
    merged = to_networkx(embedded_store).nodes["Cluster:iot-world"]
    assert merged["sources"] == [*seeded["sources"], "user:members/clusters.csv"]
    assert {k: v for k, v in merged.items() if k != "sources"} == {k: v for k, v in seeded.items() if k != "sources"}


@pytest.mark.parametrize("name", ["mapping.toml", "clusters.csv", "members.csv", "memberships.json", "contacts.csv"])
def test_the_user_guide_shows_each_example_file_as_it_is(name):
    guide = (Path(__file__).resolve().parents[1] / "docs" / "mapping.md").read_text(encoding="utf-8")
    text = (EXAMPLE.parent / name).read_text(encoding="utf-8-sig")
    assert f"`{name}`" in guide and text in guide


def test_a_spreadsheet_or_a_missing_label_is_named_in_the_mapping(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": ORGS_MAPPING.replace("orgs.csv", "orgs.xlsx")
                                     .replace('label = "Organisation"\n', "")})
    with pytest.raises(ValidationFailed) as caught:
        read_mapping(mapping)
    found = {(p.line, p.field): p.message for p in caught.value.problems}
    assert "save the sheet as CSV" in found[(4, "file")]
    assert found[(3, "label")].startswith("label is missing; use one of Cluster, Organisation")


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
