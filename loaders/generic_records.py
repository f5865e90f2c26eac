"""Records of the generic loader: one node or relationship per row of a mapped table, checked and merged.

`collect` turns the rows of a table (`loaders.csv_tables.Table`, read from CSV or JSON) into records
by a mapping's `FileSpec`, converting cells with the value vocabulary (`graph.values`) and naming file,
line and column for every problem; `unresolved_ends` lists the relationship ends no file provides.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from graph import values
from graph.errors import Problem
from graph.store.records import NodeRecord, RelRecord
from loaders.csv_tables import Table
from loaders.mapping_spec import FileSpec

__all__ = ["Records", "collect", "unresolved_ends"]


def _text(value: Any) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    return str(value).lower() if isinstance(value, bool) else str(value).strip()


def _required(row: dict[str, Any], column: str, what: str, where: tuple[str, int], problems: list[Problem]) -> str:
    value = _text(row.get(column))
    if not value:
        problems.append(Problem(*where, column, f"the {what} is empty"))
    return value


def _properties(spec: FileSpec, row: dict[str, Any], where: tuple[str, int],
                problems: list[Problem]) -> dict[str, Any]:
    found = {}
    for column in spec.properties:
        try:
            value = column.convert(row.get(column.column))
        except ValueError as e:
            problems.append(Problem(*where, column.column, str(e)))
            continue
        if value is not None:
            found[column.property] = value
    return found


def _node(spec: FileSpec, row: dict[str, Any], where: tuple[str, int], source: str,
          problems: list[Problem]) -> NodeRecord | None:
    before = len(problems)
    node_id = _required(row, spec.id, "id", where, problems)
    name = _required(row, spec.name, "name", where, problems)
    labels = set(spec.extra_labels)
    for label, column in spec.label_if:
        cell = row.get(column)
        try:
            if not values.is_empty(cell) and values.as_bool(cell):  # an empty cell adds no label
                labels.add(label)
        except ValueError as e:
            problems.append(Problem(*where, column, str(e)))
    properties = _properties(spec, row, where, problems)
    if len(problems) > before:
        return None
    return NodeRecord(spec.label, node_id, name, (source,), tuple(sorted(labels - {spec.label})), properties)


def _rel(spec: FileSpec, row: dict[str, Any], where: tuple[str, int], source: str,
         problems: list[Problem]) -> RelRecord | None:
    before = len(problems)
    start = _required(row, spec.start.column, f"start ({spec.start.label} id)", where, problems)
    end = _required(row, spec.end.column, f"end ({spec.end.label} id)", where, problems)
    key = _text(row.get(spec.key)) if spec.key else ""
    properties = _properties(spec, row, where, problems)
    if len(problems) > before:
        return None
    return RelRecord(spec.type, spec.start.label, start, spec.end.label, end, (source,), properties, key)


def _what(record: NodeRecord | RelRecord) -> str:
    if isinstance(record, NodeRecord):
        return f"{record.label} {record.id!r}"
    key = f" (key {record.key!r})" if record.key else ""
    return f"{record.type} {record.start_id!r} -> {record.end_id!r}{key}"


Records = dict[tuple, tuple[NodeRecord | RelRecord, FileSpec, int]]


def collect(spec: FileSpec, table: Table, source: str, records: Records, problems: list[Problem]) -> int:
    """Records of a table's rows into `records`, keyed by identity; returns how many repeats were merged.
    A problem (file, line, column) for each row that gives no record, and for each key given twice with
    different data."""
    merged = 0
    for row, line in zip(table.rows, table.lines, strict=True):
        where = (spec.file, line)
        record = (_node if spec.kind == "nodes" else _rel)(spec, row, where, source, problems)
        if record is None:
            continue
        problems += [Problem(*where, None, p) for p in record.problems()]
        identity = ((record.label, record.id) if isinstance(record, NodeRecord) else
                    (record.type, record.start_label, record.start_id, record.end_label, record.end_id, record.key))
        first = records.get(identity)
        if first is None:
            records[identity] = (record, spec, line)
        elif dataclasses.replace(first[0], sources=()) != dataclasses.replace(record, sources=()):
            problems.append(Problem(*where, spec.id or spec.key or spec.start.column, (
                f"{_what(record)} is given twice with different data; first at {first[1].file}:{first[2]}")))
        else:
            merged += 1
            both = tuple(dict.fromkeys(first[0].sources + record.sources))
            records[identity] = (dataclasses.replace(first[0], sources=both), first[1], first[2])
    return merged


def unresolved_ends(records: Records) -> dict[tuple[str, str], list[tuple[str, int, str]]]:
    """Relationship ends that no record in the files provides, with every place that names them."""
    known = {(label, r.id) for r, _, _ in records.values() if isinstance(r, NodeRecord)
             for label in (r.label, *r.extra_labels)}
    unresolved: dict[tuple[str, str], list[tuple[str, int, str]]] = {}
    for record, spec, line in records.values():
        if isinstance(record, RelRecord):
            for label, node_id, column in ((record.start_label, record.start_id, spec.start.column),
                                           (record.end_label, record.end_id, spec.end.column)):
                if (label, node_id) not in known:
                    unresolved.setdefault((label, node_id), []).append((spec.file, line, column))
    return unresolved
