"""A region or country projection that groups some organisations taking part in its projects and leaves the others
out says how many: on the bundled sample the region projection left 3,154 of 21,680 out (placed only by country, or
not at all) without a word, as if every participation had been grouped. The count is kept with the metrics on disk,
so a second `metrics compute`, which reads them back, says it too. Real parts: the fixture network (seeds, NUTS and
the CORDIS fixture through their loaders), the analytics inputs, the CLI."""

from __future__ import annotations

import doctest

import pytest

from graph.analytics import ungrouped
from graph.analytics.cache import projection_inputs
from graph.analytics.projection_spec import Projection
from graph.analytics.projections import project
from tests.cli_invoke import cli_env, invoke
from tests.conftest import fixture_network, open_fixture_network

GRAPH = "projection_left_out"
network = fixture_network(GRAPH, "network")

#: Organisations taking part in a project, and those placed in a NUTS 2 region (LOCATED_IN, else `nuts_code`), or
#: with a country: counted in the store, apart from the projection's own grouping.
_TAKING_PART = "MATCH (o:Organisation)-[:PARTICIPATES_IN]->(:Project) RETURN DISTINCT o.id"
_IN_REGION = ("MATCH (o:Organisation)-[:PARTICIPATES_IN]->(:Project) OPTIONAL MATCH (o)-[:LOCATED_IN]->(r:Region) "
              "WITH o, min(r.id) AS placed WITH o, coalesce(placed, o.nuts_code) AS code "
              "WHERE size(code) >= 4 RETURN DISTINCT o.id")


def _ids(store, query: str) -> set[str]:
    return {row[0] for row in store.read(query).rows}


def test_the_examples_of_ungrouped_hold():
    assert doctest.testmod(ungrouped).failed == 0


def test_the_region_projection_counts_the_organisations_it_leaves_out(network, tmp_path):
    taking_part, placed = _ids(network, _TAKING_PART), _ids(network, _IN_REGION)
    assert 0 < len(placed) < len(taking_part)  # the fixture has some of each, or the test asserts nothing
    inputs = projection_inputs(network, tmp_path).graph
    graph = project(inputs, Projection(kind="region", region_level=2))
    assert graph.graph["left_out"] == (len(taking_part - placed), len(taking_part))
    assert "left_out" not in project(inputs, Projection(kind="organisation")).graph


@pytest.mark.parametrize("kind", ["region", "country"])
def test_metrics_compute_says_how_many_it_left_out_computed_and_read_back(network, embedded_server, kind):
    env = cli_env(embedded_server, GRAPH)
    first = invoke(env, "metrics", "compute", "--projection", kind, "--metric", "degree")
    assert first.exit_code == 0, first.stderr
    said = [line for line in first.stdout.splitlines() if "organisations taking part in its projects" in line]
    if kind == "country":  # every CORDIS participant has a country: nothing to say
        assert said == []
        return
    taking_part, placed = _ids(network, _TAKING_PART), _ids(network, _IN_REGION)
    assert said == [f"note: the region projection leaves out {len(taking_part - placed):,} of the "
                    f"{len(taking_part):,} organisations taking part in its projects: it groups only an organisation "
                    "that is placed in a region (LOCATED_IN a Region, or a `nuts_code`) of NUTS level 2; one placed "
                    "less precisely (only a country or a coarser region) is left out too. To place those of a table: "
                    "give the participation table's `region` column in its [columns] (a NUTS code or a region's name, "
                    "`Vestland`, `Isère`; county or département numbers with `county_numbers`), or `located_in` "
                    "(region and country) in a [[nodes]] table of Organisation (docs/mapping.md#places-located_in)"]
    again = invoke(env, "metrics", "compute", "--projection", kind, "--metric", "degree")
    assert again.exit_code == 0 and said[0] in again.stdout.splitlines()


def test_the_metrics_page_says_it_too(network, embedded_server):
    import streamlit as st

    from tests.test_app import open_page

    with pytest.MonkeyPatch.context() as env:
        for name, value in cli_env(embedded_server, GRAPH).items():
            env.delenv(name, raising=False) if value is None else env.setenv(name, value)
        at = open_page("metrics", metrics_kind="region")
        at.button(key="metrics_compute").click().run()
        shown = " ".join(i.value for i in at.info).replace("\\", "")
        st.cache_resource.clear()
    taking_part, placed = _ids(network, _TAKING_PART), _ids(network, _IN_REGION)
    assert (f"The region projection leaves out {len(taking_part - placed):,} of the {len(taking_part):,} "
            "organisations taking part in its projects") in shown



