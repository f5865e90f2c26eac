"""A projects export naming its lead partner in a top-level field beside the nested list of all its partners
(`"leadpartner": "Vindtek Esbjerg ApS", "partnere": [{"navn": ..., "cvr": ..., "rolle": ...}, ...]`, a Danish user's
try-out): `mapping new` had taken the lead field for the organisation (`organisation_id = "leadpartner"`, "no column
of numbers found, so the name is the id") and said to map `partnere` with its own table, so every partner but the lead
was lost. The nested list wins: the template splits on it and leaves the lead field unused, saying why. A list of
objects that does not name the row's organisation (a project's contact persons) still leaves the organisation to the
top-level column."""

from __future__ import annotations

import json
import tomllib

import pytest

from loaders.mapping_new.participation import participation_template
from loaders.pipeline import run_load

PROJECTS = [
    {"titel": "Grøn brint i Esbjerg", "projektnr": "ECD-2021-01", "budget": "2.500.000 kr.", "start": "01-03-2021",
     "slut": "28-02-2023", "leadpartner": "Vindtek Esbjerg ApS",
     "partnere": [{"navn": "Vindtek Esbjerg ApS", "cvr": "39874512", "rolle": "Projektleder"},
                  {"navn": "Aalborg Universitet", "cvr": "29102384", "rolle": "Partner"},
                  {"navn": "Energinet", "cvr": "28980671", "rolle": "Partner"}]},
    {"titel": "Havvind i Hvide Sande", "projektnr": "ECD-2021-02", "budget": "1.200.000 kr.", "start": "01-06-2021",
     "slut": "31-05-2023", "leadpartner": "Aalborg Universitet",
     "partnere": [{"navn": "Aalborg Universitet", "cvr": "29102384", "rolle": "Projektleder"},
                  {"navn": "Hvide Sande Havn", "cvr": "35209934", "rolle": "Partner"}]},
]


def export(tmp_path, lead_key: str = "leadpartner", projects: list[dict] = PROJECTS):
    rows = [{(lead_key if key == "leadpartner" else key): value for key, value in project.items()}
            for project in projects]
    path = tmp_path / "projekter.json"
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


@pytest.mark.parametrize("lead_key", ["leadpartner", "lead_partner", "Lead partner", "coordinator", "koordinator",
                                      "projektleder", "hovedansøger", "lead_organisation"])
def test_the_nested_partner_list_wins_over_a_lead_partner_field(tmp_path, lead_key):
    template = participation_template(export(tmp_path, lead_key))
    assert 'split = { column = "partnere" }' in template
    columns = tomllib.loads(template)["columns"]
    assert (columns["organisation_id"], columns["organisation_name"], columns["role"]) == (
        "partnere.cvr", "partnere.navn", "partnere.rolle")
    assert "lists of objects" not in template
    assert f"# columns not used: budget, {lead_key}\n" in template
    assert (f"# {lead_key} names one of each project's partnere, its lead: not needed, partnere.rolle says who leads"
            in template)


def test_the_lead_field_of_a_nested_object_is_left_unused_too(tmp_path):
    projects = [{**project, "leadpartner": {"navn": project["leadpartner"], "cvr": project["partnere"][0]["cvr"]}}
                for project in PROJECTS]
    template = participation_template(export(tmp_path, projects=projects))
    columns = tomllib.loads(template)["columns"]
    assert (columns["organisation_id"], columns["organisation_name"]) == ("partnere.cvr", "partnere.navn")
    assert "# columns not used: budget, leadpartner.navn, leadpartner.cvr\n" in template


def test_every_partner_is_loaded_not_only_the_lead(embedded_store, tmp_path):
    data = export(tmp_path)
    (tmp_path / "mapping.toml").write_text(participation_template(data), encoding="utf-8")
    run_load(embedded_store, "csv", tmp_path / "mapping.toml")
    found = embedded_store.read("MATCH (o:Organisation)-[r:PARTICIPATES_IN]->(p:Project) "
                                "RETURN p.id, o.id, r.role ORDER BY p.id, o.id").rows
    assert found == [["ECD-2021-01", "28980671", "participant"], ["ECD-2021-01", "29102384", "participant"],
                     ["ECD-2021-01", "39874512", "coordinator"], ["ECD-2021-02", "29102384", "coordinator"],
                     ["ECD-2021-02", "35209934", "participant"]]


def test_without_a_role_in_the_objects_the_comment_says_the_lead_is_not_loaded(tmp_path):
    projects = [{**project, "partnere": [{k: v for k, v in p.items() if k != "rolle"} for p in project["partnere"]]}
                for project in PROJECTS]
    template = participation_template(export(tmp_path, projects=projects))
    assert 'split = { column = "partnere" }' in template
    assert ("# leadpartner names one of each project's partnere, its lead: no key of partnere says who leads, so the "
            "participations get no role") in template


def test_a_list_of_contacts_leaves_the_organisation_to_its_column(tmp_path):
    projects = [{"titel": "Grøn brint", "projektnr": "ECD-2021-01", "ansøger": "Vindtek Esbjerg ApS",
                 "cvr": "39874512", "kontakter": [{"navn": "Mette Holm", "email": "mh@vindtek.dk"}]},
                {"titel": "Havvind", "projektnr": "ECD-2021-02", "ansøger": "Aalborg Universitet",
                 "cvr": "29102384", "kontakter": [{"navn": "Jens Lund", "email": "jl@aau.dk"}]}]
    template = participation_template(export(tmp_path, projects=projects))
    columns = tomllib.loads(template)["columns"]
    assert (columns["organisation_id"], columns["organisation_name"]) == ("cvr", "ansøger")
    assert "split =" not in template.split("[columns]")[0]
    assert "# kontakter holds lists of objects" in template
