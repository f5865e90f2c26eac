"""`unload A` after loads A and B that share nodes leaves the store B alone would have made: the place B gave a
node that A had placed more precisely, and the properties each load gave a node they share.

Each test loads B alone into a graph of its own and A then B into another, unloads A there, and compares the two
stores whole (`_state`: every node and relationship with its properties, the load log left out). Real loads into
real graphs of the session's embedded server.
"""

from __future__ import annotations

import itertools

import pytest

from graph.store import given, unload
from graph.store.falkordb_store import FalkorDBStore
from loaders.pipeline import run_load, run_unload
from tests.cli_invoke import cli_env, invoke
from tests.conftest import FIXTURES
from tests.generic_files import write_files
from tests.test_unload import _state

_graph_numbers = itertools.count()
_IN_TELEMARK = 'located_in = { region = "fylke", country = { value = "NO" } }'
_IN_NORWAY = 'located_in = { country = { value = "NO" } }'


@pytest.fixture
def alone(embedded_server):
    """A second empty graph: the store as the load that stays would have made it without the other."""
    store = FalkorDBStore(embedded_server, f"unload_alone_{next(_graph_numbers)}")
    store.clear()
    store.setup_schema()
    yield store
    store.clear()
    store.close()


def _orgs(folder, name: str, header: str, rows: str, more: str = "") -> tuple[str, object]:
    """A table of organisations named `name` (`nr` id, `navn` name), with `more` lines of its node table."""
    (folder / name).mkdir()
    return "csv", write_files(folder / name, {
        "mapping.toml": f'name = "{name}"\n[[nodes]]\nfile = "orgs.csv"\nlabel = "Organisation"\nid = "nr"\n'
                        f'name = "navn"\n{more}\n',
        "orgs.csv": f"{header}\n{rows}"})


def _unloaded_equals_alone(store, alone, first: tuple, second: tuple, source: str) -> None:
    run_load(alone, *second)
    run_load(store, *first)
    run_load(store, *second)
    run_unload(store, source)
    assert _state(store) == _state(alone)


def test_a_country_the_second_load_gave_is_its_place_once_the_first_loads_region_goes(embedded_store, alone,
                                                                                     tmp_path):
    """A grants table placed Fjordlab in Telemark; an organisations table gave it Norway only, which the load held
    back (the store had it in a region of Norway). Unloading the grants took the Telemark link and left Fjordlab
    placed nowhere, with the grants' `region` still on it."""
    grants = _orgs(tmp_path, "grants", "nr;navn;fylke", "1;Fjordlab AS;Telemark\n", _IN_TELEMARK)
    orgs = _orgs(tmp_path, "orgs", "nr;navn", "1;Fjordlab AS\n", _IN_NORWAY)
    _unloaded_equals_alone(embedded_store, alone, grants, orgs, "user:grants")
    assert to_place(embedded_store) == [("1", "NO", ["user:orgs/orgs.csv"])]


def test_the_second_loads_held_back_country_is_not_given_while_another_load_keeps_a_region_there(
        embedded_store, tmp_path):
    """A third load that also places the node in its county keeps it there alone after the grants go (Hedmark, a
    fylke of before 2020 that NUTS does not name: the national region the tables make)."""
    grants = _orgs(tmp_path, "grants", "nr;navn;fylke", "1;Fjordlab AS;Hedmark\n", _IN_TELEMARK)
    orgs = _orgs(tmp_path, "orgs", "nr;navn", "1;Fjordlab AS\n", _IN_NORWAY)
    members = _orgs(tmp_path, "members", "nr;navn;fylke", "1;Fjordlab AS;Hedmark\n", _IN_TELEMARK)
    for load in (grants, orgs, members):
        run_load(embedded_store, *load)
    run_unload(embedded_store, "user:grants")
    assert to_place(embedded_store) == [("1", "NO-Hedmark", ["user:members/orgs.csv"])]


def to_place(store) -> list[tuple]:
    return [tuple(row) for row in store.read("MATCH (o:Organisation)-[r:LOCATED_IN]->(p) "
                                             "RETURN o.id, p.id, r.sources ORDER BY o.id, p.id").rows]


@pytest.mark.parametrize("unloaded", ["user:første", "user:second"])
def test_the_properties_a_load_gave_a_shared_node_go_with_it(embedded_store, alone, tmp_path, unloaded):
    """Both tables give organisation 1; each its own properties and name. Unloading either left the other's
    values and its own properties on the node (the store kept no per-load values). A name beyond ASCII is found
    in the entries too."""
    first = _orgs(tmp_path, "første", "nr;navn;web;ansatte", "1;Fjordlab AS;fjordlab.example;12\n2;Other AS;;\n",
                  '[nodes.properties]\nwebsite = "web"\nemployees = { column = "ansatte", type = "int" }')
    second = _orgs(tmp_path, "second", "nr;navn;by", "1;Fjordlab;Skien\n", '[nodes.properties]\ncity = "by"')
    stays = second if unloaded == "user:første" else first
    run_load(alone, *stays)
    for load in (first, second):
        run_load(embedded_store, *load)
    run_unload(embedded_store, unloaded)
    assert _state(embedded_store) == _state(alone)


