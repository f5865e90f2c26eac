"""A user's own Swedish grants table and JSON cluster list: the edges `mapping new` and the loader got wrong.

Each test pins one of them: the Swedish project number (`Diarienr`) and municipality (`Kommun`) guessed, the
comment when a name has to be the id, a date column written two ways with one unreadable cell, a JSON data file
given as the mapping, negative amounts, an empty cell that is no conflict, and a JSON list of objects split into
one row per object.
"""

from __future__ import annotations

import json
import tomllib

import pytest

from graph.errors import ValidationFailed
from graph.store.reads import to_networkx
from loaders.generic import check_generic, load_generic, parse_generic
from loaders.mapping import read_mapping
from loaders.mapping_new.participation import participation_template
from tests.cli_invoke import cli_env, invoke
from tests.generic_files import write_files

HEADER = "Projektnamn;Diarienr;Startdatum;Slutdatum;Organisation;Org.nr;Roll;Belopp;Kommun;Län\n"


def grants(rows: list[str], header: str = HEADER) -> str:
    return header + "".join(row + "\n" for row in rows)


def template_of(folder, table: str, name: str = "bidrag.csv") -> str:
    (folder / name).write_text(table, encoding="utf-8")
    return participation_template(folder / name)


def columns_of(template: str) -> dict:
    return tomllib.loads(template)["columns"]


ROWS = ["Förstudie;2023-00101;2023-01-15;2023-12-31;Skogsdata AB;556123-4567;Koordinator;125 000;Växjö;Kronobergs län",
        "Förstudie;2024-00877;2024-03-01;2024-09-30;Havkraft AB;556765-4321;Koordinator;80 000;Luleå;Norrbottens län"]


def test_swedish_project_number_and_municipality_are_guessed(tmp_path):
    columns = columns_of(template_of(tmp_path, grants(ROWS)))
    assert (columns["project_id"], columns["city"], columns["region"]) == ("Diarienr", "Kommun", "Län")
    assert columns["country"] == {"value": "SE"}
    short = columns_of(template_of(tmp_path, grants(ROWS, HEADER.replace("Diarienr", "Dnr")), "dnr.csv"))
    assert short["project_id"] == "Dnr"


def test_a_json_region_key_without_the_ring_is_the_region_of_sweden(tmp_path):
    rows = [{"projektnamn": "Förstudie", "dnr": "2023-00101", "organisation": "Skogsdata AB", "orgnr": "556123-4567",
             "kommun": "Växjö", "lan": "Kronobergs län"}]
    columns = columns_of(template_of(tmp_path, json.dumps(rows, ensure_ascii=False), "bidrag.json"))
    assert (columns["region"], columns["country"], columns["city"]) == ("lan", {"value": "SE"}, "kommun")


def test_a_name_as_the_project_id_says_that_projects_of_one_name_become_one(tmp_path):
    no_number = grants([row.replace(";2023-00101", "").replace(";2024-00877", "") for row in ROWS],
                       HEADER.replace("Diarienr;", ""))
    template = template_of(tmp_path, no_number)
    line = next(line for line in template.splitlines() if line.startswith("project_id"))
    assert line.startswith('project_id = "Projektnamn"  #? Project id: ')
    assert "projects sharing a name become ONE node" in line
    assert "if the table has a project number (Diarienr, grant number), set project_id to that column" in line


def dated_rows(count: int) -> list[str]:
    """`count` participations whose start dates alternate ISO and dd/mm/yyyy, the 11th one unreadable."""
    rows = []
    for at in range(count):
        start = "2023-01-15" if at % 2 else "15/01/2023"
        rows.append(f"Projekt {at};2023-{at:05d};{'2023-13-45' if at == 10 else start};2024-12-31;Org {at} AB;"
                    f"556{at:03d}-0001;Partner;1000;Växjö;Kronobergs län")
    return rows


def test_dates_written_two_ways_with_one_odd_cell_get_both_formats(tmp_path):
    template = template_of(tmp_path, grants(dated_rows(100)))
    assert tomllib.loads(template)["date_format"] == ["%Y-%m-%d", "%d/%m/%Y"]
    line = next(line for line in template.splitlines() if line.startswith("date_format"))
    assert ('1 date(s) none of them reads: "2023-13-45" (bidrag.csv:12): fix them in the table (`load csv --check` '
            "names them)") in line  # by file and line, as the amounts' comment names its odd cells


