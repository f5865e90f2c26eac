"""The analytics commands on a real store: metrics compute / top and recommend (in-process, click's CliRunner)."""

from __future__ import annotations

import json

import pytest

from tests.cli_invoke import error_line, invoke, loaded_env
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def env(embedded_server):
    """The CORDIS fixture loaded through the CLI into a graph of its own."""
    return loaded_env(embedded_server, "cli_analytics", "cordis", str(FIXTURES / "cordis"))


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
    """A country no organisation of the graph is in (Zimbabwe); one that is no country at all (`XX`) is refused
    (tests/test_recommend_names.py)."""
    result = invoke(env, "recommend", "--for", "Organisation:pic:999977851", "--country", "Zimbabwe", "-k", "3",
                    "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 3  # the ranking is still given, the note beside it
    assert "note: no organisation of the graph outside the consortium is in ZW" in result.stderr


def test_recommend_for_an_unknown_organisation_is_one_line(env):
    unknown = invoke(env, "recommend", "--for", "Organisation:pic:nobody")
    said = error_line(unknown.exit_code, unknown.stderr)
    assert "no Organisation or Cluster has the id or name 'Organisation:pic:nobody'" in said


def test_recommend_for_a_project_names_its_partners_to_give_instead(env):
    """A Danish officer's `--for Project:ECD-2022-03` had been told no organisation has that name, as if misspelt."""
    project = invoke(env, "recommend", "--for", "UNIFY")
    said = error_line(project.exit_code, project.stderr)
    assert said.startswith("Error: 'UNIFY' is the project ") and "give the project's partners, each a --for" in said
    assert "--for 'Organisation:pic:" in said, said


def test_a_country_is_taken_by_code_or_name_as_a_table_s_country_is(env):
    """`--country se` and `--country Sweden` gave an empty projection (only `SE` matched); `Norge` too now."""
    described = {}
    for given in ("NO", "no", "Norway", "Norge"):
        computed = invoke(env, "metrics", "compute", "--country", given, "--metric", "degree", "-k", "1")
        assert computed.exit_code == 0, computed.stderr
        described[given] = computed.stdout.splitlines()[0]
    assert len(set(described.values())) == 1 and " 0 nodes" not in described["NO"], described
    unknown = invoke(env, "metrics", "compute", "--country", "Narnia")
    assert unknown.exit_code == 2 and "expected a country" in unknown.stderr and "'Narnia'" in unknown.stderr


def test_a_time_window_ending_before_it_starts_is_refused(env):
    reversed_window = invoke(env, "metrics", "compute", "--start", "2025-01-01", "--end", "2020-01-01")
    assert reversed_window.exit_code != 0
    assert "start 2025-01-01 is after end 2020-01-01: no project runs in that window; swap them" in \
        reversed_window.stderr


def test_recommend_says_which_node_a_name_was_read_as(env):
    named = invoke(env, "recommend", "--for", "universitetet i oslo", "-k", "1")
    assert named.exit_code == 0, named.stderr
    assert "(--for 'universitetet i oslo' is UNIVERSITETET I OSLO (Organisation:pic:" in named.stderr
    keyed = invoke(env, "recommend", "--for", "Organisation:pic:999977851", "-k", "1")
    assert keyed.exit_code == 0 and "for '" not in keyed.stderr  # a key names its node already


def test_an_unknown_metric_is_refused_before_any_work(env):
    for args in (["metrics", "top", "nonsense"], ["metrics", "compute", "--metric", "nonsense"]):
        refused = invoke(env, *args)
        assert refused.exit_code == 2
        assert "unknown metric 'nonsense'; choose from degree, weighted_degree," in refused.stderr
        assert "projection" not in refused.stdout  # nothing was read or computed


def test_communities_are_listed_by_size_with_members_not_ranked_by_their_id(env):
    shown = invoke(env, "metrics", "top", "community", "-k", "2")
    assert shown.exit_code == 0, shown.stderr
    lines = shown.stdout.splitlines()[1:]
    sizes = [int(line.split(": ", 1)[1].split(" nodes")[0]) for line in lines]
    assert len(lines) == 2 and all(line.startswith("community ") for line in lines) and sizes == sorted(sizes)[::-1]


def test_a_place_both_to_add_and_to_avoid_is_refused(env):
    both = invoke(env, "recommend", "--for", "Organisation:pic:999977851", "--country", "SE", "--avoid", "SE")
    assert both.exit_code == 1 and "Error: SE is both a place to add and one to avoid; give it once" in both.stderr


def test_a_place_parameter_takes_a_country_s_name_as_its_code(env):
    """`organisations/smes-in-region -p area=Sweden` answered nothing: only codes matched."""
    by_code, by_name = (invoke(env, "queries", "run", "organisations/smes-in-region", "-p", f"area={area}",
                               "--format", "json") for area in ("NO", "norway"))
    assert by_code.exit_code == by_name.exit_code == 0, by_name.stderr
    assert json.loads(by_name.stdout) == json.loads(by_code.stdout) != []


@pytest.mark.parametrize("query", ["clusters/overview", "clusters/in-projects"])
def test_a_cluster_query_takes_a_country_by_its_name(env, query):
    by_code, by_name = (invoke(env, "queries", "run", query, "-p", f"country={country}", "--format", "json")
                        for country in ("NO", "Norway"))
    assert by_code.exit_code == by_name.exit_code == 0, by_name.stderr
    assert json.loads(by_name.stdout) == json.loads(by_code.stdout) != []
