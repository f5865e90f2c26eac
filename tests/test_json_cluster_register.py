"""A regional agency's cluster register as its web service exports it (`tests/fixtures/json_clusters/`): one
object per cluster holding lists (sectors, programmes) and lists of objects (members, projects). Found in a
user try-out: what the readers promise for a file's cells must hold for the cells inside those lists too."""

from __future__ import annotations

import json

import pytest

from graph.errors import ValidationFailed
from loaders.generic import read_generic
from tests.conftest import FIXTURES
from tests.generic_files import write_files

REGISTER = FIXTURES / "json_clusters"


def test_control_characters_inside_lists_and_lists_of_objects_are_removed_and_counted():
    nodes, _, notes = read_generic(REGISTER / "mapping.toml")
    names = {n.id: n.name for n in nodes if n.label == "Organisation"}
    assert names["559212-4410"] == "Einride Väst AB"  # "\u0007" inside a member object of the list
    assert "Textil och mode" in {n.name for n in nodes if n.label == "Sector"}  # "\u001a" inside a list of text
    assert ("kluster.json: removed 2 control characters in 2 values (the first on line 16, column "
            "medlemmar.namn); they are invisible and would stop a search from finding the text.") in notes


def test_a_nul_inside_a_list_of_objects_is_refused_naming_its_line_and_column(tmp_path):
    text = '[{"id": "k1", "namn": "Kluster", "medlemmar": [{"nr": "1", "namn": "Bad\\u0000 AB"}]}]'
    mapping = write_files(tmp_path, {"mapping.toml": """
        [[nodes]]
        file = "k.json"
        label = "Organisation"
        split = { column = "medlemmar" }
        id = "medlemmar.nr"
        name = "medlemmar.namn"
        """, "k.json": text})
    with pytest.raises(ValidationFailed) as refused:
        read_generic(mapping)
    assert [(p.file, p.line, p.field) for p in refused.value.problems] == [("k.json", 1, "medlemmar.namn")]
    assert "NUL" in refused.value.problems[0].message


def test_mapping_new_reads_a_register_with_lists_of_objects_as_a_list_of_clusters(tmp_path):
    from loaders.mapping_new.participation import participation_template

    text = participation_template(REGISTER / "kluster.json")
    # its `projekt` list of objects had been taken for the project number: a participation preset without a name
    assert text.startswith("# A mapping for kluster.json, one row per cluster")
    assert 'id = "klusterId"' in text and 'name = "klusternamn"' in text
    assert not [line for line in text.splitlines() if "projekt" in line and not line.startswith("#")]
    assert ('# projekt holds lists of objects: map each with its own table and split = { column = "projekt" } (its '
            "columns: projekt.projektId, projekt.titel, projekt.start, projekt.belopp, projekt.valuta, projekt.roll); "
            'see docs/mapping.md, "Files: separators, encodings, JSON"') in text
    mapping = write_files(tmp_path, {"mapping.toml": text, "kluster.json": (REGISTER / "kluster.json").read_bytes()})
    nodes, _, _ = read_generic(mapping)
    assert sorted(n.name for n in nodes if n.label == "Cluster") == ["Halland Hälsoteknik",
                                                                    "Lindholmen Mobilitetsarena", "Smart Textiles"]


def test_values_recode_a_cell_before_its_type_reads_it():
    """`values` had recoded only the text a type had already read: `smf` / `stort` (SME or large) in a `bool`
    column was refused as no yes or no, with the recode to `ja` / `nej` beside it in the mapping."""
    nodes, _, _ = read_generic(REGISTER / "mapping.toml")
    sme = {n.name: n.properties.get("sme") for n in nodes if n.label == "Organisation"}
    assert sme == {"Volvo Personvagnar AB": False, "Chalmers tekniska högskola AB": False, "Einride Väst AB": True,
                   "Högskolan i Borås": False, "Borås Väveri AB": True, "Högskolan i Halmstad": False,
                   "Getinge Sterilization AB": False}  # `STORT`: a recode reads cells in any case


def test_mapping_new_takes_a_labels_award_date_under_its_swedish_header():
    """`tilldelad` (awarded) was not a header word: the label's expiry was mapped and its award date left unused,
    so `labels/valid-on`, which asks for it, left every cluster of the register out."""
    from loaders.mapping_new.participation import participation_template

    text = participation_template(REGISTER / "kluster.json")
    assert 'awarded = { column = "esca.tilldelad", type = "date" }  #? when the label was awarded' in text
    assert 'expires = { column = "esca.giltigTill", type = "date" }  #? when the label expires' in text


