"""`recommend --country` and `--avoid` read a country as `metrics --country` does (a code or a name in any language
the project knows), a region by its NUTS code as before, and refuse what is neither. On a real store: the
fixture network and a national table whose countries are written as names (tests/test_consortium_gaps.py)."""

from __future__ import annotations

import pytest

from graph.analytics.inputs import read_inputs
from graph.analytics.recommend import RecommenderIndex
from graph.errors import ParameterError
from loaders.countries import country_code
from tests.cli_invoke import cli_env, error_line, invoke
from tests.test_consortium_gaps import open_table_store

GRAPH = "recommend_names"
FOR = ("--for", "Nordlys AS")


@pytest.fixture(scope="module")
def table_store(embedded_server, tmp_path_factory):
    store = open_table_store(embedded_server, GRAPH, tmp_path_factory.mktemp("table"))
    yield store
    store.clear()
    store.close()


@pytest.fixture(scope="module")
def index(table_store) -> RecommenderIndex:
    return RecommenderIndex(read_inputs(table_store))


@pytest.fixture(scope="module")
def env(table_store, embedded_server):
    return cli_env(embedded_server, GRAPH)


def test_countries_by_name_in_any_language_are_their_codes_and_regions_stay(index):
    from graph.analytics.recommend_places import place_codes

    given = ("Germany", "Deutschland", "Tyskland", "de", "Sverige", "Suomi", "Danmark", "FI1D9", "fi1d", "XX9")
    assert place_codes(index, given, country_code) == ("DE", "SE", "FI", "DK", "FI1D9", "FI1D", "XX9")


@pytest.mark.parametrize("text", ["XX", "Narnia", "Germanyy"])
def test_a_place_that_is_neither_a_country_nor_a_region_is_refused(index, text):
    from graph.analytics.recommend_places import place_codes

    with pytest.raises(ParameterError) as refused:
        place_codes(index, (text,), country_code, "--avoid")
    said = str(refused.value)
    assert said.startswith(f"--avoid '{text}' is neither a country nor a region of the graph: give a country's code")
    assert said.endswith("; the graph's countries with the most organisations: SE, NO, DE, DK, FI, FR, HR, ES, ... "
                         "(21 in all)")


@pytest.mark.parametrize("country", ["Germany", "Tyskland", "DE"])
def test_cli_ranks_organisations_of_a_country_named_in_any_language_first(env, country):
    """`--country Germany` said "no organisation of the graph outside the consortium is in Germany" and ranked as
    without it; `DE` worked."""
    result = invoke(env, "recommend", *FOR, "--country", country, "-k", "2")
    assert result.exit_code == 0, result.stderr
    assert "note:" not in result.stderr
    assert result.stdout.splitlines()[0].startswith((" 1. Ruhr Photonik GmbH", " 1. Elbe Laser GmbH"))
    assert "      - in Germany, as asked" in result.stdout


def test_cli_refuses_an_unknown_country_in_one_line(env):
    result = invoke(env, "recommend", *FOR, "--country", "XX")
    assert error_line(result.exit_code, result.stderr).startswith(
        "Error: --country 'XX' is neither a country nor a region of the graph")


def test_cli_avoid_reads_names_too(env):
    """`--country DE --avoid Germany` ranked Germans first, with no note: the two are now one place, refused."""
    result = invoke(env, "recommend", *FOR, "--country", "DE", "--avoid", "Germany")
    assert error_line(result.exit_code, result.stderr) == (
        "Error: DE is both a place to add and one to avoid; give it once")
    avoided = invoke(env, "recommend", *FOR, "--avoid", "Tyskland", "-k", "50", "--format", "json")
    assert avoided.exit_code == 0, avoided.stderr
    assert '"Organisation:904"' not in avoided.stdout and '"Organisation:905"' not in avoided.stdout
    assert '"Organisation:906"' in avoided.stdout  # Jylland (DK), linked the same way, stays


def test_cli_keeps_a_region_by_its_nuts_code(env):
    """Three organisations linked to Nordlys come first; the one organisation in FI1D9 next, as asked."""
    result = invoke(env, "recommend", *FOR, "--country", "FI1D9", "-k", "4")
    assert result.exit_code == 0, result.stderr
    assert " 4. OULUN YLIOPISTO  (Organisation:pic:999844670)" in result.stdout and "as asked" in result.stdout
    assert "note:" not in result.stderr
