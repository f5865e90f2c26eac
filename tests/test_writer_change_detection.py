"""The writer's change detection, a fast path of a load that must give the results of the plain one: a re-run
sends no write, a change is found and written, a store written before digests is compared value by value, and
`_hash` stays out of what users see; the writer's statements are valid on both stores, and closing the store
stops its server though the writer used a second connection."""

from __future__ import annotations

import gc
import time

import pytest

from graph.memory import gc_paused
from graph.store import cypher
from graph.store.falkordb_store import FalkorDBStore
from graph.store.reads import to_networkx
from graph.store.records import NodeRecord, RelRecord
from graph.store.resolve import resolve_node
from graph.store.writer import HASH_PROPERTY, statements, write_records
from tests.cypher_lint import assert_valid_neo4j_cypher


class CountingStore:
    """The embedded store, counting the write statements it is sent."""

    def __init__(self, store):
        self.store, self.kind, self.location, self.writes = store, store.kind, store.location, []

    def read(self, query, params=None, **kwargs):
        return self.store.read(query, params, **kwargs)

    def write(self, query, params=None):
        self.writes.append(query)
        return self.store.write(query, params)

    def inline_parameters(self, query, params):
        return self.store.inline_parameters(query, params)


def _records(name="Acme", role="participant"):
    nodes = [NodeRecord("Organisation", "pic:1", name, ("test",), ("SME",), {"city": "Lund", "score": 0.1}),
             NodeRecord("Organisation", "pic:2", "Other", ("test",)),
             NodeRecord("Project", "p1", "Project one", ("test",), properties={"objective": 'a "b"\nc'})]
    rels = [RelRecord("PARTICIPATES_IN", "Organisation", "pic:1", "Project", "p1", ("test",), {"role": role}, "1"),
            RelRecord("PARTICIPATES_IN", "Organisation", "pic:2", "Project", "p1", ("test",), {"role": role}, "2")]
    return nodes, rels


def _counts(summary):
    return (summary.created, summary.updated, summary.unchanged, summary.relationships_created,
            summary.relationships_updated, summary.relationships_unchanged)


def test_a_rerun_sends_no_write(embedded_store):
    store = CountingStore(embedded_store)
    first = write_records(store, *_records())
    assert _counts(first) == (3, 0, 0, 2, 0, 0) and first.relationships == 2
    store.writes.clear()
    again = write_records(store, *_records())
    assert _counts(again) == (0, 0, 3, 0, 0, 2) and again.relationships == 2 and again.nodes == 3
    assert store.writes == []


def test_a_changed_node_or_relationship_is_found_and_written(embedded_store):
    write_records(embedded_store, *_records())
    changed = write_records(embedded_store, *_records(name="Acme AB", role="coordinator"))
    assert _counts(changed) == (0, 1, 2, 0, 2, 0)
    found = embedded_store.read("MATCH (o:Organisation)-[r:PARTICIPATES_IN]->() RETURN o.name, r.role ORDER BY o.id")
    assert found.rows == [["Acme AB", "coordinator"], ["Other", "coordinator"]]


def test_a_store_written_without_digests_is_compared_value_by_value(embedded_store):
    nodes, rels = _records()
    write_records(embedded_store, nodes, rels)
    embedded_store.write(f"MATCH (n) REMOVE n.{HASH_PROPERTY}")
    embedded_store.write(f"MATCH ()-[r]->() REMOVE r.{HASH_PROPERTY}")
    store = CountingStore(embedded_store)
    again = write_records(store, nodes, rels)
    assert _counts(again) == (0, 0, 3, 0, 0, 2)
    assert len(store.writes) == 4  # three node groups and one of relationships, to store the digests
    store.writes.clear()
    assert _counts(write_records(store, nodes, rels)) == (0, 0, 3, 0, 0, 2) and store.writes == []


def test_a_property_set_to_none_is_a_change(embedded_store):
    write_records(embedded_store, [NodeRecord("Country", "SE", "Sweden", ("a",), properties={"x": 1})], [])
    summary = write_records(embedded_store, [NodeRecord("Country", "SE", "Sweden", ("a",), properties={"x": None})], [])
    assert (summary.updated, summary.unchanged) == (1, 0)
    assert embedded_store.read("MATCH (c:Country) RETURN c.x").rows == [[None]]


