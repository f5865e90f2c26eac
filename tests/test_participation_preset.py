"""The participation preset on a real-shaped national grants table (tests/fixtures/participation/)."""

from __future__ import annotations

import shutil

import pytest

from graph.errors import ValidationFailed
from graph.store.reads import counts, to_networkx
from loaders.generic import load_generic, read_generic
from loaders.pipeline import run_load
from tests.conftest import FIXTURES
from tests.generic_files import snapshot, write_files, write_preset

TABLE = FIXTURES / "participation"
MAPPING = TABLE / "mapping.toml"
#: Two Sources: the file's, and entity resolution's (run after every load).
# the 9 counties are NUTS regions by their names, with 7 parents (NO0, NO02 ...): 16 regions and PART_OF links
LABELS = {"Project": 90, "Organisation": 45, "Programme": 5, "Region": 16, "Country": 6, "Source": 2, "Load": 1}
TYPES = {"PARTICIPATES_IN": 248, "FUNDED_BY": 75, "LOCATED_IN": 45, "PART_OF": 16}


@pytest.fixture
def loaded(embedded_store):
    run_load(embedded_store, "csv", MAPPING)
    return embedded_store


def test_the_mapping_is_about_ten_lines():
    lines = [line for line in MAPPING.read_text(encoding="utf-8").splitlines() if line.strip()
             and not line.startswith("#")]
    assert len(lines) <= 18 and lines[1] == 'preset = "participation"'


def test_the_table_loads_with_exact_counts(embedded_store):
    report = run_load(embedded_store, "csv", MAPPING)
    labels, types = counts(embedded_store)
    assert {k: labels[k] for k in LABELS} == LABELS and {k: types[k] for k in TYPES} == TYPES
    assert report.summary.created == 90 + 45 + 5 + 16 + 6 + 1


def test_the_summary_says_what_was_cleaned_and_filled_in(embedded_store):
    notes = run_load(embedded_store, "csv", MAPPING).load.notes
    assert ("tildelinger.csv: removed 3 control characters in 2 values (the first on line 9, column "
            "Organisasjonsnavn); they are invisible and would stop a search from finding the text.") in notes
    filled = next(n for n in notes if "placeholder" in n)
    assert filled == ("tildelinger.csv: 13 row(s) given a placeholder id for their empty key (on_empty): "
                      "Organisasjonsnummer on line 5, 20, 43, 61, 79, 106, 126, 147, 165, 176 and 3 more")


def test_organisations_without_a_number_are_one_node_each_by_name(loaded):
    graph = to_networkx(loaded)
    unnumbered = sorted(n for n in graph if n.startswith("Organisation:navn:"))
    assert unnumbered == ["Organisation:navn:Fraunhofer-Institut für Küstenbau",
                          "Organisation:navn:Nordsee Meerestechnik GmbH", "Organisation:navn:Université de la Mer"]
    assert graph.nodes[unnumbered[1]]["country"] == "DE"


def test_names_with_control_characters_merge_with_their_clean_spelling(loaded):
    graph = to_networkx(loaded)
    names = {d["name"] for _, d in graph.nodes(data=True) if d.get("kind") == "Organisation"}
    assert "Bodø Drone AS" in names and not any(c < " " for name in names for c in name)


def test_countries_written_as_names_and_codes_become_one_code(loaded):
    graph = to_networkx(loaded)
    countries = sorted(n.split(":")[1] for n in graph if n.startswith("Country:"))
    assert countries == ["DE", "DK", "FI", "FR", "NO", "SE"]
    norwegian = [d for _, d in graph.nodes(data=True)
                 if d.get("kind") in ("Organisation", "Cluster") and d.get("country") == "NO"]
    assert len(norwegian) == 38  # two of them detected as clusters (kind Cluster)


def test_counties_are_regions_of_norway_that_region_queries_find(loaded):
    """The counties' names are NUTS names (`Vestland` NO0A2, `Troms og Finnmark` NUTS 2021's NO074), so they are
    those NUTS regions, PART_OF Norway through their parents, as CORDIS's are."""
    rows = loaded.read("MATCH (o:Organisation)-[:LOCATED_IN]->(r:Region)-[:PART_OF*]->(c:Country {id: 'NO'}) "
                       "RETURN r.id, count(o) ORDER BY r.id").rows
    assert [r[0] for r in rows] == ["NO020", "NO060", "NO071", "NO074", "NO081", "NO092", "NO0A1", "NO0A2", "NO0A3"]
    assert sum(r[1] for r in rows) == 37  # one Norwegian company has no county: it is located in the country


