"""`EXPLAIN` before your own Cypher shows the store's plan and runs nothing; `PROFILE` is refused, saying why.

`EXPLAIN MATCH ...` had run the query on the embedded store (FalkorDB takes no prefix on its read command) and
answered its rows, no plan; `PROFILE` likewise. The plan is asked of the store's `explain` (FalkorDB's
`GRAPH.EXPLAIN`; Neo4j's `EXPLAIN` summary): the contract tests run on every store, the rest on the seeds in the
real embedded store, the CLI in-process.
"""

from __future__ import annotations

import pytest

from graph.errors import QueryError, QuerySyntaxError, ReadOnlyViolation
from graph.store.neo4j_store import plan_lines
from queries.own import PLAN_COLUMN, read_own
from tests.cli_invoke import cli_env, invoke


def test_every_store_explains_a_read_as_lines_of_operations(any_store):
    plan = any_store.explain("MATCH (c:Cluster) WHERE c.id = $id RETURN c.name", {"id": "iot-world"})
    assert plan and all(isinstance(line, str) and line.strip() for line in plan)
    assert any(line.startswith(" ") for line in plan[1:])  # each operation under the one it feeds


def test_explaining_a_write_writes_nothing(any_store):
    """FalkorDB plans it; Neo4j, asked in its read-only session, may refuse it as a write: either way nothing runs."""
    try:
        assert any_store.explain("CREATE (c:Cluster {id: 'planned'}) RETURN c")
    except ReadOnlyViolation:
        assert any_store.kind == "neo4j"
    assert any_store.read("MATCH (c:Cluster {id: 'planned'}) RETURN count(c)").rows == [[0]]


def test_explain_answers_the_plan_not_the_rows(seeded_store):
    result = read_own(seeded_store, "// why slow?\nexplain MATCH (c:Cluster) RETURN c.name AS name")
    assert result.columns == [PLAN_COLUMN]
    assert result.rows[0] == ["Results"] and any("(c:Cluster)" in row[0] for row in result.rows)
    assert not any("IoT World" in row[0] for row in result.rows)


def test_profile_is_refused_saying_why_and_what_to_use(seeded_store):
    with pytest.raises(QueryError, match=r"^PROFILE is not run here: .* does not refuse writes .* EXPLAIN in its "
                                         r"place shows the plan"):
        read_own(seeded_store, "PROFILE MATCH (c:Cluster) RETURN c.name")


def test_a_syntax_error_after_explain_shows_the_line_as_written(seeded_store):
    with pytest.raises(QuerySyntaxError) as raised:
        read_own(seeded_store, "EXPLAIN MATCH (c:Cluster) RTURN c")
    assert raised.value.excerpt.split("\n")[0] == "EXPLAIN MATCH (c:Cluster) RTURN c"
    assert raised.value.column == len("EXPLAIN MATCH (c:Cluster) RT")  # where FalkorDB points, as without EXPLAIN


def test_a_query_without_the_word_runs_as_before(seeded_store):
    result = read_own(seeded_store, "MATCH (c:Cluster {id: 'iot-world'}) RETURN c.name AS name")
    assert result.rows == [["IoT World"]]


def test_neo4j_plans_read_as_the_embedded_stores_do():
    """The driver's `summary.plan` (its keys as neo4j/_sync/io/_http/_http2.py makes them match Bolt's)."""
    plan = {"operatorType": "ProduceResults@neo4j", "args": {"Details": "name"}, "children": [
        {"operatorType": "Filter@neo4j", "args": {"Details": "c.id = $id"}, "children": [
            {"operatorType": "NodeByLabelScan@neo4j", "args": {}, "children": []}]}]}
    assert plan_lines(plan) == ["ProduceResults | name", "    Filter | c.id = $id", "        NodeByLabelScan"]


def test_the_cli_prints_the_plan_and_refuses_profile(embedded_server, seeded_store):
    env = cli_env(embedded_server, "seeded")
    explained = invoke(env, "query", "EXPLAIN MATCH (c:Cluster) RETURN c.name")
    assert explained.exit_code == 0 and explained.stdout.startswith(f"{PLAN_COLUMN}\n")
    assert "IoT World" not in explained.stdout
    profiled = invoke(env, "query", "PROFILE MATCH (c:Cluster) RETURN c.name")
    assert profiled.exit_code == 1 and "PROFILE is not run here" in profiled.stderr and not profiled.stdout
