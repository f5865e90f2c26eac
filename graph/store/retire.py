"""What a re-load of a source's files no longer gives: found, and marked for the unload's steps to take off.

A load only adds and updates (`graph.store.writer`): a row a user deleted from a table, or a link pointed at
another cluster, stayed in the store with the table's file in its `sources`. After the new load's records are
written, `gone` finds the nodes and relationships one of its files (`user:members/members.csv`) is on that the new
load did not give from that file. Files of the source the new load does not read are left alone: two CORDIS
archives (`cordis:<archive>/projects.csv`) or NUTS versions loaded one after the other both stay. It reads little:
the digests (`_hash`) of what one of the files gave, one list per type, less those the new load wrote
(`WriteSummary.digests`: every record a load gives holds its digest once written); then only the records left,
those without a digest, and those several of the files gave (their sources are compared whole).
`retire` renames the files gone on them, and in their `_given` entries (`graph.store.given`, `given_rels`), to the
source's retired prefix (`retired_prefix`: `user:members/~gone~/members.csv`), and takes their digest off (the next
load of that record compares it property by property). The unload's own steps then run over the retired prefix
(`graph.store.unload.take_off`): what only they gave is removed, what other loads give too keeps those loads'
sources and values, and the places other loads held back are written.

The retired prefix starts with the source's own: a re-load stopped after `retire` leaves marks that its next run
(any load or the unload of the source) finds and finishes; they are never taken for a file of a load.
"""


from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.store import cypher
from graph.store.contract import GIVEN_PROPERTY, HASH_PROPERTY, GraphStore
from graph.store.records import NodeRecord, RelRecord
from graph.store.schema import REL_TYPES, check_label, check_rel_type

__all__ = ["RETIRED", "UNKNOWN_MAX", "retired_prefix", "Gone", "gone", "retire", "held_of_source", "held_digests",
           "rel_endpoints"]

#: What a retired file's id gets after the source's prefix: no file of a load is named so.
RETIRED = "~gone~/"
_BATCH = 2000
#: The most digests of records not given that are sent to the store to find those records by (else all are read).
UNKNOWN_MAX = 5000


def retired_prefix(prefix: str) -> str:
    """The start of the ids of a source's retired files (`prefix`: the source's, e.g. `user:members/`)."""
    return prefix + RETIRED


_PATTERNS = {"nodes": "(x)", "relationships": "()-[x]->()"}


@cypher.statement([("nodes",), ("relationships",)])
def held_digests(what: str) -> str:
    """The digests of the nodes, or per type of the relationships, that one of the files `$files` gave (a few rows,
    whatever their number: a list each)."""
    kind = "null" if what == "nodes" else "type(x)"
    return (f"MATCH {_PATTERNS[what]}\n"
            f"WHERE single(s IN x.sources WHERE s IN $files) AND x.{HASH_PROPERTY} IS NOT NULL\n"
            f"RETURN {kind} AS kind, collect(x.{HASH_PROPERTY}) AS digests")


@cypher.statement([("nodes",), ("relationships",)])
def held_of_source(what: str) -> str:
    """The nodes (labels, id, sources, `_given`) or relationships (type, start labels and id, end labels and id, key,
    sources) that may be no longer given: those with a digest among `$unknown`; of those the files `$files` gave,
    all (`$all`) or those without a digest or from several of the files; and those with a source starting with
    `$mark` (marked by a run that stopped). The cheap tests first: at 1x CORDIS the read took 0.35 s, 0.9 s with
    the lists' first."""
    where = (f"WHERE x.{HASH_PROPERTY} IN $unknown OR (($all OR x.{HASH_PROPERTY} IS NULL OR NOT single(s IN x.sources "
             "WHERE s IN $files)) AND any(s IN x.sources WHERE s IN $files)) OR any(s IN x.sources WHERE s STARTS WITH "
             "$mark)")
    if what == "nodes":
        return (f"MATCH (x) {where}\n"
                f"RETURN labels(x) AS labels, x.id AS id, x.sources AS sources, x.{GIVEN_PROPERTY} AS given")
    return (f"MATCH ()-[x]->() {where}\n"
            "RETURN type(x) AS type, labels(startNode(x)) AS starts, startNode(x).id AS start, "
            "labels(endNode(x)) AS ends, endNode(x).id AS end, x.key AS key, x.sources AS sources, "
            f"x.{GIVEN_PROPERTY} AS given")


@cypher.statement(cypher.each_label)
def retire_nodes(label: str) -> str:
    """Rows `{id, sources, given}`: the `label` nodes' sources and `_given` with the files gone retired, no digest."""
    return (f"UNWIND $rows AS row MATCH (x:{check_label(label)} {{id: row.id}})\n"
            f"SET x.sources = row.sources, x.{GIVEN_PROPERTY} = row.given, x.{HASH_PROPERTY} = NULL\n"
            "RETURN count(x) AS done")


@cypher.statement(cypher.each_relationship)
def retire_relationships(rel_type: str, start_label: str, end_label: str) -> str:
    """Rows `{start, end, key, sources, given}`: the relationships' sources and `_given` with the files gone retired,
    no digest."""
    return ("UNWIND $rows AS row\n"
            f"MATCH (a:{check_label(start_label)} {{id: row.start}})-[x:{check_rel_type(rel_type)} {{key: row.key}}]->"
            f"(b:{check_label(end_label)} {{id: row.end}})\n"
            f"SET x.sources = row.sources, x.{GIVEN_PROPERTY} = row.given, x.{HASH_PROPERTY} = NULL\n"
            "RETURN count(x) AS done")


