"""`query` and `queries ...` from the command line, and the one `-p key=value` rule they share."""

from __future__ import annotations

import codecs
import io
import json
from pathlib import Path

import pytest

from graph.store.contract import QueryResult
from graph.views.exports import SPREADSHEET_MARK, for_spreadsheets
from queries.runner import write_rows
from tests.cli_invoke import cli_env, invoke, run

ECHO = "// title: Echo\n// param code: string\n// param codes: list\nRETURN $code AS code, $codes AS codes\n"
CLUSTER = "// title: One cluster\n// param id: string\nMATCH (c:Cluster {id: $id}) RETURN c.name AS name\n"


@pytest.fixture(scope="module")
def env(embedded_server, tmp_path_factory):
    """The seed data in a graph of its own, and a user folder holding two queries with typed parameters."""
    mine = tmp_path_factory.mktemp("queries") / "mine"
    mine.mkdir()
    (mine / "echo.cypher").write_text(ECHO, encoding="utf-8")
    (mine / "cluster.cypher").write_text(CLUSTER, encoding="utf-8")
    env = cli_env(embedded_server, "cli_queries", mine.parent)
    assert invoke(env, "load", "seeds").exit_code == 0
    return env


def rows(env, *args: str) -> list[dict]:
    result = invoke(env, *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_saved_queries_are_listed_shown_and_run(env):
    assert "labels/expiring" in invoke(env, "queries", "list").stdout
    assert "mine/echo" in invoke(env, "queries", "list").stdout
    assert "-p months=<int>" in invoke(env, "queries", "show", "labels/expiring").stdout
    ran = invoke(env, "queries", "run", "labels/expiring", "-p", "on=2020-06-01", "-p", "months=6", "--format", "csv")
    assert ran.stdout.splitlines() == ["cluster,label,awarded,expires",
                                       "Automation Småland,ESCA Bronze,2018-09-24,2020-09-24"]


def test_export_writes_every_row(env, tmp_path):
    out = tmp_path / "all.json"
    exported = invoke(env, "queries", "run", "clusters/overview", "--out", str(out), "--limit", "1")
    assert exported.exit_code == 0 and exported.stdout.strip() == f"wrote 24 rows to {out}"
    assert len(json.loads(out.read_text())) == 24


def test_a_csv_export_carries_the_byte_order_mark_the_apps_download_does(env, tmp_path):
    """Excel reads a CSV file as UTF-8 only after the mark: "Automation Småland", not "Automation SmÃ¥land". The CLI's
    `--out` file and the app's download are one writer's (`queries.runner.write_rows`), with the mark once."""
    out = tmp_path / "expiring.csv"
    exported = invoke(env, "queries", "run", "labels/expiring", "-p", "on=2020-06-01", "-p", "months=6", "--out",
                      str(out))
    assert exported.exit_code == 0, exported.stderr
    body = out.read_bytes()
    assert body.startswith(codecs.BOM_UTF8) and not body[3:].startswith(codecs.BOM_UTF8)
    assert body.decode("utf-8-sig").splitlines() == ["cluster,label,awarded,expires",
                                                     "Automation Småland,ESCA Bronze,2018-09-24,2020-09-24"]
    rows_text = io.StringIO()
    write_rows(QueryResult(["place"], [["Småland"]]), "csv", rows_text)
    downloaded = for_spreadsheets(rows_text.getvalue())  # as app_pages/queries_result.py makes the download
    assert downloaded.encode("utf-8").startswith(codecs.BOM_UTF8) and downloaded.count(SPREADSHEET_MARK) == 1


@pytest.mark.parametrize("value", ['"iot-world"', "iot-world"])
def test_p_means_the_same_in_query_and_queries_run(env, value):
    adhoc = rows(env, "query", "MATCH (c:Cluster {id: $id}) RETURN c.name AS name", "-p", f"id={value}")
    saved = rows(env, "queries", "run", "mine/cluster", "-p", f"id={value}")
    assert adhoc == saved == [{"name": "IoT World"}]


def test_a_json_quoted_number_is_text_in_both_commands(env):
    adhoc = rows(env, "query", "RETURN $code AS code", "-p", 'code="991068503"')
    saved = rows(env, "queries", "run", "mine/echo", "-p", 'code="991068503"', "-p", "codes=x")
    assert adhoc[0]["code"] == saved[0]["code"] == "991068503"


def test_an_unquoted_number_follows_the_declared_type_of_a_saved_query(env):
    assert rows(env, "query", "RETURN $code AS code", "-p", "code=991068503") == [{"code": 991068503}]
    saved = rows(env, "queries", "run", "mine/echo", "-p", "code=991068503", "-p", "codes=x")
    assert saved[0]["code"] == "991068503"


def test_a_list_parameter_takes_json_or_comma_separated_text(env):
    as_json = rows(env, "queries", "run", "mine/echo", "-p", "code=x", "-p", 'codes=["SE","NO"]')
    as_text = rows(env, "queries", "run", "mine/echo", "-p", "code=x", "-p", "codes=SE, NO")
    adhoc = rows(env, "query", "RETURN $codes AS codes", "-p", 'codes=["SE","NO"]')
    assert as_json[0]["codes"] == as_text[0]["codes"] == adhoc[0]["codes"] == ["SE", "NO"]


def test_a_saved_query_runs_in_a_real_process_on_a_fresh_store(tmp_path):
    env = cli_env(tmp_path / "fresh.db")
    loaded = run(env, "load", "seeds")
    assert loaded.returncode == 0, loaded.stderr
    ran = run(env, "queries", "run", "labels/holders", "-p", 'label="esca-silver"', "--format", "csv")
    assert ran.returncode == 0, ran.stderr
    header, *holders = ran.stdout.splitlines()
    assert header.startswith("holder,") and [h.split(",")[0] for h in holders] == ["IoT World"]


@pytest.mark.parametrize("word", ["list", "show", " Run "])
def test_query_given_a_word_of_queries_points_at_queries(env, word):
    result = invoke(env, "query", word)
    assert result.exit_code == 2
    assert (f"Error: {word.strip()!r} is no Cypher: the saved queries are `cluster-explorer queries "
            f"{word.strip().lower()}` (with an s)") in result.stderr


def test_an_empty_node_parameter_is_refused_not_answered_with_nothing(embedded_server):
    """`-p from=` ran, and collaboration/path said no chain joins them: an answer about no node at all."""
    from tests.cli_invoke import cli_env, error_line, invoke

    result = invoke(cli_env(embedded_server, "empty_node_param"), "queries", "run", "collaboration/path", "-p",
                    "from=", "-p", "to=pic:999977851")
    assert error_line(result.exit_code, result.stderr) == ("Error: collaboration/path: parameter 'from' needs a node: "
                                                           "its id or its name")


@pytest.mark.parametrize(("args", "said"), [
    (["--out", "rows.xlsx"], "rows.xlsx: --out writes CSV or JSON; name the file .csv or .json (a .xlsx file would "
                             "hold CSV)"),
    (["--format", "json", "--out", "rows.csv"], "--format json but the file is .csv; give one of them"),
])
def test_an_out_file_whose_suffix_is_not_what_it_would_hold_is_refused(embedded_server, tmp_path, args, said):
    """`--out reg.xlsx` wrote CSV into it, `--format json --out reg.csv` JSON: the file's suffix lied."""
    from tests.cli_invoke import cli_env, invoke

    args = [str(tmp_path / a) if a.startswith("rows.") else a for a in args]
    result = invoke(cli_env(embedded_server, "out_suffix"), "queries", "run", "clusters/overview", *args)
    assert result.exit_code == 2 and said in result.stderr and not list(tmp_path.iterdir())


def test_a_run_says_the_problems_of_its_own_file_and_counts_the_others(embedded_server, tmp_path):
    """Every `queries run` repeated the problems of every broken file of the user's folder; a query refused for a
    write clause then was just "no saved query named ..."."""
    from tests.cli_invoke import cli_env, invoke

    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "writes.cypher").write_text("// title: writes\nCREATE (n:Award) RETURN n\n")
    (tmp_path / "mine" / "other.cypher").write_text("// title: other\n// param x: wat\nRETURN $x\n")
    env = cli_env(embedded_server, "own_problems", tmp_path)
    refused = invoke(env, "queries", "run", "mine/writes").stderr.splitlines()
    assert refused[0].endswith("mine/writes.cypher: CREATE is a write clause; saved queries are read-only")
    assert refused[1:] == ["warning: 1 other saved-query file(s) of yours have problems; `cluster-explorer queries "
                           "list` names them", "Error: no saved query named 'mine/writes'; `cluster-explorer queries "
                           "list` shows them"]
    shipped = invoke(env, "queries", "run", "clusters/overview").stderr
    assert "other.cypher" not in shipped and "2 other saved-query file(s)" in shipped
    assert invoke(env, "queries", "list").stderr.count("warning: ") == 3  # the listing names every problem


