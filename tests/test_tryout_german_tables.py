"""What a Bavarian agency's try-out of its own tables found (a grants table listing a project's partners in one cell,
`;` in one row and ` / ` in the next; a project named by its acronym, its id). Real files in tmp_path, the generic
loader reading them, the real embedded store where a load is asserted.
"""

from __future__ import annotations

from loaders.generic import load_generic, read_generic
from tests.generic_files import problems_of, write_files

TABLE = """Projekt;Akronym;Partner;Programm
Leichtbau aus Naturfaser;NaturKaro;"Nürnberger Verbundwerkstoffe GmbH; Friedrich-Alexander-Universität";BayVFP
Sensorik in der Keramik;SensKer;"Oberpfälzer Keramik GmbH / Ostbayerische Technische Hochschule Regensburg";BayVFP
Summe;;;
"""


def _mapping(tmp_path, separator: str, role: str = "", project_id: str = '"Akronym"'):
    return write_files(tmp_path, {"mapping.toml": f"""
        preset = "participation"
        file = "projekte.csv"
        separator = ";"
        [columns]
        project_id = {project_id}
        project_title = "Projekt"
        project_acronym = "Akronym"
        organisation_id = {{ column = "Partner", separator = {separator}, on_empty = "skip" }}
        organisation_name = {{ column = "Partner", separator = {separator} }}
        programme = "Programm"
        {role}
        """, "projekte.csv": TABLE})


def test_a_cell_may_list_its_items_between_several_separators(embedded_store, tmp_path):
    """`separator = [";", "/"]` had been refused with `split must be a table`, and with `;` alone the partners
    written with ` / ` were one organisation."""
    mapping = _mapping(tmp_path, '[";", " / "]', project_id='{ column = "Akronym", on_empty = "skip" }')
    load_generic(embedded_store, mapping)
    names = sorted(r[0] for r in embedded_store.read("MATCH (o:Organisation) RETURN o.name").rows)
    assert names == ["Friedrich-Alexander-Universität", "Nürnberger Verbundwerkstoffe GmbH", "Oberpfälzer Keramik GmbH",
                     "Ostbayerische Technische Hochschule Regensburg"]
    from loaders.generic_rows import split_cell

    assert split_cell("A GmbH; B AG / C e.V.", (";", " / ")) == ["A GmbH", " B AG", "C e.V."]


def test_a_list_of_separators_must_hold_texts(tmp_path):
    problems = problems_of(_mapping(tmp_path, '[";", 3]'))
    assert any(p.field == "split" and 'or several: separator = [";", " / "]' in p.message for p in problems), problems


def test_a_constant_role_is_a_problem_at_its_line_not_a_crash(tmp_path):
    """`role = { value = "participant" }` had ended `load csv --check` with `KeyError: 'column'`."""
    problems = problems_of(_mapping(tmp_path, '";"', role='role = { value = "participant" }'))
    assert [(p.field, p.message) for p in problems if p.field == "role"] == [
        ("role", 'role = { value = ... }: a role differs from row to row, so name its column: role = "column" (one '
                 'value for the whole table is for country, city, programme, sector)')]


def test_a_row_without_its_project_id_that_is_its_name_too_is_one_problem(tmp_path):
    """The total row `Summe;;;` had been two problems, `the id is empty` (with the fix) and `the name is empty`
    (without), for one empty cell: the project's acronym, its id and its name."""
    problems = problems_of(_mapping(tmp_path, '";"'))
    assert [str(p) for p in problems] == [
        "projekte.csv:4 [Akronym]: the id is empty (set on_empty in the mapping to skip such rows or give them a "
        "placeholder id)"]
    assert read_generic(_mapping(tmp_path, '";"', project_id='{ column = "Akronym", on_empty = "skip" }'))


CLUSTERS = """Cluster;Bundesland;Regierungsbezirk;Ort;Gründungsjahr;Mitglieder;Website
Cluster Automotive;Bayern;Mittelfranken;Nürnberg;2006;1.234;www.bayern-innovativ.de/automotive
Cluster Mechatronik & Automation;Bayern;Schwaben;Augsburg;2006;310;https://www.cluster-ma.de
Cluster Biokunststoffe Straubing;Bayern;Niederbayern;Straubing;2012;85;www.biocampus-straubing.de
"""


