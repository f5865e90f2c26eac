"""Records of the generic loader: one node or relationship per row of a mapped table, checked and merged.

`collect` turns the rows of a table (`loaders.csv_tables.Table`, read from CSV or JSON) into records
by a mapping's `FileSpec`, converting cells with the value vocabulary (`graph.values`) and naming file,
line and column for every problem; `unresolved_ends` lists the relationship ends no file provides.

An empty key (a node's id, a relationship's end) is an error unless the table's `on_empty` says to
skip the row or to fill in a placeholder; either way the row goes into `Collected.skipped` or
`Collected.filled` (file, line, column), which the loader reports.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from typing import Any

from graph.errors import Problem
from graph.store.records import NodeRecord, RelRecord
from loaders.csv_tables import Table
from loaders.generic_cell_notes import bad_cell
from loaders.generic_empty_keys import empty_key
from loaders.generic_labels import row_labels
from loaders.generic_merge import agrees, filled_in, most_frequent
from loaders.generic_merge import count as count_values
from loaders.generic_merge import merged as merged_record
from loaders.generic_places import locate, spec_fills
from loaders.json_tables import flat, objects_in
from loaders.mapping_spec import FileSpec, placeholder_columns

__all__ = ["Records", "Collected", "collect", "settle_names", "unresolved_ends"]


class _Skip(Exception):
    """A row whose key is empty, in a table whose `on_empty` is "skip"."""


@dataclasses.dataclass
class Collected:
    """What the rows of a mapping gave beside their records: generated places, skipped and filled-in keys."""

    places: dict[tuple, tuple[NodeRecord | RelRecord, FileSpec, int]] = dataclasses.field(default_factory=dict)
    skipped: list[tuple[str, int, str]] = dataclasses.field(default_factory=list)
    filled: list[tuple[str, int, str, str]] = dataclasses.field(default_factory=list)
    names: dict[tuple, Counter] = dataclasses.field(default_factory=dict)  # per node of a merging table
    conflicts: dict[tuple, list[tuple[str, int]]] = dataclasses.field(default_factory=dict)  # merged rows
    variants: dict[tuple, list[list]] = dataclasses.field(default_factory=dict)  # merging: [properties, rows]


def _text(value: Any) -> str:
    """A cell as key or name text: a JSON whole number written as a float (5561234568.0) as the number."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).lower() if isinstance(value, bool) else str(value).strip()


def _nested(cell: Any, column: str, what: str) -> str:
    """Why a JSON list or object cannot be the key or name: what to write instead."""
    if isinstance(cell, list):
        return (f"the {what} is a list ({_short(cell)}): to read one row per item, add split = {{ column = "
                f"{json.dumps(column, ensure_ascii=False)} }} to this table")
    return f"the {what} is an object ({_short(cell)}): map one of its values, a column named {column}.<key>"


