"""Your own Cypher that finds nothing because it names a label or relationship type the store does not hold says
so, with the names it likely meant: `MATCH (o:organisation)` (labels are case-sensitive) had answered an empty
table without a word, as had a type misspelt. On the seeds, in the real embedded store."""

from __future__ import annotations

import pytest

from queries.missing import why_adhoc_empty
from tests.cli_invoke import cli_env, invoke


@pytest.fixture
def store(seeded_store):
    """The session's graph of the seeds (read only here)."""
    return seeded_store


def test_a_label_in_another_case_is_named_with_the_one_meant(store):
    said = why_adhoc_empty(store, "MATCH (o:organisation)-[:MEMBER_OF]->(c:Cluster) RETURN o.name")
    assert said.startswith("No row: the store holds no node labelled organisation (did you mean Organisation?")


def test_a_misspelt_relationship_type_is_named_with_the_one_meant(store):
    said = why_adhoc_empty(store, "MATCH (o:Organisation)-[m:MEMBEROF|RUNS]->(c) RETURN o.name")
    absent = said.split(". Its labels:")[0]
    assert absent == "No row: the store holds no relationship of type MEMBEROF (did you mean MEMBER_OF?)"


def test_a_query_naming_what_the_store_holds_gets_no_reason(store):
    assert why_adhoc_empty(store, "MATCH (c:Cluster {id: 'no-such-cluster'}) RETURN c.name") is None
    assert why_adhoc_empty(store, "MATCH (c:Cluster) WHERE c.name = 'x:Nope' RETURN c") is None  # a string's text


def test_the_cli_says_it_beside_the_empty_table(embedded_server, store):
    result = invoke(cli_env(embedded_server, "seeded"), "query", "MATCH (n:Nope) RETURN n")
    assert result.exit_code == 0
    assert "No row: the store holds no node labelled Nope" in result.stderr


def test_on_an_empty_store_it_says_to_load_something(embedded_store):
    said = why_adhoc_empty(embedded_store, "MATCH (o:Organisation) RETURN o.name")
    assert said.startswith("No row: the store holds nothing yet: run `cluster-explorer load sample`")
