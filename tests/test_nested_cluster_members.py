"""A cluster register (JSON) holding each cluster's members as objects: `mapping new` maps the members.

A Finnish try-out's `klusterit.json` (`"jasenet": [{"nimi": ..., "y_tunnus": ...}]` in each cluster) got the
clusters and their sectors, and a comment saying to map `jasenet` "with its own table": the user wrote 17 lines by
hand, an Organisation table with `split`, `compact` and `match`, and a MEMBER_OF table to each cluster. Real files in
tmp_path, the real embedded store, the CLI in-process.
"""

from __future__ import annotations

import json

import pytest

from graph.store.falkordb_store import FalkorDBStore
from loaders.generic import read_generic
from tests.cli_invoke import cli_env, invoke
from tests.conftest import FIXTURES
from tests.generic_files import write_files
from tests.test_app import app_store  # noqa: F401  (a fixture)

ROOT = FIXTURES.parent.parent
KLUSTERIT = [
    {"klusteri": "Tampere Smart Industry Cluster", "maakunta": "Pirkanmaa", "toimiala": "Teollisuus",
     "jasenet": [{"nimi": "Tampereen yliopisto", "y_tunnus": "2844561-8"},
                 {"nimi": "Nokia Oyj", "y_tunnus": "0112038-9"}]},
    {"klusteri": "Oulu Health", "maakunta": "Pohjois-Pohjanmaa",
     "jasenet": [{"nimi": "Oulun yliopisto", "y_tunnus": "0245895-5"}]}]


def _register(folder, clusters: list[dict]) -> str:
    """The register as the try-out's file writes it: one cluster a line, its members on it."""
    text = "[" + ",\n ".join(json.dumps(cluster, ensure_ascii=False) for cluster in clusters) + "]\n"
    (folder / "klusterit.json").write_text(text, encoding="utf-8")
    return str(folder / "klusterit.json")


def _mapping_new(folder, clusters: list[dict] = KLUSTERIT) -> str:
    """`mapping new klusterit.json --out klusterit.toml`; the written mapping's text."""
    made = invoke(cli_env(folder / "unused.db"), "mapping", "new", _register(folder, clusters),
                  "--out", str(folder / "klusterit.toml"))
    assert made.exit_code == 0, made.stderr
    return (folder / "klusterit.toml").read_text(encoding="utf-8")


def _table(text: str, first_line: str) -> list[str]:
    """The lines of the mapping's table that starts with `first_line` after its `file` line, to the next blank."""
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(first_line))
    end = next((i for i in range(at, len(lines)) if not lines[i]), len(lines))
    return lines[at - 2:end]


def test_mapping_new_writes_an_organisation_table_of_the_nested_members(tmp_path):
    text = _mapping_new(tmp_path)
    assert [line.split("  #")[0] for line in _table(text, 'label = "Organisation"')] == [
        "[[nodes]]", 'file = "klusterit.json"', 'label = "Organisation"', 'split = { column = "jasenet" }',
        'id = "jasenet.y_tunnus"', 'compact = ["jasenet.y_tunnus"]', 'name = "jasenet.nimi"', 'match = "name"']
    assert ('compact = ["jasenet.y_tunnus"]  #? 3 number(s) are written with hyphens (lines 1, 2: "2844561-8")'
            in text)  # two members on one line: the line once


def test_mapping_new_writes_member_of_from_each_member_to_its_rows_cluster(tmp_path):
    text = _mapping_new(tmp_path)
    assert _table(text, 'type = "MEMBER_OF"') == [
        "[[relationships]]", 'file = "klusterit.json"', 'type = "MEMBER_OF"', 'split = { column = "jasenet" }',
        'start = { label = "Organisation", column = "jasenet.y_tunnus" }',
        'end = { label = "Cluster", column = "klusteri" }', 'compact = ["jasenet.y_tunnus"]']
    assert "jasenet holds lists of objects" not in text  # the list is mapped, not left to the user
    assert text.endswith('end = { label = "Cluster", column = "klusteri" }\ncompact = ["jasenet.y_tunnus"]\n')


def test_the_written_mapping_loads_each_clusters_members(embedded_server, tmp_path, request):
    _mapping_new(tmp_path)
    env = cli_env(embedded_server, f"nested_{request.node.name}"[:60])
    loaded = invoke(env, "load", "csv", str(tmp_path / "klusterit.toml"))
    assert loaded.exit_code == 0, loaded.stderr + loaded.stdout
    for cluster, members in (("Tampere Smart Industry Cluster", ["Nokia Oyj", "Tampereen yliopisto"]),
                             ("Oulu Health", ["Oulun yliopisto"])):
        listed = invoke(env, "queries", "run", "clusters/members", "-p", f"cluster={cluster}")
        assert listed.exit_code == 0, listed.stderr
        assert sorted(line.split("  ")[0] for line in listed.stdout.splitlines()[2:] if line.strip()) == members
    assert "0 created, 0 updated" in invoke(env, "load", "csv", str(tmp_path / "klusterit.toml")).stdout