#: A regional grants table: one partner placed in Stockholm (SE110), two placed in Sweden alone, one in a region NUTS
#: does not name (a national region).
_GRANTS = """project_id,title,org_id,org_name,country,region
R1,Robots,se-a,Alpha Robotics AB,SE,SE110
R1,Robots,se-b,Beta Sensors AB,SE,
R1,Robots,se-c,Gamma Motion AB,SE,
R1,Robots,se-d,Delta Drives AB,SE,Bergslagen
"""
_GRANTS_MAPPING = """name = "regional-grants"
preset = "participation"
file = "grants.csv"

[columns]
project_id = "project_id"
project_title = "title"
organisation_id = "org_id"
organisation_name = "org_name"
country = "country"
region = "region"
"""
_OWN = "projection_country_alone"


@pytest.fixture(scope="module")
def own_grants(embedded_server, tmp_path_factory):
    """The fixture network with the table above loaded by `load csv`, in a graph of its own; the CLI's env."""
    store = open_fixture_network(embedded_server, _OWN)
    folder = tmp_path_factory.mktemp("own_grants")
    (folder / "grants.csv").write_text(_GRANTS, encoding="utf-8")
    (folder / "grants.toml").write_text(_GRANTS_MAPPING, encoding="utf-8")
    env = cli_env(embedded_server, _OWN, folder / "queries")
    loaded = invoke(env, "load", "csv", str(folder / "grants.toml"))
    assert loaded.exit_code == 0, loaded.stderr
    yield store, env
    store.clear()
    store.close()


def test_a_region_filter_says_whom_it_leaves_out_placed_in_their_country_alone(own_grants):
    """A French pôle's members placed by country alone had left `--projection cluster --region FRK` with 0 edges,
    and the note had said to widen the time window: `--region` cannot tell whether they are in it."""
    store, env = own_grants
    alone = {row[0] for row in store.read(
        "MATCH (o:Organisation)-[:PARTICIPATES_IN]->(:Project) WHERE o.country = 'SE' AND o.nuts_code IS NULL "
        "AND NOT (o)-[:LOCATED_IN]->(:Region) RETURN DISTINCT o.id").rows}
    assert {"se-b", "se-c"} <= alone and "se-d" not in alone  # the table's two, and any of the fixture's
    for run in ("computed", "read back"):
        shown = invoke(env, "metrics", "compute", "--region", "SE1", "--metric", "degree")
        assert shown.exit_code == 0, (run, shown.stderr)
        said = next(line for line in shown.stdout.splitlines() if line.startswith("note: --region SE1"))
        assert said.startswith(f"note: --region SE1 leaves out {len(alone):,} organisation(s) of SE taking part in "
                               "these projects (") and "Beta Sensors AB" in said.split("): they")[0], (run, said)
        assert ("): they are placed in their country alone, not in a region, so no region filter can keep them. "
                in said and said.endswith("To place those of a table: give the participation table's `region` column "
                                          "in its [columns] (a NUTS code or a region's name, `Vestland`, `Isère`; "
                                          "county or département numbers with `county_numbers`), or `located_in` "
                                          "(region and country) in a [[nodes]] table of Organisation "
                                          "(docs/mapping.md#places-located_in)")), said
    plain = invoke(env, "metrics", "compute", "--metric", "degree")
    assert plain.exit_code == 0 and "placed in their country alone" not in plain.stdout


@pytest.mark.parametrize(("name", "placed"), [
    ("Delta Drives", "Delta Drives AB is placed in SE-Bergslagen (a national region: a place NUTS does not name so, "
                     "under no NUTS region), in none of them"),
    ("Beta Sensors", "Beta Sensors AB is placed in its country SE alone, in none of them")])
def test_find_under_a_region_says_where_the_named_organisation_is_placed(own_grants, name, placed):
    """An Italian table's Meccanica Brianzola, in the national region IT-MB, had been said to be "placed in its
    country alone" by `--find` under `--region Lombardia`."""
    _, env = own_grants
    shown = invoke(env, "metrics", "compute", "--region", "SE1", "--metric", "degree", "--find", name)
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout.splitlines()[-1].endswith(
        f"; and it holds only what is placed in SE1: {placed} (run it without --region to see)")
