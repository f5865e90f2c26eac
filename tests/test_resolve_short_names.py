"""A name that equals a node's short name wins over the nodes whose names merely hold it.

On a small graph written by the project's writer, shaped like the bundled sample: NTNU's university (whose
`short_name` is NTNU) beside two companies whose names start with "NTNU", MARINN (a partner of the
university in one project) and two organisations sharing the short name "Twin".
"""

from __future__ import annotations

import json

import pytest

from graph.errors import NotFound
from graph.store.falkordb_store import FalkorDBStore
from graph.store.records import NodeRecord, RelRecord
from graph.store.resolve import AmbiguousName, resolve_node
from graph.store.writer import write_records
from tests.cli_invoke import cli_env, error_line, invoke

GRAPH = "resolve_short_names"
SOURCES = ("test",)
UNIVERSITY = "pic:999977851"
MARINN = "pic:884723712"
ORGANISATIONS = {  # id: (name, short_name)
    UNIVERSITY: ("NORGES TEKNISK-NATURVITENSKAPELIGE UNIVERSITET NTNU", "NTNU"),
    "pic:1": ("NTNU SAMFUNNSFORSKNING AS", "NTNU Samfunnsforskning"),
    "pic:2": ("NTNU TECHNOLOGY TRANSFER AS", "NTNU TTO"),
    MARINN: ("MARINN - MARITIMNI INOVACIJSKI KLASTER", "MARINN - MARITIME INNOVATION CLUSTER"),
    "pic:3": ("Twin Region One", "Twin"),
    "pic:4": ("Twin Region Two", "twin"),
    "pic:5": ("Lønnå Næringsforening", "LØNNÅ"),
}


@pytest.fixture(scope="module")
def store(embedded_server):
    store = FalkorDBStore(embedded_server, GRAPH)
    store.clear()
    store.setup_schema()
    nodes = [NodeRecord("Organisation", org_id, name, SOURCES, properties={"short_name": short})
             for org_id, (name, short) in ORGANISATIONS.items()]
    nodes.append(NodeRecord("Project", "marble", "MARBLE", SOURCES))
    rels = [RelRecord("PARTICIPATES_IN", "Organisation", org_id, "Project", "marble", SOURCES, key="marble")
            for org_id in (UNIVERSITY, MARINN)]
    write_records(store, nodes, rels)
    yield store
    store.clear()
    store.close()


@pytest.mark.parametrize("text", ["NTNU", "ntnu", " Ntnu "])
def test_the_one_node_whose_short_name_equals_the_text_wins_over_names_holding_it(store, text):
    assert resolve_node(store, text).key == f"Organisation:{UNIVERSITY}"
    assert resolve_node(store, text, ("Organisation",)).key == f"Organisation:{UNIVERSITY}"


def test_a_short_name_is_compared_with_case_ignored_and_accents_as_typed(store):
    assert resolve_node(store, "lønnå").key == "Organisation:pic:5"
    assert resolve_node(store, "LØNNÅ").key == "Organisation:pic:5"


def test_the_kinds_asked_for_limit_the_short_names_read(store):
    with pytest.raises(NotFound, match="^no Project has the id or name 'NTNU'"):
        resolve_node(store, "NTNU", ("Project",))


def test_several_equal_short_names_are_refused_listing_only_them(store):
    with pytest.raises(AmbiguousName) as ambiguous:
        resolve_node(store, "twin")
    assert {node.key for node in ambiguous.value.candidates} == {"Organisation:pic:3", "Organisation:pic:4"}
    assert str(ambiguous.value).startswith("'twin' matches 2 nodes: ")


def test_without_an_equal_name_the_names_holding_the_text_still_decide(store):
    assert resolve_node(store, "technology transfer").key == "Organisation:pic:2"
    with pytest.raises(AmbiguousName, match="^'Region' matches 2 nodes: "):
        resolve_node(store, "Region")


def test_the_readme_example_runs_on_the_command_line(embedded_server, store):
    env = cli_env(embedded_server, GRAPH)
    path = invoke(env, "queries", "run", "collaboration/path", "-p", "from=NTNU", "-p", "to=marinn", "--format", "json")
    assert path.exit_code == 0, path.stderr
    assert json.loads(path.stdout)[0]["steps"] == 1
    refused = invoke(env, "queries", "run", "collaboration/path", "-p", "from=Twin", "-p", "to=marinn")
    assert "parameter 'from': 'Twin' matches 2 nodes" in error_line(refused.exit_code, refused.stderr)


def test_a_bare_pic_or_project_number_names_its_cordis_node(store):
    """`-p organisation=999977851` was refused, its did-you-mean naming pic:999977851 itself."""
    assert resolve_node(store, "999977851", ["Organisation"]).key == "Organisation:pic:999977851"
    with pytest.raises(NotFound):
        resolve_node(store, "123456789", ["Organisation"])
