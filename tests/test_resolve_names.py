"""Names are accepted wherever a node id is asked: the resolver, saved-query parameters and the CLI.

On the seeds and the committed CORDIS fixture: an id or key wins, then an equal name (accents and case
ignored), then a name with a word starting with the text; several matches are refused listing them with
their keys; none is NotFound with a did-you-mean.
"""

from __future__ import annotations

import json

import pytest

from graph.errors import NotFound
from graph.store.resolve import AmbiguousName, resolve_node
from queries.catalogue import load_catalogue
from queries.runner import run_saved
from tests.cli_invoke import cli_env, error_line, invoke
from tests.conftest import fixture_network

NTNU = "pic:999977851"
MARINN = "pic:884723712"  # MARINN - MARITIMNI INOVACIJSKI KLASTER: a detected cluster


store = fixture_network("resolve_names", "store")


@pytest.mark.parametrize("text, key", [
    (NTNU, f"Organisation:{NTNU}"),  # an id
    ("Cluster:iot-world", "Cluster:iot-world"),  # a key
    (f"Organisation:{MARINN}", f"Cluster:{MARINN}"),  # a key by another label it carries (a link made earlier)
    ("automation smaland", "Cluster:automation-smaland"),  # an equal name, accents and case ignored
    ("  AUTOMATION SMÅLAND ", "Cluster:automation-smaland"),
    ("Maritimni inovacijski", f"Cluster:{MARINN}"),  # the one name with words starting so
    ("HORIZON.1.1", "Programme:lb:HORIZON.1.1"),  # an id as CORDIS prints it, without the store's prefix
    (" horizon.1.1 ", "Programme:lb:HORIZON.1.1"),  # ... in another case: it had been "no node has the id or name"
])
def test_an_id_a_key_or_a_name_finds_its_node(store, text, key):
    assert resolve_node(store, text).key == key


def test_kinds_limit_the_search_and_a_cluster_is_an_organisation(store):
    assert resolve_node(store, "iot world", ("Organisation", "Cluster")).key == "Cluster:iot-world"
    assert resolve_node(store, "marinn - maritimni inovacijski klaster", ("Organisation",)).key == f"Cluster:{MARINN}"
    with pytest.raises(NotFound, match="no Project has the id or name 'iot world'"):
        resolve_node(store, "iot world", ("Project",))


def test_a_name_several_nodes_carry_is_refused_listing_them_with_their_keys(store):
    assert resolve_node(store, "Automation").key == "Sector:automation"  # an id wins
    with pytest.raises(AmbiguousName) as ambiguous:
        resolve_node(store, "Automation", ("Organisation", "Cluster"))
    message = str(ambiguous.value)
    assert message.startswith(f"'Automation' matches {len(ambiguous.value.candidates)} nodes: ")
    assert "Automation Småland (Cluster:automation-smaland)" in message
    assert "Automation Region (Cluster:automation-region)" in message
    assert message.endswith("Give the id (Kind:id) of the one you mean.")
    assert message.count("(Cluster:") + message.count("(Organisation:") <= 5


def test_a_name_nothing_carries_is_not_found_with_a_did_you_mean(store):
    with pytest.raises(NotFound) as missing:
        resolve_node(store, "Automation Smalandia")
    assert str(missing.value).startswith("no node has the id or name 'Automation Smalandia'. Did you mean: ")
    assert "Automation Småland (Cluster:automation-smaland)" in str(missing.value)


@pytest.mark.parametrize("typed", ["Automaton Smaland", "Automaton"])
def test_a_misspelt_name_is_answered_with_the_names_it_comes_near(store, typed):
    """"Automaton Smaland" got no hint: only the whole text and its longest word ("automaton") were looked for.
    Every word is now (longest first), then the start of the longest ("automat")."""
    with pytest.raises(NotFound) as missing:
        resolve_node(store, typed, ("Organisation", "Cluster"))
    assert "Did you mean: " in str(missing.value)
    assert "Automation Småland (Cluster:automation-smaland)" in str(missing.value)


def test_saved_query_parameters_that_take_a_node_id_take_its_name(store):
    catalogue = load_catalogue(None)
    _, params, result = run_saved(store, catalogue, "collaboration/path",
                                  {"from": "Norges teknisk-naturvitenskapelige universitet NTNU",
                                   "to": "marinn - maritimni inovacijski klaster"})
    assert params == {"from": NTNU, "to": MARINN}
    assert result.rows and result.rows[0][0] == 1  # partners in one project (MARBLE)
    _, by_id, same = run_saved(store, catalogue, "collaboration/path", {"from": NTNU, "to": MARINN})
    assert by_id == params and same.rows == result.rows
    with pytest.raises(AmbiguousName, match="^collaboration/path: parameter 'from': 'Automation' matches"):
        run_saved(store, catalogue, "collaboration/path", {"from": "Automation", "to": MARINN})


def test_the_cross_border_query_takes_country_names_as_its_country_pairs_sibling_does(store):
    """`cross-border -p first=Sweden` answered nothing ("no Organisation has `country` = "Sweden"") while
    `country-pairs -p country=Sweden` answered: both now name their countries by a Country node."""
    catalogue = load_catalogue(None)
    query = "collaboration/cross-border"
    _, by_code, coded = run_saved(store, catalogue, query, {"first": "NO", "second": "EE"})
    _, by_name, named = run_saved(store, catalogue, query, {"first": "Norway", "second": "estonia"})
    assert by_name == by_code == {"first": "NO", "second": "EE"}
    assert named.rows == coded.rows and coded.rows
    with pytest.raises(NotFound, match=r"'first': no Country .* 'Norwy'\. Did you mean: Norway \(Country:NO\)"):
        run_saved(store, catalogue, query, {"first": "Norwy", "second": "EE"})
    # a country no Country node stands for (a table mapped to `country` alone): its code, not a refusal
    _, unnoded, none = run_saved(store, catalogue, query, {"first": "NO", "second": "si"})
    assert unnoded["second"] == "SI" and none.rows == []


@pytest.fixture(scope="module")
def env(embedded_server, store):
    return cli_env(embedded_server, "resolve_names")


def test_the_cli_takes_names_for_query_parameters_and_recommend(env):
    path = invoke(env, "queries", "run", "collaboration/path", "-p", f"from={NTNU}", "-p",
                  "to=Marinn - Maritimni Inovacijski Klaster", "--format", "json")
    assert path.exit_code == 0, path.stderr
    assert json.loads(path.stdout)[0]["steps"] == 1
    named = invoke(env, "recommend", "--for", "Automation Småland", "-k", "3", "--format", "json")
    by_key = invoke(env, "recommend", "--for", "Cluster:automation-smaland", "-k", "3", "--format", "json")
    assert named.exit_code == 0, named.stderr
    assert named.stdout == by_key.stdout
    ambiguous = invoke(env, "recommend", "--for", "Automation")
    said = error_line(ambiguous.exit_code, ambiguous.stderr)
    assert "'Automation' matches" in said and "(Cluster:automation-smaland)" in said
