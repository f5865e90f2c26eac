"""A projects export whose grant is the project's (`"Tildelt (NOK)": "2 400 000"` beside its nested `partnere`):
`mapping new` had mapped it as each partner's amount and the load gave every partner the whole grant
(`projects/partners` showed 2,400,000 NOK three times for a project of 2,400,000). The template now maps it as the
project's own amount (`project_amount`: the Project's `amount`, `currency`, `funder`), and a preset mapping that reads a
project's column as the partners' amount is refused by file and line, as is a hand-written [[relationships]] table of
participations split over the partner objects (tests/fixtures/arena/handwritten_partners.toml), which had loaded it."""

from __future__ import annotations

import shutil

import pytest

from graph.errors import ValidationFailed
from loaders.mapping_new.participation import participation_template
from loaders.pipeline import run_load
from tests.conftest import FIXTURES

PROJECTS = FIXTURES / "arena" / "prosjekter.json"


def test_the_template_maps_the_projects_whole_amount_as_the_projects(embedded_store, tmp_path):
    template = participation_template(PROJECTS)
    assert 'project_amount = "Tildelt (NOK)"  #? Project amount' in template
    assert 'currency = "NOK"' in template and "columns not used" not in template
    assert not any(line.startswith("amount =") for line in template.splitlines())
    shutil.copy(PROJECTS, tmp_path / PROJECTS.name)
    (tmp_path / "mapping.toml").write_text(template, encoding="utf-8")
    run_load(embedded_store, "csv", tmp_path / "mapping.toml")
    projects = embedded_store.read("MATCH (p:Project) RETURN p.id, p.amount, p.currency ORDER BY p.id").rows
    assert ["ARENA-2021-017", 2_400_000.0, "NOK"] in projects and all(row[1] for row in projects)
    assert embedded_store.read("MATCH ()-[r:PARTICIPATES_IN]->() RETURN count(r), count(r.amount)").rows == [[17, 0]]


def test_an_organisations_projects_show_the_projects_grant_once(embedded_store, tmp_path):
    from queries.catalogue import load_catalogue
    from queries.runner import run_saved

    shutil.copy(PROJECTS, tmp_path / PROJECTS.name)
    (tmp_path / "mapping.toml").write_text(participation_template(PROJECTS), encoding="utf-8")
    run_load(embedded_store, "csv", tmp_path / "mapping.toml")
    found = run_saved(embedded_store, load_catalogue(), "organisations/projects", {"organisation": "970422528"})[2]
    rows = [dict(zip(found.columns, row, strict=True)) for row in found.rows]
    assert [(r["project"], r["amount"], r["project_grant"], r["grant_currency"]) for r in rows
            if r["project"] == "ARENA-2021-017"] == [("ARENA-2021-017", None, 2_400_000.0, "NOK")]


def test_a_projects_column_as_the_partners_amount_is_refused_naming_the_line(embedded_store, tmp_path):
    shutil.copy(PROJECTS, tmp_path / PROJECTS.name)
    mapping = participation_template(PROJECTS).replace('project_amount = "Tildelt (NOK)"', 'amount = "Tildelt (NOK)"')
    (tmp_path / "mapping.toml").write_text(mapping, encoding="utf-8")
    line = mapping.splitlines().index(next(x for x in mapping.splitlines() if x.startswith("amount ="))) + 1
    with pytest.raises(ValidationFailed) as refused:
        run_load(embedded_store, "csv", tmp_path / "mapping.toml")
    assert (f"mapping.toml:{line} [amount]: amount is 'Tildelt (NOK)', a column of each project, not of its partnere "
            "objects: every partner would be given the whole project's amount") in str(refused.value)
    assert "map 'Tildelt (NOK)' as the project's own amount: project_amount = 'Tildelt (NOK)'" in str(refused.value)


def test_a_partners_own_amount_is_still_mapped(tmp_path):
    import json

    export = json.loads(PROJECTS.read_text(encoding="utf-8"))
    for project in export["prosjekter"]:
        for partner in project["partnere"]:
            partner["Beløp (NOK)"] = "500 000"
    (tmp_path / "own.json").write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    template = participation_template(tmp_path / "own.json")
    assert 'amount = "partnere.Beløp (NOK)"' in template and 'currency = "NOK"' in template


def test_a_hand_written_table_split_over_the_partners_refuses_a_projects_amount(embedded_store, tmp_path):
    shutil.copy(PROJECTS, tmp_path / PROJECTS.name)
    mapping = (FIXTURES / "arena" / "handwritten_partners.toml").read_text(encoding="utf-8")
    (tmp_path / "mapping.toml").write_text(mapping, encoding="utf-8")
    line = mapping.splitlines().index('amount = { column = "Tildelt (NOK)", type = "float" }') + 1
    with pytest.raises(ValidationFailed) as refused:
        run_load(embedded_store, "csv", tmp_path / "mapping.toml")
    assert (f"mapping.toml:{line} [amount]: amount is 'Tildelt (NOK)', a column of each project, not of its partnere "
            "objects: every partner would be given the whole project's amount") in str(refused.value)
    assert embedded_store.read("MATCH (n:Organisation) RETURN count(n)").rows == [[0]]  # nothing was written

    (tmp_path / "mapping.toml").write_text(mapping.replace('amount = { column = "Tildelt (NOK)", type = "float" }\n',
                                                           ""), encoding="utf-8")
    run_load(embedded_store, "csv", tmp_path / "mapping.toml")
    rows = embedded_store.read("MATCH ()-[r:PARTICIPATES_IN]->() RETURN count(r), count(r.amount)").rows
    assert rows == [[17, 0]]


def test_the_rules_examples_hold():
    import doctest

    from loaders import mapping_partner_amounts

    assert doctest.testmod(mapping_partner_amounts).failed == 0


def test_a_cordis_projects_grant_is_its_eu_contribution_in_eur(embedded_store):
    from queries.catalogue import load_catalogue
    from queries.runner import run_saved

    run_load(embedded_store, "cordis", FIXTURES / "cordis")
    held = embedded_store.read("MATCH (p:Project)-[:FUNDED_BY]->(g:Programme) WHERE p.ec_max_contribution IS NOT NULL "
                               "RETURN g.id, p.id, p.ec_max_contribution ORDER BY g.id, p.id LIMIT 1").rows
    programme, project, contribution = held[0]
    found = run_saved(embedded_store, load_catalogue(), "programmes/projects", {"programme": programme})[2]
    rows = {row[0]: dict(zip(found.columns, row, strict=True)) for row in found.rows}
    assert (rows[project]["project_grant"], rows[project]["grant_currency"]) == (contribution, "EUR")
