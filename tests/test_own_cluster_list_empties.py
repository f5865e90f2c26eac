"""A cluster list placed by county, a member list and a grants export with nested partners (tests/fixtures/arena),
loaded as a programme officer would: the answers that grouping or placing needs said nothing when only the
clusters were placed, since one placed node satisfied the inputs check while the organisations in projects,
which are the ones grouped, had no place."""

from __future__ import annotations

import pytest

from graph.store.falkordb_store import FalkorDBStore
from tests.cli_invoke import cli_env, invoke
from tests.conftest import FIXTURES

GRAPH = "own_cluster_list_empties"


@pytest.fixture(scope="module")
def arena_env(embedded_server):
    store = FalkorDBStore(embedded_server, GRAPH)
    store.clear()
    env = cli_env(embedded_server, GRAPH)
    for mapping in ("klynger", "medlemmer", "prosjekter"):
        loaded = invoke(env, "load", "csv", str(FIXTURES / "arena" / f"{mapping}.toml"))
        assert loaded.exit_code == 0, loaded.stderr
    yield env
    store.clear()
    store.close()


@pytest.mark.parametrize("kind, lacks, how", [
    ("region", "is placed in a region", "`region` column"),
    ("country", "has a country", "country = { value = \"NO\" }"),
])
def test_an_aggregate_projection_of_unplaced_participants_says_what_they_lack(arena_env, kind, lacks, how):
    """`metrics compute --projection region`: "the projection has no node", and nothing of why."""
    result = invoke(arena_env, "metrics", "compute", "--projection", kind)
    assert result.exit_code == 0
    assert f"the {kind} projection is empty: none of the 13 organisation(s) taking part in projects {lacks}" \
        in result.stderr
    assert how in result.stderr


def test_the_load_summary_does_not_enable_countries_and_regions_by_the_clusters_places_alone(arena_env):
    """The summary had listed "countries, regions" as enabled: the clusters' counties satisfied their inputs, while
    the organisations in projects, which the projections and queries group, were placed nowhere."""
    result = invoke(arena_env, "load", "csv", str(FIXTURES / "arena" / "prosjekter.toml"))
    assert result.exit_code == 0, result.stderr
    enabled = next(line for line in result.stdout.splitlines() if "features the data enables" in line)
    assert "collaboration network" in enabled and "clusters" in enabled
    assert "countries" not in enabled and "regions" not in enabled
    assert ("not enabled: countries (country filters and projection, `--country`, country queries, the recommender's "
            "new-country reason): no organisation taking part in a project has a country") in result.stdout
    assert "not enabled: regions" in result.stdout and "give the participation table's `region` column" \
        in result.stdout


def test_the_cluster_projection_of_the_same_store_has_its_clusters(arena_env):
    result = invoke(arena_env, "metrics", "compute", "--projection", "cluster", "--metric", "degree")
    assert result.exit_code == 0 and "projection cluster: 7 nodes" in result.stdout
    assert "is empty" not in result.stderr


@pytest.mark.parametrize("query, params, said", [
    ("regions/ranked-by-participations", (), "No region holds an organisation taking part in a project"),
    ("collaboration/country-pairs", ("-p", "country=NO"), "or those in projects have no `country`"),
])
def test_a_query_grouping_unplaced_participants_says_why_it_is_empty(arena_env, query, params, said):
    """Both had printed an empty table alone: their inputs check found the clusters' places and country."""
    result = invoke(arena_env, "queries", "run", query, *params)
    assert result.exit_code == 0
    assert said in result.stderr


def test_clusters_in_projects_says_a_cluster_list_takes_part_in_none_itself(arena_env):
    """With the default `country=any` it had said "No cluster of that country takes part in a project ...; `any`
    lists every cluster in projects": no country was asked, and the clusters' members do take part."""
    result = invoke(arena_env, "queries", "run", "clusters/in-projects")
    assert result.exit_code == 0
    assert ("no Cluster has a PARTICIPATES_IN relationship: a cluster takes part in a project itself when a "
            "participation table names it as a partner") in result.stderr
    assert "`clusters/members` and `metrics compute --projection cluster`" in result.stderr
    assert "of that country" not in result.stderr


def test_the_metrics_page_says_why_the_region_projection_is_empty(arena_env):
    """The page had warned "The projection has no node." alone."""
    import streamlit as st

    from tests.test_app import open_page

    with pytest.MonkeyPatch.context() as env:
        for name, value in arena_env.items():
            env.delenv(name, raising=False) if value is None else env.setenv(name, value)
        at = open_page("metrics", metrics_kind="region")
        at.button(key="metrics_compute").click().run()
        warned = " ".join(w.value for w in at.warning).replace("\\", "")
        st.cache_resource.clear()
    assert "none of the 13 organisation(s) taking part in projects is placed in a region" in warned


def test_a_country_only_the_clusters_are_in_is_said_of_the_participants(arena_env):
    """`metrics compute --country Norge`: the clusters are in NO, so the store-wide check passed, and "the projection
    has no node" was all that was said."""
    result = invoke(arena_env, "metrics", "compute", "--country", "Norge", "--metric", "degree")
    assert result.exit_code == 0
    assert ("no organisation taking part in projects is in NO; 13 of the 13 taking part have no country at all"
            in result.stderr)


def test_a_wanted_country_and_a_countries_gap_say_the_participants_have_none(arena_env):
    """`recommend --country NO` had noted "no organisation of the graph outside the consortium is in NO", and the gap
    of `--min-countries 2` "no organisation in the graph fills it", of a graph whose participants have no country."""
    wanted = invoke(arena_env, "recommend", "--for", "Dignio AS", "--country", "NO", "-k", "1")
    assert wanted.exit_code == 0
    assert ("no organisation of the graph outside the consortium is in NO; 13 of the 13 organisations taking part in "
            "projects have no country: give the participation table's `country` column") in wanted.output
    gap = invoke(arena_env, "recommend", "--for", "Dignio AS", "--for", "Otovo ASA", "--min-countries", "2")
    assert gap.exit_code == 0
    assert ("the call asks for 2: 2 more; 13 of the 13 organisations taking part in projects have no country"
            in gap.output)
