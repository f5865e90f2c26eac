"""Mapping features for users' own tables: constants, empty keys, countries by name, national regions,
dropping a property no longer mapped, recoded values and control characters (docs/mapping.md)."""

from __future__ import annotations

import pytest

from graph.countries import country_code
from graph.errors import ValidationFailed
from graph.store.reads import counts, to_networkx
from loaders.generic import load_generic, read_generic
from tests.generic_files import snapshot, write_files

ORGS = """
    name = "orgs"

    [[nodes]]
    file = "orgs.csv"
    label = "Organisation"
    id = "nr"
    name = "navn"
"""
SKIP = ORGS.replace('name = "navn"', 'name = "navn"\non_empty = "skip"')
ORG_ROWS = "nr;navn;fylke;land\n1;Fjordlab AS;Vestland;Norge\n;Uten Nummer AS;Oslo;NO\n3;Nordsee GmbH;;Deutschland\n"


def problems(mapping) -> list[str]:
    with pytest.raises(ValidationFailed) as caught:
        read_generic(mapping)
    return [str(p) for p in caught.value.problems]


def nodes_by_id(mapping) -> dict:
    nodes, _, _ = read_generic(mapping)
    return {n.id: n for n in nodes if n.label != "Source"}


# --- constant values ---------------------------------------------------------------------------------

