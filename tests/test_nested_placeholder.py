"""An `on_empty` placeholder naming a nested JSON column (`name:{partnere.navn}`, as `mapping new` writes it for a
list of partner objects some of which have no CVR number): the partner is named by its name. `str.format` had read
`{partnere.navn}` as the attribute `navn` of a `partnere`, and `load csv --check` of the written mapping had ended
with a traceback (KeyError: 'partnere'). Real parts: a JSON file in tmp_path, the generic loader, the embedded store."""

from __future__ import annotations

import json

from loaders.generic import load_generic

MAPPING = """name = "projekter"
preset = "participation"
file = "projekter.json"
split = { column = "partnere" }

[columns]
project_id = "sagsnr"
project_title = "titel"
organisation_id = { column = "partnere.cvr", on_empty = { placeholder = "name:{partnere.navn}" } }
organisation_name = "partnere.navn"
"""
PROJECTS = [{"sagsnr": "ECD-2021-01", "titel": "Grøn brint i Esbjerg",
             "partnere": [{"navn": "Vindtek Esbjerg ApS", "cvr": "39874512"}, {"navn": "Aalborg Universitet"}]}]


def test_a_partner_without_its_number_is_named_by_its_nested_name(tmp_path, embedded_store):
    (tmp_path / "projekter.json").write_text(json.dumps(PROJECTS, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "mapping.toml").write_text(MAPPING, encoding="utf-8")
    load_generic(embedded_store, tmp_path / "mapping.toml")
    partners = embedded_store.read("MATCH (o:Organisation)-[:PARTICIPATES_IN]->(:Project {id: 'ECD-2021-01'}) "
                                   "RETURN o.id ORDER BY o.id").rows
    assert partners == [["39874512"], ["name:Aalborg Universitet"]]
