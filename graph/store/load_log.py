"""The load log: one `Load` node per source and checksum, `started` before a load's first write and
`complete` after its last.

A load killed half-way (or stopped by the database, or a full disk) keeps its `started` marker, so
`status` can say so; running the same load again completes it (see `graph.store.writer`) and marks it
complete.

The load pipeline derives facts from the whole store after a load (activity counts, clusters, entity
resolution): it holds the `complete` marks back until they are derived (`completion_deferred`), so a
load killed while they are derived is reported as interrupted too, and running it again completes it.

Each write of an entry (a start, a completion, an unload's mark) takes the next sequence number (`seq`), and the log
is ordered by it: by time stamps, a clock set back between two loads of one source put the later load first (its
interrupted start hid behind the earlier completion's later stamp). Entries logged before numbers existed have
none; they come before every numbered one and are ordered by their stamps among themselves.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from graph.store import cypher
from graph.store.contract import GraphStore
from graph.store.disk import write
from graph.store.held_back import HELD_PROPERTY, held_entries
from graph.store.records import NodeRecord, RelRecord
from graph.store.registry import fixed_statement
from graph.store.writer import WriteSummary

__all__ = ["start_load", "record_load", "completion_deferred", "interrupted_loads", "unfinished_loads", "data_version",
           "UNLOADING", "unfinished_parts", "now_stamp", "next_seq", "USER_RECORDS_VERSION", "keyed_before"]

#: The status of a load whose unload has begun (`graph.store.unload`): until the unload's last step deletes the
#: entry, `status` names it as an unload to run again.
UNLOADING = "unloading"
#: How a user table's records are keyed (`loaders.generic_rows`), stamped on its load's entry: a re-run of the same
#: files by a version that keys them otherwise takes off what the older keys gave (`loaders.reload_gone`), where it
#: would have added the records anew beside them. 2: a participation keyed by its role as read, not as written.
USER_RECORDS_VERSION = 2


def keyed_before(entry: dict[str, Any]) -> bool:
    """Whether the load log's `entry` is of a user table whose records an older version keyed otherwise."""
    return str(entry.get("source", "")).startswith("user:") and \
        int(entry.get("records_version") or 1) < USER_RECORDS_VERSION

#: The completions held back by `completion_deferred` (None outside it).
_DEFERRED: ContextVar[list[tuple[GraphStore, str, str, WriteSummary]] | None] = ContextVar("deferred", default=None)

#: Every load's id, times and sequence number: a load starting or completing changes them.
LOAD_STAMPS = fixed_statement(__name__, "LOAD_STAMPS", "MATCH (l:Load) RETURN l.id AS id, l.started_at AS started_at, "
                              "l.loaded_at AS loaded_at, l.derived_version AS derived_version, l.seq AS seq "
                              "ORDER BY id")
#: The log's last sequence number (null in a log written before numbers).
LAST_SEQ = fixed_statement(__name__, "LAST_SEQ", "MATCH (l:Load) RETURN max(l.seq) AS seq")
#: The counts of nodes and of relationships, each from the store's own statistics (asked for in one
#: statement, FalkorDB walks the graph instead: 330 ms for the extract instead of 0.5 ms).
COUNT_NODES = fixed_statement(__name__, "COUNT_NODES", "MATCH (n) RETURN count(n) AS nodes")
COUNT_RELATIONSHIPS = fixed_statement(__name__, "COUNT_RELATIONSHIPS",
                                      "MATCH ()-[r]->() RETURN count(r) AS relationships")


