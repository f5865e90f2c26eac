"""`cluster-explorer mapping new TABLE`: a participation mapping written from a table's header and cells.

The real-shaped Norwegian table of tests/fixtures/participation and the CORDIS fixture (English headers) are
the tables; each template is then read by the real generic loader.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from graph.errors import ValidationFailed
from loaders.generic import parse_generic
from loaders.mapping_new.participation import guess_columns, participation_template, template_shape
from tests.cli_invoke import cli_env, error_line, invoke
from tests.conftest import FIXTURES
from tests.generic_files import write_files

TABLE = FIXTURES / "participation" / "tildelinger.csv"
HAND_WRITTEN = FIXTURES / "participation" / "mapping.toml"


@pytest.fixture
def folder(tmp_path):
    shutil.copy(TABLE, tmp_path / TABLE.name)
    return tmp_path


def test_the_template_of_the_norwegian_table_guesses_what_the_hand_written_mapping_says(folder):
    text = participation_template(folder / TABLE.name)
    made, hand = tomllib.loads(text), tomllib.loads(HAND_WRITTEN.read_text(encoding="utf-8"))
    organisation = made["columns"].pop("organisation_id")  # with its own on_empty: the organisation's key alone
    assert made["columns"] == {k: v for k, v in hand["columns"].items() if k != "organisation_id"}
    assert organisation == {"column": hand["columns"]["organisation_id"],
                            "on_empty": {"placeholder": "name:{Organisasjonsnavn}"}}
    assert {k: made[k] for k in ("preset", "file", "date_format", "decimal")} == {
        k: hand[k] for k in ("preset", "file", "date_format", "decimal")}
    assert "#? Organisation id; 13 row(s) have none (lines 5, 20, 43, 61, 79 and 8 more)" in text  # marked to check
    assert template_shape(text) == "participation"


def test_the_template_loads_what_the_hand_written_mapping_loads(folder):
    (folder / "mapping.toml").write_text(participation_template(folder / TABLE.name), encoding="utf-8")
    made, hand = parse_generic(folder / "mapping.toml"), parse_generic(HAND_WRITTEN)
    assert made.would_write() == hand.would_write()


def test_english_headers_of_a_cordis_table_are_guessed(tmp_path):
    headers = (FIXTURES / "cordis" / "organizations.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert guess_columns(headers) == {
        "project_id": "projectID", "project_acronym": "projectAcronym", "organisation_id": "organisationID",
        "organisation_name": "name", "role": "role", "amount": "ecContribution", "country": "country",
        "region": "nutsCode", "city": "city", "sme": "SME", "participation_key": "order"}
    text = participation_template(FIXTURES / "cordis" / "organizations.csv")
    assert "# roles =" not in text  # CORDIS's thirdParty and associatedPartner are roles the features read
    assert "date_format" not in text and "decimal" not in text  # CORDIS writes ISO dates and decimal points


def test_short_english_headers_a_user_writes_are_guessed():
    """`org_name` was left unmapped ("none of the header looked like it"): `name` has fewer than 5 letters, so a
    header holding it was no likely guess, and `orgname` was no word of ours."""
    assert guess_columns(["project_id", "project_title", "org_name", "org_country", "role", "start", "end",
                          "grant_eur"]) == {
        "project_id": "project_id", "project_title": "project_title", "start_date": "start", "end_date": "end",
        "organisation_name": "org_name", "role": "role", "amount": "grant_eur", "country": "org_country"}
    assert guess_columns(["Partner", "Company", "Applicant"])["organisation_name"] in ("Partner", "Company",
                                                                                       "Applicant")


def test_a_header_nothing_matches_leaves_the_needed_columns_for_the_user_and_the_check_says_which(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": "", "t.csv": "A;B;C\n1;2;3\n"})
    mapping.write_text(participation_template(tmp_path / "t.csv"), encoding="utf-8")
    text = mapping.read_text(encoding="utf-8")
    assert 'project_id = ""  # needed: the column of the Project id; none of the header looked like it' in text
    assert "# columns not used: A, B, C" in text
    with pytest.raises(ValidationFailed) as refused:
        parse_generic(mapping)
    assert [str(p) for p in refused.value.problems] == [
        "mapping.toml:11 [project_id]: project_id is empty: write the header of the column holding the Project id",
        "mapping.toml:12 [project_title]: project_title is empty: write the header of the column holding the Project "
        "title (and name), or remove the line",
        "mapping.toml:16 [organisation_id]: organisation_id is empty: write the header of the column holding the "
        "Organisation id",
        "mapping.toml:17 [organisation_name]: organisation_name is empty: write the header of the column holding "
        "the Organisation name"]


def test_the_cli_writes_the_mapping_next_to_the_table_and_refuses_to_overwrite(folder, embedded_server):
    env = cli_env(embedded_server, "mapping_template")
    out = folder / "grants.toml"
    made = invoke(env, "mapping", "new", str(folder / TABLE.name), "--out", str(out))
    assert made.exit_code == 0, made.stderr
    assert made.stderr.startswith(f"{out}: a mapping for tildelinger.csv (13 guesses marked #? to check)")
    assert tomllib.loads(out.read_text(encoding="utf-8"))["file"] == "tildelinger.csv"
    checked = invoke(env, "load", "csv", str(out), "--check")
    assert checked.exit_code == 0 and "valid; a load would write 162 nodes" in checked.stdout
    again = invoke(env, "mapping", "new", str(folder / TABLE.name), "--out", str(out))
    assert error_line(again.exit_code, again.stderr) == (
        f"Error: {out} exists; give another --out, or move it away first")
    (folder / "sub").mkdir()
    outside = invoke(env, "mapping", "new", str(folder / TABLE.name), "--out", str(folder / "sub" / "m.toml"))
    assert "a mapping may only name files inside its own folder" in error_line(outside.exit_code, outside.stderr)
    printed = invoke(env, "mapping", "new", str(folder / TABLE.name))
    assert printed.exit_code == 0 and tomllib.loads(printed.stdout)["columns"]["project_id"] == "Prosjektnummer"


def test_a_file_that_is_no_table_is_one_error_line(tmp_path, embedded_server):
    (tmp_path / "x.json").write_text('[{"a": 1},\n{"b":', encoding="utf-8")
    result = invoke(cli_env(embedded_server, "mapping_template"), "mapping", "new", str(tmp_path / "x.json"))
    assert result.exit_code == 1 and "x.json:2: not valid JSON" in result.stderr and "Traceback" not in result.stderr


def test_a_german_table_gets_its_number_and_date_marks_and_names_as_ids(tmp_path):
    (tmp_path / "foerderung.csv").write_text(
        "Förderkennzeichen;Thema;Zuwendungsempfänger;Fördersumme in EUR;Laufzeit von;Laufzeit bis;Land\n"
        "01AB;Wasserstoff;Uni Kiel;1.234.567,89;01.01.2023;31.12.2025;Deutschland\n"
        "01AB;Wasserstoff;Fjordlab AS;250.000,00;01.01.2023;31.12.2025;Norwegen\n", encoding="utf-8")
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(participation_template(tmp_path / "foerderung.csv"), encoding="utf-8")
    made = tomllib.loads(mapping.read_text(encoding="utf-8"))
    assert (made["decimal"], made["thousands"], made["date_format"]) == (",", ".", "%d.%m.%Y")
    assert made["columns"]["organisation_id"] == made["columns"]["organisation_name"] == "Zuwendungsempfänger"
    assert (made["columns"]["start_date"], made["columns"]["end_date"]) == ("Laufzeit von", "Laufzeit bis")
    data = parse_generic(mapping)
    amounts = {r.start_id: r.properties["amount"] for r in data.rels if r.type == "PARTICIPATES_IN"}
    assert amounts == {"Uni Kiel": 1234567.89, "Fjordlab AS": 250000.0}
    assert {n.id: n.properties["start_date"] for n in data.nodes if n.label == "Project"} == {"01AB": "2023-01-01"}


def test_an_austrian_table_s_register_number_and_end_date_are_found(tmp_path):
    """`Firmenbuchnummer` (values like `FN 123456a`) was not taken for the organisation number, so the names became
    the ids, and `Projektende` was not taken for the end date (tests/fixtures/austrian_clusters/)."""
    table = tmp_path / "foerderungen.csv"
    table.write_bytes((Path(__file__).parent / "fixtures" / "austrian_clusters" / "foerderungen.csv").read_bytes())
    columns = tomllib.loads(participation_template(table))["columns"]
    assert columns["organisation_id"]["column"] == "Firmenbuchnummer"
    assert (columns["start_date"], columns["end_date"]) == ("Projektbeginn", "Projektende")


def test_an_austrian_member_list_is_placed_in_austria_by_its_bundeslaender(tmp_path, embedded_server):
    """`Bundesland` implied Germany, so a list of Austria's members (Oberösterreich, Steiermark) was given country DE;
    and the members' id was the cluster's id column, their Firmenbuchnummer not being read as a number."""
    table = tmp_path / "cluster_mitglieder.csv"
    table.write_bytes((FIXTURES / "austrian_clusters" / "cluster_mitglieder.csv").read_bytes())
    made = invoke(cli_env(embedded_server, "mapping_template_at"), "mapping", "new", str(table), "--out",
                  str(tmp_path / "c.toml"))
    assert made.exit_code == 0, made.stderr
    mapping = tomllib.loads((tmp_path / "c.toml").read_text(encoding="utf-8"))
    members = next(t for t in mapping["nodes"] if t["label"] == "Organisation")
    assert members["id"] == "Firmenbuchnummer"
    assert members["located_in"]["country"] == {"value": "AT"}


@pytest.mark.parametrize("module", ["loaders.mapping_new.participation", "loaders.csv_header", "loaders.json_tables"])
def test_the_examples_in_the_docstrings_hold(module):
    import doctest
    import importlib

    found = doctest.testmod(importlib.import_module(module))
    assert found.attempted and found.failed == 0


SWEDISH = ["Beviljade projekt 2024;;;;;;;;",
           "Diarienummer;Projekttitel;Organisation;Org.nr;Roll;Beviljat belopp (kr);Län;Projektstart;Projektslut",
           "2024-00001;Smart fabrik i Småland;Automation Småland AB;556001-0003;Projektledare;1\u00a0250\u00a0000;"
           "Kronobergs län;2024-03-01;2026-02-28",
           "2024-00001;Smart fabrik i Småland;Växjö Sensor AB;556002-0002;Samarbetspartner;450\u00a0000;"
           "Kronobergs län;2024-03-01;2026-02-28",
           "2024-00002;Grön stålhall;Industrial Green Tech AB;556003-0001;Projektledare;2\u00a0000\u00a0000,50;"
           "Norrbottens län;2024-09-01;2027-08-31"]


def test_a_swedish_export_from_a_spreadsheet_maps_and_reads_as_it_is(tmp_path):
    (tmp_path / "vinnova.csv").write_bytes(("\r\n".join(SWEDISH) + "\r\n").encode("cp1252"))
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(participation_template(tmp_path / "vinnova.csv"), encoding="utf-8")
    made = tomllib.loads(mapping.read_text(encoding="utf-8"))
    assert (made["skip_lines"], made["decimal"], made["columns"]["country"]) == (1, ",", {"value": "SE"})
    assert made["columns"]["region"] == "Län"
    assert made["columns"]["organisation_id"] == {"column": "Org.nr", "compact": True}  # 556002-0002
    data = parse_generic(mapping)
    assert data.would_write().startswith("8 nodes (Organisation 3, Project 2, Region 2, Country 1)")
    amounts = sorted(r.properties["amount"] for r in data.rels if r.type == "PARTICIPATES_IN")
    assert amounts == [450000.0, 1250000.0, 2000000.5]
    assert {n.id for n in data.nodes if n.label == "Region"} == {"SE-Kronobergs-län", "SE-Norrbottens-län"}
    roles = sorted(r.properties["role"] for r in data.rels if r.type == "PARTICIPATES_IN")
    assert roles == ["coordinator", "coordinator", "participant"]


def test_regions_of_no_known_country_leave_the_country_for_the_user_and_the_check_names_its_line(tmp_path):
    text = "\n".join(SWEDISH[1:]).replace(";Län;", ";Region;") + "\n"
    text = text.replace("Kronobergs län", "Distrikt 4").replace("Norrbottens län", "Distrikt 9")  # no NUTS names
    (tmp_path / "v.csv").write_text(text, encoding="utf-8")
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(participation_template(tmp_path / "v.csv"), encoding="utf-8")
    lines = mapping.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines, start=1) if line.startswith("country = "))
    assert lines[at - 1].startswith('country = { value = "" }  # needed: the regions in Region are in which country?')
    with pytest.raises(ValidationFailed) as refused:
        parse_generic(mapping)
    assert [str(p) for p in refused.value.problems] == [
        f"mapping.toml:{at} [country]: the country value is empty: write the code of the country every row is in "
        '(country = { value = "NO" }), or map a column holding it']


def test_regions_nuts_names_give_the_country_a_plain_region_header_does_not(tmp_path):
    """`Region` names no country, but Kronobergs län and Norrbottens län are NUTS regions of Sweden alone."""
    text = "\n".join(SWEDISH[1:]).replace(";Län;", ";Region;") + "\n"
    (tmp_path / "v.csv").write_text(text, encoding="utf-8")
    assert ('country = { value = "SE" }  #? the regions in Region are NUTS regions of SE; every row is placed there'
            in participation_template(tmp_path / "v.csv"))


def test_amounts_a_point_could_group_are_left_for_the_user_to_say(tmp_path):
    (tmp_path / "t.csv").write_text("Förderkennzeichen;Thema;Zuwendungsempfänger;Fördersumme\n"
                                    "01AB;Wasserstoff;Uni Kiel;250.000\n01AC;Wind;Kyst AS;80000\n", encoding="utf-8")
    text = participation_template(tmp_path / "t.csv")
    assert ('# thousands = "."  # amounts like "250.000": a point before three digits; if it stands between '
            "thousands (German, Danish), set this, else 250.000 reads as a decimal") in text
    assert "thousands" not in tomllib.loads(text)  # a comment: the user says which
    (tmp_path / "t.csv").write_text("Förderkennzeichen;Thema;Zuwendungsempfänger;Fördersumme\n"
                                    "01AB;Wasserstoff;Uni Kiel;250.000\n01AC;Wind;Kyst AS;1.250.000\n",
                                    encoding="utf-8")
    assert tomllib.loads(participation_template(tmp_path / "t.csv"))["thousands"] == "."


def test_a_table_without_a_header_is_refused_saying_its_first_line_is_data(tmp_path):
    """Its first row was taken for the columns' names: "one row per participation, 0 guesses", the data listed as
    unused columns."""
    table = tmp_path / "orgs.csv"
    table.write_text("556036-0793;Volvo Personvagnar AB;Västra Götaland\n556012-5790;Saab AB;Östergötland\n",
                     encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        participation_template(table)
    (problem,) = caught.value.problems
    assert problem.line == 1 and problem.message.startswith(
        "this line looks like data, not the columns' names (556036-0793): a mapping names the columns")
    wide = tmp_path / "wide.csv"  # years may head the columns of a wide table
    wide.write_text("Organisation;Prosjekt;2023;2024\nFjordlab AS;HAV;1;2\n", encoding="utf-8")
    assert participation_template(wide)