def test_the_same_relationship_twice_is_one_with_both_properties_and_sources(embedded_store):
    nodes, _ = _records()
    twice = [RelRecord("PARTICIPATES_IN", "Organisation", "pic:1", "Project", "p1", ("a",), {"role": "x"}, "1"),
             RelRecord("PARTICIPATES_IN", "Organisation", "pic:1", "Project", "p1", ("b", "a"), {"order": 2}, "1")]
    summary = write_records(embedded_store, nodes, twice)
    assert (summary.relationships, summary.relationships_created) == (1, 1)
    found = embedded_store.read("MATCH ()-[r:PARTICIPATES_IN]->() RETURN r.role, r.order, r.sources")
    assert found.rows == [["x", 2, ["a", "b"]]]


def test_progress_reaches_the_total_on_a_first_load_and_a_rerun(embedded_store, monkeypatch):
    monkeypatch.setattr("graph.store.writer.BATCH_SIZE", 2)
    for _ in range(2):
        calls: list[tuple[int, int]] = []
        write_records(embedded_store, *_records(), progress=lambda done, total, seen=calls: seen.append((done, total)))
        assert calls[-1] == (5, 5) and [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_a_failed_batch_stops_the_writing_and_raises(embedded_store, monkeypatch):
    monkeypatch.setattr("graph.store.writer.BATCH_SIZE", 1)
    store = CountingStore(embedded_store)

    def failing(query, params=None):
        store.writes.append(query)
        if len(store.writes) == 2:
            raise RuntimeError("the store went away")
        return embedded_store.write(query, params)

    store.write = failing
    with pytest.raises(RuntimeError, match="went away"):
        write_records(store, *_records())
    assert len(store.writes) == 2


def test_reading_the_graph_pauses_the_collector_and_restores_it(embedded_store, monkeypatch):
    write_records(embedded_store, *_records())
    seen = []
    real_read = embedded_store.read
    monkeypatch.setattr(embedded_store, "read", lambda *a, **k: seen.append(gc.isenabled()) or real_read(*a, **k))
    assert gc.isenabled()
    graph = to_networkx(embedded_store)
    assert seen == [False, False] and gc.isenabled() and graph.number_of_nodes() > 0
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError("a failed read")
    assert gc.isenabled()


def test_the_digest_is_not_shown_as_a_fact(any_store):
    write_records(any_store, *_records())
    graph = to_networkx(any_store)
    assert all(HASH_PROPERTY not in data for _, data in graph.nodes(data=True))
    assert all(HASH_PROPERTY not in data for *_, data in graph.edges(keys=True, data=True))
    result = any_store.read("MATCH (o:Organisation {id: 'pic:1'})-[r]->(p) RETURN o, r, p")
    assert result.nodes and result.relationships
    assert all(HASH_PROPERTY not in node["properties"] for node in result.nodes.values())
    assert all(HASH_PROPERTY not in rel["properties"] for rel in result.relationships)


def test_a_node_another_load_named_too_stays_found_by_its_acronym_and_aliases(any_store):
    """A user's table naming the seeds' cluster without its acronym kept `IGT` from finding it: the search text
    is made of the names the node holds once written, and a re-run of that table still changes nothing."""
    seeds = NodeRecord("Cluster", "industrial-green-tech", "Industrial Green Tech", ("seeds",), ("Organisation",),
                       {"acronym": "IGT", "aliases": ["Grön Industri"]})
    table = NodeRecord("Cluster", "industrial-green-tech", "Industrial Green Tech", ("user:clusters",),
                       ("Organisation",), {"url": "https://igt.example"})
    write_records(any_store, [seeds], [])
    assert write_records(any_store, [table], []).updated == 1
    for typed in ("IGT", "gron industri", "Industrial Green Tech"):
        assert resolve_node(any_store, typed).key == "Cluster:industrial-green-tech", typed
    again = write_records(any_store, [table], [])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_the_writers_own_statements_are_valid_neo4j_cypher():
    assert_valid_neo4j_cypher(statements())


def test_the_writers_own_statements_run_on_the_embedded_store(embedded_store):
    for statement in statements():
        embedded_store.read(statement, {"ids": [], "rows": []})
    assert cypher.node_states("Organisation")  # the value comparison reuses the shared statement


def test_closing_stops_the_server_though_the_writer_used_a_second_connection(tmp_path):
    store = FalkorDBStore(tmp_path / "two.db", "two")
    pid, pool = store.server_pid, store._db.client.connection_pool
    held = [pool.get_connection(), pool.get_connection()]  # the main thread's and the worker's
    for connection in held:
        connection.send_command("PING")
        connection.read_response()
        pool.release(connection)
    store.close()
    # a safety net, not a speed check: the server's exit (its threads winding down, `stop_server`) takes seconds,
    # more on a loaded machine
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _running(pid):
        time.sleep(0.1)
    assert not _running(pid), "the embedded server outlived its only client"


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
