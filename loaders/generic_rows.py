"""One row of a mapped table as one record of the generic loader: its key, name, labels and properties read from the
cells, a placeholder or a skip for an empty key (`on_empty`), and one row per item of a `split` cell.

Apart from `loaders.generic_records`, which gathers these records table by table and merges repeats, so each stays
one topic. Every problem names file, line and column.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from typing import Any

from graph.errors import Problem
from graph.store.records import NodeRecord, RelRecord
from loaders.compact_keys import compact_id
from loaders.csv_tables import Table
from loaders.generic_cell_notes import bad_cell
from loaders.generic_empty_keys import EMPTY_CELL, empty_key, empty_placeholder
from loaders.generic_labels import row_labels
from loaders.generic_places import locate
from loaders.json_tables import per_object
from loaders.mapping_spec import PLACEHOLDER_OR_SKIP, FileSpec, filled_placeholder, placeholder_columns

__all__ = ["Collected", "SkipRow", "node_record", "rel_record", "rel_key", "record_identity", "split_rows"]


class SkipRow(Exception):
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
        problems.append(Problem(*where, column, _nested(cell, column, what)) if isinstance(cell, (list, dict)) and cell
                        else Problem(*where, column, f"the {what} is empty", kind=EMPTY_CELL))
    return value


def _key(spec: FileSpec, row: dict[str, Any], column: str, what: str, where: tuple[str, int],
         problems: list[Problem], collected: Collected) -> str:
    """A row's key, or its placeholder by `on_empty`; raises `SkipRow` when the table skips rows without one."""
    value = _text(row.get(column))
    if value:
        return compact_id(value) if column in spec.compact else value  # 556051-4142, FI32279691: digits
    if isinstance(cell := row.get(column), (list, dict)) and cell:
        problems.append(Problem(*where, column, _nested(cell, column, what)))
        return ""
    on_empty, placeholder = spec.empty_rule(column)
    if on_empty == "skip":
        collected.skipped.append((*where, column))
        raise SkipRow
    if on_empty in ("placeholder", PLACEHOLDER_OR_SKIP):
        cells = {name: _text(row.get(name)) for name in placeholder_columns(placeholder)}
        if all(cells.values()):
            value = " ".join(filled_placeholder(placeholder, where[1], cells).split())
            collected.filled.append((*where, column, value))
            return value
        if on_empty == PLACEHOLDER_OR_SKIP:  # a row naming nothing, an Excel total row
            collected.skipped.append((*where, column))
            raise SkipRow
        empty = tuple(name for name, cell in cells.items() if not cell)
        problems.append(empty_placeholder(where, column, what, empty))
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


def node_record(spec: FileSpec, row: dict[str, Any], where: tuple[str, int], source: str,
          problems: list[Problem], collected: Collected, fills: frozenset[str]) -> NodeRecord | None:
    before = len(problems)
    if spec.value:  # the table's one node (`id = { value = "RPO" }`): every row's
        node_id = name = spec.value
    else:
        node_id = _key(spec, row, spec.id, "id", where, problems, collected)
        name = next((_text(row.get(column)) for column in spec.name_else if _text(row.get(column))), "") \
            if spec.name_else and not _text(row.get(spec.name)) else _required(row, spec.name, "name", where, problems)
    if spec.name_else and not name:  # every column of the name empty: said once
        problems.append(Problem(*where, spec.name, f"the name is empty, and so is {' and '.join(spec.name_else)}",
                                kind=EMPTY_CELL))
    properties = _properties(spec, row, where, problems)
    labels = row_labels(spec, row, where, problems, properties)
    if len(problems) > before:
        return None
    node = NodeRecord(spec.label, node_id, name, (source,), tuple(sorted(labels - {spec.label})), properties,
                      fills=fills)  # an emptied cell is taken off on a re-load
    if spec.place:
        node, nodes, rels = locate(spec, row, node, where, source, problems)
        for place in (*nodes, *rels):
            collected.places.setdefault(record_identity(place), (place, spec, where[1]))
    return node


def rel_record(spec: FileSpec, row: dict[str, Any], where: tuple[str, int], source: str,
         problems: list[Problem], collected: Collected, fills: frozenset[str]) -> RelRecord | None:
    before = len(problems)
    start = spec.start.value or _key(spec, row, spec.start.column, f"start ({spec.start.label} id)", where, problems,
                                     collected)  # a constant end (`value`): every row's, found once the rows are read
    end = spec.end.value or _key(spec, row, spec.end.column, f"end ({spec.end.label} id)", where, problems, collected)
    properties = _properties(spec, row, where, problems)
    if len(problems) > before:
        return None
    key = rel_key(spec, row, properties)
    return RelRecord(spec.type, spec.start.label, start, spec.end.label, end, (source,), properties, key, fills)


def rel_key(spec: FileSpec, row: dict[str, Any], properties: dict[str, Any]) -> str:
    """What tells apart two relationships of one type between the same two nodes: the key column's cell, or, when
    the key column is a property a `values` recode reads (the participation preset's role), the value as read. One
    table's `Koordinator` and another's `Projektleder` are one coordinator's participation; keyed as written, two
    loads had made two (`load_log.USER_RECORDS_VERSION` 2: a re-load takes the old keys' records off)."""
    if not spec.key:
        return ""
    read = next((c for c in spec.properties if c.column == spec.key and c.recode), None)
    if read is not None and read.property in properties:
        return str(properties[read.property])
    return _text(row.get(spec.key))


def record_identity(record: NodeRecord | RelRecord) -> tuple:
    if isinstance(record, NodeRecord):
        return record.label, record.id
    return record.type, record.start_label, record.start_id, record.end_label, record.end_id, record.key


def split_cell(cell: str, separator: str | tuple[str, ...]) -> list[str]:
    """`cell`'s items between `separator`, or between any of several (`(";", " / ")`).

    >>> split_cell("A GmbH; B AG / C e.V.", (";", " / "))
    ['A GmbH', ' B AG', 'C e.V.']
    """
    if isinstance(separator, str):
        return cell.split(separator)
    return re.split("|".join(map(re.escape, sorted(separator, key=len, reverse=True))), cell)


def split_rows(spec: FileSpec, table: Table):
    """The table's (row, line) pairs; with `split`, one per item of that cell (an empty cell: the row as it is)."""
    if not spec.split:
        yield from zip(table.rows, table.lines, strict=True)
        return
    column, separator = spec.split
    for index, (row, line) in enumerate(zip(table.rows, table.lines, strict=True)):
        cell = row.get(column)
        if objects := per_object(table, index, row, line, column):  # a JSON list of objects: a row per object
            yield from objects
            continue
        if isinstance(cell, list):  # a JSON list: its items, whatever the separator
            items = [_text(item) for item in cell]
        else:
            items = [item.strip() for item in split_cell(cell, separator)] if isinstance(cell, str) and separator \
                else [_text(cell)]
        items = list(dict.fromkeys(item for item in items if item))
        if not items:
            yield row, line
        for item in items:
            yield {**row, column: item}, line

