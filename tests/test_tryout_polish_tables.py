"""What a Polish regional development agency's try-out of its own tables found: a KKK cluster member list
(`Nazwa klastra;Koordynator klastra;NIP koordynatora;Województwo;Członek;NIP członka;REGON;...`) and an RPO projects
table (`Numer umowy;Tytuł projektu;Beneficjent (lider);Partnerzy;...`) whose `Partnerzy` cells list partners with `;`
or one per line. Real files in tmp_path, the CLI in-process, the generic loader reading what it wrote.
"""

from __future__ import annotations

import pytest

from graph.errors import ValidationFailed
from loaders.generic import read_generic
from loaders.mapping import read_mapping
from loaders.mapping_new.participation import guess_columns
from tests.cli_invoke import mapping_new as _made

PROJEKTY = """Numer umowy;Tytuł projektu;Beneficjent (lider);Partnerzy;Wartość dofinansowania (PLN);Data rozpoczęcia;\
Data zakończenia;Województwo
RPMA.01.02.00-14-0001/19;Chmura dla przemysłu;CloudFerro S.A.;"Politechnika Warszawska; Airly sp. z o.o.";\
1 234 567,89;2019-03-01;2021-12-31;mazowieckie
RPSL.01.02.00-24-0002/20;Wodór w hutnictwie;Politechnika Śląska;"Tyska Fabryka Części S.A.
Politechnika Śląska";980 000,50;15.01.2020;14.01.2023;śląskie
"""

PRESET = """name = "rpo"
preset = "participation"
file = "projekty.csv"
separator = ";"
date_format = ["%Y-%m-%d", "%d.%m.%Y"]
decimal = ","
currency = "PLN"

[columns]
project_id = "Numer umowy"
project_title = "Tytuł projektu"
organisation_id = { column = "Partnerzy", separator = [";", "\\n"] }
organisation_name = { column = "Partnerzy", separator = [";", "\\n"] }
coordinator = "Beneficjent (lider)"
"""


def _preset(tmp_path, more: str, amount: str = '"Wartość dofinansowania (PLN)"') -> str:
    (tmp_path / "projekty.csv").write_text(PROJEKTY, encoding="utf-8")
    (tmp_path / "rpo.toml").write_text(PRESET + f"project_amount = {amount}\n" + more, encoding="utf-8")
    return str(tmp_path / "rpo.toml")


def test_a_constant_programme_is_one_programme_every_project_is_funded_by(tmp_path):
    """`programme = { value = "RPO" }` had ended `--check` in a traceback (KeyError: 'column')."""
    nodes, rels, _ = read_generic(_preset(tmp_path, 'programme = { value = "RPO" }\nsector = { value = "Energia" }\n'
                                                    'city = { value = "Warszawa" }\n'))
    assert [(n.id, n.name) for n in nodes if n.label == "Programme"] == [("RPO", "RPO")]
    assert sorted((r.start_id, r.end_id) for r in rels if r.type == "FUNDED_BY") == [
        ("RPMA.01.02.00-14-0001/19", "RPO"), ("RPSL.01.02.00-24-0002/20", "RPO")]
    assert sorted(r.end_id for r in rels if r.type == "ACTIVE_IN") == ["Energia", "Energia"]
    assert {n.properties["city"] for n in nodes if n.label == "Organisation"} == {"Warszawa"}


def test_a_constant_where_rows_differ_is_a_problem_at_its_line(tmp_path):
    with pytest.raises(ValidationFailed) as failed:
        read_mapping(_preset(tmp_path, 'programme = { value = "" }\n', amount='{ value = "5" }'))
    said = {(p.line, p.field): p.message for p in failed.value.problems}
    assert said.keys() == {(15, "project_amount"), (16, "programme")}
    assert "a project_amount differs from row to row, so name its column" in said[(15, "project_amount")]


def test_an_rpo_projects_table_is_read_by_its_polish_headers(tmp_path):
    """`mapping new projekty_rpo.csv` had used the title as the project id, split `Partnerzy` on `;` only (a cell
    listing partners one per line became one organisation, `Tyska Fabryka Części S.A.\\nPolitechnika Śląska`) and left
    the lead, the amount and the dates unused."""
    text = _made(tmp_path, "projekty.csv", PROJEKTY)
    for line in ('project_id = "Numer umowy"', 'project_title = "Tytuł projektu"', 'start_date = "Data rozpoczęcia"',
                 'end_date = "Data zakończenia"', 'coordinator = "Beneficjent (lider)"',
                 'organisation_name = { column = "Partnerzy", separator = [";", "\\n"] }',
                 'project_amount = "Wartość dofinansowania (PLN)"', 'region = "Województwo"'):
        assert f"\n{line}  #?" in text, line
    (tmp_path / "projekty.toml").write_text(text, encoding="utf-8")
    nodes, rels, _ = read_generic(tmp_path / "projekty.toml")
    assert sorted(n.id for n in nodes if n.label == "Organisation") == [
        "Airly sp. z o.o.", "CloudFerro S.A.", "Politechnika Warszawska", "Politechnika Śląska",
        "Tyska Fabryka Części S.A."]
    roles = {(r.start_id, r.end_id[:4]): r.properties.get("role") for r in rels if r.type == "PARTICIPATES_IN"}
    assert roles[("Politechnika Śląska", "RPSL")] == "coordinator" and not roles[("Tyska Fabryka Części S.A.", "RPSL")]
    assert {n.id: n.properties["amount"] for n in nodes if n.label == "Project"} == {
        "RPMA.01.02.00-14-0001/19": 1234567.89, "RPSL.01.02.00-24-0002/20": 980000.5}


