"""The participation preset's `coordinator` column: a Bavarian grants table names each project's lead partner in
`Konsortialführer` beside a `Partner` cell listing the others. The preset read one organisation column, so the
coordinator was lost. Real files in tmp_path, the generic loader, the real embedded store, the CLI in-process."""

from __future__ import annotations

import json

from loaders.generic import load_generic
from tests.cli_invoke import cli_env, invoke
from tests.generic_files import problems_of, write_files

TABLE = """Projekt;Akronym;Konsortialführer;Partner;Programm
Leichtbau aus Naturfaser;NaturKaro;Schaeffler AG;"Nürnberger Verbundwerkstoffe GmbH; FAU Erlangen";BayVFP
Robotermontage;KIRoMo;KUKA GmbH;"TU München; KUKA GmbH";ZIM
Keramik;SensKer;;Oberpfälzer Keramik GmbH;BayVFP
Carbonfasern;ReCarb;Nürnberger Verbundwerkstoffe GmbH;;ZIM
"""


def _mapping(tmp_path, extra: str = ""):
    return write_files(tmp_path, {"mapping.toml": f"""
        preset = "participation"
        file = "projekte.csv"
        [columns]
        project_id = "Akronym"
        project_title = "Projekt"
        organisation_id = {{ column = "Partner", separator = ";", on_empty = "skip" }}
        organisation_name = {{ column = "Partner", separator = ";" }}
        coordinator = "Konsortialführer"
        programme = "Programm"
        {extra}
        """, "projekte.csv": TABLE})


def _participations(store) -> list[tuple]:
    return sorted(tuple(r) for r in store.read(
        "MATCH (o:Organisation)-[p:PARTICIPATES_IN]->(j:Project) RETURN j.id, o.id, p.role").rows)


def test_the_coordinator_column_adds_each_lead_as_coordinator_of_its_project(embedded_store, tmp_path):
    load_generic(embedded_store, _mapping(tmp_path))
    assert _participations(embedded_store) == [
        ("KIRoMo", "KUKA GmbH", "coordinator"), ("KIRoMo", "TU München", None),
        ("NaturKaro", "FAU Erlangen", None), ("NaturKaro", "Nürnberger Verbundwerkstoffe GmbH", None),
        ("NaturKaro", "Schaeffler AG", "coordinator"),
        ("ReCarb", "Nürnberger Verbundwerkstoffe GmbH", "coordinator"),
        ("SensKer", "Oberpfälzer Keramik GmbH", None)]


def test_a_coordinator_also_listed_among_the_partners_is_one_participation_as_coordinator(embedded_store, tmp_path):
    """KUKA leads KIRoMo and is listed in its Partner cell too: one link, not two with conflicting roles."""
    load_generic(embedded_store, _mapping(tmp_path))
    links = embedded_store.read("MATCH (:Organisation {id: 'KUKA GmbH'})-[p:PARTICIPATES_IN]->(:Project {id: 'KIRoMo'})"
                                " RETURN p.role").rows
    assert [tuple(r) for r in links] == [("coordinator",)]


def test_an_empty_coordinator_cell_skips_that_link_only(embedded_store, tmp_path):
    load_generic(embedded_store, _mapping(tmp_path))
    rows = embedded_store.read("MATCH (o:Organisation)-[:PARTICIPATES_IN]->(:Project {id: 'SensKer'})-[:FUNDED_BY]->"
                               "(g:Programme) RETURN o.id, g.id").rows
    assert [tuple(r) for r in rows] == [("Oberpfälzer Keramik GmbH", "BayVFP")]


def test_the_coordinators_are_counted_and_listed_by_the_queries(embedded_server, embedded_store, tmp_path):
    """The activity counts are recounted from PARTICIPATES_IN after `load csv`: `projects/coordinators` lists the
    leads, `organisations/projects` gives a lead's role in its project."""
    env = cli_env(embedded_server, embedded_store.graph_name)
    loaded = invoke(env, "load", "csv", str(_mapping(tmp_path)))
    assert loaded.exit_code == 0, loaded.output
    coordinators = invoke(env, "queries", "run", "projects/coordinators", "--format", "csv")
    assert coordinators.exit_code == 0, coordinators.output
    assert sorted(line.split(",")[0] for line in coordinators.stdout.splitlines()[1:]) == [
        "KUKA GmbH", "Nürnberger Verbundwerkstoffe GmbH", "Schaeffler AG"]
    projects = invoke(env, "queries", "run", "organisations/projects", "-p",
                      "organisation=Nürnberger Verbundwerkstoffe GmbH", "--format", "csv")
    assert projects.exit_code == 0, projects.output
    roles = {line.split(",")[0]: line.split(",")[4] for line in projects.stdout.splitlines()[1:]}
    assert roles == {"ReCarb": "coordinator", "NaturKaro": "participant"}  # no role given: a participant, as the
    # projections read it (an Italian table's partners beside its capofila had shown an empty role)