def test_projects_are_funded_by_their_programme_and_rows_without_one_are_reported(loaded, embedded_store):
    rows = loaded.read("MATCH (p:Project)-[:FUNDED_BY]->(g:Programme) RETURN g.id, count(p) ORDER BY g.id").rows
    assert rows == [["BIA", 15], ["ENERGIX", 15], ["HAVBRUK2", 15], ["IKTPLUSS", 15], ["MAROFF", 15]]
    notes = run_load(embedded_store, "csv", MAPPING).load.notes
    assert any(n.startswith('tildelinger.csv: 36 row(s) skipped: their key is empty (on_empty = "skip"): Program on '
                            "line 14, 15, 32") for n in notes)


def test_roles_amounts_and_dates_read_as_the_features_expect(loaded):
    graph = to_networkx(loaded)
    first = graph.edges["Organisation:912000227", "Project:320100", "PARTICIPATES_IN:coordinator"]  # the role as read
    # a national funder's table, not said to be the EU's money: its amounts are kept apart (tests/test_funder.py)
    assert (first["role"], first["amount"], first["currency"]) == ("coordinator", 5044000.0, "EUR")
    assert graph.edges["Organisation:912000129", "Project:320100", "PARTICIPATES_IN:participant"]["amount"] == \
        7725050.5
    project = graph.nodes["Project:320100"]
    assert (project["start_date"], project["end_date"]) == ("2019-11-23", "2022-04-17")
    assert project["title"] == project["name"] == "Havvind: nye metoder for Vestlandet"
    coordinators = loaded.read("MATCH (o:Organisation) WHERE o.coordinated_projects > 0 "
                               "RETURN sum(o.coordinated_projects)").rows[0][0]
    assert coordinators == 90  # the activity counts after every load see one coordinator per project


def test_a_rerun_changes_nothing(loaded):
    before = snapshot(loaded)
    report = run_load(loaded, "csv", MAPPING)
    assert (report.summary.created, report.summary.updated, report.summary.relationships_created,
            report.summary.relationships_updated) == (0, 0, 0, 0)
    after = snapshot(loaded)
    assert after[0] == before[0] and after[2] == before[2]
    assert [n for n in after[1] if "'Load:" not in n] == [n for n in before[1] if "'Load:" not in n]


