"""A Danish cluster programme's own tables on a store that holds other data (a user try-out): a grants table whose
region is a NUTS region holding the more detailed one the store has an organisation in, a saved query asked for a
country by its name, a misspelt country cell, and a matched node's own number. Real loads into the embedded store,
real files."""

from __future__ import annotations

import pytest

from graph.errors import NotFound
from graph.store.reads import to_networkx
from graph.store.resolve import resolve_node
from loaders.derived_search import refresh_search_texts
from loaders.generic import read_generic
from loaders.pipeline import run_load, run_unload
from queries.catalogue import load_catalogue
from queries.missing import why_empty
from queries.runner import run_saved
from tests.cli_invoke import cli_env, invoke
from tests.generic_files import problems_of, write_files
from tests.test_load_speed_paths import ReadingStore

PLACED = 'located_in = { region = "region", country = { value = "DK" } }\n'


def _table(folder, name: str, rows: str, extra: str = ""):
    (folder / name).mkdir()
    return write_files(folder / name, {
        "mapping.toml": f'name = "{name}"\n[[nodes]]\nfile = "orgs.csv"\nlabel = "Organisation"\nid = "nr"\n'
                        f'name = "navn"\n{extra}{PLACED}',
        "orgs.csv": "nr;navn;region\n" + rows})


def _places(store, node: str) -> set[str]:
    graph = to_networkx(store)
    return {end for _, end, key in graph.out_edges(node, keys=True) if key.startswith("LOCATED_IN")}


def test_a_table_naming_the_larger_region_leaves_the_node_in_its_detailed_one(embedded_store, tmp_path):
    """CORDIS has Blue Ocean Robotics in DK031 (Fyn); a grants table says Syddanmark (DK03). The node had been in
    both, with `nuts_code` DK03, so the SMEs of DK031 and the regions' ranking at level 3 lost it."""
    run_load(embedded_store, "csv", _table(tmp_path, "register", "pic:1;BLUE OCEAN ROBOTICS APS;DK031\n"))
    report = run_load(embedded_store, "csv", _table(tmp_path, "grants", "pic:1;Blue Ocean Robotics ApS;DK03\n"))
    node = to_networkx(embedded_store).nodes["Organisation:pic:1"]
    assert node["nuts_code"] == "DK031"
    assert _places(embedded_store, "Organisation:pic:1") == {"Region:DK031"}
    assert ("1 node(s) the store has in a more detailed NUTS region inside the one their rows name stay there "
            "(their nuts_code and places are kept): 'Blue Ocean Robotics ApS' (DK031, not DK03)") in report.load.notes


def test_a_row_matched_by_name_keeps_the_detailed_region_and_says_no_change_of_it(embedded_store, tmp_path):
    """The same through `match = "name"` (the table's own number, 12345678): the note on the values matched rows
    change had named `nuts_code` 'DK031' -> 'DK03', a change the load no longer makes."""
    run_load(embedded_store, "csv", _table(tmp_path, "register", "pic:1;BLUE OCEAN ROBOTICS APS;DK031\n"))
    report = run_load(embedded_store, "csv", _table(tmp_path, "grants", "12345678;Blue Ocean Robotics ApS;DK03\n",
                                                    extra='match = "name"\n'))
    node = to_networkx(embedded_store).nodes["Organisation:pic:1"]
    assert (node["nuts_code"], node["own_ids"]) == ("DK031", ["12345678"])
    assert _places(embedded_store, "Organisation:pic:1") == {"Region:DK031"}
    assert not [note for note in report.load.notes if "nuts_code on" in note]


def test_a_region_only_this_table_gave_is_moved_by_its_reload(embedded_store, tmp_path):
    """A region the table's own earlier load gave is not the store's to keep: the re-load places the node anew."""
    mapping = _table(tmp_path, "grants", "pic:1;Blue Ocean Robotics ApS;DK031\n")
    run_load(embedded_store, "csv", mapping)
    (mapping.parent / "orgs.csv").write_text("nr;navn;region\npic:1;Blue Ocean Robotics ApS;DK03\n")
    run_load(embedded_store, "csv", mapping)
    assert to_networkx(embedded_store).nodes["Organisation:pic:1"]["nuts_code"] == "DK03"
    assert _places(embedded_store, "Organisation:pic:1") == {"Region:DK03"}


