"""Records of the generic loader: one node or relationship per row of a mapped table, checked and merged.

`collect` turns the rows of a table (`loaders.csv_tables.Table`, read from CSV or JSON) into records
by a mapping's `FileSpec`, converting cells with the value vocabulary (`graph.values`) and naming file,
line and column for every problem; `unresolved_ends` lists the relationship ends no file provides.

An empty key (a node's id, a relationship's end) is an error unless the table's `on_empty` says to
skip the row or to fill in a placeholder; either way the row goes into `Collected.skipped` or
`Collected.filled` (file, line, column), which the loader reports. How one row becomes one record is in
`loaders.generic_rows`; here the records of every table are gathered, repeats merged and conflicts said.
"""
from __future__ import annotations

import dataclasses
from collections import Counter

from graph.errors import Problem
from graph.store.records import NodeRecord, RelRecord
from loaders.csv_tables import Table
from loaders.generic_merge import agrees, filled_in, most_frequent
from loaders.generic_merge import count as count_values
from loaders.generic_merge import merged as merged_record
from loaders.generic_places import spec_fills
from loaders.generic_rows import Collected, SkipRow, node_record, record_identity, rel_record, split_rows
from loaders.mapping_spec import FileSpec

__all__ = ["Records", "collect", "settle_names", "unresolved_ends", "constant_end_places", "constant_ends_by_name"]


def _what(record: NodeRecord | RelRecord) -> str:
    if isinstance(record, NodeRecord):
        return f"{record.label} {record.id!r}"
    key = f" (key {record.key!r})" if record.key else ""
    return f"{record.type} {record.start_id!r} -> {record.end_id!r}{key}"


Records = dict[tuple, tuple[NodeRecord | RelRecord, FileSpec, int]]


def collect(spec: FileSpec, table: Table, source: str, records: Records, problems: list[Problem],
            collected: Collected | None = None) -> int:
    """Records of a table's rows into `records`, keyed by identity; returns how many repeats were merged.
    A problem (file, line, column) for each row that gives no record, and for each key given twice with
    different data. Places, skipped rows and placeholders go into `collected`."""
    merged = 0
    collected = collected if collected is not None else Collected()
    flagged = {(p.file, p.line) for p in problems}  # rows the reader refused a cell of: said once is enough
    fills = spec_fills(spec)  # one set for every record of the table
    for row, line in split_rows(spec, table):
        where = (spec.file, line)
        try:
            record = (node_record if spec.kind == "nodes" else rel_record)(spec, row, where, source, problems,
                                                                           collected, fills)
        except SkipRow:
            continue
        if record is None:
            continue
        if where not in flagged:
            problems += [Problem(*where, None, p) for p in record.problems()]
        identity = record_identity(record)
        first = records.get(identity)
        merging = spec.on_conflict == "merge"
        if merging:  # names and values are counted, then settled once every row is read (`settle_names`)
            collected.names.setdefault(identity, Counter())[record.name] += 1
            count_values(collected.variants.setdefault(identity, []), record.properties)
        if first is None:
            records[identity] = (record, spec, line)
        elif _data(first[0]) != _data(record) and not agrees(first[0], record, spec.said_labels):
            if merging:
                records[identity] = (merged_record(first[0], record), first[1], first[2])
                collected.conflicts.setdefault(identity, [(first[1].file, first[2])]).append(where)
            else:
                problems.append(Problem(*where, spec.id or spec.key or spec.start.column, (
                    f"{_what(record)} is given twice with different data; first at {first[1].file}:{first[2]}"
                    + _conflict_hint(record))))
        else:  # a repeat, or one differing only by empty cells: its values and sources (another file's) join
            merged += 1
            if (record.properties.keys() - first[0].properties.keys() or not set(record.sources) <= set(
                    first[0].sources) or isinstance(record, NodeRecord) and {*record.extra_labels} - {
                    *first[0].extra_labels}):
                records[identity] = (filled_in(first[0], record), first[1], first[2])
    return merged


def _data(record: NodeRecord | RelRecord) -> tuple:
    """Everything a record says but its sources: two rows giving the same data are one record (tuples compared,
    not records rebuilt without their sources: most rows of a participation table repeat one)."""
    if isinstance(record, NodeRecord):
        return record.label, record.id, record.name, record.extra_labels, record.properties
    return (record.type, record.start_label, record.start_id, record.end_label, record.end_id, record.properties,
            record.key)


def _conflict_hint(record: NodeRecord | RelRecord) -> str:
    """What a mapping can say about it, when the file is right to hold both rows."""
    if isinstance(record, NodeRecord):
        return ' (if both rows are right, on_conflict = "merge" makes them one node)'
    return (" (if both rows are right, a key column tells them apart: key = \"column\"; in the participation "
            "preset, participation_key)")


