"""Every statement the code can send is valid Neo4j 5 Cypher (Neo4j's linter) and runs on FalkorDB."""

from __future__ import annotations

import os

import pytest

from graph.settings import PROJECT_ROOT, SETTINGS, Settings
from graph.store import cypher, view_cypher
from graph.store.neo4j_store import Neo4jStore, constraint_statements
from tests.cypher_lint import assert_valid_neo4j_cypher

EMPTY_PARAMS = {"rows": [], "ids": [], "labels": None, "types": None, "limit": 1, "countries": [], "nodes": [],
                "kinds": [], "seen": [], "starts": [], "text": "x", "id": "x", "kind": "Cluster", "start": "0000",
                "end": "9999"}


def _project_statements() -> list[str]:
    """Statements built in graph/cypher.py plus the fixed ones of modules that read the store."""
    from loaders import cluster_detection

    return cypher.all_statements() + cluster_detection.statements() + view_cypher.statements()


def test_every_statement_passes_the_neo4j_linter():
    assert_valid_neo4j_cypher(_project_statements() + constraint_statements())


def test_every_statement_runs_on_the_embedded_store(embedded_store):
    for statement in _project_statements():
        writes = any(word in statement for word in ("MERGE", "DELETE", "SET "))
        run = embedded_store.write if writes else embedded_store.read
        run(statement, dict(EMPTY_PARAMS))


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