def test_projects_partners_gives_the_project_grant_beside_a_list_of_partners(embedded_server, embedded_store,
                                                                              tmp_path):
    """An Italian regional table's grant (`project_amount` beside a `Partner` cell) is the project's: the
    `projects/partners` rows had shown no money at all, and the partners other than the lead an empty role."""
    env = cli_env(embedded_server, embedded_store.graph_name)
    mapping = _mapping(tmp_path, 'project_amount = "Zuschuss"')
    (tmp_path / "projekte.csv").write_text(TABLE.replace(";Programm\n", ";Programm;Zuschuss\n", 1).replace(
        ";BayVFP\n", ";BayVFP;480000\n").replace(";ZIM\n", ";ZIM;250000\n"), encoding="utf-8")
    loaded = invoke(env, "load", "csv", str(mapping))
    assert loaded.exit_code == 0, loaded.output
    shown = invoke(env, "queries", "run", "projects/partners", "-p", "project=NaturKaro", "--format", "json")
    assert shown.exit_code == 0, shown.output
    rows = {row["partner"]: (row["role"], row["project_grant"], row["grant_currency"])
            for row in json.loads(shown.stdout)}
    assert rows == {"Schaeffler AG": ("coordinator", 480000.0, "EUR"),
                    "Nürnberger Verbundwerkstoffe GmbH": ("participant", 480000.0, "EUR"),
                    "FAU Erlangen": ("participant", 480000.0, "EUR")}


def test_a_coordinator_beside_a_role_column_is_refused_at_its_key(tmp_path):
    """The role column says who leads: a lead column beside it would be a second participation with another role."""
    problems = problems_of(_mapping(tmp_path, 'role = "Programm"'))
    assert [p.field for p in problems] == ["coordinator"], problems
    assert "let the role column say who coordinates" in problems[0].message


def test_a_coordinator_column_takes_no_options_of_a_list(tmp_path):
    problems = problems_of(write_files(tmp_path, {"mapping.toml": """
        preset = "participation"
        file = "projekte.csv"
        [columns]
        project_id = "Akronym"
        project_title = "Projekt"
        organisation_id = { column = "Partner", separator = ";", on_empty = "skip" }
        organisation_name = { column = "Partner", separator = ";" }
        coordinator = { column = "Konsortialführer", separator = ";" }
        """, "projekte.csv": TABLE}))
    assert [p.field for p in problems] == ["coordinator"], problems
    assert "coordinator is a key, read as written: separator cannot apply to it" in problems[0].message


def test_a_project_without_an_acronym_is_named_by_its_title(embedded_store, tmp_path):
    """A German table's row with an empty `Akronym` had been refused for an empty name, where its `Titel` could name
    the project; a row with neither is refused naming both columns."""
    from graph.errors import ValidationFailed

    table = ("Nr;Akronym;Titel;Partner\n1;NaturKaro;Leichtbau aus Naturfaser;A GmbH\n"
             "2;;Robotermontage im Mittelstand;B AG\n")
    mapping = write_files(tmp_path, {"mapping.toml": """
        preset = "participation"
        file = "p.csv"
        separator = ";"
        [columns]
        project_id = "Nr"
        project_title = "Titel"
        project_acronym = "Akronym"
        organisation_id = "Partner"
        organisation_name = "Partner"
        """, "p.csv": table})
    load_generic(embedded_store, mapping)
    assert sorted(tuple(r) for r in embedded_store.read("MATCH (p:Project) RETURN p.id, p.name, p.acronym").rows) == [
        ("1", "NaturKaro", "NaturKaro"), ("2", "Robotermontage im Mittelstand", None)]
    (tmp_path / "p.csv").write_text(table + "3;;;C AG\n", encoding="utf-8")
    try:
        load_generic(embedded_store, mapping)
        raise AssertionError("a row naming its project nowhere was loaded")
    except ValidationFailed as e:
        assert [str(p) for p in e.problems] == ["p.csv:4 [Akronym]: the name is empty, and so is Titel"]