def _short(cell: Any) -> str:
    text = json.dumps(cell, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _required(row: dict[str, Any], column: str, what: str, where: tuple[str, int], problems: list[Problem]) -> str:
    value = _text(row.get(column))
    if not value:
        cell = row.get(column)
        problems.append(Problem(*where, column, _nested(cell, column, what) if isinstance(cell, (list, dict)) and cell
                                else f"the {what} is empty"))
    return value


def _key(spec: FileSpec, row: dict[str, Any], column: str, what: str, where: tuple[str, int],
         problems: list[Problem], collected: Collected) -> str:
    """A row's key, or its placeholder by `on_empty`; raises `_Skip` when the table skips rows without one."""
    value = _text(row.get(column))
    if value:
        return "".join(value.split()) if column in spec.compact else value
    if isinstance(cell := row.get(column), (list, dict)) and cell:
        problems.append(Problem(*where, column, _nested(cell, column, what)))
        return ""
    on_empty, placeholder = spec.empty_rule(column)
    if on_empty == "skip":
        collected.skipped.append((*where, column))
        raise _Skip
    if on_empty == "placeholder":
        cells = {name: _text(row.get(name)) for name in placeholder_columns(placeholder)}
        if all(cells.values()):
            value = " ".join(placeholder.format(line=where[1], **cells).split())
            collected.filled.append((*where, column, value))
            return value
        empty = ", ".join(name for name, cell in cells.items() if not cell)
        problems.append(Problem(*where, column, f"the {what} is empty, and so is {empty}, which its on_empty "
                                "placeholder needs"))
        return ""
    problems.append(empty_key(where, column, what))
    return ""


def _properties(spec: FileSpec, row: dict[str, Any], where: tuple[str, int],
                problems: list[Problem]) -> dict[str, Any]:
    found = {}
    for column in spec.properties:
        try:
            value = column.convert(row.get(column.column))
        except ValueError as e:
            problems.append(bad_cell(where, column.column, e))
            continue
        if value is not None:
            found[column.property] = value
    return found


def _node(spec: FileSpec, row: dict[str, Any], where: tuple[str, int], source: str,
          problems: list[Problem], collected: Collected, fills: frozenset[str]) -> NodeRecord | None:
    before = len(problems)
    node_id = _key(spec, row, spec.id, "id", where, problems, collected)
    name = _required(row, spec.name, "name", where, problems)
    properties = _properties(spec, row, where, problems)
    labels = row_labels(spec, row, where, problems, properties)
    if len(problems) > before:
        return None
    node = NodeRecord(spec.label, node_id, name, (source,), tuple(sorted(labels - {spec.label})), properties,
                      fills=fills)  # an emptied cell is taken off on a re-load
    if spec.place:
        node, nodes, rels = locate(spec, row, node, where, source, problems)
        for place in (*nodes, *rels):
            collected.places.setdefault(_identity(place), (place, spec, where[1]))
    return node


def _rel(spec: FileSpec, row: dict[str, Any], where: tuple[str, int], source: str,
         problems: list[Problem], collected: Collected, fills: frozenset[str]) -> RelRecord | None:
    before = len(problems)
    start = _key(spec, row, spec.start.column, f"start ({spec.start.label} id)", where, problems, collected)
    end = _key(spec, row, spec.end.column, f"end ({spec.end.label} id)", where, problems, collected)
    key = _text(row.get(spec.key)) if spec.key else ""
    properties = _properties(spec, row, where, problems)
    if len(problems) > before:
        return None
    return RelRecord(spec.type, spec.start.label, start, spec.end.label, end, (source,), properties, key, fills)


def _what(record: NodeRecord | RelRecord) -> str:
    if isinstance(record, NodeRecord):
        return f"{record.label} {record.id!r}"
    key = f" (key {record.key!r})" if record.key else ""
    return f"{record.type} {record.start_id!r} -> {record.end_id!r}{key}"


Records = dict[tuple, tuple[NodeRecord | RelRecord, FileSpec, int]]


def _identity(record: NodeRecord | RelRecord) -> tuple:
    if isinstance(record, NodeRecord):
        return record.label, record.id
    return record.type, record.start_label, record.start_id, record.end_label, record.end_id, record.key


def _split_rows(spec: FileSpec, table: Table):
    """The table's (row, line) pairs; with `split`, one per item of that cell (an empty cell: the row as it is)."""
    if not spec.split:
        yield from zip(table.rows, table.lines, strict=True)
        return
    column, separator = spec.split
    for index, (row, line) in enumerate(zip(table.rows, table.lines, strict=True)):
        cell = row.get(column)
        if objects := objects_in(cell):  # a JSON list of objects: a row per object, its values as `column.key`
            lines = table.object_lines.get(index, {}).get(column, [])  # each object's own line, where known
            yield from (({**row, column: item, **{f"{column}.{k}": v for k, v in flat(item).items()}},
                         lines[at] if at < len(lines) else line) for at, item in enumerate(objects))
            continue
        if isinstance(cell, list):  # a JSON list: its items, whatever the separator
            items = [_text(item) for item in cell]
        else:
            items = [item.strip() for item in cell.split(separator)] if isinstance(cell, str) and separator else \
                [_text(cell)]
        items = list(dict.fromkeys(item for item in items if item))
        if not items:
            yield row, line
        for item in items:
            yield {**row, column: item}, line


def collect(spec: FileSpec, table: Table, source: str, records: Records, problems: list[Problem],
            collected: Collected | None = None) -> int:
    """Records of a table's rows into `records`, keyed by identity; returns how many repeats were merged.
    A problem (file, line, column) for each row that gives no record, and for each key given twice with
    different data. Places, skipped rows and placeholders go into `collected`."""
    merged = 0
    collected = collected if collected is not None else Collected()
    flagged = {(p.file, p.line) for p in problems}  # rows the reader refused a cell of: said once is enough
    fills = spec_fills(spec)  # one set for every record of the table
    for row, line in _split_rows(spec, table):
        where = (spec.file, line)
        try:
            record = (_node if spec.kind == "nodes" else _rel)(spec, row, where, source, problems, collected, fills)
        except _Skip:
            continue
        if record is None:
            continue
        if where not in flagged:
            problems += [Problem(*where, None, p) for p in record.problems()]
        identity = _identity(record)
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


def unresolved_ends(records: Records,
                    places: Records | None = None) -> dict[tuple[str, str], list[tuple[str, int, str]]]:
    """Relationship ends that no record in the files (nor a generated place) provides, with every place that
    names them."""
    known = {(label, r.id) for r, _, _ in (*records.values(), *(places or {}).values()) if isinstance(r, NodeRecord)
             for label in (r.label, *r.extra_labels)}
    unresolved: dict[tuple[str, str], list[tuple[str, int, str]]] = {}
    for record, spec, line in records.values():
        if isinstance(record, RelRecord):
            for label, node_id, column in ((record.start_label, record.start_id, spec.start.column),
                                           (record.end_label, record.end_id, spec.end.column)):
                if (label, node_id) not in known:
                    unresolved.setdefault((label, node_id), []).append((spec.file, line, column))
    return unresolved
