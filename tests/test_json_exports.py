"""JSON as web services export it: the list of rows inside an object (`{"count": 2, "data": [...]}`) and
objects nested in the rows (`"address": {"country": "SE"}`), read with no reshaping of the file first."""

from __future__ import annotations

from graph.store.reads import counts
from loaders.generic import load_generic, read_generic
from tests.generic_files import problems_of, write_files

MAPPING = """
    [[nodes]]
    file = "clusters.json"
    label = "Cluster"
    id = "id"
    name = "name"
    located_in = { region = "address.region", country = "address.country" }
    properties = { website = "contact.web.url" }
    """

EXPORT = """{"count": 2, "next": null,
 "data": [
  {"id": "nbc", "name": "Nordic Battery Cluster", "tags": ["batteries"],
   "address": {"country": "Sweden", "region": "Lappland"}, "contact": {"web": {"url": "https://nbc.example"}}},
  {"id": "otc", "name": "Ocean Tech Cluster",
   "address": {"country": "NO", "region": "Hordaland"}}
 ],
 "links": [{"rel": "self"}, "not a row"]}
"""


def test_the_one_list_of_objects_in_an_exported_object_is_the_table_and_nested_values_are_columns(tmp_path,
                                                                                                   embedded_store):
    mapping = write_files(tmp_path, {"mapping.toml": MAPPING, "clusters.json": EXPORT})
    nodes, rels, notes = read_generic(mapping)
    clusters = {n.id: n for n in nodes if n.label == "Cluster"}
    assert {k: (n.properties.get("country"), n.properties.get("region"), n.properties.get("website"))
            for k, n in clusters.items()} == {"nbc": ("SE", "SE-Lappland", "https://nbc.example"),
                                             "otc": ("NO", "NO-Hordaland", None)}
    assert "clusters.json: the rows are the 2 objects of its list 'data'." in notes
    load_generic(embedded_store, mapping)
    assert counts(embedded_store)[0]["Cluster"] == 2
    located = embedded_store.read("MATCH (c:Cluster)-[:LOCATED_IN]->(r:Region)-[:PART_OF]->(k:Country) "
                                  "RETURN c.id, r.name, k.id ORDER BY c.id").rows
    assert [tuple(r) for r in located] == [("nbc", "Lappland", "SE"), ("otc", "Hordaland", "NO")]


def test_a_problem_in_a_wrapped_list_names_the_line_its_object_starts_on(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": MAPPING,
                                     "clusters.json": EXPORT.replace('"name": "Ocean Tech Cluster"', '"name": ""')})
    assert [(p.file, p.line, p.field, p.message) for p in problems_of(mapping)] == [
        ("clusters.json", 5, "name", "the name is empty")]


def test_an_object_holding_several_lists_of_objects_or_none_says_so(tmp_path):
    two = EXPORT.replace('"links": [{"rel": "self"}, "not a row"]', '"links": [{"rel": "self"}]')
    mapping = write_files(tmp_path, {"mapping.toml": MAPPING, "clusters.json": two})
    assert [str(p) for p in problems_of(mapping)] == [
        "clusters.json:1: the file is an object holding lists of objects under 'data', 'links': name the one a table "
        'reads with rows = "data" in that table of the mapping']
    (tmp_path / "clusters.json").write_text('{"count": 0, "data": []}', encoding="utf-8")
    assert [str(p) for p in problems_of(mapping)] == [
        "clusters.json:1: the file is an object holding no list of objects: the rows must be one list of objects "
        "[ {...}, {...} ]"]


def test_a_list_cell_splits_into_a_row_per_item_and_without_split_says_to_add_it(tmp_path):
    sectors = """
        [[relationships]]
        file = "clusters.json"
        type = "ACTIVE_IN"
        start = { label = "Cluster", column = "id" }
        end = { label = "Sector", column = "sectors" }
        """
    more = '"name": "Ocean Tech Cluster", "sectors": ["Maritime", "Energy"],'
    export = EXPORT.replace('"tags"', '"sectors"').replace('"name": "Ocean Tech Cluster",', more)
    mapping = write_files(tmp_path, {"mapping.toml": MAPPING + sectors, "clusters.json": export})
    assert [str(p) for p in problems_of(mapping)] == [
        f"clusters.json:{line} [sectors]: the end (Sector id) is a list ({cell}): to read one row per item, add "
        'split = { column = "sectors" } to this table' for line, cell in ((3, '["batteries"]'),
                                                                         (5, '["Maritime", "Energy"]'))]
    (tmp_path / "mapping.toml").write_text((tmp_path / "mapping.toml").read_text(encoding="utf-8")
                                           + 'split = { column = "sectors" }\n', encoding="utf-8")
    _, rels, _ = read_generic(mapping)
    assert sorted((r.start_id, r.end_id) for r in rels if r.type == "ACTIVE_IN") == [
        ("nbc", "batteries"), ("otc", "Energy"), ("otc", "Maritime")]


def test_the_participation_preset_links_each_item_of_a_json_list_of_themes(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": """
        preset = "participation"
        file = "grants.json"
        [columns]
        project_id = "project"
        project_acronym = "acronym"
        organisation_id = "org"
        organisation_name = "org_name"
        country = "country"
        sector = "themes"
        """, "grants.json": '{"results": [{"project": "1", "acronym": "HAV", "org": "9", "org_name": "Fjordlab AS", '
                             '"country": "NO", "themes": ["Havvind", "Energi"]}]}'})
    _, rels, _ = read_generic(mapping)
    assert sorted(r.end_id for r in rels if r.type == "ACTIVE_IN") == ["Energi", "Havvind"]


def test_mapping_new_reads_a_nested_column_by_its_last_part(tmp_path):
    from loaders.mapping_new.participation import participation_template

    write_files(tmp_path, {"organisasjoner.json": (
        '{"count": 1, "data": [{"orgnr": "915123456", "navn": "Fjordlab AS", '
        '"adresse": {"land": "Norge", "fylke": "Vestland", "poststed": "Bergen"}}]}')})
    text = participation_template(tmp_path / "organisasjoner.json")
    assert 'located_in = { region = "adresse.fylke", country = "adresse.land" }' in text  # was country = ""
    assert not [line for line in text.splitlines() if line.startswith("# columns not used") and "adresse" in line]