def test_a_country_asked_by_its_name_is_not_said_to_be_missing(embedded_store, tmp_path):
    """`clusters/in-projects -p country=Denmark` on Danish clusters none of which takes part in a project: the
    query reads the name as DK, but the empty answer said no Cluster has `country` = "Denmark". It says that no
    cluster takes part in a project itself (since the ARENA try-out: `Cluster>PARTICIPATES_IN` in its requires)."""
    folder = tmp_path / "klynger"
    folder.mkdir()
    run_load(embedded_store, "csv", write_files(folder, {
        "mapping.toml": """
            name = "klynger"
            [[nodes]]
            file = "klynger.csv"
            label = "Cluster"
            id = "id"
            name = "navn"
            located_in = { country = "land" }
            [[nodes]]
            file = "bevillinger.csv"
            label = "Project"
            id = "projekt"
            name = "projekt"
            [[nodes]]
            file = "bevillinger.csv"
            label = "Organisation"
            id = "cvr"
            name = "virksomhed"
            [[relationships]]
            file = "bevillinger.csv"
            type = "PARTICIPATES_IN"
            start = { label = "Organisation", column = "cvr" }
            end = { label = "Project", column = "projekt" }
            """,
        "klynger.csv": "id;navn;land\ndk-robot;Odense Robotics;Danmark\n",
        "bevillinger.csv": "projekt;cvr;virksomhed\nIF-1;12345678;Blue Ocean Robotics ApS\n"}))
    catalogue = load_catalogue()
    for country in ("Denmark", "Danmark", "DK"):
        query, params, result = run_saved(embedded_store, catalogue, "clusters/in-projects", {"country": country})
        assert result.rows == []
        why = why_empty(embedded_store, query, params)  # no cluster takes part in a project itself: that is said
        assert "no Cluster has a PARTICIPATES_IN relationship" in why and f'"{country}"' not in why
    query, params, _ = run_saved(embedded_store, catalogue, "clusters/in-projects", {"country": "Atlantis"})
    assert 'no Cluster has `country` = "Atlantis"' in why_empty(embedded_store, query, params)


def test_a_misspelt_country_is_said_with_the_country_it_nearly_spells(tmp_path):
    """`Danmak` in a Danish table's country column: the advice had been the recode `"Danmak" = "IN"`, the example
    code of CORDIS's `XH`, which puts the row in India. Now it names Danmark (DK), in the recode too; following it
    loads the rows in DK. The same for a `type = "country"` column."""
    rows = "nr;navn;land\n1;Odense Robotics;Danmak\n2;Fjordlab AS;Atlantis\n"
    placed = write_files(tmp_path, {"mapping.toml": 'name = "k"\n[[nodes]]\nfile = "k.csv"\nlabel = "Cluster"\n'
                                    'id = "nr"\nname = "navn"\nlocated_in = { country = "land" }\n', "k.csv": rows})
    assert [str(p) for p in problems_of(placed)] == [
        "k.csv:2 [land]: expected a country (a code such as NO or NOR, or a name such as Norway or Norge), got "
        "'Danmak'; did you mean 'Danmark' (DK)? Fix the cell, or recode it in the mapping: country = { column = "
        "\"land\", values = { \"Danmak\" = \"DK\" } }",
        "k.csv:3 [land]: expected a country (a code such as NO or NOR, or a name such as Norway or Norge), got "
        "'Atlantis' (if it is right, recode it in the mapping: country = { column = \"land\", values = { \"Atlantis\" "
        "= \"IN\" } }, with its code, or \"\" for no country)"]
    typed = write_files(tmp_path, {"typed.toml": 'name = "t"\n[[nodes]]\nfile = "k.csv"\nlabel = "Cluster"\n'
                                   'id = "nr"\nname = "navn"\n[nodes.properties]\n'
                                   'country = { column = "land", type = "country" }\n'})
    assert str(problems_of(typed)[0]).endswith(
        "got 'Danmak'; did you mean 'Danmark' (DK)? Fix the cell, or recode it in the mapping: country = { column = "
        "\"land\", type = \"country\", values = { \"Danmak\" = \"DK\" } }")
    (tmp_path / "k.csv").write_text("nr;navn;land\n1;Odense Robotics;Danmak\n")
    placed.write_text(placed.read_text().replace('country = "land"', 'country = { column = "land", values = { '
                                                 '"Danmak" = "DK" } }'))
    nodes, _, _ = read_generic(placed)
    assert {n.id: n.properties.get("country") for n in nodes if n.label == "Cluster"} == {"1": "DK"}


