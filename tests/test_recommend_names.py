"""`recommend --country` and `--avoid` read a country as `metrics --country` does (a code or a name in any language
the project knows), a region by its NUTS code as before, and refuse what is neither. On a real store: the
fixture network and a national table whose countries are written as names (tests/test_consortium_gaps.py, whose
fixtures these tests share: a module of their own gets them afresh)."""

from __future__ import annotations

import pytest

from graph.errors import ParameterError
from tests.cli_invoke import error_line, invoke
from tests.test_consortium_gaps import env, index, table_store  # noqa: F401  (fixtures)

FOR = ("--for", "Nordlys AS")


def test_countries_by_name_in_any_language_are_their_codes_and_regions_stay(index):  # noqa: F811
    from graph.analytics.recommend_places import place_codes

    given = ("Germany", "Deutschland", "Tyskland", "de", "Sverige", "Suomi", "Danmark", "FI1D9", "fi1d", "XX9")
    assert place_codes(index, given) == ("DE", "SE", "FI", "DK", "FI1D9", "FI1D", "XX9")


@pytest.mark.parametrize("text", ["XX", "Narnia", "Germanyy"])
def test_a_place_that_is_neither_a_country_nor_a_region_is_refused(index, text):  # noqa: F811
    from graph.analytics.recommend_places import place_codes

    with pytest.raises(ParameterError) as refused:
        place_codes(index, (text,), "--avoid")
    said = str(refused.value)
    assert said.startswith(f"--avoid '{text}' is neither a country nor a region of the graph: give a country's code")
    assert said.endswith("; the graph's countries with the most organisations: SE, NO, DE, DK, FI, FR, HR, ES, ... "
                         "(21 in all)")


@pytest.mark.parametrize("country", ["Germany", "Tyskland", "DE"])
def test_cli_ranks_organisations_of_a_country_named_in_any_language_first(env, country):  # noqa: F811
    """`--country Germany` said "no organisation of the graph outside the consortium is in Germany" and ranked as
    without it; `DE` worked."""
    result = invoke(env, "recommend", *FOR, "--country", country, "-k", "2")
    assert result.exit_code == 0, result.stderr
    assert "note:" not in result.stderr
    assert result.stdout.splitlines()[0].startswith((" 1. Ruhr Photonik GmbH", " 1. Elbe Laser GmbH"))
    assert "      - in Germany, as asked" in result.stdout


def test_cli_refuses_an_unknown_country_in_one_line(env):  # noqa: F811
    result = invoke(env, "recommend", *FOR, "--country", "XX")
    assert error_line(result.exit_code, result.stderr).startswith(
        "Error: --country 'XX' is neither a country nor a region of the graph")


def test_cli_avoid_reads_names_too(env):  # noqa: F811
    """`--country DE --avoid Germany` ranked Germans first, with no note: the two are now one place, refused."""
    result = invoke(env, "recommend", *FOR, "--country", "DE", "--avoid", "Germany")
    assert error_line(result.exit_code, result.stderr) == (
        "Error: DE is both a place to add and one to avoid; give it once")
    avoided = invoke(env, "recommend", *FOR, "--avoid", "Tyskland", "-k", "50", "--format", "json")
    assert avoided.exit_code == 0, avoided.stderr
    assert '"Organisation:904"' not in avoided.stdout and '"Organisation:905"' not in avoided.stdout
    assert '"Organisation:906"' in avoided.stdout  # Jylland (DK), linked the same way, stays


def test_cli_keeps_a_region_by_its_nuts_code(env):  # noqa: F811
    """Three organisations linked to Nordlys come first; the one organisation in FI1D9 next, as asked."""
    result = invoke(env, "recommend", *FOR, "--country", "FI1D9", "-k", "4")
    assert result.exit_code == 0, result.stderr
    assert " 4. OULUN YLIOPISTO  (Organisation:pic:999844670)" in result.stdout and "as asked" in result.stdout
    assert "note:" not in result.stderr