def now_stamp() -> str:
    """The time a log entry records: UTC, whole seconds, ISO 8601 (entries compare as text)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def next_seq(store: GraphStore) -> int:
    """The sequence number of the log's next write: one past the last (loads and unloads of one store run one at a
    time, under its load lock; Neo4j has no such lock, and two loads numbered alike are ordered by their stamps).
    Sent as a write: it is the first statement a load sends, and FalkorDB refuses a read of a graph no statement
    has made yet ("empty key": `loaders.seeds.load_seeds` on a new store that no schema set-up had touched)."""
    return int(store.write(LAST_SEQ).rows[0][0] or 0) + 1


def _log_load(store: GraphStore, source: str, checksum: str, properties: dict[str, Any]) -> None:
    record = NodeRecord(label="Load", id=f"{source}@{checksum[:16]}", name=source, sources=(source,),
                        properties={"source": source, "checksum": checksum, "seq": next_seq(store), **properties})
    write(store, cypher.upsert_nodes("Load"), {"rows": [record.row()]})


def start_load(store: GraphStore, source: str, checksum: str, held: Iterable[RelRecord] = (),
               reader_version: int | None = None) -> None:
    """Log a load as `started` (source, checksum, time), just before its first write, with the places it `held`
    back (`graph.store.held_back`), the version of the reader that read its files (`loaders.reader_version`) and,
    for a user table, how its records are keyed (`USER_RECORDS_VERSION`). Until `record_load` marks it complete,
    `interrupted_loads` names it. The counts of an earlier run of the same files stay until `record_load` says
    whether this one changed anything."""
    keyed = {"records_version": USER_RECORDS_VERSION} if source.startswith("user:") else {}
    _log_load(store, source, checksum, {"status": "started", "started_at": now_stamp(), "loaded_at": None,
                                        HELD_PROPERTY: held_entries(held), "reader_version": reader_version, **keyed})


def record_load(store: GraphStore, source: str, checksum: str, summary: WriteSummary, at: str | None = None) -> None:
    """Log a completed load as a `Load` node keyed by source and checksum (a re-run updates its time, `at` or now);
    inside `completion_deferred`, only when that block ends without an error.

    A re-run of logged files that created and updated nothing keeps the entry's counts: they say what the load
    brought, and a re-run's (all "unchanged") had the Overview show a CORDIS load that added nothing."""
    deferred = _DEFERRED.get()
    if deferred is not None:
        deferred.append((store, source, checksum, summary))
        return
    counts = {"nodes": summary.nodes, "created": summary.created, "updated": summary.updated,
              "unchanged": summary.unchanged, "relationships": summary.relationships}
    if not _changed(summary) and _counted_before(store, source, checksum):
        counts = {}
    _log_load(store, source, checksum, {"status": "complete", "loaded_at": at or now_stamp(), **counts})


def _changed(summary: WriteSummary) -> bool:
    return bool(summary.created or summary.updated or summary.relationships_created or summary.relationships_updated)


def _counted_before(store: GraphStore, source: str, checksum: str) -> bool:
    """Whether the log's entry of these files holds the counts of a run that completed."""
    found = store.read(cypher.logged_load(), {"rows": [{"source": source, "checksum": checksum}]}, row_cap=100)
    return any((props or {}).get("nodes") is not None for (props,) in found.rows)


@contextmanager
def completion_deferred() -> Iterator[None]:
    """Hold back the `complete` marks of the loads recorded inside the block until it ends without an error:
    what the block does after the writes (derived facts) is then part of the load, and a load stopped
    during it keeps its `started` mark."""
    held: list[tuple[GraphStore, str, str, WriteSummary]] = []
    token = _DEFERRED.set(held)
    try:
        yield
    finally:
        _DEFERRED.reset(token)
    completed = now_stamp()  # one time for the loads of the block: they complete together (their marks straddled a
    for store, source, checksum, summary in held:  # second now and then, which the Overview showed as two times)
        record_load(store, source, checksum, summary, completed)


def _place(entry: dict[str, Any], stamp: str) -> tuple[bool, int, str]:
    """Where an entry's last write stands in the log: by its sequence number, then (for entries logged before numbers,
    which all come first) by its `stamp`."""
    seq = entry.get("seq")
    return seq is not None, int(seq or 0), stamp