def test_mapping_new_names_a_listed_row_without_its_key_by_its_name_in_every_table(tmp_path):
    """A register row without its `klusterId` made `--check` refuse the mapping `mapping new` wrote, once per table;
    skipped in each, its sectors were still made, linked to nothing: it is named by its name in every table."""
    from loaders.mapping_new.participation import participation_template

    register = (REGISTER / "kluster.json").read_bytes().replace(b'"VGR-K09"', b'""')
    write_files(tmp_path, {"kluster.json": register})
    text = participation_template(tmp_path / "kluster.json")
    assert ('on_empty = { placeholder = "name:{klusternamn}" }  #? 1 row(s) have no klusterId (line 36): named by '
            'their name, name:<name>, and reported (or on_empty = "skip" to leave them out)') in text
    nodes, rels, notes = read_generic(write_files(tmp_path, {"mapping.toml": text.encode()}))
    clusters = ["VGR-K01", "VGR-K02", "name:Halland Hälsoteknik"]
    assert sorted(n.id for n in nodes if n.label == "Cluster") == clusters
    assert {r.start_id for r in rels if r.start_label == "Cluster"} == set(clusters)
    assert ("kluster.json: 3 row(s) given a placeholder id for their empty key (on_empty): klusterId on line 36, 45, "
            "46") in notes  # the cluster's row, and its two members' objects in their MEMBER_OF table


def test_a_problem_in_an_object_of_a_list_names_that_objects_line(tmp_path):
    """A member's bad date was reported on the line its cluster starts on (`kluster.json:5`), eleven lines above
    the member: a list of 50 members left the user to search them all."""
    register = (REGISTER / "kluster.json").read_bytes().replace(b'"2022-05-16"', b'"2022-05-32"')
    mapping = write_files(tmp_path, {"mapping.toml": (REGISTER / "mapping.toml").read_bytes(),
                                     "kluster.json": register})
    with pytest.raises(ValidationFailed) as refused:
        read_generic(mapping)
    assert [(p.line, p.field) for p in refused.value.problems] == [(16, "medlemmar.medlemSedan")]


TWO_LISTS = """{"exported": "2026-11-30",
 "kluster": [{"id": "VGR-K01", "namn": "Lindholmen Mobilitetsarena"}],
 "medlemmar": [{"orgnr": "556074-3089", "namn": "Volvo Personvagnar AB", "kluster": "VGR-K01"},
               {"orgnr": "559212-4410", "namn": "Einride Väst AB", "kluster": "VGR-K01"}]}
"""
TWO_TABLES = """
    [[nodes]]
    file = "register.json"
    rows = "kluster"
    label = "Cluster"
    id = "id"
    name = "namn"

    [[nodes]]
    file = "register.json"
    rows = "medlemmar"
    label = "Organisation"
    id = "orgnr"
    name = "namn"

    [[relationships]]
    file = "register.json"
    rows = "medlemmar"
    type = "MEMBER_OF"
    start = { label = "Organisation", column = "orgnr" }
    end = { label = "Cluster", column = "kluster" }
    """


def test_a_table_reads_the_list_its_rows_option_names_in_an_export_holding_several(tmp_path):
    """An export holding its clusters and their members as two lists was refused as "not valid JSON", to be cut
    into two files first; `rows = "medlemmar"` names the list a table reads."""
    nodes, rels, notes = read_generic(write_files(tmp_path, {"mapping.toml": TWO_TABLES, "register.json": TWO_LISTS}))
    assert sorted((n.label, n.id) for n in nodes if n.label != "Source") == [
        ("Cluster", "VGR-K01"), ("Organisation", "556074-3089"), ("Organisation", "559212-4410")]
    assert sorted((r.start_id, r.end_id) for r in rels) == [("556074-3089", "VGR-K01"), ("559212-4410", "VGR-K01")]
    assert "register.json: the rows are the 2 objects of its list 'medlemmar'." in notes


def test_without_rows_an_export_of_several_lists_is_said_to_be_one_and_how_to_choose(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": TWO_TABLES.replace('    rows = "kluster"\n', ""),
                                     "register.json": TWO_LISTS})
    with pytest.raises(ValidationFailed) as refused:
        read_generic(mapping)
    assert [str(p) for p in refused.value.problems] == [
        "register.json:1: the file is an object holding lists of objects under 'kluster', 'medlemmar': name the one "
        'a table reads with rows = "kluster" in that table of the mapping']
    with pytest.raises(ValidationFailed) as refused:
        read_generic(write_files(tmp_path, {"mapping.toml": TWO_TABLES.replace('"kluster"\n', '"klusters"\n')}))
    assert [str(p) for p in refused.value.problems] == [
        "register.json:1: the file holds no list of objects under 'klusters' (rows in the mapping); its lists of "
        "objects are under 'kluster', 'medlemmar'"]


