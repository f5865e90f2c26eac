"""Every statement of the Cypher registry runs on FalkorDB (the Neo4j lint is in test_cypher_lint.py)."""

from __future__ import annotations

import os
import re

import pytest

from graph.errors import QueryError
from graph.settings import PROJECT_ROOT, SETTINGS, Settings
from graph.store import cypher
from graph.store.neo4j_store import Neo4jStore
from graph.store.reads import counts
from loaders.seeds import load_seeds
from tests.cypher_lint import registry_statements

EMPTY_PARAMS = {"rows": [], "ids": [], "labels": None, "types": None, "limit": 1, "countries": [], "nodes": [],
                "kinds": [], "letters": [], "seen": [], "starts": [], "text": "x", "id": "x", "kind": "Cluster",
                "start": "0000",
                "end": "9999", "coordinator_roles": [], "needle": "x", "country": "XX", "needles": [], "batch": 1,
                "prefix": "none-such:", "source": "none-such", "names": [], "version": 0, "now": "2000-01-01T00:00:00",
                "seq": 1, "quoted": "none-such", "files": [], "mark": "none-such:~gone~/", "all": False, "unknown": [],
                "checksum": ""}
_WRITES = re.compile(r"\b(MERGE|DELETE|SET|CREATE|REMOVE)\b")


def _returned_columns(statement: str) -> list[str]:
    """The column names of the statement's last RETURN clause: each item's alias, else its text."""
    tail = re.split(r"\b(?:ORDER BY|SKIP|LIMIT)\b", statement.rsplit("RETURN", 1)[1])[0]
    tail = tail.strip().removeprefix("DISTINCT ")
    items, depth, start = [], 0, 0
    for i, char in enumerate(tail):
        depth += (char in "([{") - (char in ")]}")
        if char == "," and depth == 0:
            items.append(tail[start:i])
            start = i + 1
    items.append(tail[start:])
    return [re.split(r"\bAS\b", item)[-1].strip() for item in items]


def test_every_statement_runs_on_the_embedded_store(embedded_store):
    load_seeds(embedded_store)
    before = counts(embedded_store)
    statements = [s for s in registry_statements("falkordb") if s != cypher.clear_all()]
    assert len(statements) > 250
    for statement in statements:
        if statement.startswith("CREATE INDEX"):  # the fixture's setup_schema made every one already
            with pytest.raises(QueryError, match="already indexed"):
                embedded_store.write(statement)
            continue
        run = embedded_store.write if _WRITES.search(statement) else embedded_store.read
        result = run(statement, dict(EMPTY_PARAMS))
        assert result.columns == _returned_columns(statement), statement
        if "written" in result.columns:
            assert result.rows == [[0]], statement  # no rows given, nothing written
    assert counts(embedded_store) == before and before[0]["Cluster"] == 24  # empty parameters changed nothing
    embedded_store.write(cypher.clear_all())
    assert counts(embedded_store) == ({}, {})


def test_labels_and_types_outside_the_schema_never_reach_cypher():
    with pytest.raises(ValueError, match="unknown node label"):
        cypher.upsert_nodes("Cluster) DETACH DELETE (n")
    with pytest.raises(ValueError, match="unknown relationship type"):
        cypher.upsert_relationships("X]->() DELETE r //", "Cluster", "Region")
    with pytest.raises(ValueError, match="invalid property name"):
        cypher.set_property("Organisation", "a = 1 DETACH DELETE n //")


def test_readme_lists_every_setting():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert [name for name, _, _ in SETTINGS if f"`{name}`" not in readme] == []


def test_settings_choose_the_store():
    assert Settings.from_env({}).store_kind == "falkordb"
    neo = Settings.from_env({"NEO4J_URI": "neo4j://db:7687", "NEO4J_DATABASE": "clusters"})
    assert (neo.store_kind, neo.neo4j_database, neo.neo4j_username) == ("neo4j", "clusters", "neo4j")


@pytest.mark.skipif(not os.environ.get("NEO4J_URI"), reason="Neo4j tests run only when NEO4J_URI is set")
def test_wrong_neo4j_password_is_a_clear_error():
    from graph.errors import StoreUnavailable

    settings = Settings.from_env({**os.environ, "NEO4J_PASSWORD": "surely-not-the-password"})
    with pytest.raises(StoreUnavailable, match="check NEO4J_USERNAME and NEO4J_PASSWORD"):
        Neo4jStore(settings)
