"""The analytics commands on a real store: metrics compute / top and recommend (in-process, click's CliRunner)."""

from __future__ import annotations

import json

import pytest

from tests.cli_invoke import cli_env, error_line, invoke
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def env(embedded_server):
    """The CORDIS fixture loaded through the CLI into a graph of its own."""
    env = cli_env(embedded_server, "cli_analytics")
    loaded = invoke(env, "load", "cordis", str(FIXTURES / "cordis"))
    assert loaded.exit_code == 0, loaded.stderr
    return env


def test_metrics_are_computed_printed_and_written_back(env):
    computed = invoke(env, "metrics", "compute", "--metric", "pagerank", "-k", "2", "--write")
    assert computed.exit_code == 0, computed.stderr
    assert "projection organisation: 85 nodes" in computed.stdout
    assert "UNIVERSITETET I OSLO" in computed.stdout.split("pagerank")[1]
    ranked = invoke(env, "queries", "run", "metrics/top-organisations", "-p", "metric=pagerank", "-p", "limit=1",
                    "--format", "json")
    assert json.loads(ranked.stdout)[0]["organisation"] == "UNIVERSITETET I OSLO"


def test_metrics_top_ranks_by_one_metric(env):
    top = invoke(env, "metrics", "top", "degree", "-k", "3")
    assert top.exit_code == 0, top.stderr
    assert len(top.stdout.splitlines()) == 4  # the description, then three nodes


def test_recommend_ranks_candidates_with_reasons(env):
    recommended = invoke(env, "recommend", "--for", "Organisation:pic:999977851", "-k", "3", "--format", "json")
    assert recommended.exit_code == 0, recommended.stderr
    candidates = json.loads(recommended.stdout)
    assert len(candidates) == 3 and all(c["reasons"] for c in candidates)
    assert "Organisation:pic:999977851" not in {c["key"] for c in candidates}


def test_recommend_says_when_a_wanted_place_has_no_candidate(env):
    result = invoke(env, "recommend", "--for", "Organisation:pic:999977851", "--country", "XX", "-k", "3",
                    "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 3  # the ranking is still given, the note beside it
    assert "note: no organisation of the graph outside the consortium is in XX" in result.stderr


def test_recommend_for_an_unknown_organisation_is_one_line(env):
    unknown = invoke(env, "recommend", "--for", "Organisation:pic:nobody")
    said = error_line(unknown.exit_code, unknown.stderr)
    assert "no Organisation or Cluster has the id or name 'Organisation:pic:nobody'" in said
