"""The fast paths of a load give the same results as the plain ones they replaced.

* FalkorDB parameter text (`parameter_text`, `params_header`) is the falkordb client's, character for
  character, on tricky and on randomly generated values, and reads back verbatim from the server.
* `fold` / `name_key` equal the reference loops they replaced, on every name of the CORDIS fixture.
* The writer's change detection: a re-run sends no write, a change is found and written, a store
  written before digests is compared value by value, and `_hash` stays out of what users see.
"""

from __future__ import annotations

import csv
import gc
import math
import random
import re
import time
import unicodedata

import pytest
from falkordb.graph import Graph
from falkordb.helpers import stringify_param_value

from graph.memory import gc_paused
from graph.store import cypher
from graph.store.falkordb_store import FalkorDBStore, parameter_text, params_header
from graph.store.reads import to_networkx
from graph.store.records import NodeRecord, RelRecord
from graph.store.writer import HASH_PROPERTY, statements, write_records
from loaders import cluster_detection
from loaders.cluster_detection import detect_cluster, fold, name_key
from tests.conftest import FIXTURES
from tests.cypher_lint import assert_valid_neo4j_cypher

TRICKY_STRINGS = [
    "", " ", "plain", 'say "hi"', "back\\slash", "\\", "\\\\", '\\"', '"', "'", "`", "``", "a`b",
    "line\nbreak", "\r\n", "\t", "\x00", "\x01", "\u0001", "\x1f", "\x7f", "\\u0001", "\\n", "é", "Ωmega",
    "日本語", "emoji 🙂", "\u2028\u2029", "\u00a0", "\ufeff", "ﬁ", "x\\", '}) DETACH DELETE n //', "$rows",
    "CYPHER x=1", "<img src=x onerror=alert(1)>", "null", "true", "1e-07", "{`a`:1}", "[1,2]",
]
TRICKY_NUMBERS = [0, 1, -1, 2**63 - 1, -(2**63), 10**30, 0.0, -0.0, 1e-7, 1e20, 1e300, 5e-324, 0.1, 1 / 3,
                  123456789.123456789, math.inf, -math.inf, math.nan, True, False]


def _random_value(rng: random.Random, depth: int = 0):
    kind = rng.randrange(8 if depth < 3 else 4)
    if kind == 0:
        return rng.choice(TRICKY_STRINGS)
    if kind == 1:
        return "".join(rng.choice(["a", "Z", "0", " ", '"', "\\", "\n", "\x01", "é", "`", "🙂", "\ud800", "{"])
                       for _ in range(rng.randrange(12)))
    if kind == 2:
        return rng.choice(TRICKY_NUMBERS + [rng.uniform(-1e9, 1e9), rng.randrange(-10**6, 10**6)])
    if kind == 3:
        return None
    if kind in (4, 5):
        items = [_random_value(rng, depth + 1) for _ in range(rng.randrange(5))]
        return tuple(items) if kind == 5 else items
    return {rng.choice(["id", "name", "props", "x_1", "Ω", "a b", "@type", 7, b"raw"]): _random_value(rng, depth + 1)
            for _ in range(rng.randrange(5))}


# -- parameter text ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", TRICKY_STRINGS + TRICKY_NUMBERS + [None, [], {}, [[]], {"k": []}, ("a", 1)])
def test_parameter_text_of_tricky_values_is_the_clients(value):
    assert parameter_text(value) == stringify_param_value(value)


def test_parameter_text_of_random_nested_values_is_the_clients():
    rng = random.Random(20240601)
    for _ in range(5000):
        value = _random_value(rng)
        assert parameter_text(value) == stringify_param_value(value), value


def test_params_header_is_the_clients():
    rng = random.Random(7)
    for _ in range(500):
        params = {name: _random_value(rng) for name in rng.sample(["rows", "ids", "limit", "a_b", "Ω"], 3)}
        assert params_header(params) == Graph._build_params_header(None, params)
    assert params_header(None) == ""


