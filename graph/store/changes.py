"""Change detection for the one writer: digests, what the store holds, and which rows must be sent.

Every node and relationship the writer writes carries `_hash` (`HASH_PROPERTY`), a 63-bit digest of its
identity and of what was written. A batch's rows whose digest the store holds are unchanged; the others
are looked up (absent: created; present: compared property by property). `graph.store.writer` sends what
is left. Apart from the writer so that each stays small; nothing else should need these.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graph.store import cypher
from graph.store.contract import GIVEN_PROPERTY, HASH_PROPERTY, INTERNAL_PROPERTIES, GraphStore
from graph.store.given import own_labels_gone, record_given
from graph.store.given_rels import mark_starts, record_rel_given
from graph.store.records import NodeRecord, RelRecord
from graph.store.schema import check_label, check_rel_type
from graph.store.search_text import SEARCH_PROPERTY, node_search_text

__all__ = ["Batch", "Held", "HELD_READ_MAX", "held_records", "node_digests", "rel_digests", "rel_states",
           "held_nodes", "held_relationships", "node_batch", "rel_batch", "relationship_groups", "rel_row"]


# -- the statements of change detection (linted and run on the embedded store by the tests) ------------

@cypher.statement(lambda: [(label, among) for (label,) in cypher.each_label() for among in (False, True)])
def held_nodes(label: str, among_ids: bool = False) -> str:
    """Id and digest of every `label` node, read once when the store holds few; `among_ids`: only the digests of
    the nodes among `$ids`, in one list (each batch's read when it holds many: a quarter less CPU than rows)."""
    match = f"MATCH (n:{check_label(label)})"
    if among_ids:
        return f"{match} WHERE n.id IN $ids RETURN collect(n.{HASH_PROPERTY}) AS digests"
    return f"{match} RETURN n.id AS id, n.{HASH_PROPERTY} AS digest"


@cypher.statement(lambda: [(*rel, among) for rel in cypher.each_relationship() for among in (False, True)])
def held_relationships(rel_type: str, start_label: str, end_label: str, among_starts: bool = False) -> str:
    """Endpoints, key and digest of every such relationship, read once when the store holds few; `among_starts`:
    only the digests of those from the start nodes among `$ids`, in one list (each batch's read)."""
    match = f"MATCH (a:{check_label(start_label)})-[r:{check_rel_type(rel_type)}]->(b:{check_label(end_label)})"
    if among_starts:
        return f"{match} WHERE a.id IN $ids RETURN collect(r.{HASH_PROPERTY}) AS digests"
    return f"{match} RETURN a.id AS start, b.id AS end, r.key AS key, r.{HASH_PROPERTY} AS digest"


def node_digests(label: str) -> str:
    """A batch's read of the digests the store holds of its nodes (`$ids`)."""
    return held_nodes(label, among_ids=True)


def rel_digests(rel_type: str, start_label: str, end_label: str) -> str:
    """A batch's read of the digests the store holds of the relationships from its start nodes (`$ids`)."""
    return held_relationships(rel_type, start_label, end_label, among_starts=True)


@cypher.statement(cypher.each_relationship)
def rel_states(rel_type: str, start_label: str, end_label: str) -> str:
    """Properties and `_given` of the relationships named by rows `{start, end, key}`."""
    return ("UNWIND $rows AS row\n"
            f"MATCH (a:{check_label(start_label)} {{id: row.start}})"
            f"-[r:{check_rel_type(rel_type)} {{key: row.key}}]->(b:{check_label(end_label)} {{id: row.end}})\n"
            f"RETURN row.start AS start, row.end AS end, row.key AS key, properties(r) AS props, r.{GIVEN_PROPERTY} AS "
            "given")


# -- change detection -------------------------------------------------------------------------------------

def _digest(*parts: Any) -> int:
    """A 63-bit number that stands for `parts` (repr is exact for the plain values records hold); a
    number, not text, as the store keeps it in place at no cost."""
    return int.from_bytes(hashlib.blake2b(repr(parts).encode(), digest_size=8).digest()) >> 1


def _same(stored: Any, wanted: Any) -> bool:
    """Equal as stored: FalkorDB keeps 15 significant digits, so floats compare with a tiny tolerance."""
    if isinstance(stored, float) or isinstance(wanted, float):
        try:
            return math.isclose(float(stored), float(wanted), rel_tol=1e-12, abs_tol=1e-12)
        except (TypeError, ValueError):
            return False
    if isinstance(stored, list) and isinstance(wanted, (list, tuple)):
        return len(stored) == len(wanted) and all(_same(a, b) for a, b in zip(stored, wanted, strict=True))
    return stored == wanted


def _holds(props: dict[str, Any], row: dict[str, Any]) -> bool:
    """Whether stored `props` already say what `row` would write (a None value removes a property)."""
    return (all(props.get(k) is None if v is None else _same(props.get(k), v)
                for k, v in row["props"].items() if k not in INTERNAL_PROPERTIES)
            and set(row["sources"]) <= set(props.get("sources") or []))


#: A label or relationship type the store holds at most this many of is read whole, once per load (identities
#: and digests), instead of once per batch; above it, batch by batch (memory stays flat on a re-run of a big load).
HELD_READ_MAX = 100_000
#: Identity (a node's id; a relationship's start, end and key) -> digest of what the store held when the load began.
Held = dict[Any, Any]
_ABSENT = object()


def held_records(store: GraphStore, label: str | None = None,
                 relationship: tuple[str, str, str] | None = None) -> Held | None:
    """What the store holds of `label` (or of `relationship`: type, start and end label), read once; None when
    it holds more than `HELD_READ_MAX` (then each batch reads its own). Empty for a first load: nothing to read."""
    if relationship is None:
        count = store.read(cypher.count_label(label)).rows[0][0]
    else:
        count = store.read(cypher.count_rel_type(relationship[0])).rows[0][0]
    if count == 0 or count > HELD_READ_MAX:
        return {} if count == 0 else None
    if relationship is None:
        found = store.read(held_nodes(label), row_cap=count + 1, timeout_s=300)
        return {node_id: digest for node_id, digest in found.rows}
    found = store.read(held_relationships(*relationship), row_cap=count + 1, timeout_s=300)
    return {(start, end, key): digest for start, end, key, digest in found.rows}


@dataclass
class Batch:
    """The rows of a batch that must be written (digest included), and what the store held of its records."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    #: The digest of every record of the batch, written or not (what the store holds of them once it is written)
    digests: list[int] = field(default_factory=list)
    #: Per label, the nodes to take it off once written (`graph.store.given.record_given`)
    labels_off: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    def keep(self, rows: list[dict[str, Any]], digests: set[str]) -> list[dict[str, Any]]:
        """Keep the rows whose digest the store lacks (new, changed, or written without a digest): to compare."""
        for row in rows:
            if row["props"][HASH_PROPERTY] in digests:
                self.unchanged += 1
            else:
                self.rows.append(row)
        return self.rows

    def sort(self, rows: list[dict[str, Any]], identity: Callable[[dict[str, Any]], Any],
             held: Held) -> list[dict[str, Any]]:
        """Keep the rows that are new (created, no reading) or whose stored record has another digest: those are
        returned, to compare."""
        look = []
        for row in rows:
            digest = held.get(identity(row), _ABSENT)
            if digest is _ABSENT:
                self.rows.append(row)
                self.created += 1
            elif digest == row["props"][HASH_PROPERTY]:
                self.unchanged += 1
            else:
                self.rows.append(row)
                look.append(row)
        return look

    def compare(self, rows: list[dict[str, Any]], same: Callable[[dict[str, Any]], bool | None]) -> None:
        """Count `rows`: `same(row)` is None for a record the store lacks, else whether it holds it."""
        for row in rows:
            verdict = same(row)
            if verdict is None:
                self.created += 1
            elif verdict:
                self.unchanged += 1
            else:
                self.updated += 1


def node_batch(store: GraphStore, label: str, extra: tuple[str, ...], nodes: list[NodeRecord],
               held: Held | None) -> Batch:
    """What to write of `nodes` (all `label` with `extra` labels); `held`: what the store held of `label`
    (`held_records`), or None to read this batch's digests."""
    rows = [n.row() for n in nodes]
    for row in rows:
        row["props"][HASH_PROPERTY] = _digest(row["id"], label, extra, row["props"], row["sources"])
    batch = Batch(digests=[row["props"][HASH_PROPERTY] for row in rows])
    if held is not None:
        look = batch.sort(rows, lambda row: row["id"], held)
    else:
        (digests,), = store.read(node_digests(label), {"ids": [row["id"] for row in rows]}, row_cap=1,
                                 timeout_s=300).rows
        look = batch.keep(rows, set(digests))
    if look:
        found = store.read(cypher.node_states(label), {"ids": [row["id"] for row in look]},
                           row_cap=10**7, timeout_s=300)
        before = {node_id: (props, set(labels)) for node_id, props, labels in found.rows}
        fills = {n.id: n.fills for n in nodes if n.fills}
        _take_off_emptied(look, before, fills)
        _keep_stored_names(look, before)
        batch.labels_off = record_given(store, (label, *extra), look, before, fills)
        for gone, rows_off in own_labels_gone(look, before, (label, *extra)).items():
            batch.labels_off.setdefault(gone, []).extend(rows_off)
        batch.compare(look, lambda row: None if row["id"] not in before else
                      _holds(before[row["id"]][0], row) and set(extra) <= before[row["id"]][1])
    return batch


def _node_id(row: dict[str, Any]) -> Any:
    return row["id"]


def _take_off_emptied(rows: list[dict[str, Any]], before: dict[Any, tuple[dict[str, Any], set[str]]],
                      fills: dict[Any, frozenset[str]], identity: Callable[[dict[str, Any]], Any] = _node_id) -> None:
    """A property a record's table fills (`NodeRecord.fills`) that its row no longer gives (the cell emptied since)
    is taken off, when only the row's files gave the node or relationship: the value was theirs. A node other loads
    give too gets the value they give, or none (`graph.store.given.record_given`). Done after the digest."""
    for row in rows:
        stored, filled = before.get(identity(row)), fills.get(identity(row))
        if stored is None or not filled or not set(stored[0].get("sources") or []) <= set(row["sources"]):
            continue
        for key in filled - row["props"].keys():
            if stored[0].get(key) is not None:
                row["props"][key] = None


def _keep_stored_names(rows: list[dict[str, Any]], before: dict[str, tuple[dict[str, Any], set[str]]]) -> None:
    """A node that another load named too stays findable by that load's acronym and aliases: its search text is
    made of the names it will hold once written (this row's over the stored ones), not of this row's alone (a
    table naming the seeds' `industrial-green-tech` without its acronym made `IGT` find nothing). Done after the
    digest, so a re-run of the same records is still found unchanged."""
    for row in rows:
        stored = before.get(row["id"])
        if stored is None:
            continue
        held = stored[0]
        names = {"acronym": held.get("acronym"), "aliases": held.get("aliases"), **row["props"]}
        row["props"][SEARCH_PROPERTY] = node_search_text(row["id"], names)


def rel_batch(store: GraphStore, rel_type: str, start: str, end: str, rows: list[dict[str, Any]],
              held: Held | None, fills: dict[tuple[str, str, str], frozenset[str]] | None = None) -> Batch:
    """What to write of relationship `rows`; `held`: what the store held of them (`held_records`), or None to
    read this batch's digests; `fills`: (start, end, key) -> the properties their table fills (`RelRecord.fills`):
    one a row lacks is taken off a relationship only its files give; one other loads give too gets the value they
    give (`graph.store.given_rels`)."""
    for row in rows:
        row["props"][HASH_PROPERTY] = _digest(row["start"], row["end"], row["key"], row["props"], row["sources"])
    batch = Batch(digests=[row["props"][HASH_PROPERTY] for row in rows])
    if held is not None:
        look = batch.sort(rows, lambda row: (row["start"], row["end"], row["key"]), held)
    else:
        (digests,), = store.read(rel_digests(rel_type, start, end), {"ids": sorted({row["start"] for row in rows})},
                                 row_cap=1, timeout_s=300).rows
        look = batch.keep(rows, set(digests))
    if look:
        names = [{"start": row["start"], "end": row["end"], "key": row["key"]} for row in look]
        found = store.read(rel_states(rel_type, start, end), {"rows": names}, row_cap=10**7, timeout_s=300)
        before = {(a, b, key): props for a, b, key, props, _ in found.rows}
        _take_off_emptied(look, {ends: (props, set()) for ends, props in before.items()}, fills or {},
                          lambda row: (row["start"], row["end"], row["key"]))
        record_rel_given(look, before, {(a, b, key): given for a, b, key, _, given in found.rows}, fills or {})
        mark_starts(store, start, look)
        batch.compare(look, lambda row: None if (row["start"], row["end"], row["key"]) not in before else
                      _holds(before[(row["start"], row["end"], row["key"])], row))
    return batch


def relationship_groups(rels: list[RelRecord]) -> tuple[dict[tuple[str, str, str], list[RelRecord]],
                                                        dict[tuple[str, ...], list[RelRecord]]]:
    """Relationships by type and endpoint labels, each once (by start, end and key), and the repeats."""
    groups: dict[tuple[str, str, str], dict[tuple[str, str, str], RelRecord]] = defaultdict(dict)
    repeats: dict[tuple[str, ...], list[RelRecord]] = defaultdict(list)
    for r in rels:
        group = groups[(r.type, r.start_label, r.end_label)]
        if group.setdefault((r.start_id, r.end_id, r.key), r) is not r:
            repeats[_identity(r)].append(r)
    return {key: list(group.values()) for key, group in groups.items()}, repeats


def _identity(r: RelRecord) -> tuple[str, ...]:
    return (r.type, r.start_label, r.start_id, r.end_label, r.end_id, r.key)


def rel_row(r: RelRecord, repeats: dict[tuple[str, ...], list[RelRecord]]) -> dict[str, Any]:
    """The row of `r`; a relationship given again is merged as if written twice, in order (later
    properties win, sources add up)."""
    row = r.row()
    for again in repeats.get(_identity(r), ()) if repeats else ():
        more = again.row()
        row["props"] = {**row["props"], **more["props"]}
        row["sources"] = row["sources"] + [s for s in more["sources"] if s not in row["sources"]]
    return row