def test_a_comma_after_the_last_item_is_named_on_its_own_line(tmp_path):
    """A trailing comma (which many editors and hand-written exports leave) was reported as "Expecting value" on
    the line of the bracket after it."""
    text = '[\n {"nr": "1", "namn": "A AB", "sektorer": ["IKT", "AI",]},\n {"nr": "2", "namn": "B AB"},\n]\n'
    mapping = write_files(tmp_path, {"mapping.toml": """
        [[nodes]]
        file = "t.json"
        label = "Organisation"
        id = "nr"
        name = "namn"
        """, "t.json": text})
    with pytest.raises(ValidationFailed) as refused:
        read_generic(mapping)
    assert [str(p) for p in refused.value.problems] == [
        "t.json:2: not valid JSON: a comma after the last item, before ']' (JSON allows none there: remove it)"]
    mapping.parent.joinpath("t.json").write_text(text.replace('"AI",]', '"AI"]'), encoding="utf-8")
    with pytest.raises(ValidationFailed) as refused:
        read_generic(mapping)
    assert [str(p) for p in refused.value.problems] == [
        "t.json:3: not valid JSON: a comma after the last item, before ']' (JSON allows none there: remove it)"]


def test_mapping_new_takes_an_object_null_on_some_rows_for_no_column_of_its_own():
    """`"esca": null` on the row of a cluster without a label was listed as a column `esca` not used, beside the
    columns `esca.märkning` ... its objects give on the other rows."""
    from loaders.mapping_new.participation import participation_template

    template = participation_template(REGISTER / "kluster.json")
    assert 'end = { label = "QualityLabel", column = "esca.märkning" }' in template
    assert not [line for line in template.splitlines() if line.startswith("# columns not used")]  # it was `esca`


def _load_members_on_cordis(store, folder, members: list[dict], properties: str = ""):
    """The CORDIS fixture, then `members` (orgnr, namn) matched by name, spellings of one number merged; the report.
    CORDIS spells PIC 999902967 (NMBU) `NORGES MILJO-OG BIOVITENSKAPLIGE UNIVERSITET`, its other spelling an alias."""
    from loaders.cordis import load_cordis
    from loaders.generic import load_generic

    load_cordis(store, FIXTURES / "cordis")
    held = store.read("MATCH (o:Organisation {id: 'pic:999902967'}) RETURN o.name, o.aliases").rows[0]
    assert held == ["NORGES MILJO-OG BIOVITENSKAPLIGE UNIVERSITET", ["NORGES MILJO-OG BIOVITENSKAPELIGE UNIVERSITET"]]
    return load_generic(store, write_files(folder, {"mapping.toml": """
        [[nodes]]
        file = "medlemmar.json"
        label = "Organisation"
        id = "orgnr"
        name = "namn"
        match = "name"
        on_conflict = "merge"
        """ + properties, "medlemmar.json": json.dumps(members, ensure_ascii=False)}))


def test_match_by_name_reads_nordic_letters_as_cordis_writes_them_in_ascii(embedded_store, tmp_path):
    """A register's `Norges miljø-og biovitenskaplige universitet` made a second node beside CORDIS's `NORGES
    MILJO-OG BIOVITENSKAPLIGE UNIVERSITET` (PIC 999902967) without a word: accents fold, but ø, æ and ß are letters
    of their own, which CORDIS writes as o or oe, ae and ss."""
    report = _load_members_on_cordis(embedded_store, tmp_path,
                                     [{"orgnr": "971040238", "namn": "Norges miljø-og biovitenskaplige universitet"}])
    assert any("-> pic:999902967" in note for note in report.notes)
    assert embedded_store.read("MATCH (o:Organisation {id: '971040238'}) RETURN count(o)").rows == [[0]]


def test_a_bool_column_of_the_tables_own_words_is_one_problem_with_the_recode_that_reads_it(tmp_path):
    """Without the recode, `storlek`'s `smf` / `stort` gave a problem per cell and word (23 in the try-out's
    register), the table's real mistakes lost among them."""
    mapping = write_files(tmp_path, {
        "mapping.toml": (REGISTER / "mapping.toml").read_bytes().replace(
            b', values = { "smf" = "ja", "stort" = "nej" }', b""),
        "kluster.json": (REGISTER / "kluster.json").read_bytes().replace(b'"2016-08-15"', b'"2016-08-32"')})
    with pytest.raises(ValidationFailed) as refused:
        read_generic(mapping)
    assert [str(p) for p in refused.value.problems] == [
        "kluster.json:14 [medlemmar.storlek]: 7 cells are no yes or no word ('stort' 5, 'smf' 2; lines 14, 15, 16, "
        '31, 32 and 2 more): if they say yes or no, recode them on this column, each to "ja" or "nej": sme = { column '
        '= "medlemmar.storlek", type = "bool", values = { "stort" = "nej", "smf" = "ja" } }',
        "kluster.json:32 [medlemmar.medlemSedan]: expected a date like 2024-12-31 (format %Y-%m-%d), got "
        "'2016-08-32'"]


