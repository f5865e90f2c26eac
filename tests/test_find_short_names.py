"""`metrics compute --find` finds a node by its short name, acronym and aliases, not its shown name alone.

A French agency's `metrics compute --country FR --find CEA` listed eight names holding "cea" inside a word (MERCATOR
OCEAN, LABOCEA ...), not the CEA: CORDIS names it COMMISSARIAT A L ENERGIE ATOMIQUE ET AUX ENERGIES ALTERNATIVES, with
the short name CEA. Real parts: the fixture network and these organisations in the embedded store, the CLI in-process,
the kept metrics files in tmp_path (a second run reads the names back from them).
"""

from __future__ import annotations

import pytest

from graph.analytics import cache
from graph.store.records import NodeRecord, RelRecord
from graph.store.writer import write_records
from tests.cli_invoke import cli_env, invoke
from tests.conftest import open_fixture_network

GRAPH = "find_short_names"
CEA = "COMMISSARIAT A L ENERGIE ATOMIQUE ET AUX ENERGIES ALTERNATIVES"
ORGANISATIONS = [  # (id, name, properties, how many of the fixture's projects it joins)
    ("pic:999992401", CEA, {"short_name": "CEA", "aliases": ["CEA"]}, 1),
    ("pic:1", "CEATECH SAS", {}, 3),  # a word starting with CEA, and better connected: listed after the CEA
    ("pic:2", "MERCATOR OCEAN", {}, 2),  # CEA inside a word only: not listed once a word starts with it
    ("pic:3", "INSTITUT NATIONAL DE RECHERCHE POUR L AGRICULTURE", {"aliases": ["INRAE"]}, 1),
]


@pytest.fixture(scope="module")
def env(embedded_server, tmp_path_factory):
    store = open_fixture_network(embedded_server, GRAPH)
    projects = sorted(key.split(":", 1)[1] for key in cache.read_inputs(store) if key.startswith("Project:"))[:3]
    write_records(store, [NodeRecord("Organisation", node_id, name, ("test:1",), properties={"country": "FR", **props})
                          for node_id, name, props, _ in ORGANISATIONS],
                  [RelRecord("PARTICIPATES_IN", "Organisation", node_id, "Project", project, ("test:1",),
                             properties={"role": "participant"})
                   for node_id, _, _, joined in ORGANISATIONS for project in projects[:joined]])
    yield cli_env(embedded_server, GRAPH, CLUSTER_EXPLORER_CACHE_DIR=str(tmp_path_factory.mktemp("kept")))
    store.clear()
    store.close()


def _found(env, text: str) -> list[str]:
    ran = invoke(env, "metrics", "compute", "--country", "FR", "--metric", "degree", "--find", text)
    assert ran.exit_code == 0, ran.stderr
    return ran.stdout.split(f"find {text!r}: ", 1)[1].splitlines()


def test_find_takes_a_short_name_and_says_it_whole_words_first(env):
    for _ in range(2):  # computed, then read back from the kept file
        heading, *matches = _found(env, "CEA")
        assert heading.startswith("2 node(s)"), heading
        assert matches[0].startswith(f"  {CEA} (short name CEA)  (Organisation:pic:999992401): degree ")
        assert matches[1].startswith("  CEATECH SAS  (Organisation:pic:1): degree ")


def test_find_takes_an_alias_and_says_it(env):
    heading, match = _found(env, "inrae")
    assert heading.startswith("1 node(s)")
    assert match.startswith("  INSTITUT NATIONAL DE RECHERCHE POUR L AGRICULTURE (also INRAE)  (Organisation:pic:3)")
    _, by_name = _found(env, "commissariat")  # found by the shown name: no other name said
    assert by_name.startswith(f"  {CEA}  (Organisation:pic:999992401)")