def test_a_member_without_its_number_is_named_by_its_name_and_a_cluster_without_members_skipped(tmp_path):
    clusters = [{**KLUSTERIT[0], "jasenet": [*KLUSTERIT[0]["jasenet"], {"nimi": "Pieni Startup Oy", "y_tunnus": ""}]},
                KLUSTERIT[1], {"klusteri": "Uusi Klusteri", "maakunta": "Uusimaa", "jasenet": []}]
    text = _mapping_new(tmp_path, clusters)
    rule = 'on_empty = { placeholder = "name:{jasenet.nimi}", otherwise = "skip" }'
    assert (f"{rule}  #? 1 member(s) have no jasenet.y_tunnus (line 1): named by their name, name:<name>, and "
            "reported; 1 row(s) name no member (line 3: a cluster without jasenet, or a member without its id or "
            "name): skipped, and reported") in text
    assert rule in _table(text, 'type = "MEMBER_OF"')
    nodes, rels, notes = read_generic(tmp_path / "klusterit.toml")
    assert sorted((r.start_id, r.end_id) for r in rels if r.type == "MEMBER_OF") == [
        ("01120389", "Tampere Smart Industry Cluster"), ("02458955", "Oulu Health"),
        ("28445618", "Tampere Smart Industry Cluster"), ("name:Pieni Startup Oy", "Tampere Smart Industry Cluster")]
    assert "Uusi Klusteri" in {n.id for n in nodes if n.label == "Cluster"}


def test_a_members_join_date_is_the_member_of_since(tmp_path):
    clusters = [{**KLUSTERIT[1], "jasenet": [{**KLUSTERIT[1]["jasenet"][0], "liittynyt": "15.6.2019"}]}]
    text = _mapping_new(tmp_path, clusters)
    assert 'since = { column = "jasenet.liittynyt", type = "date", format = "%d.%m.%Y" }  #? member since' in text
    _, rels, _ = read_generic(tmp_path / "klusterit.toml")
    assert [str(r.properties["since"]) for r in rels if r.type == "MEMBER_OF"] == ["2019-06-15"]


def test_the_swedish_register_gets_the_members_its_hand_written_mapping_reads(tmp_path):
    """The register of tests/fixtures/json_clusters: `mapping new` now gives the MEMBER_OF (and `since`) that its
    hand-written mapping gives, numbers read without their hyphen, and its SME flags, `storlek`'s `smf` / `stort`
    recoded (it had been left unused); its `projekt` list stays a comment."""
    register = FIXTURES / "json_clusters"
    text = invoke(cli_env(tmp_path / "unused.db"), "mapping", "new", str(register / "kluster.json")).stdout
    assert 'sme = { column = "medlemmar.storlek", type = "bool", values = { "stort" = "no", "smf" = "yes" } }' in text
    nodes, written, _ = read_generic(write_files(tmp_path, {"m.toml": text, "kluster.json": (
        register / "kluster.json").read_bytes()}))
    hand_nodes, by_hand, _ = read_generic(register / "mapping.toml")

    def smes(records) -> dict[str, bool]:
        return {n.name: n.properties["sme"] for n in records if n.label == "Organisation" and "sme" in n.properties}
    assert smes(nodes) == smes(hand_nodes) and sorted(smes(nodes).values()) == [False] * 5 + [True] * 2

    def members(rels) -> list[tuple]:
        return sorted((r.start_id.replace("-", ""), r.end_id, str(r.properties.get("since")))
                      for r in rels if r.type == "MEMBER_OF" and r.start_label == "Organisation")
    assert members(written) == members(by_hand) and len(members(written)) == 7


@pytest.mark.parametrize("nested", [
    {"kontaktit": [{"nimi": "Maija Meikäläinen", "sahkoposti": "maija@example.fi"}]},  # persons: no number
    {"hankkeet": [{"hankenumero": "H-1", "nimi": "Älykäs tehdas", "y_tunnus": "2844561-8"}]},  # projects
])
def test_a_list_of_persons_or_projects_is_not_taken_for_members(tmp_path, nested):
    clusters = [{key: value for key, value in cluster.items() if key != "jasenet"} | nested for cluster in KLUSTERIT]
    text = _mapping_new(tmp_path, clusters)
    assert "MEMBER_OF" not in text
    column = next(iter(nested))
    assert text.rstrip().endswith('see docs/mapping.md, "Files: separators, encodings, JSON"')
    assert f"# {column} holds lists of objects" in text


