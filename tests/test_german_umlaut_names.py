"""German names with umlauts are the names CORDIS writes with them spelled out (ä as ae, ö as oe, ü as ue).

A German try-out's table named `Technische Universität München`; CORDIS names it TECHNISCHE UNIVERSITAET MUENCHEN.
`match = "name"` made a second node beside CORDIS's, the note on near names said nothing, `metrics --find` found
neither spelling from the other, and a seed organisation so named stayed unlinked. Real loads into the embedded
store, real files, the CLI in-process; the plain folding (München as munchen) keeps working.
"""

from __future__ import annotations

import pytest

from graph.errors import ValidationFailed
from graph.store.reads import to_networkx
from graph.store.records import NodeRecord
from graph.store.resolve import resolve_node
from graph.store.writer import write_records
from graph.views import store_views
from loaders.derived_search import refresh_search_texts
from loaders.entity_resolution import link_seeds
from loaders.pipeline import run_load
from tests.cli_invoke import cli_env, invoke
from tests.conftest import FIXTURES
from tests.generic_files import write_files

CORDIS = ("cordis:test/organization.csv",)
STORED = [NodeRecord("Organisation", "pic:1", "TECHNISCHE UNIVERSITAET MUENCHEN", CORDIS, properties={"country": "DE"}),
          NodeRecord("Organisation", "pic:2", "FRIEDRICH-ALEXANDER-UNIVERSITAET ERLANGEN-NUERNBERG", CORDIS,
                     properties={"country": "DE"}),
          NodeRecord("Organisation", "pic:3", "Stadtwerke München", CORDIS, properties={"country": "DE"}),
          NodeRecord("Organisation", "pic:4", "MUNCHENER RUCK", CORDIS, properties={"country": "DE"}),
          NodeRecord("Organisation", "pic:5", "MICHAL AB", CORDIS, properties={"country": "SE"})]


def _table(folder, name: str, rows: str, match: bool = True):
    (folder / name).mkdir()
    return write_files(folder / name, {
        "mapping.toml": f'name = "{name}"\n[[nodes]]\nfile = "orgs.csv"\nlabel = "Organisation"\nid = "nr"\n'
                        f'name = "name"\n{"match = \"name\"\n" if match else ""}'
                        'located_in = { country = "land" }\nproperties = { city = "stadt" }\n',
        "orgs.csv": "nr;name;land;stadt\n" + rows})


def test_a_german_name_with_umlauts_matches_the_node_cordis_names_with_them_spelled_out(embedded_store, tmp_path):
    write_records(embedded_store, STORED, [])
    run_load(embedded_store, "csv", _table(tmp_path, "mitglieder", (
        "1;Technische Universität München;DE;München\n"
        "2;Friedrich-Alexander-Universität Erlangen-Nürnberg;DE;Erlangen\n"
        "3;STADTWERKE MUENCHEN;DE;München\n"  # spelled out in the table, with umlauts in the store
        "4;Münchener Rück;DE;München\n"  # the plain folding still matches CORDIS's MUNCHENER RUCK
        "5;Michael AB;SE;Lund\n")))  # an "ae" that is no ä: no match
    graph = to_networkx(embedded_store)
    for node_id, city in (("pic:1", "München"), ("pic:2", "Erlangen"), ("pic:3", "München"), ("pic:4", "München")):
        assert graph.nodes[f"Organisation:{node_id}"]["city"] == city, node_id
    assert [n for n in ("Organisation:1", "Organisation:2", "Organisation:3", "Organisation:4") if n in graph] == []
    assert "Organisation:5" in graph and not graph.nodes["Organisation:pic:5"].get("city")


def test_a_german_name_of_two_nodes_spelled_out_is_refused_as_ambiguous(embedded_store, tmp_path):
    twice = NodeRecord("Organisation", "pic:9", "Technische Universitaet Muenchen", CORDIS,
                       properties={"country": "DE"})
    write_records(embedded_store, [*STORED, twice], [])
    with pytest.raises(ValidationFailed, match=r"is the name of 2 nodes of the store \(pic:1, pic:9\)"):
        run_load(embedded_store, "csv", _table(tmp_path, "mitglieder", "1;Technische Universität München;DE;\n"))