def test_the_check_then_flags_only_the_odd_line(embedded_store, tmp_path):
    (tmp_path / "mapping.toml").write_text(template_of(tmp_path, grants(dated_rows(100))), encoding="utf-8")
    with pytest.raises(ValidationFailed) as refused:
        check_generic(embedded_store, tmp_path / "mapping.toml")
    assert [(p.line, p.field) for p in refused.value.problems] == [(12, "Startdatum")]


def test_a_json_data_file_given_as_the_mapping_says_to_write_one(tmp_path):
    data = tmp_path / "kluster.json"
    data.write_text(json.dumps({"count": 1, "data": [{"namn": "Skogskluster"}]}), encoding="utf-8")
    with pytest.raises(ValidationFailed) as refused:
        read_mapping(data)
    (problem,) = refused.value.problems
    assert problem.message.startswith("this is a data table, not a mapping")
    assert f"cluster-explorer mapping new {data}" in problem.message
    result = invoke(cli_env(tmp_path / "store.db"), "load", "csv", str(data))
    assert result.exit_code != 0 and "not a mapping" in result.stderr and "unknown key" not in result.stderr


def test_a_json_mapping_with_a_wrong_key_still_names_the_key(tmp_path):
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"name": "x", "nodes": [], "colour": "red"}), encoding="utf-8")
    with pytest.raises(ValidationFailed) as refused:
        read_mapping(mapping)
    assert any("unknown key 'colour'" in p.message for p in refused.value.problems)


def preset(folder, rows: list[str]) -> str:
    mapping = "\n".join(['preset = "participation"', 'file = "bidrag.csv"', 'separator = ";"', "[columns]",
                         'project_id = "Diarienr"', 'project_title = "Projektnamn"', 'organisation_id = "Org.nr"',
                         'organisation_name = "Organisation"', 'role = "Roll"', 'amount = "Belopp"',
                         'city = "Kommun"']) + "\n"
    return write_files(folder, {"mapping.toml": mapping, "bidrag.csv": grants(rows)})


def test_a_negative_amount_loads_with_a_note(embedded_store, tmp_path):
    rows = [*ROWS, ROWS[0].replace("125 000", "-125 000").replace("Koordinator", "Partner")]
    report = load_generic(embedded_store, preset(tmp_path, rows))
    notes = [n for n in report.notes if "negative" in n]
    assert notes == ["bidrag.csv: 1 negative amount(s) of 'Belopp', first '-125 000' on line 4: loaded as written "
                     "(amount -125000.0; a correction or repayment lowers the sums); if a minus is a mistake, "
                     "fix those rows"]
    graph = to_networkx(embedded_store, rel_types=["PARTICIPATES_IN"])
    assert sorted(d["amount"] for _, _, d in graph.edges(data=True)) == [-125000.0, 80000.0, 125000.0]


def test_positive_amounts_give_no_such_note(tmp_path):
    assert not [n for n in parse_generic(preset(tmp_path, ROWS)).notes if "negative" in n]


def test_a_row_lacking_only_a_city_is_no_conflict(embedded_store, tmp_path):
    other_project = ROWS[0].replace("2023-00101", "2023-00555").replace("Växjö", "")
    report = load_generic(embedded_store, preset(tmp_path, [*ROWS, other_project]))
    assert not [n for n in report.notes if "different data" in n]
    graph = to_networkx(embedded_store, labels=["Organisation"])
    assert graph.nodes["Organisation:556123-4567"]["city"] == "Växjö"


def test_a_row_giving_another_city_is_still_a_conflict(tmp_path):
    other_city = ROWS[0].replace("2023-00101", "2023-00555").replace("Växjö", "Alvesta")
    notes = parse_generic(preset(tmp_path, [*ROWS, other_city])).notes
    assert [n for n in notes if "different data" in n and "Organisation '556123-4567' (lines 2, 4)" in n]