def settle_names(records: Records, collected: Collected) -> list[str]:
    """Names and values of merged nodes (`on_conflict = "merge"`): the most frequent spelling (ties: the first
    row's), the others in `aliases`, as the CORDIS loader names a PIC; each property's most frequent value (ties:
    the first row's). Returns one note per file on what was merged."""
    for identity in collected.conflicts:
        record, spec, line = records[identity]
        records[identity] = (dataclasses.replace(record, properties=most_frequent(collected.variants[identity])),
                             spec, line)
    for identity, names in collected.names.items():
        if len(names) > 1:
            record, spec, line = records[identity]
            best = names.most_common(1)[0][0]
            aliases = sorted(n for n in names if n != best)
            properties = {**record.properties, "aliases": sorted({*record.properties.get("aliases", ()), *aliases})}
            records[identity] = (dataclasses.replace(record, name=best, properties=properties), spec, line)
    by_file: dict[str, list[str]] = {}
    for identity, where in collected.conflicts.items():
        at = list(dict.fromkeys(line for _, line in where))
        lines = ", ".join(map(str, at[:10])) + (f" and {len(at) - 10} more" if len(at) > 10 else "")
        by_file.setdefault(where[0][0], []).append(f"{identity[0]} {identity[1]!r} (lines {lines})")
    return [f"{file}: {len(found)} node(s) given with different data on different rows, merged (on_conflict = "
            "\"merge\"): the most frequent name (others in aliases) and values: "
            + "; ".join(found[:5]) + (f" and {len(found) - 5} more" if len(found) > 5 else "")
            for file, found in by_file.items()]


def unresolved_ends(records: Records, places: Records | None = None,
                    mapping_file: str = "") -> dict[tuple[str, str], list[tuple[str, int, str]]]:
    """Relationship ends that no record in the files (nor a generated place) provides, with every place that
    names them: a row's file, line and column, or, for an end given as a constant (`value`), the mapping's file and
    the line of that `start` / `end` once, however many rows link to it (`constant_end_places` lists those)."""
    nodes = [r for r, _, _ in (*records.values(), *(places or {}).values()) if isinstance(r, NodeRecord)]
    known = {(label, r.id) for r in nodes for label in (r.label, *r.extra_labels)}
    unresolved: dict[tuple[str, str], list[tuple[str, int, str]]] = {}
    for record, spec, line in records.values():
        if isinstance(record, RelRecord):
            for role, label, node_id in (("start", record.start_label, record.start_id),
                                         ("end", record.end_label, record.end_id)):
                end = spec.start if role == "start" else spec.end
                where = (mapping_file, spec.lines.get(role, spec.line), role) if end.value else \
                    (spec.file, line, end.column)
                if (label, node_id) not in known and where not in unresolved.get((label, node_id), []):
                    unresolved.setdefault((label, node_id), []).append(where)
    return unresolved


def constant_end_places(records: Records, mapping_file: str) -> frozenset[tuple[str, int | None, str]]:
    """The places `unresolved_ends` gives the ends of its tables given as constants: an end found nowhere is said
    there, with what adds its node, not at each row."""
    return frozenset((mapping_file, spec.lines.get(role, spec.line), role) for _, spec, _ in records.values()
                     for role, end in (("start", spec.start), ("end", spec.end)) if end is not None and end.value)


def constant_ends_by_name(records: Records) -> None:
    """An end given as a constant that is no id of the files' nodes of its label but the name of one of them, in any
    case (`value = "Energy Cluster Denmark"` beside a [[nodes]] table of that cluster with its own id), is that node:
    its relationships take the node's id, as an end given by name in the store is found."""
    ids: set[tuple[str, str]] = set()
    named: dict[tuple[str, str], set[str]] = {}
    for record, _, _ in records.values():
        if isinstance(record, NodeRecord):
            for label in (record.label, *record.extra_labels):
                ids.add((label, record.id))
                named.setdefault((label, record.name.casefold()), set()).add(record.id)
    for identity, (record, spec, line) in list(records.items()):
        if not isinstance(record, RelRecord):
            continue
        moved = {}
        for role, label, node_id in (("start", record.start_label, record.start_id),
                                     ("end", record.end_label, record.end_id)):
            if (spec.start if role == "start" else spec.end).value and (label, node_id) not in ids \
                    and len(found := named.get((label, node_id.casefold()), set())) == 1:
                moved[f"{role}_id"] = next(iter(found))
        if moved:
            del records[identity]
            record = dataclasses.replace(record, **moved)
            records.setdefault(record_identity(record), (record, spec, line))  # a row naming it by id: one link