@dataclass
class Gone:
    """What the store holds from a source's earlier loads that its new load did not give: per label (nodes) or per
    (type, start label, end label) the rows `retire` writes; per file, how many nodes and relationships it no
    longer gives; `leftover`: marks of an earlier run of this step that stopped before the unload's steps ended."""

    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    relationships: dict[tuple[str, str, str], list[dict[str, Any]]] = field(default_factory=dict)
    by_file: dict[str, list[int]] = field(default_factory=dict)
    leftover: bool = False

    def __bool__(self) -> bool:
        return bool(self.nodes or self.relationships or self.leftover)

    def count(self, files: Iterable[str], at: int) -> None:
        for file in files:
            self.by_file.setdefault(file, [0, 0])[at] += 1


def _retired(sources: list[str], files: set[str], prefix: str) -> list[str]:
    return [retired_prefix(prefix) + s[len(prefix):] if s in files else s for s in sources]


def _given(entries: list[str] | None, files: set[str], prefix: str) -> list[str] | None:
    """`_given` with `files` retired in its entries' sources (a value holding the same text is left as it is)."""
    if not entries:
        return entries
    decoded = [json.loads(e) for e in entries]
    return [json.dumps({**e, "sources": _retired(e["sources"], files, prefix)}, ensure_ascii=False, sort_keys=True)
            for e in decoded]


def rel_endpoints(rel_type: str, starts: list[str], ends: list[str]) -> tuple[str, str]:
    rel = REL_TYPES[rel_type]
    return next(s for s in rel.starts if s in starts), next(e for e in rel.ends if e in ends)


def _candidates(store: GraphStore, what: str, files: list[str], mark: str,
                digests: dict[str | None, set[int]]) -> list[list]:
    """The rows of `held_of_source(what)` that may be no longer given: first the digests of what one of `files` gave
    (a list per type, a few rows), those the new load wrote (`digests`) left out, then the rest read whole: at 1x
    the whole read of CORDIS's 122,674 relationships took 7.7 s, returned row by row. Above `UNKNOWN_MAX` digests
    not given, everything the files gave is read (the store tests `IN $unknown` list by list)."""
    unknown: list[int] = []
    found = store.read(held_digests(what), {"files": files}, row_cap=10**4, timeout_s=600).rows
    for kind, held in found:
        given = digests.get(kind, set())
        unknown += [digest for digest in held if digest not in given]
    params = {"files": files, "mark": mark, "all": len(unknown) > UNKNOWN_MAX, "unknown": unknown[:UNKNOWN_MAX]}
    return store.read(held_of_source(what), params, row_cap=10**8, timeout_s=600).rows


def gone(store: GraphStore, prefix: str, nodes: list[NodeRecord], rels: list[RelRecord],
         digests: dict[str | None, set[int]]) -> Gone:
    """What the files of the new load (its records `nodes` and `rels`, written with `digests`: `WriteSummary.digests`)
    gave before and no longer give: each node or relationship one of those files is on that the new load does not
    give it from that file. Files of the source the new load does not read (another CORDIS archive, another NUTS
    version) are left as they are. With them, what a stopped run marked (`Gone.leftover`)."""
    given_nodes: dict[tuple[str, str], set[str]] = {}
    for n in nodes:
        given_nodes.setdefault((n.label, n.id), set()).update(n.sources)
    given_rels: dict[tuple[str, str, str, str], set[str]] = {}
    for r in rels:
        given_rels.setdefault((r.type, r.start_id, r.end_id, r.key), set()).update(r.sources)
    new_files = {s for given in (*given_nodes.values(), *given_rels.values()) for s in given if s.startswith(prefix)}
    files, found, mark = sorted(new_files), Gone(), retired_prefix(prefix)
    rows = _candidates(store, "nodes", files, mark, digests)
    for labels, node_id, sources, given in rows:
        found.leftover |= any(s.startswith(mark) for s in sources)
        still = set().union(*(given_nodes.get((label, node_id), set()) for label in labels))
        gone_files = {s for s in sources if s in new_files and s not in still}
        if gone_files:
            found.count(gone_files, 0)
            label = next(label for label in labels if (label, node_id) in given_nodes) if still else labels[0]
            found.nodes.setdefault(check_label(label), []).append({
                "id": node_id, "sources": _retired(sources, gone_files, prefix),
                "given": _given(given, gone_files, prefix)})
    del rows
    rows = _candidates(store, "relationships", files, mark, digests)
    for rel_type, starts, start, ends, end, key, sources, given in rows:
        found.leftover |= any(s.startswith(mark) for s in sources)
        still = given_rels.get((rel_type, start, end, key), set())
        gone_files = {s for s in sources if s in new_files and s not in still}
        if gone_files:
            found.count(gone_files, 1)
            found.relationships.setdefault((rel_type, *rel_endpoints(rel_type, starts, ends)), []).append(
                {"start": start, "end": end, "key": key, "sources": _retired(sources, gone_files, prefix),
                 "given": _given(given, gone_files, prefix)})
    return found


def retire(store: GraphStore, found: Gone) -> None:
    """Write `found`'s retired sources (and `_given`), in batches: each is one statement, and a run stopped between
    two leaves the rest with the files as they were, found again by the next run's `gone`."""
    for label, rows in found.nodes.items():
        for at in range(0, len(rows), _BATCH):
            store.write(retire_nodes(label), {"rows": rows[at:at + _BATCH]})
    for (rel_type, start, end), rows in found.relationships.items():
        for at in range(0, len(rows), _BATCH):
            store.write(retire_relationships(rel_type, start, end), {"rows": rows[at:at + _BATCH]})