CLUSTERS = [{"id": "skog", "namn": "Skogskluster", "members": [
    {"orgnr": "556123-4567", "name": "Skogsdata AB", "adress": {"ort": "Växjö"}},
    {"orgnr": "556765-4321", "name": "Havkraft AB"}]},
    {"id": "hav", "namn": "Havskluster", "members": [{"orgnr": "556765-4321", "name": "Havkraft AB"}]}]


def cluster_mapping(folder, split: str = 'split = { column = "members" }') -> str:
    mapping = f"""
[[nodes]]
file = "kluster.json"
label = "Cluster"
id = "id"
name = "namn"

[[nodes]]
file = "kluster.json"
label = "Organisation"
id = "members.orgnr"
name = "members.name"
properties = {{ city = "members.adress.ort" }}
{split}

[[relationships]]
file = "kluster.json"
type = "MEMBER_OF"
start = {{ label = "Organisation", column = "members.orgnr" }}
end = {{ label = "Cluster", column = "id" }}
{split}
"""
    return write_files(folder, {"mapping.toml": mapping, "kluster.json": json.dumps(CLUSTERS, ensure_ascii=False)})


def test_a_list_of_objects_split_reads_one_row_per_object(embedded_store, tmp_path):
    load_generic(embedded_store, cluster_mapping(tmp_path))
    graph = to_networkx(embedded_store, labels=["Cluster", "Organisation"], rel_types=["MEMBER_OF"])
    members = sorted((start, end) for start, end, d in graph.edges(data=True) if d["type"] == "MEMBER_OF")
    assert members == [("Organisation:556123-4567", "Cluster:skog"), ("Organisation:556765-4321", "Cluster:hav"),
                       ("Organisation:556765-4321", "Cluster:skog")]
    assert graph.nodes["Organisation:556123-4567"]["city"] == "Växjö"
    assert graph.nodes["Organisation:556765-4321"]["name"] == "Havkraft AB"


def test_a_list_of_objects_without_split_says_to_add_it(tmp_path):
    with pytest.raises(ValidationFailed) as refused:
        parse_generic(cluster_mapping(tmp_path, split=""))
    messages = {p.message for p in refused.value.problems}
    assert ("column 'members.orgnr' (id) is in the objects of the list 'members': to read one row per object, add "
            'split = { column = "members" } to this table') in messages


def test_mapping_new_maps_a_cluster_lists_members_and_nothing_else_of_their_objects(tmp_path):
    """A cluster list's `members` objects are its members (tests/test_nested_cluster_members.py): their number and
    name are mapped, split on the list, and their city (`adress.ort`); their other fields are left to the user."""
    template = template_of(tmp_path, json.dumps(CLUSTERS, ensure_ascii=False), "kluster.json")
    mapped = [line for line in template.splitlines() if "members." in line and not line.startswith("#")]
    assert 'id = "members.orgnr"  #? the member\'s id' in mapped
    assert 'split = { column = "members" }' in template
    assert [line for line in mapped if "adress" in line] == ['city = "members.adress.ort"  #? the member\'s city']


def test_json_whole_numbers_written_as_floats_read_as_whole_numbers(embedded_store, tmp_path):
    """A JSON writer's 3.0 for a count was refused as an int ("expected a whole number, got 3.0"), and its
    5561234568.0 for an organisation number became the id "5561234568.0", another node than 5561234568."""
    mapping = write_files(tmp_path, {
        "mapping.toml": 'name = "orgs"\n[[nodes]]\nfile = "orgs.json"\nlabel = "Organisation"\nid = "nr"\n'
                        'name = "namn"\n[nodes.properties]\nemployees = { column = "anst", type = "int" }\n',
        "orgs.json": json.dumps([{"nr": 5561234568.0, "namn": "A AB", "anst": 3.0},
                                 {"nr": 5561234568, "namn": "A AB", "anst": 3}])})
    load_generic(embedded_store, mapping)
    assert embedded_store.read("MATCH (o:Organisation) RETURN o.id, o.employees").rows == [["5561234568", 3]]
    write_files(tmp_path, {"orgs.json": json.dumps([{"nr": 1, "namn": "B AB", "anst": 2.5}])})
    with pytest.raises(ValidationFailed, match="expected a whole number, got 2.5"):
        parse_generic(mapping)
