"""`recommend` refuses a misspelt country or sector with the one it nearly spells (`graph.nearest`): `--country germny`
named no Germany, and `--sector robtics` listed long call-topic titles. On a real store: the fixture network and a
national table (tests/test_consortium_gaps.py, whose fixtures these tests share)."""

from __future__ import annotations

import doctest

import pytest

from graph.analytics import recommend_hints
from tests.cli_invoke import error_line, invoke
from tests.test_consortium_gaps import env, index, table_store  # noqa: F401  (fixtures)

FOR = ("--for", "Nordlys AS")


def test_the_examples_hold():
    found = doctest.testmod(recommend_hints)
    assert found.attempted and found.failed == 0


@pytest.mark.parametrize(("option", "typed"), [("--country", "germny"), ("--avoid", "Germanyy"),
                                               ("--country", "DEUU")])
def test_cli_a_misspelt_country_by_name_or_code_is_refused_with_the_country_meant(env, option, typed):  # noqa: F811
    result = invoke(env, "recommend", *FOR, option, typed)
    assert error_line(result.exit_code, result.stderr) == (
        f"Error: {option} '{typed}' is neither a country nor a region of the graph: did you mean Germany (DE)?")


def test_cli_a_place_near_no_country_is_refused_as_before(env):  # noqa: F811
    result = invoke(env, "recommend", *FOR, "--country", "Narnia")
    line = error_line(result.exit_code, result.stderr)
    assert "did you mean" not in line and "the graph's countries with the most organisations: SE" in line


def test_cli_a_misspelt_sector_is_refused_with_the_short_sector_names_it_nearly_spells(env):  # noqa: F811
    """The hint began with the store's first sectors, call-topic titles of a hundred letters."""
    result = invoke(env, "recommend", *FOR, "--sector", "agricultre")
    line = error_line(result.exit_code, result.stderr)
    assert line.startswith("Error: --sector 'agricultre' names no sector of this store: did you mean 'Agriculture'")
    assert "topic:" not in line.split("Give")[0] and line.count("'") <= 2 + 2 * recommend_hints.SECTORS_SHOWN


def test_cli_a_sector_near_no_name_is_refused_with_short_examples(env, index):  # noqa: F811
    result = invoke(env, "recommend", *FOR, "--sector", "xqzzyv")
    line = error_line(result.exit_code, result.stderr)
    assert line.startswith("Error: no Sector has the id or name 'xqzzyv'.")
    shown = line.split(" Some sectors of the graph: ")[1].removesuffix(", ...").removesuffix(".").split(", ")
    topics = {attrs["name"] for key, attrs in index.G.nodes(data=True) if key.startswith("Sector:topic:")}
    assert shown and not set(shown) & topics


def test_cli_a_misspelt_role_is_refused_with_the_sector_meant(env):  # noqa: F811
    """`--roles agricultre` had been refused without naming Agriculture, as `--sector` now does."""
    result = invoke(env, "recommend", *FOR, "--roles", "agricultre")
    line = error_line(result.exit_code, result.stderr)
    assert line.startswith("Error: role 'agricultre' is neither `coordinator` nor a sector of any project: did you "
                           "mean 'Agriculture'")
