"""The writer's `_hash`, `_search` and `_given` never reach a user: not in nodes, relationships, `properties()` nor
`keys()`."""

from __future__ import annotations

import pytest

from graph.store.contract import GIVEN_PROPERTY, HASH_PROPERTY, INTERNAL_PROPERTIES, without_internal
from graph.store.records import NodeRecord, RelRecord
from graph.store.writer import write_records

QUERIES = {
    "node": "MATCH (n:Cluster {id: 'c1'}) RETURN n",
    "relationship": "MATCH (:Cluster {id: 'c1'})-[r:LOCATED_IN]->(:Region) RETURN r",
    "path": "MATCH p = (:Cluster {id: 'c1'})-[:LOCATED_IN]->(:Region) RETURN p",
    "node properties": "MATCH (n:Cluster {id: 'c1'}) RETURN properties(n) AS props",
    "node keys": "MATCH (n:Cluster {id: 'c1'}) RETURN keys(n) AS keys",
    "relationship properties": "MATCH (:Cluster)-[r:LOCATED_IN]->() RETURN properties(r) AS props",
    "relationship keys": "MATCH (:Cluster)-[r:LOCATED_IN]->() RETURN keys(r) AS keys",
    "nested": "MATCH (n:Cluster) RETURN collect({p: properties(n), k: keys(n)}) AS all",
}


@pytest.fixture
def written(any_store):
    """One cluster in one region, written by the writer (so both carry `_hash`), the cluster by a second file too
    (so it carries `_given`)."""
    write_records(any_store,
                  [NodeRecord("Cluster", "c1", "Cluster One", ("seed:000",)),
                   NodeRecord("Region", "SE123", "Östergötland", ("seed:000",))],
                  [RelRecord("LOCATED_IN", "Cluster", "c1", "Region", "SE123", ("seed:000",))])
    write_records(any_store, [NodeRecord("Cluster", "c1", "Cluster One", ("user:list/list.csv",))], [])
    return any_store


def test_the_store_does_hold_the_digest_and_the_given_values(written):
    (digests, given), = written.read(f"MATCH (n:Cluster) RETURN collect(n.{HASH_PROPERTY}) AS d, "
                                     f"collect(n.{GIVEN_PROPERTY}) AS g").rows
    assert len(digests) == 1 and isinstance(digests[0], int)  # so hiding them below is not vacuous
    assert len(given) == 1 and len(given[0]) == 2


@pytest.mark.parametrize("query", QUERIES.values(), ids=QUERIES.keys())
def test_no_result_shows_the_digest(written, query):
    result = written.read(query)
    shown = repr((result.rows, result.nodes, result.relationships))
    assert result.rows and [name for name in INTERNAL_PROPERTIES if name in shown] == []


def test_visible_keys_keep_the_facts(written):
    (keys,), = written.read(QUERIES["node keys"]).rows
    (props,), = written.read(QUERIES["node properties"]).rows
    assert set(keys) == set(props) >= {"id", "name", "kind", "sources"}
    assert props["name"] == "Cluster One"


def test_without_internal_drops_internal_names_only():
    assert {HASH_PROPERTY, "_search", "_given", "_given_rels"} == INTERNAL_PROPERTIES
    assert all(n.startswith("_") for n in INTERNAL_PROPERTIES)
    assert without_internal({"id": 1, "_hash": 2, "_other": 3}) == {"id": 1, "_other": 3}
    assert without_internal(["id", "_hash", 5, {"_hash": 1}]) == ["id", 5, {"_hash": 1}]  # shallow
    plain = {"id": 1}
    assert without_internal(plain) is plain  # nothing to drop: no copy