def _made(tmp_path, name: str, table: str) -> str:
    from tests.cli_invoke import mapping_new

    return mapping_new(tmp_path, name, table)


def test_a_column_of_member_counts_is_no_name_and_the_finer_region_is_taken(tmp_path):
    """`Mitglieder` (1.234, 310) had been taken for the members' names: 21 organisations named "1.234", "310" ...,
    each MEMBER_OF its cluster and placed in Bayern, the clusters unplaced; `Regierungsbezirk` (Mittelfranken, DE25)
    had been left unused beside `Bundesland`."""
    text = _made(tmp_path, "cluster_liste.csv", CLUSTERS)
    assert 'label = "Cluster"  #? the file\'s name or header says clusters' in text
    assert 'id = "Cluster"' in text and "MEMBER_OF" not in text
    assert 'located_in = { region = "Regierungsbezirk", country = { value = "DE" } }' in text
    assert '# mitglieder = { column = "Mitglieder", type = "int", thousands = "." }  #? "1.234" is 1234' in text


def test_a_german_vat_or_register_number_is_the_id(tmp_path):
    """`USt-IdNr` (DE811193231) had been passed over: the name became the id ("no column of ids found")."""
    for header, number in (("USt-IdNr", "DE811193231"), ("Registernummer", "HRB 86786")):
        text = _made(tmp_path, "mitglieder.csv", f"Firma;{header};Ort\nSiemens AG;{number};München\n"
                     f"Wacker Chemie AG;{number[:-1]}2;München\n")
        assert f'id = "{header}"  #? the id' in text, text


GRANTS = """Projekt;Akronym;Fördersumme;Partner;Programm
Wasserstoff im Quartier;H2Quartier;2.500.000,00 €;"Stadtwerke München GmbH; TU München; Linde GmbH";BayVFP
Leichtbau aus Naturfaser;NaturKaro;250.000,00 €;"Nürnberger Verbundwerkstoffe GmbH; Schaeffler AG";ZIM
Sensorik in der Keramik;SensKer;412.500,50 €;Sensorik Oberpfalz GmbH;BayVFP
"""


def test_a_grant_beside_partners_listed_in_one_cell_is_the_projects(embedded_store, tmp_path):
    """`mapping new` had mapped `Fördersumme` as each partner's `amount` beside `Partner` cells listing several:
    every partner was given the whole grant (H2Quartier's 2.5 M EUR three times), with no word."""
    text = _made(tmp_path, "projekte.csv", GRANTS)
    assert ('project_amount = "Fördersumme"  #? Project amount: the project\'s whole grant, with currency and funder '
            "(not a partner's): of each project, not of its partners listed in Partner") in text
    (tmp_path / "projekte.toml").write_text(text, encoding="utf-8")
    load_generic(embedded_store, tmp_path / "projekte.toml")
    grants = embedded_store.read("MATCH (p:Project) RETURN p.acronym, p.amount ORDER BY p.acronym").rows
    assert grants == [["H2Quartier", 2500000.0], ["NaturKaro", 250000.0], ["SensKer", 412500.5]]
    assert embedded_store.read("MATCH ()-[r:PARTICIPATES_IN]->() WHERE r.amount IS NOT NULL "
                               "RETURN count(r)").rows == [[0]]
    assert embedded_store.read("MATCH ()-[r:PARTICIPATES_IN]->() RETURN count(r)").rows == [[6]]


