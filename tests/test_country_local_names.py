"""A country is found by its local name and that name's parts, accents ignored ("Suomi" for "Suomi/Finland",
"osterreich" for Österreich), and a region by a part of its name in several languages, in a place parameter of
the saved queries and by the node search; a store loaded before the search text held them catches up at its next
load command (real embedded store, NUTS and CORDIS fixtures)."""

from __future__ import annotations

import json

import pytest

from graph.store.falkordb_store import FalkorDBStore
from graph.store.resolve import resolve_node
from loaders.pipeline import run_load
from tests.cli_invoke import cli_env, invoke
from tests.conftest import FIXTURES

SEARCH_OF = "MATCH (c:Country {id: $id}) RETURN c._search"


@pytest.fixture(scope="module")
def store(embedded_server):
    store = FalkorDBStore(embedded_server, "country_local_names")
    store.clear()
    store.setup_schema()
    run_load(store, "nuts", FIXTURES / "nuts")
    run_load(store, "cordis", FIXTURES / "cordis")
    yield store
    store.clear()
    store.close()


def smes(embedded_server, area: str) -> list[dict]:
    ran = invoke(cli_env(embedded_server, "country_local_names"), "queries", "run", "organisations/smes-in-region",
                 "-p", f"area={area}", "--format", "json")
    assert ran.exit_code == 0, ran.stderr
    return json.loads(ran.stdout)


@pytest.mark.parametrize(("code", "local"), [("FI", "Suomi"), ("FI", "suomi/finland"), ("EL", "ellada"),
                                             ("EL", "Elláda")])
def test_a_place_parameter_takes_a_country_s_local_name(store, embedded_server, code, local):
    by_code = smes(embedded_server, code)
    assert by_code != [] and smes(embedded_server, local) == by_code


def test_the_search_finds_a_country_by_its_local_name_without_accents(store):
    assert resolve_node(store, "osterreich", ["Country"]).key == "Country:AT"
    assert resolve_node(store, "Suomi", ["Country"]).key == "Country:FI"
    assert resolve_node(store, "GR", ["Country"]).key == "Country:EL"  # Greece's ISO code; not also Greenland


def test_a_store_whose_countries_lack_their_local_names_catches_up_at_its_next_load(store):
    store.write("MATCH (c:Country {id: 'AT'}) SET c._search = '|austria|at|' RETURN c.id")
    store.write("MATCH (r:Region {id: 'NO060'}) SET r._search = '|trøndelag/troondelage|no060|' RETURN r.id")
    store.write("MATCH (l:Load) SET l.derived_version = 2 RETURN l.source")  # as the release before left it
    report = run_load(store, "nuts", FIXTURES / "nuts", skip_loaded=True)
    assert report.skipped and ("search: 2 node(s) found by more of their names (local names, names in several "
                               "languages, short names, ø or æ as written in ASCII, ä, ö, ü also as ae, oe, ue)"
                               ) in report.derived
    assert "|osterreich|" in store.read(SEARCH_OF, {"id": "AT"}).rows[0][0]
    assert "|trondelag|" in store.read("MATCH (r:Region {id: 'NO060'}) RETURN r._search").rows[0][0]
    assert run_load(store, "nuts", FIXTURES / "nuts", skip_loaded=True).derived == []


def test_a_place_name_of_two_regions_answers_nothing_unless_one_is_of_the_newest_nuts(store, embedded_server):
    """`-p area=Nord-Est` took Romania's RO21 (6 SMEs), not Italy's ITH (147), without a word: a name of several
    places now answers nothing and says to give the code; of two versions' regions the newest is taken."""
    store.write("CREATE (:Region {id: 'RO99', name: 'Twin Name', _search: '|twin name|ro99|', "
                "nuts_versions: ['2024']}) RETURN 0")
    store.write("MATCH (r:Region {id: 'FI1B1'}) SET r.aliases = ['Twin Name'], "
                "r._search = r._search + 'twin name|' RETURN 0")
    assert smes(embedded_server, "Twin Name") == []
    store.write("MATCH (r:Region {id: 'RO99'}) SET r.nuts_versions = ['2021'] RETURN 0")
    assert smes(embedded_server, "Twin Name") == smes(embedded_server, "FI1B1") != []


@pytest.mark.parametrize(("start", "code"), [("ostra mellan", "SE12"), ("Östra Mellan", "SE12"), ("hovedst", "DK01")])
def test_a_place_parameter_takes_the_start_of_a_name_when_no_name_is_it(store, embedded_server, start, code):
    """"smaland" answered nothing where Explore's Find box offered "Småland med öarna (SE21)"."""
    assert smes(embedded_server, start) == smes(embedded_server, code) != []
    assert smes(embedded_server, "sm") == []  # too short to be a name's start, and no code starts so
