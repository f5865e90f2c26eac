"""A projects export whose nested partner objects lack an organisation number (`{"navn": "Energinet", "rolle":
"Partner"}` without its `cvr`): `mapping new` names those partners by their name (`on_empty = { placeholder =
"name:{partnere.navn}" }`) and its comment names the lines of the partner objects, as `load csv` does. The comment had
named the line each project starts on (`lines 2, 8` for partners on lines 6 and 11), and the placeholder the template
wrote stopped `load csv` with a traceback (`KeyError: 'partnere'`): `{partnere.navn}` was read as the attribute `navn`
of a field `partnere`."""

from __future__ import annotations

from loaders.generic import read_generic
from loaders.mapping_new.participation import participation_template

EXPORT = """[
  {"titel": "Grøn brint i Esbjerg", "projektnr": "ECD-2021-01", "start": "01-03-2021", "slut": "28-02-2023",
   "partnere": [
     {"navn": "Vindtek Esbjerg ApS", "cvr": "39874512", "rolle": "Projektleder"},
     {"navn": "Aalborg Universitet", "cvr": "29102384", "rolle": "Partner"},
     {"navn": "Energinet", "rolle": "Partner"}
   ]},
  {"titel": "Havvind i Hvide Sande", "projektnr": "ECD-2021-02", "start": "01-06-2021", "slut": "31-05-2023",
   "partnere": [
     {"navn": "Aalborg Universitet", "cvr": "29102384", "rolle": "Projektleder"},
     {"navn": "Hvide Sande Havn",
      "rolle": "Partner"}
   ]}
]
"""
WITHOUT_CVR = [6, 11]  # the lines the partner objects without a cvr start on


def written(tmp_path) -> str:
    (tmp_path / "projekter.json").write_text(EXPORT, encoding="utf-8")
    template = participation_template(tmp_path / "projekter.json")
    (tmp_path / "mapping.toml").write_text(template, encoding="utf-8")
    return template


def test_the_template_names_the_lines_of_the_partner_objects(tmp_path):
    template = written(tmp_path)
    line = next(x for x in template.splitlines() if x.startswith("organisation_id ="))
    assert 'on_empty = { placeholder = "name:{partnere.navn}" }' in line
    assert f"2 row(s) have none (lines {WITHOUT_CVR[0]}, {WITHOUT_CVR[1]})" in line


def test_load_csv_names_the_template_its_partners_by_name_on_the_same_lines(tmp_path):
    written(tmp_path)
    nodes, _, notes = read_generic(tmp_path / "mapping.toml")
    assert {"name:Energinet", "name:Hvide Sande Havn"} <= {n.id for n in nodes if n.label == "Organisation"}
    assert ("projekter.json: 2 row(s) given a placeholder id for their empty key (on_empty): "
            f"partnere.cvr on line {WITHOUT_CVR[0]}, {WITHOUT_CVR[1]}") in notes