def test_a_table_s_own_number_still_names_a_matched_node_that_has_a_short_name(embedded_store, tmp_path):
    """CORDIS gives Blue Ocean Robotics the short name `Blue Ocean Robotics`; a Danish table matched it by name under
    its CVR number 12345678. The search texts made again after the load (for short names) dropped `own_ids`, so
    `recommend --for 12345678` and a query's `-p organisation=12345678` found nothing (Arla, without a short name,
    was found)."""
    register = _table(tmp_path, "register", "pic:1;BLUE OCEAN ROBOTICS APS;DK031;Blue Ocean Robotics\n"
                      "pic:2;ARLA FOODS AMBA;DK042;\n")
    register.write_text(register.read_text() + "[nodes.properties]\nshort_name = \"kort\"\n")
    (register.parent / "orgs.csv").write_text("nr;navn;region;kort\n" + (register.parent / "orgs.csv").read_text()
                                              .split("\n", 1)[1])
    run_load(embedded_store, "csv", register)
    run_load(embedded_store, "csv", _table(tmp_path, "grants", "12345678;Blue Ocean Robotics ApS;DK03\n"
                                           "34567890;Arla Foods amba;DK04\n", extra='match = "name"\n'))
    assert resolve_node(embedded_store, "12345678", ("Organisation",)).id == "pic:1"
    assert resolve_node(embedded_store, "34567890", ("Organisation",)).id == "pic:2"
    # a store the old code wrote: the text without the own id; the next derivation (DERIVED_VERSION 7) mends it
    embedded_store.write("MATCH (o:Organisation {id: 'pic:1'}) SET o._search = replace(o._search, '|12345678|', '|')")
    with pytest.raises(NotFound):
        resolve_node(embedded_store, "12345678", ("Organisation",))
    assert refresh_search_texts(embedded_store) == 1
    assert resolve_node(embedded_store, "12345678", ("Organisation",)).id == "pic:1"


def test_a_mapping_s_misspelt_names_are_said_with_the_name_meant(tmp_path):
    """A new user's first mapping: `fil` for file, the American `Organization`, `MEMBER` for MEMBER_OF. The problems
    listed every known name but named none, and the missing `file` was said to be "a non-empty text"."""
    mapping = write_files(tmp_path, {"mapping.toml": """
        name = "k"
        [[nodes]]
        fil = "k.csv"
        label = "Organization"
        id = "nr"
        name = "navn"
        [[relationships]]
        file = "k.csv"
        type = "MEMBER"
        start = { label = "Cluster", column = "nr" }
        end = { label = "Cluster", column = "nr" }
        """, "k.csv": "nr;navn\n1;Odense Robotics\n"})
    said = {(p.line, p.field): p.message for p in problems_of(mapping)}
    assert said[(3, "fil")].startswith("unknown key 'fil' in [[nodes]] (did you mean 'file'?); known: compact, ")
    assert said[(2, "file")] == "file is missing"
    assert said[(4, "label")].startswith("unknown node label 'Organization' (did you mean 'Organisation'?); use one ")
    assert said[(9, "type")].startswith("unknown relationship type 'MEMBER' (did you mean 'MEMBER_OF'?); use one ")


def test_another_tool_s_word_for_a_mapping_key_is_said_with_ours(tmp_path):
    """`delimiter` (pandas, csvkit) and `key` are no near spelling of `separator` and `id`: they were listed with
    every known key and none named."""
    mapping = write_files(tmp_path, {"mapping.toml": """
        name = "k"
        [[nodes]]
        file = "k.csv"
        label = "Organisation"
        key = "nr"
        name = "navn"
        delimiter = ";"
        """, "k.csv": "nr;navn\n1;Odense Robotics\n"})
    said = {(p.line, p.field): p.message for p in problems_of(mapping)}
    assert said[(7, "delimiter")].startswith("unknown key 'delimiter' in [[nodes]] (did you mean 'separator'?); ")
    assert said[(5, "key")].startswith("unknown key 'key' in [[nodes]] (did you mean 'id'?); ")