def test_other_polish_headers_of_a_projects_table():
    assert guess_columns(["Nr umowy", "Nazwa projektu", "Wnioskodawca", "NIP", "Partner", "Kwota dofinansowania",
                          "Miasto"]) == {
        "project_id": "Nr umowy", "project_title": "Nazwa projektu", "coordinator": "Wnioskodawca",
        "organisation_id": "NIP", "organisation_name": "Partner", "amount": "Kwota dofinansowania", "city": "Miasto"}
    assert guess_columns(["Nazwa", "REGON", "NIP"])["organisation_id"] == "NIP"  # CORDIS writes the NIP (PL + NIP)


KLASTRY = """Nazwa klastra;Koordynator klastra;NIP koordynatora;Województwo;Członek;NIP członka;REGON;Miejscowość;\
Wielkość przedsiębiorstwa;Data przystąpienia
Mazowiecki Klaster ICT;Stowarzyszenie Mazowiecki Klaster ICT;521-380-44-12;mazowieckie;Politechnika Warszawska;\
525-000-58-34;000001554;Warszawa;duże;2017-05-10
Mazowiecki Klaster ICT;Stowarzyszenie Mazowiecki Klaster ICT;521-380-44-12;mazowieckie;Airly sp. z o.o.;\
6762468553;122912236;Kraków;mikro;15.03.2019
Śląski Klaster Wodorowy;Fundacja Klastra Wodorowego;634-001-11-22;śląskie;Politechnika Śląska;6310200353;\
000001620;Gliwice;duże;01.02.2020
Śląski Klaster Wodorowy;Fundacja Klastra Wodorowego;634-001-11-22;śląskie;Airly sp. z o.o.;676-246-85-53;\
122912236;Gliwice;małe;2021-06-01
Dolnośląski Klaster Energii;Dolnośląska Agencja Energii;899-000-22-33;dolnośląskie;Saule S.A.;8992795012;\
022229370;Wrocław;średnie;2018-09-09
Pomorski Klaster ICT;Fundacja Pomorska;583-000-11-22;pomorskie;Politechnika Gdańska;5840204453;000001583;Gdańsk;\
duże;2019-01-01
Klaster Małopolski;Fundacja Małopolska;675-000-11-22;małopolskie;Akademia Górniczo-Hutnicza;6750001923;000001637;\
Kraków;duże;2019-01-01
"""


def test_a_kkk_member_list_is_read_as_members_of_its_clusters(tmp_path):
    """With Polish headers the member list had been offered as a participation preset with four empty needed columns
    and "0 guesses"; the same file with English headers got this list mapping."""
    text = _made(tmp_path, "klastry.csv", KLASTRY)
    assert "preset" not in text
    for line in ('label = "Organisation"', 'id = "NIP członka"', 'compact = ["NIP członka"]', 'name = "Członek"',
                 'id = "Nazwa klastra"', 'city = "Miejscowość"',
                 'since = { column = "Data przystąpienia", type = "date", format = ["%Y-%m-%d", "%d.%m.%Y"] }'):
        assert f"\n{line}  #?" in text, line
    assert 'located_in = { region = "Województwo", country = { value = "PL" } }' in text


def test_a_kkk_member_lists_sizes_are_its_sme_flag(tmp_path):
    """`Wielkość przedsiębiorstwa` (`mikro`, `małe`, `średnie`, `duże`) had been left unused: only `duże` is large."""
    text = _made(tmp_path, "klastry.csv", KLASTRY)
    assert ('sme = { column = "Wielkość przedsiębiorstwa", type = "bool", values = { "duże" = "no", "mikro" = "yes", '
            '"małe" = "yes", "średnie" = "yes" } }') in text
    (tmp_path / "klastry.toml").write_text(text, encoding="utf-8")
    nodes = read_generic(tmp_path / "klastry.toml")[0]
    assert {n.id: n.properties["sme"] for n in nodes if "sme" in n.properties} == {
        "5250005834": False, "6762468553": True, "6310200353": False, "8992795012": True, "5840204453": False,
        "6750001923": False}


