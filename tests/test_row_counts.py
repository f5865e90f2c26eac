"""A count of rows says "row" for one: a result cut at one row had said "(showing the first 1 rows; ...)". The CLI
in-process on the seeds in the real embedded store; the spelling's doctests."""

from __future__ import annotations

import doctest

from graph import wording
from tests.cli_invoke import cli_env, invoke


def test_counted_spells_one_and_many():
    assert doctest.testmod(wording).failed == 0
    assert wording.counted(1, "row") == "1 row" and wording.counted(2, "row") == "2 rows"


def test_own_cypher_cut_at_one_row_says_row(embedded_server, seeded_store):
    result = invoke(cli_env(embedded_server, "seeded"), "query", "MATCH (c:Cluster) RETURN c.name", "--limit", "1")
    assert result.exit_code == 0
    assert "(showing the first 1 row; raise --limit to see more)" in result.stderr


def test_a_saved_query_cut_at_one_row_says_row(embedded_server, seeded_store):
    result = invoke(cli_env(embedded_server, "seeded"), "queries", "run", "labels/holders", "--limit", "1")
    assert result.exit_code == 0, result.stderr
    assert "(showing the first 1 row; use --out FILE for all of them)" in result.stderr


def test_an_export_of_one_row_says_row(embedded_server, seeded_store, tmp_path):
    mine = tmp_path / "queries"
    (mine / "mine").mkdir(parents=True)
    (mine / "mine" / "one.cypher").write_text("// title: One cluster\nMATCH (c:Cluster {id: 'iot-world'}) "
                                              "RETURN c.name AS name\n", encoding="utf-8")
    out = tmp_path / "one.csv"
    exported = invoke(cli_env(embedded_server, "seeded", mine), "queries", "run", "mine/one", "--out", str(out))
    assert exported.exit_code == 0, exported.stderr
    assert exported.stdout.strip() == f"wrote 1 row to {out}"