def _completed_by(entry: dict[str, Any], now: str) -> tuple:
    """Where a complete entry stands in the log (`_place`); () for one not complete, or unnumbered and without a stamp
    or stamped past `now` (by a clock that was ahead: such a completion orders nothing, it hid later loads of its
    source)."""
    stamp = entry.get("loaded_at") or ""
    if entry.get("status") in ("started", UNLOADING) or (entry.get("seq") is None and not "" < stamp <= now):
        return ()
    return _place(entry, stamp)


def interrupted_loads(entries: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The load log's `started` entries that no later complete load of the same source followed, and its
    `unloading` entries (an unload stopped half-way: some of the load's data is gone, its derived facts stale).

    `entries` are `last_loads` rows (source, status, seq, started_at, loaded_at), ordered by their sequence numbers
    (`_place`). A load logged before markers existed has no status and counts as complete. Among entries logged
    before numbers, a completion stamped later than now was stamped by a clock that was ahead (another machine's, or
    one corrected since), and supersedes no started entry.
    """
    entries, now = list(entries), now_stamp()
    done: dict[str, tuple] = {}
    for entry in entries:
        if completed := _completed_by(entry, now):
            done[entry["source"]] = max(done.get(entry["source"], ()), completed)
    return [e for e in entries if e.get("status") == UNLOADING or (
        e.get("status") == "started" and _place(e, e.get("started_at") or "") >= done.get(e["source"], ()))]


def unfinished_parts(entry: dict[str, Any]) -> tuple[str, str, str]:
    """What an unfinished entry of the log was doing, when it began and what finishes it, for a sentence:
    ("the cordis load", "2026-...", "run the same load again to complete it")."""
    source = entry["source"]
    if entry.get("status") == UNLOADING:
        return (f"the unload of {source}", entry.get("unload_started_at") or "",
                f"run `cluster-explorer unload {source}` again to finish it (or load the same files again to keep "
                "them)")
    return f"the {source} load", entry.get("started_at") or "", "run the same load again to complete it"


def data_version(store: GraphStore) -> str:
    """A short digest that changes whenever a load starts or completes, the facts derived from the loads are made
    again (`loaders.derived_version`), or the graph grows or shrinks.

    The one version that every cache keys on (the app's views, the analytics cache): the load log (each
    load's id, start and completion time; times are whole seconds, so two loads in one second are told
    apart by their ids) and the counts of nodes and relationships (entity resolution after a load, a
    clear or a write query add or remove things without a load). A write that only changes properties
    is not seen. Three cheap reads: the counts come from the store's own statistics.
    """
    loads = store.read(LOAD_STAMPS, row_cap=10**6).rows
    counts = [store.read(statement).rows[0][0] for statement in (COUNT_NODES, COUNT_RELATIONSHIPS)]
    text = repr(([tuple(r) for r in loads], counts))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def unfinished_loads(store: GraphStore, loads: list[dict]) -> tuple[list[dict], list[dict]]:
    """The unfinished loads of the log `loads`, and those of them still running.

    A load into the embedded store holds its load lock from start to end, and the loads of one run (`load
    sample`) hold it together and are marked complete together when it ends. So when another process holds the
    lock, the unfinished loads started since the last completed one are running (an earlier one was interrupted);
    when none does, every unfinished load was interrupted: the log is read again holding the lock, so that no
    load starts meanwhile (one starting in that instant waits it out, silently when the read is quick:
    `graph.store.locks.PROBE_GRACE_S`). Neo4j has no such lock: its unfinished loads are all called interrupted.
    """
    from graph.errors import StoreBusy
    from graph.store.backends import hold_for_load
    from graph.store.reads import last_loads

    if not interrupted_loads(loads):
        return [], []
    try:
        with hold_for_load(store, wait=False, announce=False):
            return interrupted_loads(last_loads(store, limit=100)), []
    except StoreBusy:
        unfinished = interrupted_loads(loads)
    now = now_stamp()
    last_done = max((_completed_by(e, now) for e in loads), default=())
    return unfinished, [e for e in unfinished if _place(e, unfinished_parts(e)[1]) >= last_done]
