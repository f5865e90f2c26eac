"""Every statement of the Cypher registry passes Neo4j's own linter, and the linter can fail.

The registry (`graph.store.cypher`) holds every builder the code can send; a scan of the source proves no
Cypher text lives outside it. All statements are linted in one batch by the fixture (one node start-up);
the individual tests then read from the helper's cache.
"""

import ast
import re

import pytest

from graph.errors import SchemaError
from graph.settings import PROJECT_ROOT
from graph.store import cypher
from tests.cypher_lint import (
    NOT_STATEMENTS,
    assert_valid_neo4j_cypher,
    lint_cypher,
    registry_statements,
    shipped_sources,
    unregistered_cypher,
)

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


def app_editor_text() -> str:
    """The default text of the Queries page's Cypher editor (`EXAMPLE`), read from the editor's source."""
    tree = ast.parse((PROJECT_ROOT / "app_pages" / "queries_adhoc.py").read_text(encoding="utf-8"))
    (text,) = [ast.literal_eval(node.value) for node in ast.walk(tree) if isinstance(node, ast.Assign)
               and [getattr(t, "id", "") for t in node.targets] == ["EXAMPLE"]]
    return text


def readme_examples() -> list[str]:
    """The README's ```cypher blocks and the statements of its `cluster-explorer query "..."` examples."""
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```cypher\n(.*?)```", readme, re.DOTALL)
    commands = [re.sub(r"\s+", " ", q.replace("\\$", "$")).strip()
                for q in re.findall(r'cluster-explorer query "(.*?)"', readme, re.DOTALL)]
    return blocks + [c for c in commands if c != "CYPHER"]  # "CYPHER" is the usage line's placeholder


@pytest.fixture(scope="module", autouse=True)
def _one_batch():
    lint_cypher(VALID + list(INVALID) + list(WARN_ONLY) + registry_statements("neo4j") + [app_editor_text()]
                + readme_examples())


def _unclean(statements: list[str]) -> dict[str, list[dict]]:
    """Statements with any diagnostic, errors and warnings alike: a deprecation fails too."""
    return {s: diags for s, diags in zip(statements, lint_cypher(statements), strict=True) if diags}


ID_DEPRECATION = ("Function id is deprecated.", "The query used a deprecated function. ('id' has been replaced")


def test_every_registered_statement_neo4j_receives_lints_clean():
    statements = registry_statements("neo4j")
    assert len(statements) > 250  # every label, relationship type and pair of endpoints
    tolerant = {text for s in cypher.registered() if s.accepted_warning for text in s.texts()}
    found = {text: [d for d in diags if not (text in tolerant and d["severity"] == "warning"
                                             and d["message"].startswith(ID_DEPRECATION))]
             for text, diags in _unclean(statements).items()}
    assert {text: diags for text, diags in found.items() if diags} == {}


def test_only_the_id_deprecation_is_ever_accepted():
    (diags,) = lint_cypher(["MATCH (n) WHERE id(n) = $id RETURN n.id AS id"])
    assert diags and all(d["message"].startswith(ID_DEPRECATION) for d in diags)
    (other,) = lint_cypher(["MATCH (n) CALL { WITH n RETURN n.x AS x } RETURN x"])
    assert other and not any(d["message"].startswith(ID_DEPRECATION) for d in other)


def test_statements_for_one_store_say_why():
    registry_statements()
    one_store = [s for s in cypher.registered() if s.embedded_only or s.neo4j_only]
    assert {s.name.rpartition(".")[2] for s in one_store} == {
        "resolve_node_keys", "create_index", "falkordb_indexes", "unique_id_constraint", "create_index_if_missing",
        "create_text_index_if_missing"}
    assert all(len(s.embedded_only or s.neo4j_only) > 30 for s in one_store)
    with pytest.raises(SchemaError, match="must say why"):
        cypher.statement(embedded_only=" ")


def test_every_module_that_sends_cypher_registers_it():
    registry_statements()
    modules = {s.name.rpartition(".")[0] for s in cypher.registered()}
    assert {"graph.store.cypher", "graph.store.index_cypher", "graph.store.changes", "graph.store.view_cypher",
            "loaders.entity_resolution"} <= modules


def test_no_cypher_text_outside_registered_builders():
    registry_statements()
    found = [hit for path, text in shipped_sources().items() for hit in unregistered_cypher(text, path)]
    unexplained = [f"{path}:{line}: {text[:60]!r}" for path, line, text in found
                   if not any(path == p and text.startswith(start) for p, start in NOT_STATEMENTS)]
    assert unexplained == []
    assert len(found) == len(NOT_STATEMENTS)  # every exception is still needed


UNREGISTERED_SOURCE = '''
from graph.store.cypher import fixed_statement, statement

@statement()
def registered():
    return "MATCH (n) RETURN n"

KNOWN = fixed_statement(__name__, "KNOWN", "MATCH (n) RETURN count(n)")

def forgotten(label):
    """A docstring may say MATCH (n) RETURN n."""
    return f"MATCH (n:{label}) WHERE n.id IN $ids RETURN n.id"

LOOSE = "UNWIND $rows AS row MERGE (n:Cluster {id: row.id})"
'''


def test_the_scan_finds_an_unregistered_builder():
    found = unregistered_cypher(UNREGISTERED_SOURCE)
    assert [(line, text[:9]) for _, line, text in found] == [(12, "MATCH (n:"), (14, "UNWIND $r")]


def test_app_default_editor_text_is_clean():
    text = app_editor_text()
    assert text.startswith("MATCH") and _unclean([text]) == {}


def test_readme_cypher_examples_are_clean():
    examples = readme_examples()
    assert len(examples) >= 3 and any("$p" in e for e in examples)
    assert _unclean(examples) == {}


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
