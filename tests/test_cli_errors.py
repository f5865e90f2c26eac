"""Every error the tool raises on purpose reaches a CLI user as one line and a non-zero exit, never a traceback.

In-process (click's CliRunner) on a graph of the session's embedded server, plus one real process.
"""

from __future__ import annotations

import pytest

from tests.cli_invoke import cli_env, error_line, invoke, run


@pytest.fixture(scope="module")
def env(embedded_server, tmp_path_factory):
    """A graph holding the seed data; a failing command must leave it as it was."""
    env = cli_env(embedded_server, "cli_errors", tmp_path_factory.mktemp("queries"))
    assert invoke(env, "load", "seeds").exit_code == 0
    return env


def usage_error(result) -> str:
    """click's own refusal of an option value: exit 2 and its `Error: Invalid value ...` line, no traceback."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.stderr
    return result.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize(("name", "value", "accepted"), [
    ("CLUSTER_EXPLORER_QUERY_TIMEOUT", "10s", "a number of seconds above 0"),
    ("CLUSTER_EXPLORER_QUERY_TIMEOUT", "abc", "a number of seconds above 0"),
    ("CLUSTER_EXPLORER_QUERY_TIMEOUT", "nan", "a number of seconds above 0"),
    ("CLUSTER_EXPLORER_QUERY_TIMEOUT", "inf", "a number of seconds above 0"),
    ("CLUSTER_EXPLORER_QUERY_TIMEOUT", "-1", "a number of seconds above 0"),
    ("CLUSTER_EXPLORER_ROW_CAP", "x", "a whole number of rows, 1 or more"),
    ("CLUSTER_EXPLORER_ROW_CAP", "-1", "a whole number of rows, 1 or more"),
    ("CLUSTER_EXPLORER_ROW_CAP", "0", "a whole number of rows, 1 or more"),
    ("NEO4J_URI", "http://x", "Bolt address of Neo4j; use neo4j://host:7687"),  # it printed a driver warning
    ("NEO4J_URI", "localhost:7687", "Bolt address of Neo4j; use neo4j://host:7687"),  # it read as a timeout
])
def test_a_bad_setting_is_one_line_naming_the_variable_and_what_it_accepts(env, name, value, accepted):
    result = invoke({**env, name: value}, "status")
    line = error_line(result.exit_code, result.stderr)
    assert line.startswith(f"Error: {name}={value!r} is not a")
    assert accepted in line


@pytest.mark.parametrize(("option", "value"), [
    ("--timeout", "nan"), ("--timeout", "inf"), ("--timeout", "0"), ("--timeout", "-1"), ("--timeout", "10s"),
    ("--limit", "-1"), ("--limit", "0"), ("--limit", "x"),
])
def test_a_bad_time_limit_or_row_cap_option_is_refused(env, option, value):
    for command in (["query", "MATCH (c:Cluster) RETURN c.id"], ["queries", "run", "clusters/overview"]):
        line = usage_error(invoke(env, *command, option, value))
        assert line.startswith(f"Error: Invalid value for '{option}': {value!r} is not a")


@pytest.mark.parametrize("args", [["recommend", "--for", "Cluster:iot-world", "--sme-share", "nan"],
                                  ["recommend", "--for", "Cluster:iot-world", "--sme-share", "5"],
                                  ["recommend", "--for", "Cluster:iot-world", "-k", "0"],
                                  ["metrics", "top", "degree", "-k", "-1"],
                                  ["metrics", "compute", "-k", "0"]])
def test_a_share_or_count_out_of_range_is_refused(env, args):
    assert usage_error(invoke(env, *args)).startswith(f"Error: Invalid value for '{args[-2]}'")


def test_good_time_limit_and_row_cap_options_are_taken(env):
    result = invoke(env, "query", "MATCH (c:Cluster) RETURN c.id ORDER BY c.id", "--timeout", "2.5", "--limit", "2",
                    "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 3 and "showing the first 2 rows" in result.stderr


def test_an_unknown_node_is_one_line(env):
    result = invoke(env, "recommend", "--for", "Organisation:pic:nobody")
    line = error_line(result.exit_code, result.stderr)
    assert line == ("Error: no Organisation or Cluster has the id or name 'Organisation:pic:nobody'. "
                    "Check the spelling, or search for it on the Explore page.")


@pytest.mark.parametrize(("args", "message"), [
    (["queries", "run", "labels/expiring", "-p", "months=soon"],
     "Error: labels/expiring: parameter 'months': expected a whole number, got 'soon'"),
    (["queries", "run", "labels/expiring", "-p", "weeks=2"],
     "Error: labels/expiring: unknown parameter(s) weeks; declared: on, months"),
    (["queries", "run", "labels/expire"], "Error: no saved query named 'labels/expire'; did you mean"),
    (["queries", "show", "nothing/here"], "Error: no saved query named 'nothing/here'"),
    (["metrics", "compute", "--programme", "lb:NOWHERE"], "Error: no Programme has the id or name 'lb:NOWHERE'"),
    (["recommend", "--for", "Cluster:iot-world", "--min-label", "platinum"], "Error: unknown label 'platinum'"),
    (["query", "CREATE (:Country {id: 'XX', name: 'x'})"], "Error: this query writes to the graph"),
])
def test_a_bad_parameter_is_one_line(env, args, message):
    result = invoke(env, *args)
    assert error_line(result.exit_code, result.stderr).startswith(message)


def test_an_unknown_metric_is_refused_as_a_bad_argument(env):
    assert usage_error(invoke(env, "metrics", "top", "fame")).startswith(
        "Error: Invalid value for 'METRIC': unknown metric 'fame'; choose from degree,")


def test_a_parameter_without_a_value_is_refused(env):
    for command in (["query", "RETURN $x AS x"], ["queries", "run", "labels/expiring"]):
        refused = usage_error(invoke(env, *command, "-p", "months"))
        assert refused == "Error: Invalid value for '-p': 'months' is not key=value"


def test_an_export_to_a_folder_that_does_not_exist_is_one_line(env, tmp_path):
    result = invoke(env, "queries", "run", "clusters/overview", "--out", str(tmp_path / "missing" / "all.csv"))
    assert usage_error(result).startswith("Error: Invalid value for '--out': cannot write")


def test_failed_commands_left_the_graph_as_it_was(env):
    result = invoke(env, "query", "MATCH (c:Country {id: 'XX'}) RETURN count(c) AS n", "--format", "csv")
    assert result.stdout.splitlines() == ["n", "0"]


def test_a_bad_setting_is_one_line_from_a_real_process(tmp_path):
    result = run(cli_env(tmp_path / "never-opened.db", CLUSTER_EXPLORER_QUERY_TIMEOUT="10s"), "status", timeout=60)
    assert error_line(result.returncode, result.stderr).startswith("Error: CLUSTER_EXPLORER_QUERY_TIMEOUT='10s'")
    assert not (tmp_path / "never-opened.db").exists()


@pytest.mark.parametrize(("params", "said"), [
    (["-p", "x=12345678901234567890"], "parameter x: 12345678901234567890 is beyond the 64-bit whole numbers the "
                                       "database holds (it would be cut to 9223372036854775807)"),
    (["-p", "x=NaN"], "parameter x: nan is not a number the database holds (give a finite number)"),
    (["-p", "x=1e400"], "parameter x: inf is not a number the database holds (give a finite number)"),
    ([], "the query uses $x but no value was given for it (CLI: -p name=VALUE; the app: Parameters as JSON)"),
    (["-p", "y=1"], "the query uses $x but no value was given for it; y was given, which the query does not use "
                    "(CLI: -p name=VALUE; the app: Parameters as JSON)"),
])
def test_a_parameter_the_database_would_cut_or_miss_is_named(env, params, said):
    """A number past 64 bits came back cut (9223372036854775807) without a word; a missing one was "Missing
    parameters", naming none."""
    result = invoke(env, "query", "RETURN $x AS x", *params)
    assert error_line(result.exit_code, result.stderr) == f"Error: {said}"