def test_a_name_says_which_node_it_was_taken_as_and_a_reached_limit_is_said(env):
    """`-p organisation=Lund` gave Lunds kommun's projects without a word (Lunds universitet was meant); a query's
    `limit` cut its rows silently, `--out` too; a limit past what the store can take answered nothing."""
    named = invoke(env, "queries", "run", "mine/cluster", "-p", "id=IoT World")
    assert named.exit_code == 0, named.stderr
    assert "(id 'IoT World' is IoT World (Cluster:iot-world))" in named.stderr.splitlines()
    assert "is IoT World" not in invoke(env, "queries", "run", "mine/cluster", "-p", "id=iot-world").stderr
    capped = Path(env["CLUSTER_EXPLORER_QUERIES"]) / "mine" / "capped.cypher"
    capped.write_text("// title: Capped\n// param limit: int = 2\n// range limit: 1..1000000\n"
                      "MATCH (c:Cluster) RETURN c.name AS name ORDER BY name LIMIT $limit\n", encoding="utf-8")
    limited = "(the query's limit of 2 rows was reached; more may answer: -p limit=N raises it)"
    assert limited in invoke(env, "queries", "run", "mine/capped").stderr
    assert "limit" not in invoke(env, "queries", "run", "mine/capped", "-p", "limit=1000").stderr
    huge = invoke(env, "queries", "run", "projects/coordinators", "-p", "limit=9223372036854775807")
    assert huge.exit_code != 0 and "must be in 1..1000000" in huge.stderr