def test_a_size_column_under_label_if_is_told_to_recode_large_as_no(tmp_path):
    """`label_if = { SME = "Wielkość przedsiębiorstwa" }` had been told to recode every word, `"duże"` too, to "ja",
    which would have made large companies SMEs; words it cannot tell get no recode."""
    (tmp_path / "klastry.csv").write_text(KLASTRY.replace("średnie", "xyz") + KLASTRY.split("\n", 1)[1], "utf-8")
    mapping = tmp_path / "m.toml"
    mapping.write_text('name = "m"\n[[nodes]]\nfile = "klastry.csv"\nseparator = ";"\nlabel = "Organisation"\n'
                       'id = "Członek"\nname = "Członek"\non_conflict = "merge"\n'
                       'label_if = { SME = "Wielkość przedsiębiorstwa" }\n', encoding="utf-8")
    with pytest.raises(ValidationFailed) as refused:
        read_generic(mapping)
    assert [p.message.split(": sme = ")[1] for p in refused.value.problems] == [
        '{ column = "Wielkość przedsiębiorstwa", type = "bool", values = { "..." = "ja", "..." = "nej" } }']
    (tmp_path / "klastry.csv").write_text(KLASTRY * 1 + KLASTRY.split("\n", 1)[1], "utf-8")
    with pytest.raises(ValidationFailed) as refused:
        read_generic(mapping)
    said = refused.value.problems[0].message
    assert "(label_if SME reads yes / no only: read it as this property instead)" in said
    assert 'values = { "duże" = "nej", "mikro" = "ja", "małe" = "ja", "średnie" = "ja" } }' in said


def test_a_kkk_coordinator_is_a_member_of_its_cluster(tmp_path):
    """`Koordynator klastra` and `NIP koordynatora` had been left unused: the schema has no relationship for the body
    that runs a cluster and MEMBER_OF no role, so the coordinator is mapped as a member, with a comment saying so."""
    text = _made(tmp_path, "klastry.csv", KLASTRY)
    assert "# the cluster's coordinator (Koordynator klastra): the schema has no relationship for the body" in text
    assert 'id = "NIP koordynatora"  #? the coordinator\'s id' in text and "columns not used: REGON\n" in text
    (tmp_path / "klastry.toml").write_text(text, encoding="utf-8")
    nodes, rels, _ = read_generic(tmp_path / "klastry.toml")
    names = {n.id: n.name for n in nodes}
    assert ("Stowarzyszenie Mazowiecki Klaster ICT", "Mazowiecki Klaster ICT") in {
        (names[r.start_id], r.end_id) for r in rels if r.type == "MEMBER_OF"}
    assert names["5213804412"] == "Stowarzyszenie Mazowiecki Klaster ICT"  # its NIP read compact


def test_regions_partly_not_nuts_are_said_and_a_member_of_two_clusters_merges(tmp_path):
    """`mapping new` had said "the regions in Region are NUTS regions of PL" of a column holding `mazowieckie`, which
    NUTS does not name so (it is now found by graph.region_spellings: here `Zagłębie`, a land no NUTS region is),
    and its template failed `--check` on a member of two clusters in two voivodeships."""
    text = _made(tmp_path, "members.csv", KLASTRY.replace("Województwo", "Region").replace("mazowieckie", "Zagłębie"))
    assert ("#? most regions in Region are NUTS regions of PL; every row is placed in PL; but 'Zagłębie' is no NUTS "
            "region's name") in text
    assert ('\non_conflict = "merge"  #? 1 member(s) are on several rows with different data (a member of two clusters '
            "in two regions): '676-246-85-53' (lines 3, 5); merged") in text
    (tmp_path / "members.toml").write_text(text, encoding="utf-8")
    nodes = read_generic(tmp_path / "members.toml")[0]
    assert [n.name for n in nodes if n.id == "6762468553"] == ["Airly sp. z o.o."]


def test_a_loaded_kkk_list_shows_the_coordinator_among_the_members(embedded_server, tmp_path):
    from tests.cli_invoke import cli_env, invoke

    (tmp_path / "klastry.toml").write_text(_made(tmp_path, "klastry.csv", KLASTRY), encoding="utf-8")
    env = cli_env(embedded_server, "polish_kkk_members")
    loaded = invoke(env, "load", "csv", str(tmp_path / "klastry.toml"))
    assert loaded.exit_code == 0, loaded.stderr + loaded.stdout
    members = invoke(env, "queries", "run", "clusters/members", "-p", "cluster=Śląski Klaster Wodorowy")
    assert members.exit_code == 0, members.stderr
    assert "Fundacja Klastra Wodorowego" in members.stdout and "Politechnika Śląska" in members.stdout
    assert "0 created, 0 updated" in invoke(env, "load", "csv", str(tmp_path / "klastry.toml")).stdout