def test_a_constant_value_is_given_to_every_row(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": ORGS + """
        [nodes.properties]
        country = { value = "Norge", type = "country" }
        programme = { value = "ARENA" }
        cohort = { value = 2024, type = "int" }
    """, "orgs.csv": "nr;navn\n1;Fjordlab AS\n2;Kystkraft AS\n"})
    found = nodes_by_id(mapping)
    assert [found[i].properties for i in ("1", "2")] == [{"country": "NO", "programme": "ARENA", "cohort": 2024}] * 2


def test_a_bad_constant_is_named_at_its_mapping_line(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": ORGS + """
        [nodes.properties]
        cohort = { value = "twenty", type = "int" }
        country = { value = "Atlantis", type = "country" }
        land = { value = "NO", column = "land" }
    """, "orgs.csv": "nr;navn;land\n1;Fjordlab AS;NO\n"})
    said = problems(mapping)
    assert "mapping.toml:10 [cohort]: property 'cohort': value 'twenty': expected a whole number, got 'twenty'" in said
    assert any(p.startswith("mapping.toml:11 [country]: property 'country': value 'Atlantis': expected a country")
               for p in said)
    assert "mapping.toml:12 [land]: property 'land': give either column or value, not both" in said


# --- on_empty for keys ---------------------------------------------------------------------------------

def test_an_empty_key_is_an_error_that_says_how_to_accept_it(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": ORGS, "orgs.csv": ORG_ROWS})
    assert problems(mapping) == ["orgs.csv:3 [nr]: the id is empty (set on_empty in the mapping to skip such rows "
                                 "or give them a placeholder id)"]


def test_on_empty_skip_skips_the_row_and_reports_file_line_and_key(tmp_path, embedded_store):
    mapping = write_files(tmp_path, {"mapping.toml": SKIP,
                                     "orgs.csv": ORG_ROWS})
    report = load_generic(embedded_store, mapping)
    assert counts(embedded_store)[0]["Organisation"] == 2
    assert "orgs.csv: 1 row(s) skipped: their key is empty (on_empty = \"skip\"): nr on line 3" in report.notes


def test_on_empty_skip_also_skips_a_relationship_with_an_empty_end(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": SKIP + """
        [[relationships]]
        file = "orgs.csv"
        type = "MEMBER_OF"
        on_empty = "skip"
        start = { label = "Organisation", column = "nr" }
        end = { label = "Cluster", column = "klynge" }

        [[nodes]]
        file = "klynger.csv"
        label = "Cluster"
        id = "id"
        name = "id"
    """, "orgs.csv": "nr;navn;klynge\n1;Fjordlab AS;havklyngen\n;Uten Nummer AS;havklyngen\n3;Nordsee GmbH;\n",
        "klynger.csv": "id\nhavklyngen\n"})
    _, rels, notes = read_generic(mapping)
    assert [(r.start_id, r.end_id) for r in rels] == [("1", "havklyngen")]
    assert ("orgs.csv: 2 row(s) skipped: their key is empty (on_empty = \"skip\"): nr on line 3; klynge on line 4"
            in notes)


@pytest.mark.parametrize("template, expected", [
    ("unknown-{line}", "unknown-3"), ("name:{navn}", "name:Uten Nummer AS"), ("ukjent", "ukjent")])
def test_on_empty_placeholder_fills_in_the_key(tmp_path, template, expected):
    on_empty = f'on_empty = {{ placeholder = "{template}" }}'
    mapping = write_files(tmp_path, {"mapping.toml": ORGS.replace('name = "navn"', f'name = "navn"\n{on_empty}'),
                                     "orgs.csv": ORG_ROWS})
    found = nodes_by_id(mapping)
    assert found[expected].name == "Uten Nummer AS"
    _, _, notes = read_generic(mapping)
    assert "orgs.csv: 1 row(s) given a placeholder id for their empty key (on_empty): nr on line 3" in notes


def test_a_placeholder_needs_its_columns_filled_and_in_the_file(tmp_path):
    on_empty = 'on_empty = { placeholder = "name:{fylke}" }'
    mapping = write_files(tmp_path, {"mapping.toml": ORGS.replace('name = "navn"', f'name = "navn"\n{on_empty}'),
                                     "orgs.csv": "nr;navn;fylke\n1;Fjordlab AS;Vestland\n;Uten AS;\n"})
    assert problems(mapping) == ["orgs.csv:3 [nr]: the id is empty, and so is fylke, which its on_empty "
                                 "placeholder needs (or add otherwise = \"skip\" to the placeholder to skip such rows)"]
    wrong = write_files(tmp_path, {"mapping.toml": ORGS.replace('name = "navn"', 'name = "navn"\n'
                                                                'on_empty = { placeholder = "name:{fylket}" }')})
    assert any("column 'fylket' (on_empty placeholder, mapping.toml:8) is not in the file; did you mean 'fylke'?"
               in p for p in problems(wrong))


@pytest.mark.parametrize("value, said", [
    ('"ignore"', 'on_empty must be "error" (the default), "skip" or { placeholder = "unknown-{line}" }'),
    ('{ placeholder = "x-{line" }', "on_empty placeholder 'x-{line': expected '}' before end of string"),
    ('{ placeholder = "x-{line:>5}" }', "with no format after the name")])
def test_a_bad_on_empty_is_named_at_its_line(tmp_path, value, said):
    on_empty = ORGS.replace('name = "navn"', f'name = "navn"\non_empty = {value}')
    mapping = write_files(tmp_path, {"mapping.toml": on_empty, "orgs.csv": ORG_ROWS})
    assert any(p.startswith("mapping.toml:8 [on_empty]: ") and said in p for p in problems(mapping))


# --- countries and national regions ----------------------------------------------------------------------

@pytest.mark.parametrize("written, code", [
    ("NO", "NO"), ("nor", "NO"), ("Norway", "NO"), ("Norge", "NO"), ("Noreg", "NO"), ("Sverige", "SE"),
    ("Deutschland", "DE"), ("Tyskland", "DE"), ("Danmark", "DK"), ("Suomi", "FI"), ("Ísland", "IS"),
    ("Greece", "EL"), ("GR", "EL"), ("Hellas", "EL"), ("United Kingdom", "UK"), ("GB", "UK"), (" frankrike ", "FR")])
def test_a_country_is_read_by_code_or_english_or_local_name(written, code):
    assert country_code(written) == code


def test_a_country_column_and_its_bad_value(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": ORGS + '[nodes.properties]\ncountry = { column = "land", '
                                     'type = "country" }\n',
                                     "orgs.csv": "nr;navn;land\n1;Fjordlab AS;Norge\n2;Atlantis AS;Atlantis\n"})
    assert problems(mapping) == ["orgs.csv:3 [land]: expected a country (a code such as NO or NOR, or a name such "
                                 "as Norway or Norge), got 'Atlantis'"]


def test_a_region_that_is_no_nuts_code_gets_its_own_id_linked_to_its_country(tmp_path, embedded_store):
    mapping = write_files(tmp_path, {
        "mapping.toml": ORGS.replace('id = "nr"', 'id = "nr"\nlocated_in = { region = "fylke", country = "land" }'),
        "orgs.csv": "nr;navn;fylke;land\n1;Fjordlab AS;Sogn og Fjordane;Norge\n2;Osloteknikk AS;NO011;NO\n"
                    "3;Nordsee GmbH;;Deutschland\n"})
    load_generic(embedded_store, mapping)
    graph = to_networkx(embedded_store)
    assert graph.nodes["Region:NO-Sogn-og-Fjordane"] | {"sources": None} == {
        "id": "NO-Sogn-og-Fjordane", "name": "Sogn og Fjordane", "kind": "Region", "labels": ["Region"],
        "country": "NO", "scheme": "national", "sources": None}
    assert graph.has_edge("Region:NO-Sogn-og-Fjordane", "Country:NO", "PART_OF:")
    assert graph.has_edge("Organisation:1", "Region:NO-Sogn-og-Fjordane", "LOCATED_IN:")
    assert graph.has_edge("Organisation:2", "Region:NO011", "LOCATED_IN:")  # a NUTS code stays a NUTS region
    assert graph.has_edge("Organisation:3", "Country:DE", "LOCATED_IN:")  # no region: the country
    assert {k: graph.nodes[f"Organisation:{k}"].get("country") for k in "123"} == {"1": "NO", "2": "NO", "3": "DE"}
    assert graph.nodes["Organisation:1"]["region"] == "NO-Sogn-og-Fjordane"
    assert graph.nodes["Organisation:2"]["nuts_code"] == "NO011"


def test_a_national_region_without_a_country_is_named(tmp_path):
    mapping = write_files(tmp_path, {
        "mapping.toml": ORGS.replace('id = "nr"', 'id = "nr"\nlocated_in = { region = "fylke", country = "land" }'),
        "orgs.csv": "nr;navn;fylke;land\n1;Fjordlab AS;Vestland;\n"})
    assert problems(mapping) == ["orgs.csv:2 [fylke]: the region 'Vestland' is not a NUTS code, and the row names no "
                                 "country: give the table's country (participation preset: country = { value = "
                                 "\"NO\" } under [columns]; a [[nodes]] table: located_in.country, a column or "
                                 "{ value = \"NO\" })"]


def test_located_in_takes_a_constant_country_and_keeps_stored_place_names(tmp_path, embedded_store):
    mapping = write_files(tmp_path, {
        "mapping.toml": ORGS.replace('id = "nr"', 'id = "nr"\nlocated_in = { region = "fylke", country = { value = '
                                     '"Norge" } }'),
        "orgs.csv": "nr;navn;fylke\n1;Fjordlab AS;Hordaland\n"})
    embedded_store.write("CREATE (:Country {id: 'NO', name: 'Norge (NUTS)', kind: 'Country'})")
    load_generic(embedded_store, mapping)
    graph = to_networkx(embedded_store)
    assert graph.nodes["Country:NO"]["name"] == "Norge (NUTS)"  # the NUTS loader's name is not overwritten
    assert graph.has_edge("Region:NO-Hordaland", "Country:NO", "PART_OF:")


# --- recoded values --------------------------------------------------------------------------------------

def test_values_recodes_words_of_a_column(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": ORGS + '[nodes.properties]\nstatus = { column = "status", '
                                     'values = { "Aktiv" = "active", "Avsluttet" = "ended" } }\n',
                                     "orgs.csv": "nr;navn;status\n1;Fjordlab AS;aktiv\n2;Kyst AS;pause\n"})
    found = nodes_by_id(mapping)
    assert (found["1"].properties["status"], found["2"].properties["status"]) == ("active", "pause")


# --- dropping a property no longer mapped ----------------------------------------------------------------

def test_a_renamed_property_is_dropped_and_a_rerun_changes_nothing(tmp_path, embedded_store):
    old = ORGS + '[nodes.properties]\nstart = "start"\n'
    mapping = write_files(tmp_path, {"mapping.toml": old, "orgs.csv": "nr;navn;start\n1;Fjordlab AS;2021\n"})
    load_generic(embedded_store, mapping)
    embedded_store.write("CREATE (:Organisation {id: 'other', name: 'Other', kind: 'Organisation', start: '1999', "
                         "sources: ['seeds']})")
    write_files(tmp_path, {"mapping.toml": ORGS.replace('name = "navn"', 'name = "navn"\ndrop = ["start"]')
                           + '[nodes.properties]\nstart_date = "start"\n'})
    report = load_generic(embedded_store, mapping)
    graph = to_networkx(embedded_store)
    assert "start" not in graph.nodes["Organisation:1"] and graph.nodes["Organisation:1"]["start_date"] == "2021"
    assert graph.nodes["Organisation:other"]["start"] == "1999"  # another source's node keeps it
    assert "orgs.csv: property 'start' dropped from 1 Organisation node(s) (drop in the mapping)" in report.notes
    before = snapshot(embedded_store)
    again = load_generic(embedded_store, mapping)
    assert (again.summary.created, again.summary.updated) == (0, 0)
    assert not any("dropped" in note for note in again.notes)
    assert snapshot(embedded_store)[1:] == before[1:] or _same_but_load_log(snapshot(embedded_store), before)


def _same_but_load_log(after, before) -> bool:
    strip = [[n for n in s[1] if "'Load:" not in n] for s in (after, before)]
    return strip[0] == strip[1] and after[2] == before[2]


def test_drop_on_relationships_removes_only_this_files_property(tmp_path, embedded_store):
    rel = """
        [[relationships]]
        file = "orgs.csv"
        type = "MEMBER_OF"
        start = { label = "Organisation", column = "nr" }
        end = { label = "Cluster", column = "klynge" }
    """
    clusters = '\n[[nodes]]\nfile = "klynger.csv"\nlabel = "Cluster"\nid = "id"\nname = "id"\n'
    files = {"orgs.csv": "nr;navn;klynge;merknad\n1;Fjordlab AS;hav;ny\n", "klynger.csv": "id\nhav\n"}
    mapping = write_files(tmp_path, {"mapping.toml": ORGS + clusters + rel + '[relationships.properties]\nnote = '
                                     '"merknad"\n', **files})
    load_generic(embedded_store, mapping)
    write_files(tmp_path, {"mapping.toml": ORGS + clusters + rel + 'drop = ["note"]\n'})
    report = load_generic(embedded_store, mapping)
    assert "note" not in to_networkx(embedded_store).edges["Organisation:1", "Cluster:hav", "MEMBER_OF:"]
    assert "orgs.csv: property 'note' dropped from 1 MEMBER_OF relationship(s) (drop in the mapping)" in report.notes


@pytest.mark.parametrize("drop, said", [
    ('["navn_old", "start"]', "drop: 'start' is mapped in this table; drop only a property no longer mapped"),
    ('["name"]', "drop: 'name' is not a property a mapping can remove"),
    ('["e-mail"]', "drop: invalid property name 'e-mail'"), ('"start"', None), ("3", "drop must be a list")])
def test_a_bad_drop_is_named_at_its_line(tmp_path, drop, said):
    mapping = write_files(tmp_path, {"mapping.toml": ORGS.replace('name = "navn"', f'name = "navn"\ndrop = {drop}')
                                     + '[nodes.properties]\nstart = "start"\n' * (said is not None and "3" != drop),
                                     "orgs.csv": "nr;navn;start\n1;Fjordlab AS;2021\n"})
    if said is None:  # one name as text is a list of one
        assert nodes_by_id(mapping)["1"].properties == {}
        return
    assert any(p.startswith("mapping.toml:8 [drop]: ") and said in p for p in problems(mapping))


# --- control characters --------------------------------------------------------------------------------

def test_control_characters_are_removed_and_counted_in_values(tmp_path, embedded_store):
    mapping = write_files(tmp_path, {"mapping.toml": ORGS.replace("orgs.csv", "orgs.json"),
                                     "orgs.json": '[{"nr": "1", "navn": "Fjord\\u001alab\\u0007 AS"},\n'
                                                  ' {"nr": "2", "navn": "Kyst\\u001a AS"},\n'
                                                  ' {"nr": "3", "navn": "Tab\\tAS"}]'})
    report = load_generic(embedded_store, mapping)
    assert ("orgs.json: removed 3 control characters in 2 values (the first on line 1, column navn); they are "
            "invisible and would stop a search from finding the text.") in report.notes
    graph = to_networkx(embedded_store)
    assert [graph.nodes[f"Organisation:{i}"]["name"] for i in "123"] == ["Fjordlab AS", "Kyst AS", "Tab\tAS"]


def test_a_nul_character_is_still_refused_with_file_line_and_column(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": ORGS, "orgs.csv": b"nr;navn\n1;Fjord\x00lab AS\n"})
    assert problems(mapping) == ["orgs.csv:2 [navn]: the value holds a NUL character (0x00) at character 6; remove "
                                 "it and load again"]


def test_the_examples_in_the_docstrings_hold():
    import doctest

    from graph import countries
    from loaders import generic_places

    assert doctest.testmod(countries).attempted and doctest.testmod(countries).failed == 0
    assert doctest.testmod(generic_places).attempted and doctest.testmod(generic_places).failed == 0