def test_unloading_nuts_after_the_seeds_gives_back_the_store_of_the_seeds_alone(embedded_store, alone):
    """NUTS wrote the seeds' countries and regions again, with its names and coordinates; they stayed after
    `unload nuts`, on the nodes the seeds keep."""
    _unloaded_equals_alone(embedded_store, alone, ("nuts", FIXTURES / "nuts"), ("seeds",), "nuts")


def test_the_values_a_stopped_unload_left_are_set_when_it_runs_again(embedded_store, alone, tmp_path):
    """Stopped after its first step, the unload finishes on a second run, values and places included; a third
    run is refused (nothing left of the load) and changes nothing."""
    grants = _orgs(tmp_path, "grants", "nr;navn;fylke;web", "1;Fjordlab AS;Telemark;fjordlab.example\n",
                   f'{_IN_TELEMARK}\n[nodes.properties]\nwebsite = "web"')
    orgs = _orgs(tmp_path, "orgs", "nr;navn", "1;Fjordlab\n", _IN_NORWAY)
    run_load(alone, *orgs)
    run_load(embedded_store, *grants)
    run_load(embedded_store, *orgs)
    params = {"prefix": unload.source_prefix("user:grants"), "source": "user:grants", "batch": 100, "nested": []}
    embedded_store.write(unload.only_from("links"), params)
    run_unload(embedded_store, "user:grants")
    assert _state(embedded_store) == _state(alone)
    with pytest.raises(Exception, match="holds no load 'user:grants'"):
        run_unload(embedded_store, "user:grants")
    assert _state(embedded_store) == _state(alone)


def test_the_cli_says_what_it_gave_back(embedded_server, tmp_path):
    env = cli_env(embedded_server, "unload_gave_back")
    for name, header, row, place in (("grants", "nr;navn;fylke", "1;Fjordlab AS;Telemark\n", _IN_TELEMARK),
                                     ("orgs", "nr;navn", "1;Fjordlab\n", _IN_NORWAY)):
        assert invoke(env, "load", "csv", str(_orgs(tmp_path, name, header, row, place)[1])).exit_code == 0
    done = invoke(env, "unload", "user:grants", "--yes")
    assert done.exit_code == 0, done.stderr
    assert ("\n1 node(s) given back the values other loads gave them; 1 place(s) other loads gave and had held back "
            "written.\n") in done.stdout


def test_a_node_only_the_unloaded_load_gave_keeps_its_values():
    """Entries of two files of one load, both going: the node stays only when another load's relationships reach
    it, and then as it is (its values are the only ones it has)."""
    entries = [{"sources": ["cordis:a.csv"], "props": {"name": "A"}},
               {"sources": ["cordis:b.csv"], "props": {"name": "B", "city": "Oslo"}}]
    assert given.values_left({"id": "1", "name": "B", "city": "Oslo"}, entries, "cordis:") == ({}, [])
    changed, left = given.values_left({"id": "1", "name": "B", "city": "Oslo"}, entries, "cordis:b")
    assert changed["name"] == "A" and changed["city"] is None and left == entries[:1]


def test_a_seed_cluster_a_table_names_keeps_the_tables_place_and_values_after_unload_seeds(embedded_store, tmp_path):
    """The seeds have IoT World in SE123; a table naming it (`match = "name"`) gives Sweden only. After `unload
    seeds` it is the table's: in Sweden, with the table's values and none of the seeds' (its `website`)."""
    run_load(embedded_store, "seeds")
    table = _orgs(tmp_path, "list", "nr;navn;by", "x;IoT World;Linköping\n",
                  f'match = "name"\n{_IN_NORWAY.replace("NO", "SE")}\n[nodes.properties]\ncity = "by"')
    run_load(embedded_store, *table)
    run_unload(embedded_store, "seeds")
    [[props, places]] = embedded_store.read("MATCH (c:Cluster {id: 'iot-world'})-[:LOCATED_IN]->(p) "
                                            "RETURN properties(c), collect(p.id)").rows
    assert places == ["SE"] and props["country"] == "SE" and props["city"] == "Linköping"
    assert "website" not in props and "region" not in props and props["sources"] == ["user:list/orgs.csv"]