def test_a_hand_written_amount_beside_partners_listed_in_one_cell_is_refused_at_its_line(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": """
        preset = "participation"
        file = "projekte.csv"
        separator = ";"
        decimal = ","
        thousands = "."
        currency = "EUR"
        [columns]
        project_id = "Akronym"
        project_title = "Projekt"
        organisation_id = { column = "Partner", separator = ";" }
        organisation_name = { column = "Partner", separator = ";" }
        amount = "Fördersumme"
        """, "projekte.csv": GRANTS.replace(" €", "")})
    problems = problems_of(mapping)
    assert [(p.line, p.field) for p in problems] == [(12, "amount")], problems
    assert problems[0].message.startswith("amount is 'Fördersumme', a column of each row, whose 'Partner' cell lists "
                                          "several partners: every partner would be given the whole project's amount")


def test_excels_total_row_under_a_cluster_list_is_left_out_and_said(embedded_store, tmp_path):
    """`Summe;;;;;16.934;` had become a Cluster named "Summe", shown in `clusters/overview`, with nothing said; a row
    whose other cells hold words (`Total;Bayern;...`) is a cluster's, and stays."""
    table = CLUSTERS + "Total;Bayern;Oberbayern;München;2010;55;www.total.example\nSumme;;;;;1.684;\n"
    text = _made(tmp_path, "cluster_liste.csv", table)
    (tmp_path / "cluster_liste.toml").write_text(text, encoding="utf-8")
    report = load_generic(embedded_store, tmp_path / "cluster_liste.toml")
    names = sorted(r[0] for r in embedded_store.read("MATCH (c:Cluster) RETURN c.name").rows)
    assert names == ["Cluster Automotive", "Cluster Biokunststoffe Straubing", "Cluster Mechatronik & Automation",
                     "Total"]
    assert ("cluster_liste.csv: 1 total row(s) left out (line 6: 'Summe' beside numbers alone, as Excel writes a sum "
            "under a table): such a row names no project, organisation or cluster") in report.notes


def test_a_total_row_under_a_grants_table_is_left_out_with_its_amount(embedded_store, tmp_path):
    """`Summe;;10.067.068,39 €;;` (the project named by its title) had become a project "Summe" with no partner."""
    text = _made(tmp_path, "projekte.csv", GRANTS + "Summe;;3.162.500,50 €;;\n")
    (tmp_path / "projekte.toml").write_text(text, encoding="utf-8")
    load_generic(embedded_store, tmp_path / "projekte.toml")
    assert embedded_store.read("MATCH (p:Project) RETURN count(p)").rows == [[3]]


def test_a_list_naming_no_place_gets_a_country_line_to_fill_in(tmp_path):
    """`mitglieder.csv` (Cluster, Mitglied, Ort, PLZ) had got no place line at all: its members were in no country,
    and `organisations/smes-in-region` left them out with nothing said."""
    text = _made(tmp_path, "mitglieder.csv", "Firma;Registernummer;Ort\nSiemens AG;HRB 6684;München\n")
    assert ('# located_in = { country = { value = "" } }  #? no column says where the rows are: write their '
            "country's code, and uncomment (without it, the Map and the region queries leave them out)") in text
    text = _made(tmp_path, "mitglieder.csv", "Firma;USt-IdNr;Ort\nSiemens AG;DE129274202;München\n")
    assert ('# located_in = { country = { value = "DE" } }  #? no column says where the rows are; their USt-IdNr '
            "numbers are DE's, and uncomment (without it, the Map and the region queries leave them out)") in text


def test_load_json_is_load_csv_and_the_next_steps_name_the_store(embedded_server, tmp_path):
    """`load json` had been "No such command 'json'"; `mapping new --out` and `load csv --check` advised their next
    step without the `--db` of the store they ran on, so the user loaded into another store."""
    from tests.cli_invoke import cli_env, invoke

    (tmp_path / "cluster_liste.csv").write_text(CLUSTERS, encoding="utf-8")
    env = cli_env(embedded_server, "german_next_steps")
    made = invoke(env, "mapping", "new", str(tmp_path / "cluster_liste.csv"), "--out", str(tmp_path / "m.toml"))
    assert made.exit_code == 0, made.stderr
    assert f"then: cluster-explorer --db {embedded_server} load csv {tmp_path / 'm.toml'} --check" in made.stderr
    checked = invoke(env, "load", "json", str(tmp_path / "m.toml"), "--check")
    assert checked.exit_code == 0, checked.stderr
    assert f"(load it with: cluster-explorer --db {embedded_server} load csv {tmp_path / 'm.toml'})" in checked.stdout
    loaded = invoke(env, "load", "json", str(tmp_path / "m.toml"))
    assert loaded.exit_code == 0, loaded.stderr
    assert loaded.stdout.startswith("user:cluster-liste: 9 nodes (9 created, 0 updated, 0 unchanged)"), loaded.stdout


def test_a_name_that_is_the_id_written_two_ways_is_not_offered_compact(tmp_path):
    """A German member list's `Siemens AG` and `Siemens  AG` had been offered `compact = ["Mitglied"]`, which made ids
    like `TechnischeUniversitätMünchen` of every name and would not join `SIEMENS AG` written in capitals."""
    mapping = write_files(tmp_path, {"mapping.toml": """
        [[nodes]]
        file = "m.csv"
        separator = ";"
        label = "Organisation"
        id = "Mitglied"
        name = "Mitglied"
        """, "m.csv": "Mitglied;Ort\nSiemens AG;München\nSiemens  AG;Erlangen\nSIEMENS AG;Berlin\n"})
    notes = read_generic(mapping)[2]
    (note,) = [n for n in notes if "written two ways" in n]
    assert note == ("m.csv: 1 id(s) are written two ways that differ only in case, spaces, punctuation, leading zeros "
                    "or a country code, and each way makes a node of its own: Organisation 'Siemens AG': 'Siemens AG' "
                    "(line 2) and 'Siemens  AG' (line 3) and 'SIEMENS AG' (line 4); to make them one, write each id "
                    "one way in the table (an id is read as written)")


def test_a_preset_column_written_at_the_top_says_to_move_it_under_columns(tmp_path):
    """`funder = { value = "Freistaat Bayern" }` at the top of a preset mapping had been "unknown key 'funder'" with
    the list of the top's keys, where the user looked for it in vain."""
    mapping = _mapping(tmp_path, '";"', project_id='{ column = "Akronym", on_empty = "skip" }')
    funder = 'preset = "participation"\nfunder = { value = "Freistaat Bayern" }'
    text = mapping.read_text(encoding="utf-8").replace('preset = "participation"', funder)
    mapping.write_text(text, encoding="utf-8")
    assert [(p.line, p.field, p.message) for p in problems_of(mapping)] == [
        (2, "funder", "'funder' is a column of the preset: write it under [columns] (funder = \"column\" or funder = "
                      "{ value = \"...\" }), not at the top of the mapping")]


def test_find_in_a_projection_limited_to_a_region_says_the_limit():
    """`--find Nürnberger --region Bayern` had blamed "only what takes part in a project", where the organisation,
    placed in DE alone, was in no region of Bayern."""
    from graph.analytics.metric_places import find_lines

    class Found:
        names = {"Organisation:1": "Siemens AG"}

        def number_of_nodes(self) -> int:
            return 1

    (line,) = find_lines(Found(), {}, "organisation", "Nürnberger", ("Bayern",))
    assert line.endswith("; and it holds only what is placed in Bayern: an organisation placed in its country alone is "
                         "in none of its regions (run it without --region to see)")
    assert "placed in" not in find_lines(Found(), {}, "organisation", "Nürnberger")[0]


def test_mapping_new_reads_partners_listed_with_semicolons_and_slashes(embedded_store, tmp_path):
    """Its `Partner` cells were `A GmbH; B AG` in one row and `C GmbH / D e.V.` in the next: `mapping new` wrote `;`
    alone, and the second row's partners loaded as one organisation named "C GmbH / D e.V."."""
    text = _made(tmp_path, "projekte.csv", TABLE.replace("Summe;;;\n", "Leer;LEER;;ZIM\n"))
    assert ('organisation_id = { column = "Partner", separator = [";", " / "], on_empty = "skip" }  #? Organisation '
            'id; cells list several, separated by ";" or " / ": one participation each, the name as the id; 1 row(s) '
            "name no partner (line 4): skipped, and reported") in text
    (tmp_path / "projekte.toml").write_text(text, encoding="utf-8")
    load_generic(embedded_store, tmp_path / "projekte.toml")
    assert embedded_store.read("MATCH (o:Organisation) RETURN count(o)").rows == [[4]]
