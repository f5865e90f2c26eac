"""The store contract, run on every available store (embedded FalkorDB always, Neo4j when NEO4J_URI is set)."""

from __future__ import annotations

import pytest

from graph.errors import QueryError, QueryTimeout, ReadOnlyViolation, ValidationFailed
from graph.store.reads import counts, to_networkx
from graph.store.records import NodeRecord, RelRecord
from graph.store.writer import write_records

HOSTILE = 'x"}) DETACH DELETE n // \' <img src=x onerror=alert(1)>'


def _records():
    nodes = [
        NodeRecord("Cluster", "iot-world", "IoT World", ("seed:000",), ("Organisation",),
                   {"aliases": ["Mjärdevi Science Park"], "founded": 2016, "score": 0.5, "active": True}),
        NodeRecord("QualityLabel", "esca-silver", "ESCA Silver", ("seed:000",)),
        NodeRecord("Organisation", "pic:1", HOSTILE, ("test",), ("SME",)),
        NodeRecord("Project", "p1", "Project one", ("test",)),
    ]
    rels = [
        RelRecord("HAS_LABEL", "Cluster", "iot-world", "QualityLabel", "esca-silver", ("seed:000",),
                  {"note": "just before christmas"}),
        RelRecord("PARTICIPATES_IN", "Organisation", "pic:1", "Project", "p1", ("test",), {"role": "coordinator"}, "1"),
        RelRecord("PARTICIPATES_IN", "Organisation", "pic:1", "Project", "p1", ("test",), {"role": "participant"}, "2"),
    ]
    return nodes, rels


def _snapshot(store):
    graph = to_networkx(store)
    return (counts(store), sorted((n, sorted(d.items(), key=str)) for n, d in graph.nodes(data=True)),
            sorted((a, b, k, sorted(d.items(), key=str)) for a, b, k, d in graph.edges(keys=True, data=True)))


def test_upserts_are_idempotent(any_store):
    nodes, rels = _records()
    first = write_records(any_store, nodes, rels)
    before = _snapshot(any_store)
    second = write_records(any_store, nodes, rels)
    assert (first.created, second.created, second.unchanged) == (4, 0, 4)
    assert _snapshot(any_store) == before
    labels, types = counts(any_store)
    assert labels == {"Cluster": 1, "Organisation": 2, "QualityLabel": 1, "SME": 1, "Project": 1}
    assert types == {"HAS_LABEL": 1, "PARTICIPATES_IN": 2}


def test_values_travel_as_parameters_and_are_stored_verbatim(any_store):
    write_records(any_store, *_records())
    result = any_store.read("MATCH (o:Organisation {id: $id}) RETURN o.name AS name", {"id": "pic:1"})
    assert result.rows == [[HOSTILE]]
    assert counts(any_store)[0]["Organisation"] == 2


def test_sources_accumulate_without_duplicates(any_store):
    write_records(any_store, [NodeRecord("Country", "SE", "Sweden", ("seed:001",))], [])
    write_records(any_store, [NodeRecord("Country", "SE", "Sweden", ("seed:004", "seed:001"))], [])
    result = any_store.read("MATCH (c:Country {id: 'SE'}) RETURN c.sources")
    assert sorted(result.rows[0][0]) == ["seed:001", "seed:004"]


def test_write_down_the_read_path_is_refused_by_the_database(any_store):
    with pytest.raises(ReadOnlyViolation, match="nothing changed"):
        any_store.read("CREATE (:Country {id: 'XX', name: 'Nowhere'})")
    assert counts(any_store)[0] == {}


def test_runaway_query_is_stopped_at_its_time_limit(any_store):
    any_store.write("UNWIND range(1, 2000) AS i CREATE (:Sector {id: toString(i), name: 'S'})")
    with pytest.raises(QueryTimeout, match="time limit of 0.3 s") as stopped:
        any_store.read("MATCH (a:Sector), (b:Sector), (c:Sector) WHERE a.id + b.id + c.id = 'none' RETURN a",
                       timeout_s=0.3)
    assert "raise the limit: CLUSTER_EXPLORER_QUERY_TIMEOUT (seconds)" in str(stopped.value)  # where it is set


def test_row_cap_says_when_it_cut(any_store):
    any_store.write("UNWIND range(1, 30) AS i CREATE (:Sector {id: toString(i), name: 'S'})")
    capped = any_store.read("MATCH (s:Sector) RETURN s.id", row_cap=10)
    assert len(capped.rows) == 10 and capped.truncated
    full = any_store.read("MATCH (s:Sector) RETURN s.id", row_cap=100)
    assert len(full.rows) == 30 and not full.truncated


def test_results_carry_nodes_and_relationships_for_drawing(any_store):
    write_records(any_store, *_records())
    result = any_store.read("MATCH (c:Cluster)-[r:HAS_LABEL]->(q) RETURN c, r, q")
    assert set(result.nodes) == {"Cluster:iot-world", "QualityLabel:esca-silver"}
    assert result.relationships == [{"type": "HAS_LABEL", "start": "Cluster:iot-world",
                                     "end": "QualityLabel:esca-silver",
                                     "properties": {"key": "", "note": "just before christmas",
                                                    "sources": ["seed:000"]}}]


def test_bad_query_gives_a_clear_error(any_store):
    with pytest.raises(QueryError, match="could not parse the query at line 1, column"):
        any_store.read("MATCH (n RETURN n")


def test_relationship_to_missing_node_is_rejected_before_writing(any_store):
    rels = [RelRecord("HAS_LABEL", "Cluster", "nobody", "QualityLabel", "esca-gold", ("t",))]
    nodes = [NodeRecord("QualityLabel", "esca-gold", "ESCA Gold", ("t",))]
    with pytest.raises(ValidationFailed, match="Cluster 'nobody', which does not exist"):
        write_records(any_store, nodes, rels)
    assert counts(any_store) == ({}, {})


def test_export_to_networkx_whole_and_filtered(any_store):
    write_records(any_store, *_records())
    whole = to_networkx(any_store)
    assert whole.number_of_nodes() == 4 and whole.number_of_edges() == 3
    part = to_networkx(any_store, labels=["Organisation", "Project"], rel_types=["PARTICIPATES_IN"])
    assert set(part.nodes) == {"Cluster:iot-world", "Organisation:pic:1", "Project:p1"}
    assert part.number_of_edges() == 2
    assert "SME" in whole.nodes["Organisation:pic:1"]["labels"]


def test_schema_setup_can_repeat_and_clear_empties(any_store):
    any_store.setup_schema()
    write_records(any_store, *_records())
    any_store.clear()
    assert counts(any_store) == ({}, {})
