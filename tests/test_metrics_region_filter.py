"""`metrics compute --region`: the metrics of the organisations located in one county or NUTS region.

A regional agency's officer (Övre Norrland, SE33; its counties Västerbottens län SE331 and Norrbottens län SE332)
had `--country SE` and nothing narrower: every Swedish organisation was measured. A region is named by its NUTS
code or its name, as `--country` takes a code or a name, and takes the regions under it (PART_OF, or a longer
NUTS code). The CORDIS fixture places Swedish partners in SE212 and SE213 (both in SE21, Småland med öarna); the
Nordic grants table, read with the bundled NUTS files, places Luleå's and Kiruna's in SE332.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_invoke import cli_env, invoke, loaded_env
from tests.conftest import FIXTURES

BUNDLED_NUTS = Path(__file__).resolve().parents[1] / "loaders" / "sample_data" / "gisco-nuts"
SMALAND = {"INTERIOR CLUSTER SWEDEN AB", "LINNEUNIVERSITETET"}  # SE212 and SE213


@pytest.fixture(scope="module")
def env(embedded_server):
    """The CORDIS fixture loaded through the CLI into a graph of its own."""
    return loaded_env(embedded_server, "metrics_region_filter", "cordis", str(FIXTURES / "cordis"))


def measured(env, *options: str) -> tuple[int, set[str]]:
    """How many nodes the organisation projection has with `options`, and the names it ranks by degree."""
    computed = invoke(env, "metrics", "compute", "--metric", "degree", "-k", "50", *options)
    assert computed.exit_code == 0, computed.stderr
    first, *lines = computed.stdout.splitlines()
    nodes = int(first.split(": ")[1].split(" nodes")[0])
    return nodes, {line.strip().split("  ")[1] for line in lines if line.startswith("   ")}


@pytest.mark.parametrize("region", ["SE21", "se21", "Småland med öarna", "smaland med oarna"])
def test_a_region_by_code_or_name_takes_the_organisations_of_the_regions_under_it(env, region):
    assert measured(env, "--region", region) == (2, SMALAND)


def test_a_county_takes_its_own_organisations_alone_and_the_option_repeats(env):
    assert measured(env, "--region", "SE212") == (1, {"INTERIOR CLUSTER SWEDEN AB"})
    nodes, names = measured(env, "--region", "Kronobergs län", "--region", "SE224")
    assert nodes == 4 and {"INTERIOR CLUSTER SWEDEN AB", "LUNDS UNIVERSITET"} <= names


def test_a_misspelt_region_is_refused_naming_the_option_and_the_nearest_regions(env):
    refused = invoke(env, "metrics", "compute", "--region", "Smalland")  # `Smaaland` is Småland written out: found
    assert refused.exit_code == 2
    assert "Invalid value for '--region': no region has the code or name 'Smalland'; the nearest: Småland med " \
           "öarna (SE21)" in refused.stderr
    code = invoke(env, "metrics", "compute", "--region", "SE3")
    assert code.exit_code == 2 and "the nearest: Södra Sverige (SE2); Östra Sverige (SE1)" in code.stderr


def test_a_country_given_as_a_region_is_sent_to_country(env):
    refused = invoke(env, "metrics", "compute", "--region", "Sverige")
    assert refused.exit_code == 2
    assert "'Sverige' is a country, not a region: give it as --country SE" in refused.stderr


@pytest.fixture(scope="module")
def counties(embedded_server):
    """The bundled NUTS files and the Nordic grants table (Swedish county numbers), loaded through the CLI."""
    env = cli_env(embedded_server, "metrics_region_counties")
    for args in (("nuts", str(BUNDLED_NUTS)), ("csv", str(FIXTURES / "nordic_grants" / "mapping.toml"))):
        loaded = invoke(env, "load", *args)
        assert loaded.exit_code == 0, loaded.stderr
    return env


def test_an_officer_of_ovre_norrland_gets_the_organisations_of_its_counties(counties):
    by_name = measured(counties, "--region", "Övre Norrland")
    assert by_name == measured(counties, "--region", "SE33") == measured(counties, "--region", "SE332")
    assert by_name[0] == 2 and by_name[0] < measured(counties, "--country", "SE")[0]


def test_a_region_of_the_nuts_files_without_partners_says_why_it_is_empty(counties):
    """Norra Mellansverige (SE31) is one of the NUTS files' regions; no partner of the table is in it."""
    empty = invoke(counties, "metrics", "compute", "--region", "Norra Mellansverige", "--metric", "degree")
    assert empty.exit_code == 0, empty.stderr
    assert "no organisation taking part in projects is in SE31 or a region under it; 1 of the " in empty.stderr