def test_a_bad_row_names_file_line_and_column_and_leaves_the_store_as_it_was(loaded, tmp_path):
    shutil.copy(MAPPING, tmp_path / "mapping.toml")
    text = (TABLE / "tildelinger.csv").read_text(encoding="utf-8-sig").splitlines()
    cells = text[12].split(";")
    cells[9] = "31.02.2022"  # Sluttdato: no such day
    text[12] = ";".join(cells)
    (tmp_path / "tildelinger.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    before = snapshot(loaded)
    with pytest.raises(ValidationFailed) as refused:
        load_generic(loaded, tmp_path / "mapping.toml")
    assert str(refused.value.problems[0]).startswith(
        "tildelinger.csv:13 [Sluttdato]: expected a date like 31.12.2024 (format %d.%m.%Y), got '31.02.2022'")
    assert snapshot(loaded) == before


def test_a_preset_mapping_is_checked_like_any_mapping(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": """
        preset = "participation"
        file = "t.csv"
        [columns]
        project_id = "Prosjektnummer"
        organisation_nr = "Organisasjonsnummer"
        amount = "Tildelt beløp"
    """, "t.csv": "Prosjektnummer;Organisasjonsnummer\n1;2\n"})
    with pytest.raises(ValidationFailed) as refused:
        read_generic(mapping)
    said = [str(p) for p in refused.value.problems]
    assert any(p.startswith("mapping.toml:5 [organisation_nr]: unknown column role 'organisation_nr' in [columns]; "
                            "known: project_id,") for p in said)
    assert ("mapping.toml:3 [columns]: the participation preset needs the column(s) organisation_id, "
            "organisation_name, project_title or project_acronym in [columns]") in said


def test_a_preset_column_missing_from_the_file_is_named_with_the_mapping_line(tmp_path):
    shutil.copy(TABLE / "tildelinger.csv", tmp_path / "tildelinger.csv")
    (tmp_path / "mapping.toml").write_text(MAPPING.read_text(encoding="utf-8").replace('"Fylke"', '"Fylket"'),
                                           encoding="utf-8")
    with pytest.raises(ValidationFailed) as refused:
        read_generic(tmp_path / "mapping.toml")
    assert [str(p) for p in refused.value.problems] == [
        "tildelinger.csv:1 [Fylket]: column 'Fylket' (located_in region, mapping.toml:16) is not in the file; "
        "did you mean 'Fylke'?; columns: Prosjektnummer, Prosjekttittel, Organisasjonsnummer, Organisasjonsnavn, "
        "Rolle, Tildelt beløp, Fylke, Land, Startdato, Sluttdato, Program"]


def test_a_title_column_missing_from_the_file_is_one_problem_at_its_columns_line(tmp_path):
    shutil.copy(TABLE / "tildelinger.csv", tmp_path / "tildelinger.csv")  # the title fills name and title
    (tmp_path / "mapping.toml").write_text(MAPPING.read_text(encoding="utf-8").replace('"Prosjekttittel"',
                                                                                      '"Prosjekt tittel"'),
                                           encoding="utf-8")
    with pytest.raises(ValidationFailed) as refused:
        read_generic(tmp_path / "mapping.toml")
    (problem,) = [str(p) for p in refused.value.problems]  # not one for the name and one for the title
    assert problem.startswith("tildelinger.csv:1 [Prosjekt tittel]: column 'Prosjekt tittel' (name, title, "
                              "mapping.toml:11) is not in the file; did you mean 'Prosjekttittel'?")
    assert (tmp_path / "mapping.toml").read_text(encoding="utf-8").splitlines()[10].startswith("project_title =")


def test_an_unknown_preset_is_named(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": 'preset = "grants"\nfile = "t.csv"\n'})
    with pytest.raises(ValidationFailed) as refused:
        read_generic(mapping)
    assert [str(p) for p in refused.value.problems] == [
        "mapping.toml:1 [preset]: unknown preset 'grants'; known: participation"]


def test_the_user_guide_shows_the_mapping_and_the_table_as_they_are():
    guide = (FIXTURES.parents[1] / "docs" / "mapping.md").read_text(encoding="utf-8")
    assert MAPPING.read_text(encoding="utf-8") in guide
    first_rows = (TABLE / "tildelinger.csv").read_text(encoding="utf-8-sig").splitlines()[:3]
    assert "\n".join(first_rows) + "\n" in guide


def test_a_national_table_without_a_country_column_takes_a_constant(tmp_path):
    mapping = write_preset(tmp_path, "Prosjekt;Akronym;Orgnr;Navn;Rolle;Fylke\n1;HAV;9;Fjordlab AS;Koordinator;"
                           "Vestland\n1;HAV;8;Kyst AS;Hovedpartner;\n",
                           {"role": '"Rolle"', "region": '"Fylke"', "country": '{ value = "Norge" }'})
    nodes, rels, _ = read_generic(mapping)
    organisations = {n.id: n.properties for n in nodes if n.label == "Organisation"}
    assert organisations == {"9": {"country": "NO", "region": "NO-Vestland"}, "8": {"country": "NO"}}
    assert {n.id: n.name for n in nodes if n.label == "Project"} == {"1": "HAV"}
    roles = sorted(r.properties["role"] for r in rels if r.type == "PARTICIPATES_IN")
    assert roles == ["Hovedpartner", "coordinator"]  # a word the preset does not know is kept as written


def test_a_theme_column_makes_sectors_the_projects_are_active_in(tmp_path, embedded_store):
    table = ("Prosjekt;Akronym;Orgnr;Navn;Tema\n1;HAV;9;Fjordlab AS;Havvind\n1;HAV;8;Kyst AS;Havvind\n"
             "2;BAT;8;Kyst AS;Batterier\n3;UKJ;7;Berg AS;\n")
    mapping = write_preset(tmp_path, table, {"sector": '"Tema"'})
    report = run_load(embedded_store, "csv", mapping)
    active = embedded_store.read("MATCH (p:Project)-[:ACTIVE_IN]->(s:Sector) RETURN p.id, s.id ORDER BY p.id").rows
    assert [tuple(r) for r in active] == [("1", "Havvind"), ("2", "Batterier")]
    assert "t.csv: 1 row(s) skipped: their key is empty (on_empty = \"skip\"): Tema on line 5" in report.load.notes
    assert {tuple(r) for r in embedded_store.read("MATCH (s:Sector) RETURN s.id, s.name").rows} == {
        ("Havvind", "Havvind"), ("Batterier", "Batterier")}