def test_the_note_on_lists_left_unmapped_names_a_heading_of_docs_mapping():
    """The note had ended `see docs/mapping.md, JSON`, which read as a file cut short."""
    from loaders.table_cells import object_lists_note

    note = object_lists_note([{"hankkeet": [{"nimi": "x"}]}])[0]
    heading = note.rsplit("docs/mapping.md, ", 1)[1].strip('"')
    assert f"### {heading}\n" in (ROOT / "docs" / "mapping.md").read_text(encoding="utf-8")


REGISTER = [
    {"nimi": "Tampere Smart Industry Cluster", "maakunta": "Pirkanmaa",
     "jasenet": [{"nimi": "Tampereen yliopisto", "y_tunnus": "2844561-8", "kaupunki": "Tampere", "pk_yritys": False},
                 {"nimi": "Fastems Oy", "y_tunnus": "0780853-0", "kaupunki": "Tampere", "pk_yritys": True}]},
    {"nimi": "Oulu Health", "maakunta": "Pohjois-Pohjanmaa",
     "jasenet": [{"nimi": "Oulun yliopisto", "y_tunnus": "0245895-5", "kaupunki": "Oulu", "pk_yritys": False}]}]


def _register_new(folder) -> str:
    """`mapping new register.json`: a register whose name and keys say nothing of clusters."""
    (folder / "register.json").write_text(json.dumps(REGISTER, ensure_ascii=False, indent=1), encoding="utf-8")
    made = invoke(cli_env(folder / "unused.db"), "mapping", "new", str(folder / "register.json"),
                  "--out", str(folder / "register.toml"))
    assert made.exit_code == 0, made.stderr
    return (folder / "register.toml").read_text(encoding="utf-8")


def test_rows_holding_their_members_are_clusters_whatever_the_files_name_says(tmp_path):
    """`register.json` (`nimi`, `maakunta`, `jasenet`) had been read as a list of organisations, its members left to
    a comment, as only a file's name or header saying clusters made its rows clusters."""
    text = _register_new(tmp_path)
    assert 'label = "Cluster"  #? each row holds its members, in jasenet' in text
    assert 'end = { label = "Cluster", column = "nimi" }' in text


def test_a_members_city_and_sme_keys_are_mapped(embedded_server, tmp_path, request):
    """The members' `kaupunki` and `pk_yritys` had been listed as not used."""
    text = _register_new(tmp_path)
    assert _table(text, 'label = "Organisation"')[-3:] == [
        "[nodes.properties]", 'city = "jasenet.kaupunki"  #? the member\'s city',
        'sme = { column = "jasenet.pk_yritys", type = "bool" }  #? yes / no: a small or medium-sized enterprise '
        "(labelled SME after the load)"]
    assert "not used" not in text
    env = cli_env(embedded_server, f"nested_{request.node.name}"[:60])
    loaded = invoke(env, "load", "csv", str(tmp_path / "register.toml"))
    assert loaded.exit_code == 0, loaded.stderr + loaded.stdout
    store = FalkorDBStore(embedded_server, f"nested_{request.node.name}"[:60])
    rows = store.read("MATCH (o:Organisation)-[:MEMBER_OF]->(c:Cluster) RETURN o.name, o.city, o:SME, c.name "
                      "ORDER BY o.name").rows
    assert rows == [["Fastems Oy", "Tampere", True, "Tampere Smart Industry Cluster"],
                    ["Oulun yliopisto", "Oulu", False, "Oulu Health"],
                    ["Tampereen yliopisto", "Tampere", False, "Tampere Smart Industry Cluster"]]


def test_the_data_page_offers_the_same_mapping_and_previews_the_members(app_store, tmp_path):  # noqa: F811
    """The Data page makes its mapping with the same template (AppTest on the real store of tests/test_app.py): the
    register uploaded alone previews its clusters, members and memberships; a preview writes nothing."""
    from graph.store.reads import counts
    from tests.test_app import open_page

    text = _register_new(tmp_path)
    before = counts(app_store)
    at = open_page("data")
    at.file_uploader(key="data_files").set_value([("register.json", (tmp_path / "register.json").read_bytes(),
                                                   "text/plain")])
    at.run()
    assert not at.exception and not at.error
    (shown,) = at.text_area
    assert shown.value == text
    at = at.toggle[0].set_value(True).run()
    assert not at.exception and not at.error
    assert at.success[0].value.startswith("Valid: "), at.success[0].value
    assert "Cluster 2" in at.success[0].value and "Organisation 3" in at.success[0].value
    assert "MEMBER_OF 3" in at.success[0].value
    assert counts(app_store) == before
