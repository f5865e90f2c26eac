"""The notes above a partner ranking come from one helper, `ranking_notes`, so the CLI's two rankings and the Partners
page say the same: each had called `unbridged_note`, `members_note` and `broad_profile_note` one by one. Real parts:
the fixture network, a Finnish cluster's member list (tests/fixtures/pirkanmaa_members) loaded by the real loader,
and the CLI in-process."""

from __future__ import annotations

import pytest

from graph.analytics.cluster_partners import ClusterIndex, known_by
from graph.analytics.inputs import read_inputs
from graph.analytics.ranking_notes import ranking_notes
from graph.analytics.recommend import RecommenderIndex
from loaders.pipeline import run_load
from tests.cli_invoke import cli_env, invoke
from tests.conftest import FIXTURES, open_fixture_network

GRAPH = "ranking_notes"
CLUSTER = "Cluster:Pirkanmaan Robotiikkaklusteri"


@pytest.fixture(scope="module")
def members(embedded_server):
    store = open_fixture_network(embedded_server, GRAPH)
    run_load(store, "csv", FIXTURES / "pirkanmaa_members" / "mapping.toml")
    yield store, cli_env(embedded_server, GRAPH)
    store.clear()
    store.close()


def _notes(stderr: str) -> list[str]:
    return [line.removeprefix("note: ") for line in stderr.splitlines() if line.startswith("note: ")]


def test_the_cluster_ranking_says_the_notes_of_the_helper(members):
    store, env = members
    index = RecommenderIndex(read_inputs(store))
    expected = ranking_notes(index, [CLUSTER], clusters=known_by(ClusterIndex(index), [CLUSTER]))
    assert any("members carry sectors of their own" in note for note in expected)  # the Toimiala of its members
    said = invoke(env, "recommend", "--for", "Pirkanmaan Robotiikkaklusteri", "--candidates", "clusters")
    assert said.exit_code == 0, said.stderr
    assert all(note in _notes(said.stderr) for note in expected)

