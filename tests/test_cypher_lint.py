"""The Cypher linter must be able to fail, or it proves nothing.

All statements are linted in one batch by the fixture (one node start-up);
the individual tests then read from the helper's cache.
"""

import pytest

from tests.cypher_lint import assert_valid_neo4j_cypher, lint_cypher

VALID = [
    "UNWIND $rows AS row MERGE (n:Cluster {id: row.id}) SET n += row.props",
    "MATCH (n:Cluster) RETURN count(n)",
    "CREATE CONSTRAINT cluster_id IF NOT EXISTS FOR (n:Cluster) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX cluster_name IF NOT EXISTS FOR (n:Cluster) ON (n.name)",
    "SHOW INDEXES YIELD name, type RETURN name, type",
    "SHOW DATABASES",
    "CALL db.labels() YIELD label RETURN label",
    "MATCH (a:Cluster {id: $a})-[r:COLLABORATES_WITH]->(b:Cluster)\n"
    "WHERE r.weight >= $min_weight AND b.country IN $countries\n"
    "RETURN b.id AS id, r.weight AS w ORDER BY w DESC SKIP $skip LIMIT $limit",
    "MATCH (n:Cluster) WHERE EXISTS { (n)-[:IN_REGION]->(:Region {code: $code}) } RETURN n.id",
    "MATCH (n:Cluster) WHERE n.name IS NOT NULL RETURN elementId(n), toLower(n.name)",
    "MATCH (n:Cluster) CALL (n) { MATCH (n)--(m) RETURN count(m) AS degree } RETURN n.id, degree",
    "MATCH (n) DETACH DELETE n",
]

# statement -> substring of the error message Neo4j's front-end reports for it
INVALID = {
    "MATCH (n RETURN n": "Invalid input 'RETURN'",
    "RETRN 1": "Invalid input 'RETRN'",
    "RETURN x": "Variable `x` not defined",
    "MATCH (n) RETURN n LIMIT -1": "Must be a non-negative integer",
    "RETURN nosuchfunc(1)": "Function nosuchfunc is not present",
    "CALL db.nosuch()": "Procedure db.nosuch is not present",
    "CALL db.labels() YIELD nosuch RETURN nosuch": "Unknown procedure output: `nosuch`",
    "RETURN abs(1, 2)": "Too many parameters for function 'abs'",
    "MATCH (n) SET n.x = 1 MATCH (m) RETURN m": "WITH is required between SET and MATCH",
    "WITH 1 AS x": "Query cannot conclude with WITH",
    "MATCH (n) WHERE exists(n.prop) RETURN n": "property existence syntax",
    "RETURN 1 AS a UNION RETURN 2 AS b": "same return column names",
    'RETURN "unterminated': "even number of non-escaped quotes",
    ":param x => 1": "Console commands are unsupported",
    "RETURN 1; RETURN 2": "exactly one statement",
    "RETURN apoc.coll.sum([1, 2])": "Function apoc.coll.sum is not present",  # no plugins on the server
}

WARN_ONLY = {
    "MATCH (n:Cluster) RETURN id(n)": "deprecated",
    "MATCH (n) CALL { WITH n RETURN n.x AS x } RETURN x": "without a variable scope clause is deprecated",
}


@pytest.fixture(scope="module", autouse=True)
def _one_batch():
    lint_cypher(VALID + list(INVALID) + list(WARN_ONLY))


def test_valid_statements_have_no_diagnostics():
    assert lint_cypher(VALID) == [[] for _ in VALID]  # parameters and unknown labels are fine
    assert_valid_neo4j_cypher(VALID)


@pytest.mark.parametrize("stmt, expected", INVALID.items())
def test_invalid_statement_is_an_error(stmt, expected):
    (diags,) = lint_cypher([stmt])
    errors = [d["message"] for d in diags if d["severity"] == "error"]
    assert any(expected in m for m in errors), diags
    with pytest.raises(AssertionError, match="not valid Neo4j 5 Cypher"):
        assert_valid_neo4j_cypher([VALID[0], stmt])


@pytest.mark.parametrize("stmt, expected", WARN_ONLY.items())
def test_deprecations_are_warnings_not_errors(stmt, expected):
    (diags,) = lint_cypher([stmt])
    assert diags and {d["severity"] for d in diags} == {"warning"}
    assert any(expected in d["message"] for d in diags)
    assert_valid_neo4j_cypher(stmt)


def test_positions_are_one_based_and_order_is_kept():
    out = lint_cypher(["RETURN 1", "MATCH (n:Cluster)\nRETURN m", "RETURN 2"])
    assert out[0] == out[2] == []
    assert out[1] == [{"severity": "error", "message": "Variable `m` not defined", "line": 2, "column": 8}]


def test_assertion_message_names_each_bad_statement():
    with pytest.raises(AssertionError) as exc:
        assert_valid_neo4j_cypher(["RETURN x", VALID[1], "MATCH (n RETURN n"])
    msg = str(exc.value)
    assert msg.startswith("2 of 3 statement(s)")
    assert "'RETURN x'\n    1:8: Variable `x` not defined" in msg
    assert "'MATCH (n RETURN n'" in msg and VALID[1] not in msg