def test_a_tag_no_saved_query_has_is_refused_with_the_tags(embedded_server):
    """`queries list --tag cluster` (the tag is `clusters`) printed nothing and exited 0, as if the library had no
    query of clusters."""
    env = cli_env(embedded_server, "tryout_tags")
    refused = invoke(env, "queries", "list", "--tag", "cluster")
    assert refused.exit_code == 2 and refused.stdout == ""
    assert ("no saved query has the tag 'cluster' (did you mean 'clusters'?); the tags: clusters, collaboration, "
            in refused.stderr)
    listed = invoke(env, "queries", "list", "--tag", "Clusters")
    assert listed.exit_code == 0 and "clusters/members " in listed.stdout and "provenance/" not in listed.stdout


def test_a_mapping_name_holding_a_slash_is_refused(embedded_store, tmp_path):
    """A load's files are `user:NAME/FILE`, and an unload takes what starts with `user:NAME/`: a table named `dk/x`
    loaded beside one named `dk` lost all its data to `unload user:dk`, said as the other load's."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = write_files(tmp_path / "a", {"mapping.toml": 'name = "dk"\n[[nodes]]\nfile = "a.csv"\nlabel = "Sector"\n'
                                         'id = "id"\nname = "navn"\n', "a.csv": "id;navn\ns1;Robotik\n"})
    second = write_files(tmp_path / "b", {"mapping.toml": 'name = "dk/x"\n[[nodes]]\nfile = "b.csv"\n'
                                          'label = "Sector"\nid = "id"\nname = "navn"\n',
                                          "b.csv": "id;navn\ns2;Vand\n"})
    run_load(embedded_store, "csv", first)
    assert [str(p) for p in problems_of(second, embedded_store)] == [
        "mapping.toml:1 [name]: name 'dk/x' holds '/', which parts a load's name from its files (user:NAME/FILE): "
        "write 'dk-x'"]
    second.write_text(second.read_text().replace('"dk/x"', '"dk-x"'))
    run_load(embedded_store, "csv", second)
    run_unload(embedded_store, "user:dk")
    assert "Sector:s2" in to_networkx(embedded_store) and "Sector:s1" not in to_networkx(embedded_store)


def test_a_load_matched_by_name_reads_the_stored_places_once_for_both_rules(embedded_store, tmp_path):
    """The rules of the places the store has a table's nodes in (not added to the country of a region it has them in;
    kept in a finer NUTS region) each read those places, and a `match = "name"` load ran the finer-region rule twice:
    four reads of the same places where the match's own check and one read for both rules are enough."""
    from graph.store.held_back import located_links
    from loaders.generic import missing_endpoints, parse_generic
    from loaders.generic_match import countries_placed

    run_load(embedded_store, "csv", _table(tmp_path, "register", "pic:1;BLUE OCEAN ROBOTICS APS;DK031\n"
                                                                 "pic:2;ODENSE ROBOTICS;DK031\n"))
    data = parse_generic(_table(tmp_path, "grants", "12345678;Blue Ocean Robotics ApS;DK03\n9;Odense Robotics;\n",
                                extra='match = "name"\n'))
    reading = ReadingStore(embedded_store)
    assert missing_endpoints(reading, data) == []
    assert reading.reads.count(countries_placed("Organisation")) == 1  # the match's check of the matched
    assert reading.reads.count(located_links("Organisation")) == 1  # the rules' (loaders.generic_stored_places)
    located = {(r.start_id, r.end_id) for r in data.rels if r.type == "LOCATED_IN"}
    assert located == set()  # pic:1 stays in DK031 alone, not DK03; pic:2 in DK031 alone, not Denmark
    assert any("more detailed NUTS region" in note and "(DK031, not DK03)" in note for note in data.notes)
    assert any("stay in that region alone" in note and "(DK031)" in note for note in data.notes)
