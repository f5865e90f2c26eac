"""What the project does with any store, written once over the store contract.

The one writer (`write_records`) validates everything first, then finds out what the store already
holds and upserts only what is new or changed, in batches with `UNWIND ... MERGE`: a rejected input
writes nothing and a re-run writes nothing. `counts`, `to_networkx` and the load log serve the CLI, the
app and the analytics.

How the writer tells created, updated and unchanged apart: every node and relationship it writes
carries `_hash` (`HASH_PROPERTY`), a 63-bit digest of its identity (id; or start, end and key) and of
what was written (labels, properties, sources). A record whose digest the store holds is unchanged and is not
sent again. Any other is looked up: absent, it is created; present (changed, written by another loader
since, or before digests existed), its values are compared property by property as it is written.
What the store holds of a label or relationship type is read once per load, identities and digests
(`changes.held_records`): none for a first load, a few thousand when seeds and NUTS came first; only a
label it holds more than `HELD_READ_MAX` of is read batch by batch (a re-run of a big load).
`_hash` is bookkeeping, not a fact: `to_networkx` and both adapters' results leave it out. A write that
bypasses this writer and changes a loaded property should remove `_hash`, or a re-load takes the record
as unchanged and leaves the change.

Batches are sent in order by one worker thread while this thread prepares the next (rows, digests and,
on a store that offers `inline_parameters(query, params) -> str`, the parameter text), so the two
cores work at once: one on Python, one in the database server.

A load that stops half-way (killed, the database lost, the disk full) is completed by running it
again, and the digests make that exact: each batch is one statement, so a record's digest is in the
store only once all of that record is; a node's digest says nothing of its relationships, which are
looked up by their own. The load log (`graph.store.load_log`) says which loads never finished.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from graph.errors import Problem, ValidationFailed
from graph.store import cypher
from graph.store.changes import Batch, held_records, node_batch, rel_batch, rel_row, relationship_groups
from graph.store.contract import HASH_PROPERTY, GraphStore
from graph.store.disk import write
from graph.store.given import given_values, label_taken_off
from graph.store.records import NodeRecord, RelRecord, relationships_with_problems

__all__ = ["WriteSummary", "write_records", "HASH_PROPERTY", "statements", "Progress"]

BATCH_SIZE = 2000
READ_BATCH = 5000
#: Batches made and waiting for the worker thread, beyond the one it is sending.
QUEUED_BATCHES = 2
#: Called as `progress(done, total)` with records written so far and in all (a CLI bar, st.progress).
Progress = Callable[[int, int], None]


@dataclass
class WriteSummary:
    """What a write did: nodes and relationships created / updated / unchanged.

    `relationships` is every distinct relationship given (created + updated + unchanged); the same
    relationship (type, endpoints and key) given twice is one, with the properties of both. `changed`: the
    labels and relationship types of which something was created or updated (what derived facts depend on).
    """

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    relationships: int = 0
    by_label: dict[str, int] = field(default_factory=dict)
    relationships_created: int = 0
    relationships_updated: int = 0
    relationships_unchanged: int = 0
    changed: set[str] = field(default_factory=set)
    #: What a re-load took off of its source's earlier load, in sentences (`loaders.reload_gone`)
    retired: list[str] = field(default_factory=list)
    #: The digests of every node, and per type of every relationship, given (`graph.store.retire.gone` reads them)
    digests: dict[str | None, set[int]] = field(default_factory=dict, repr=False)

    @property
    def nodes(self) -> int:
        return self.created + self.updated + self.unchanged

    def describe(self) -> str:
        """`30 nodes (0 created, 0 updated, 30 unchanged), 52 relationships (0 created, ...)`: what the CLI and the
        Data page say of a load (a re-run said "52 relationships written" of relationships it left alone)."""
        return (f"{self.nodes} nodes ({self.created} created, {self.updated} updated, {self.unchanged} unchanged), "
                f"{self.relationships} relationships ({self.relationships_created} created, "
                f"{self.relationships_updated} updated, {self.relationships_unchanged} unchanged)")

    def count(self, batch: Batch, name: str, relationships: bool = False) -> None:
        """Add what `batch` (of the label or relationship type `name`) creates, updates and leaves unchanged."""
        prefix = "relationships_" if relationships else ""
        for what in ("created", "updated", "unchanged"):
            setattr(self, prefix + what, getattr(self, prefix + what) + getattr(batch, what))
        if batch.created or batch.updated:
            self.changed.add(name)
        self.digests.setdefault(name if relationships else None, set()).update(batch.digests)


def _batches(rows: list[Any], size: int | None = None) -> Iterable[list[Any]]:
    size = size or BATCH_SIZE  # read at each call, so a test can set smaller batches
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def statements() -> list[str]:
    """Every statement the writer sends besides those of `graph.store.cypher` (its part of the Cypher registry)."""
    return (cypher.all_statements("graph.store.changes") + [given_values(label) for (label,) in cypher.each_label()]
            + cypher.all_statements(__name__))


# -- validation -----------------------------------------------------------------------------------------

def _validate(store: GraphStore, nodes: list[NodeRecord], rels: list[RelRecord], origin: str) -> None:
    problems = [Problem(origin, None, None, f"node {n.label} {n.id!r}: {p}") for n in nodes for p in n.problems()]
    problems += [Problem(origin, None, None, f"relationship {r.type} {r.start_id!r}->{r.end_id!r}: {p}")
                 for r, found in relationships_with_problems(rels) for p in found]
    seen: dict[tuple[str, str], NodeRecord] = {}
    for n in nodes:
        other = seen.get((n.label, n.id))
        if other is not None and other != n:
            problems.append(Problem(origin, None, "id", f"{n.label} {n.id!r} is given twice with different values"))
        seen[(n.label, n.id)] = n
    if problems:
        raise ValidationFailed(problems)
    known = defaultdict(set)
    for n in nodes:
        known[n.label].add(n.id)
        for extra in n.extra_labels:
            known[extra].add(n.id)
    wanted: dict[str, set[str]] = defaultdict(set)
    for r in rels:
        for label, node_id in ((r.start_label, r.start_id), (r.end_label, r.end_id)):
            if node_id not in known[label]:
                wanted[label].add(node_id)
    for label, ids in wanted.items():
        for batch in _batches(sorted(ids), READ_BATCH):
            found = store.read(cypher.existing_ids(label), {"ids": batch}, row_cap=len(batch) + 1)
            known[label].update(row[0] for row in found.rows)
        missing = ids - known[label]
        problems += [Problem(origin, None, None, f"a relationship points to {label} {m!r}, which does not exist")
                     for m in sorted(missing)[:100]]
    if problems:
        raise ValidationFailed(problems)


# -- writing ----------------------------------------------------------------------------------------------

class _Sender:
    """Sends write statements in order on one worker thread and reports progress on this one.

    At most `QUEUED_BATCHES` made batches wait; after a failed write nothing more is sent, and the
    store's error is raised here.
    """

    def __init__(self, store: GraphStore, progress: Progress | None, total: int):
        self._store, self._progress, self._total, self._done = store, progress, total, 0
        self._inline = getattr(store, "inline_parameters", None)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="write_records")
        self._waiting: deque[tuple[Any, int]] = deque()
        self._failed = False

    def __enter__(self) -> _Sender:
        return self

    def __exit__(self, *exc: Any) -> None:
        try:
            while self._waiting and exc[0] is None:
                self._finish_oldest()
        finally:
            self._failed = True  # whatever is still queued is not sent
            self._pool.shutdown(wait=True, cancel_futures=True)

    def send(self, statement: str, batch: Batch, records: int) -> None:
        """Write `batch`, which stands for `records` records (the others were unchanged)."""
        if not batch.rows:
            self._done += records
            self._report()
            return
        params = {"rows": batch.rows}
        job = (self._inline(statement, params), None) if self._inline else (statement, params)
        self._waiting.append((self._pool.submit(self._write, *job), records))
        while len(self._waiting) > QUEUED_BATCHES:
            self._finish_oldest()

    def _write(self, query: str, params: dict[str, Any] | None) -> None:
        if self._failed:
            return
        try:
            write(self._store, query, params)
        except BaseException:
            self._failed = True
            raise

    def _finish_oldest(self) -> None:
        future, records = self._waiting.popleft()
        future.result()
        self._done += records
        self._report()

    def _report(self) -> None:
        if self._progress:
            self._progress(self._done, self._total)


def write_records(store: GraphStore, nodes: Iterable[NodeRecord], rels: Iterable[RelRecord], *,
                  origin: str = "input", progress: Progress | None = None,
                  before_first_write: Callable[[], None] | None = None) -> WriteSummary:
    """Validate all records, then upsert the new and changed ones in batches. Nothing is written if
    anything is wrong.

    `progress(done, total)` is called after every batch (for a progress bar); unchanged records count
    as done. `before_first_write()` is called once all records have passed (a load marks itself started).
    """
    nodes, rels = list(nodes), list(rels)
    _validate(store, nodes, rels, origin)
    if before_first_write is not None:
        before_first_write()
    groups: dict[tuple[str, tuple[str, ...]], list[NodeRecord]] = defaultdict(list)
    for n in {(n.label, n.id): n for n in nodes}.values():
        groups[(n.label, tuple(sorted(n.extra_labels)))].append(n)
    rel_groups, repeats = relationship_groups(rels)
    # What the store holds, read once per label and type (none: a first load; many: batch by batch).
    held = {label: held_records(store, label) for label in {label for label, _ in groups}}
    held_rels = {key: held_records(store, relationship=key) for key in rel_groups}
    summary = WriteSummary()
    total = sum(map(len, groups.values())) + sum(map(len, rel_groups.values()))
    labels_off: dict[str, list[dict[str, str]]] = defaultdict(list)
    with _Sender(store, progress, total) as sender:
        for (label, extra), group in groups.items():
            statement = cypher.upsert_nodes(label, extra)
            summary.by_label[label] = summary.by_label.get(label, 0) + len(group)
            for records in _batches(group):
                batch = node_batch(store, label, extra, records, held[label])
                summary.count(batch, label)
                for taken, found in batch.labels_off.items():
                    labels_off[taken] += found
                sender.send(statement, batch, len(records))
        for (rel_type, start, end), group in rel_groups.items():
            statement = cypher.upsert_relationships(rel_type, start, end)
            if held_rels[(rel_type, start, end)] is None:  # by start node: each batch reads what few nodes hold
                group.sort(key=lambda r: r.start_id)
            for records in _batches(group):
                rows = [rel_row(r, repeats) for r in records]
                fills = {(r.start_id, r.end_id, r.key): r.fills for r in records if r.fills}
                batch = rel_batch(store, rel_type, start, end, rows, held_rels[(rel_type, start, end)], fills)
                summary.count(batch, rel_type, relationships=True)
                sender.send(statement, batch, len(records))
    summary.relationships = (summary.relationships_created + summary.relationships_updated
                             + summary.relationships_unchanged)
    _take_off_labels(store, labels_off, summary)
    return summary


def _take_off_labels(store: GraphStore, labels_off: dict[str, list[dict[str, str]]], summary: WriteSummary) -> None:
    """Take off the labels this load's files gave and give no more (a re-load whose mapping no longer has
    `extra_labels = ["Cluster"]`: the label had stayed), after the nodes are written: from the nodes only its files
    give (`own` rows), and from those other loads give too when no other load gives it."""
    for label, rows in sorted(labels_off.items()):
        for at in range(0, len(rows), BATCH_SIZE):
            store.write(label_taken_off(label), {"rows": rows[at:at + BATCH_SIZE]})
        summary.changed.add(label)
        own = sum(1 for row in rows if row.get("own"))
        if own:
            summary.retired.append(f"{own} node(s) only this load's files give lost the label {label}: its files gave "
                                   "it and give it no more.")
        if len(rows) > own:
            summary.retired.append(f"{len(rows) - own} node(s) other loads give too lost the label {label}: this "
                                   "load's files gave it and give it no more, and no other load does.")