def test_a_parameter_given_twice_is_refused(env):
    assert usage_error(invoke(env, "query", "RETURN $x AS x", "-p", "x=1", "-p", "x=2")).endswith(
        "x is given twice ('1' and '2'); give it once (a list as JSON: [\"a\", \"b\"])")


def test_a_table_cell_cut_to_its_width_says_so(env):
    long = "word " * 20
    shown = invoke(env, "query", "RETURN $t AS t", "-p", f"t={long}")
    assert shown.exit_code == 0
    assert shown.stdout.splitlines()[2] == long[:59] + "…"
    assert long.strip() in invoke(env, "query", "RETURN $t AS t", "-p", f"t={long}", "--format", "csv").stdout


@pytest.mark.parametrize("cypher", ["", "   \n  "])
def test_an_empty_query_says_to_write_one(env, cypher):
    """It had said "FalkorDB rejected the query: Error: empty query."."""
    result = invoke(env, "query", cypher)
    assert error_line(result.exit_code, result.stderr) == ("Error: the query is empty; write Cypher (a saved "
                                                           "query's Show the Cypher, or `cluster-explorer queries "
                                                           "show NAME`, gives one to start from)")


@pytest.mark.parametrize("args", [
    ["queries", "run", "provenance/loads", "--format", "JSON"],
    ["metrics", "top", "degree", "--projection", "Clusters", "-k", "1"],
    ["metrics", "top", "degree", "--projection", "Countries", "-k", "1"],
    ["recommend", "--for", "Cluster:iot-world", "--candidates", "Cluster", "-k", "1", "--format", "Json"],
])
def test_a_choice_is_taken_in_any_case_and_in_the_singular_or_plural(env, args):
    """`--format JSON`, `--projection Clusters`, `--candidates Cluster` had been refused, naming the choices, and
    `--projection countries` after that (its plural is no `+ s`)."""
    taken = invoke(env, *args)
    assert taken.exit_code == 0, taken.stderr
    assert "Invalid value" not in taken.stderr


def test_a_choice_that_is_none_is_still_refused_naming_the_choices(env):
    assert usage_error(invoke(env, "metrics", "top", "degree", "--projection", "galaxy")) == (
        "Error: Invalid value for '--projection': 'galaxy' is not one of 'organisation', 'cluster', 'region', "
        "'country', 'bipartite'.")