@pytest.mark.parametrize("params", [{"": 1}, {"a`b": 1}, {"rows": [{"": 1}]}, {"rows": {"x`": 2}}])
def test_bad_names_raise_the_clients_errors(params):
    with pytest.raises(ValueError) as theirs:
        Graph._build_params_header(None, params)
    with pytest.raises(ValueError) as ours:
        params_header(params)
    assert str(ours.value) == str(theirs.value)


def test_tricky_strings_read_back_verbatim(embedded_store):
    strings = [s for s in TRICKY_STRINGS if "\x00" not in s]  # FalkorDB strings end at NUL
    result = embedded_store.read("UNWIND $values AS v RETURN v", {"values": strings}, row_cap=1000)
    assert [row[0] for row in result.rows] == strings
    nested = {"rows": [{"id": s, "props": {"name": s, "n": 1e-7}, "sources": [s, s]} for s in strings]}
    result = embedded_store.read("UNWIND $rows AS row RETURN row.id, row.props.name, row.props.n, row.sources",
                                 nested, row_cap=1000)
    assert result.rows == [[s, s, 1e-7, [s, s]] for s in strings]


# -- cluster detection: folding once, stripping legal forms with one pattern --------------------------------

def _reference_fold(text):
    text = unicodedata.normalize("NFKD", (text or "").lower().translate(cluster_detection._SPECIAL))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _reference_name_key(name):
    key = _reference_fold(name)
    changed = True
    while changed:
        changed = False
        for form in cluster_detection._LEGAL_FORMS:
            if key.endswith(" " + form):
                key, changed = key[: -len(form) - 1], True
    return key


def _fixture_names() -> set[str]:
    names = set(TRICKY_STRINGS)
    with open(FIXTURES / "cordis" / "organizations.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names.update((row["name"], row["shortName"]))
    with open(FIXTURES / "cluster_labels.csv", newline="", encoding="utf-8") as f:
        names.update(row[0] for row in csv.reader(f))
    forms = sorted(cluster_detection._LEGAL_FORMS)
    names.update(f"Acme {a} {b}" for a in forms for b in forms)
    names.update(["İstanbul AS", "ǅemal ApS", "ﬁrma oy", "Öl  A/S", "x e.V.", "Bar F.M.B.A.", "x a/s a/s", "ab", " ab"])
    return names


def test_fold_and_name_key_equal_the_reference_loops():
    for name in _fixture_names():
        assert (fold(name), name_key(name)) == (_reference_fold(name), _reference_name_key(name)), name


# -- the writer's change detection --------------------------------------------------------------------------

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


def test_the_writers_own_statements_are_valid_neo4j_cypher():
    assert_valid_neo4j_cypher(statements())


def test_the_writers_own_statements_run_on_the_embedded_store(embedded_store):
    for statement in statements():
        embedded_store.read(statement, {"ids": [], "rows": []})
    assert cypher.node_states("Organisation")  # the value comparison reuses the shared statement


def test_the_quick_look_for_stems_changes_no_decision(monkeypatch):
    names = sorted(_fixture_names())
    countries = [None, "SE", "NO", "IS", "SI", "FR", "ES", "IT", "CZ", "DK"]
    quick = [detect_cluster(name, short, country) for name in names for short in (None, name[:12])
             for country in countries]
    monkeypatch.setattr(cluster_detection, "_ANY_STEM", re.compile(""))  # every text gets the full look
    full = [detect_cluster(name, short, country) for name in names for short in (None, name[:12])
            for country in countries]
    assert quick == full and any(quick)


def test_closing_stops_the_server_though_the_writer_used_a_second_connection(tmp_path):
    store = FalkorDBStore(tmp_path / "two.db", "two")
    pid, pool = store.server_pid, store._db.client.connection_pool
    held = [pool.get_connection(), pool.get_connection()]  # the main thread's and the worker's
    for connection in held:
        connection.send_command("PING")
        connection.read_response()
        pool.release(connection)
    store.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _running(pid):
        time.sleep(0.1)
    assert not _running(pid), "the embedded server outlived its only client"


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
