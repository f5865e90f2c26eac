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


def test_partners_listed_one_per_line_in_a_cell_are_each_an_organisation(tmp_path):
    """A `Partnerzy` cell listing its partners one per line (a newline in a quoted cell) had become one organisation,
    `Tyska Fabryka Części S.A.\\nPolitechnika Śląska`; `separator = [";", "\\n"]` splits it."""
    nodes, rels, _ = read_generic(_preset(tmp_path, ""))
    assert sorted(n.id for n in nodes if n.label == "Organisation") == [
        "Airly sp. z o.o.", "CloudFerro S.A.", "Politechnika Warszawska", "Politechnika Śląska",
        "Tyska Fabryka Części S.A."]
    roles = {(r.start_id, r.end_id[:4]): r.properties.get("role") for r in rels if r.type == "PARTICIPATES_IN"}
    assert roles[("Politechnika Śląska", "RPSL")] == "coordinator" and not roles[("Tyska Fabryka Części S.A.", "RPSL")]