def test_the_note_on_near_names_names_cordis_spelling_of_a_german_name(embedded_store, tmp_path):
    write_records(embedded_store, STORED, [])
    report = run_load(embedded_store, "csv", _table(tmp_path, "mitglieder", "1;Technische Universität München;DE;\n",
                                                    match=False))
    note = next(note for note in report.load.notes if "nearly share a name" in note)
    assert ("Organisation 'Technische Universität München' (row id '1', orgs.csv) near the store's pic:1 "
            "'TECHNISCHE UNIVERSITAET MUENCHEN': match = \"name\" takes it") in note


def test_a_seed_organisation_with_umlauts_is_the_same_as_its_cordis_record(embedded_store):
    seed = NodeRecord("Organisation", "tum", "Technische Universität München", ("seed:test",),
                      properties={"country": "DE"})
    write_records(embedded_store, [NodeRecord("Source", "seed:test", "seed texts", ("seed:test",)), seed, *STORED],
                  [])
    assert {(r.start_id, r.end_id) for r in link_seeds(embedded_store)} == {("pic:1", "tum")}


def test_the_search_and_a_typed_name_find_either_spelling_from_the_other(embedded_store):
    write_records(embedded_store, STORED, [])
    for typed, key in (("Technische Universität München", "Organisation:pic:1"), ("Nürnberg", "Organisation:pic:2"),
                       ("Stadtwerke Muenchen", "Organisation:pic:3"), ("Stadtwerke Munchen", "Organisation:pic:3")):
        assert [found for found, _ in store_views.search(embedded_store, typed)] == [key], typed
    assert resolve_node(embedded_store, "Stadtwerke Muenchen", ["Organisation"]).key == "Organisation:pic:3"


def test_a_store_whose_search_texts_lack_the_spelled_out_names_catches_up(embedded_store):
    """A store derived before (version 11) holds `|stadtwerke munchen|pic:3|`: its next derivation writes it again."""
    write_records(embedded_store, STORED, [])
    embedded_store.write("MATCH (o:Organisation {id: 'pic:3'}) SET o._search = '|stadtwerke munchen|pic:3|' RETURN 0")
    assert store_views.search(embedded_store, "Stadtwerke Muenchen") == []
    assert refresh_search_texts(embedded_store) == 1
    assert [key for key, _ in store_views.search(embedded_store, "Stadtwerke Muenchen")] == ["Organisation:pic:3"]
    assert refresh_search_texts(embedded_store) == 0


@pytest.fixture(scope="module")
def env(embedded_server):
    """The CORDIS fixture (GOETEBORGS UNIVERSITET, KLINIKUM DER TECHNISCHEN UNIVERSITÄT MÜNCHEN), loaded by the CLI."""
    env = cli_env(embedded_server, "german_umlaut_names")
    loaded = invoke(env, "load", "cordis", str(FIXTURES / "cordis"))
    assert loaded.exit_code == 0, loaded.stderr
    return env


def _found(env, text: str) -> str:
    computed = invoke(env, "metrics", "compute", "--metric", "degree", "-k", "1", "--find", text)
    assert computed.exit_code == 0, computed.stderr
    return computed.stdout.split(f"find {text!r}")[1]


@pytest.mark.parametrize(("text", "name"), [
    ("Göteborgs universitet", "GOETEBORGS UNIVERSITET"),  # umlauts typed, spelled out in the graph
    ("Klinikum der Technischen Universitaet", "KLINIKUM DER TECHNISCHEN UNIVERSITÄT MÜNCHEN (TUM"),  # the other way
    ("Muenchen", "KLINIKUM DER TECHNISCHEN UNIVERSITÄT MÜNCHEN (TUM")])
def test_metrics_find_takes_umlauts_and_their_spelled_out_form_alike(env, text, name):
    found = _found(env, text)
    assert "nothing in this graph" not in found
    assert f"  {name}" in found
    assert "match only without accents or with ä, ö, ü written as ae, oe, ue" in found
