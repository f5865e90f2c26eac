"""Empty answers that say why: a saved query's `empty:` text when every input is there, and the projection filter
(a programme, a sector, a time window) that keeps no project. On the fixture network (seeds, NUTS and CORDIS)."""

from __future__ import annotations

import dataclasses

from graph.analytics.projection_spec import Projection
from queries.catalogue import load_catalogue
from queries.missing import why_empty
from queries.runner import run_saved
from tests.cli_invoke import cli_env, invoke
from tests.conftest import fixture_network

network_store = fixture_network("empty_answers", "network_store")


def test_a_query_whose_inputs_are_there_says_what_its_empty_answer_means_or_nothing(network_store):
    query = load_catalogue().get("projects/partners")
    assert why_empty(network_store, query, {"project": "no-such-project"}) == (
        "No organisation takes part in this project in the store (a project of the seed texts may name none).")
    assert why_empty(network_store, dataclasses.replace(query, empty=""), {"project": "no-such-project"}) is None


def test_a_path_not_found_within_two_projects_says_so(network_store):
    """Two organisations the path query finds no chain between (the seeds' IoT World has no project): the run
    was empty with no word of why; the query's `empty:` lines, joined, say what it looks for."""
    catalogue = load_catalogue()
    query, params, result = run_saved(network_store, catalogue, "collaboration/path",
                                      {"from": "iot-world", "to": "pic:999977851"})
    assert result.rows == []
    assert why_empty(network_store, query, params) == (
        "No chain of at most two shared projects joins them: they share no project and no partner (an "
        "organisation without projects has no chain). `recommend --for` ranks who could link them, and the "
        "Explore page shows each one's neighbourhood.")


def test_a_filter_keeping_no_project_is_named(network_store, embedded_server):
    """`metrics compute --programme arena-pro`: the seeds' programme funds no project, so the projection was
    empty, and only "the projection has no node" was said."""
    from graph.analytics.incidence import filters_matching_nothing
    from graph.analytics.inputs import read_inputs

    G = read_inputs(network_store)
    assert filters_matching_nothing(G, Projection(programmes=("arena-pro",))) == (
        "no project of the store is funded by Programme 'arena-pro' (nor a part of it): the projection keeps only "
        "such projects; choose another programme, or load projects funded by it")
    assert filters_matching_nothing(G, Projection(end="1990-12-31")).startswith(
        "no project of the store runs between any start and 1990-12-31")
    assert filters_matching_nothing(G, Projection(start="2020-01-01")) is None
    result = invoke(cli_env(embedded_server, "empty_answers"), "metrics", "compute", "--programme", "arena-pro")
    assert result.exit_code == 0
    assert "no project of the store is funded by Programme 'arena-pro'" in result.stderr


def test_an_empty_term_is_said_with_what_to_type(network_store, embedded_server):
    """`sectors/active-in -p term=`: the query's own words said no sector has a word starting with "these words",
    when there were none."""
    query, params, result = run_saved(network_store, load_catalogue(), "sectors/active-in", {"term": " "})
    assert result.rows == []
    assert why_empty(network_store, query, params) == (
        "No row: term is empty. Type the start of words in the sector's or topic's name, accents and case ignored, "
        "such as 'photovoltaic' (the query's example; `-p term=photovoltaic` on the command line).")
    cli = invoke(cli_env(embedded_server, "empty_answers"), "queries", "run", "sectors/active-in", "-p", "term=")
    assert cli.exit_code == 0 and "No row: term is empty. Type the start of words" in cli.stderr