def test_a_matched_node_keeps_its_aliases_and_gains_the_rows_spellings(embedded_store, tmp_path):
    """A register spelling NMBU two ways (merged, the other spelling in aliases) set the aliases of CORDIS's node to
    `["NMBU Ås"]`: its own alias was lost, and the register's main spelling too."""
    spelled = "Norges miljø-og biovitenskaplige universitet"
    _load_members_on_cordis(embedded_store, tmp_path, [{"orgnr": "971040238", "namn": spelled},
                                                       {"orgnr": "971040238", "namn": "NMBU Ås"},
                                                       {"orgnr": "971040238", "namn": spelled}])
    assert embedded_store.read("MATCH (o:Organisation {id: 'pic:999902967'}) RETURN o.name, o.aliases").rows == [[
        "NORGES MILJO-OG BIOVITENSKAPLIGE UNIVERSITET",
        ["NMBU Ås", "NORGES MILJO-OG BIOVITENSKAPELIGE UNIVERSITET", spelled]]]


def test_values_a_match_changes_on_another_loads_node_are_said_before_the_load(embedded_store, tmp_path):
    """A register's `smf` made CORDIS's HUSHALLNINGSSALLSKAPET SJUHARAD an SME, and nothing had said which values a
    load changes on other loads' nodes. `--check` and the load now say so (and an unload gives them back: below)."""
    report = _load_members_on_cordis(embedded_store, tmp_path, [
        {"orgnr": "971040238", "namn": "Norges miljø-og biovitenskaplige universitet", "smf": "ja", "ort": "Ås"}],
        '        [nodes.properties]\n        sme = { column = "smf", type = "bool" }\n        city = "ort"\n')
    assert ("1 node(s) of other loads get other values from match = \"name\" rows: city on 1 (NORGES MILJO-OG "
            "BIOVITENSKAPLIGE UNIVERSITET: 'As' -> 'Ås'), sme on 1 (NORGES MILJO-OG BIOVITENSKAPLIGE UNIVERSITET: "
            "False -> True); an unload of this table gives back the values the other loads gave"
            ) in report.notes


def test_the_unload_of_a_table_that_matched_another_loads_node_gives_its_values_back(embedded_store, tmp_path):
    """The try-out's register left CORDIS's node an SME, with the register's city and spellings, after its unload:
    the values each load gave a shared node (`graph.store.given`) let the unload give back CORDIS's."""
    from graph.store.reads import last_loads
    from loaders.pipeline import run_unload

    def held() -> list:
        return embedded_store.read("MATCH (o:Organisation {id: 'pic:999902967'}) "
                                   "RETURN o.name, o.aliases, o.sme, o.city, o.own_ids, 'SME' IN labels(o)").rows

    _load_members_on_cordis(embedded_store, tmp_path, [
        {"orgnr": "971040238", "namn": "Norges miljø-og biovitenskaplige universitet", "smf": "ja", "ort": "Ås"},
        {"orgnr": "971040238", "namn": "NMBU Ås", "smf": "ja", "ort": "Ås"}],
        '        [nodes.properties]\n        sme = { column = "smf", type = "bool" }\n        city = "ort"\n')
    register = next(load["source"] for load in last_loads(embedded_store) if load["source"] != "cordis")
    assert held()[0][2] is True and held()[0][3] == "Ås"
    run_unload(embedded_store, register)
    assert held() == [["NORGES MILJO-OG BIOVITENSKAPLIGE UNIVERSITET",
                       ["NORGES MILJO-OG BIOVITENSKAPELIGE UNIVERSITET"], False, "As", None, False]]


def test_a_tables_own_id_of_a_node_it_matched_by_name_still_names_it(embedded_store, tmp_path):
    """`match = "name"` put the register's member on CORDIS's node, and its organisation number was gone:
    `recommend --for Organisation:971040238` (or the bare number) said no Organisation has that id."""
    from graph.store.resolve import resolve_node
    from graph.views import store_views

    _load_members_on_cordis(embedded_store, tmp_path,
                            [{"orgnr": "971040238", "namn": "Norges miljø-og biovitenskaplige universitet"}])
    for typed in ("971040238", "Organisation:971040238"):
        assert resolve_node(embedded_store, typed, ["Organisation", "Cluster"]).key == "Organisation:pic:999902967"
    assert [key for key, _ in store_views.search(embedded_store, "971040238")] == ["Organisation:pic:999902967"]
    assert embedded_store.read("MATCH (o:Organisation {id: 'pic:999902967'}) RETURN o.own_ids").rows == [
        [["971040238"]]]
