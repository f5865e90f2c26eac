"""The generic loader: users' own nodes and relationships from CSV or JSON files, described by a mapping.

`read_generic` is pure: it reads the mapping and its data files and returns records, or raises
`ValidationFailed` with every problem found (file, physical line, column). The app runs it on uploaded
files to show a preview. `load_generic` also checks that relationship ends not in the files exist in the
store, then writes through the one writer; a rejected input writes nothing.
"""

from __future__ import annotations

import csv
import dataclasses
import difflib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import Problem, ValidationFailed
from graph.store import cypher
from graph.store.contract import GraphStore
from graph.store.records import NodeRecord, RelRecord
from graph.store.writer import Progress
from loaders.common import LoadReport, clean_text, load_records, read_text, removed_note, source_record
from loaders.mapping import SEPARATORS, FileSpec, Mapping, as_bool, read_mapping

__all__ = ["GenericInput", "parse_generic", "read_generic", "missing_endpoints", "load_generic"]

_ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "cp1252": "Windows-1252 (it is not UTF-8)",
              "latin-1": "Latin-1 (it is not UTF-8)"}


@dataclass
class _Table:
    """A data file read into rows of `column -> value`, each with the physical line it starts on."""

    columns: list[str]
    rows: list[tuple[int, dict[str, Any]]]
    note: str
    separator: str | None = None


@dataclass
class GenericInput:
    """Everything read from a mapping: the records to write, notes for the user, the files read, and
    the relationship ends not found among the records (`(label, id) -> [(file, line, column)]`),
    which must already be in the store."""

    mapping: Mapping
    nodes: list[NodeRecord]
    rels: list[RelRecord]
    notes: list[str]
    paths: list[Path]
    unresolved: dict[tuple[str, str], list[tuple[str, int, str]]] = field(default_factory=dict)


def _decode(path: Path, encoding: str | None) -> tuple[str, str]:
    if encoding is None:
        return read_text(path)
    return path.read_bytes().decode(encoding).removeprefix("\ufeff"), encoding


def _sniff(header: str) -> str:
    """The separator used most in the header line, outside quotes (a comma when there is none)."""
    counts, quoted = dict.fromkeys(SEPARATORS, 0), False
    for char in header:
        quoted = not quoted if char == '"' else quoted
        if not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] else ","


def _read_csv(text: str, name: str, spec: FileSpec, problems: list[Problem]) -> _Table | None:
    separator = spec.separator or _sniff(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        header = [h.strip() for h in next(reader, [])]
        if not any(header):
            problems.append(Problem(name, 1, None, "the file is empty: the first line must name the columns"))
            return None
        for column in {h for h in header if header.count(h) > 1}:
            problems.append(Problem(name, 1, column, f"column {column!r} appears twice in the header"))
        rows, last = [], reader.line_num
        for cells in reader:
            line, last = last + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header) and not any(c.strip() for c in cells[len(header):]):
                cells = cells[:len(header)]
            if len(cells) != len(header):
                problems.append(Problem(name, line, None, (
                    f"the row has {len(cells)} field(s), the header has {len(header)} "
                    f"(separator {SEPARATORS[separator]}): a missing or extra separator, or an unclosed quote?")))
                continue
            rows.append((line, dict(zip(header, cells, strict=True))))
    except csv.Error as e:
        problems.append(Problem(name, reader.line_num, None, f"cannot read the CSV: {e}"))
        return None
    return _Table(header, rows, f"separator {SEPARATORS[separator]}", separator)


def _json_rows(text: str) -> list[tuple[int, Any]]:
    """The items of a JSON list, each with the line it starts on."""
    decoder, rows = json.JSONDecoder(), []
    at = len(text) - len(text.lstrip())
    if text[at:at + 1] != "[":
        raise json.JSONDecodeError("expected a list of objects: [ {...}, {...} ]", text, at)
    at += 1
    while True:
        at += len(text[at:]) - len(text[at:].lstrip())
        if text[at:at + 1] == "]" and not rows:
            break
        item, end = decoder.raw_decode(text, at)
        rows.append((text.count("\n", 0, at) + 1, item))
        at = end + len(text[end:]) - len(text[end:].lstrip())
        if text[at:at + 1] == "]":
            break
        if text[at:at + 1] != ",":
            raise json.JSONDecodeError("expected ',' or ']'", text, at)
        at += 1
    if text[at + 1:].strip():
        raise json.JSONDecodeError("extra data after the list", text, at + 1)
    return rows


def _read_json(text: str, name: str, problems: list[Problem]) -> _Table | None:
    try:
        items = _json_rows(text)
    except json.JSONDecodeError as e:
        problems.append(Problem(name, e.lineno, None, f"not valid JSON: {e.msg}"))
        return None
    columns: dict[str, None] = {}
    rows = []
    for line, item in items:
        if not isinstance(item, dict):
            problems.append(Problem(name, line, None, "each item of the list must be an object {\"column\": value}"))
            continue
        columns.update(dict.fromkeys(item))
        rows.append((line, item))
    return _Table(list(columns), rows, "JSON")


def _read_table(mapping: Mapping, spec: FileSpec, problems: list[Problem]) -> _Table | None:
    path = mapping.data_path(spec)
    try:
        text, encoding = _decode(path, spec.encoding)
    except OSError as e:
        problems.append(Problem(mapping.path.name, spec.line, "file", f"cannot read {spec.file!r}: {e.strerror}"))
        return None
    except UnicodeDecodeError as e:
        problems.append(Problem(spec.file, None, None, f"cannot decode the file as {spec.encoding}: {e.reason}; "
                                "remove `encoding` from the mapping to detect it"))
        return None
    if path.suffix.lower() == ".json":
        table = _read_json(text, spec.file, problems)
    else:
        table = _read_csv(text, spec.file, spec, problems)
    if table:
        how = f"{encoding} (set in the mapping)" if spec.encoding else _ENCODINGS.get(encoding, encoding)
        table.note = (f"{spec.file}: {len(table.rows)} row(s), read as {how}, "
                      f"{table.note}{_clean_cells(spec.file, table, problems)}")
    return table


def _clean_cells(name: str, table: _Table, problems: list[Problem]) -> str:
    """Text cells without control characters; a problem for text no store can hold. Says what was removed."""
    removed, first = 0, None
    for line, row in table.rows:
        for column, value in row.items():
            if isinstance(value, str):
                row[column], gone = clean_text(value, name, line, column, problems)
                removed += gone
                first = first or ((line, column) if gone else None)
    return "".join(" " + note for note in removed_note(name, removed, first))


def _check_columns(mapping: Mapping, spec: FileSpec, table: _Table, problems: list[Problem]) -> bool:
    """Every column the mapping names must be in the file: a problem on the header line for each that is not."""
    before = len(problems)
    if table.separator is None and not table.rows:
        return True
    hint = ""
    if table.separator and len(table.columns) == 1:
        other = _sniff(table.columns[0])
        if other != "," or "," in table.columns[0]:
            hint = (f"; the header looks separated by {SEPARATORS[other]}, not {SEPARATORS[table.separator]}: "
                    "fix `separator` in the mapping or leave it out")
    for what, column, line in spec.columns():
        if column not in table.columns:
            close = difflib.get_close_matches(column, table.columns, n=1)
            problems.append(Problem(spec.file, 1 if table.separator else None, column, (
                f"column {column!r} ({what}, {mapping.path.name}:{line}) is not in the file"
                + (f"; did you mean {close[0]!r}?" if close and not hint else "")
                + (hint or f"; columns: {', '.join(table.columns)}"))))
    return len(problems) == before


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
    values = {}
    for column in spec.properties:
        try:
            value = column.convert(row.get(column.column))
        except ValueError as e:
            problems.append(Problem(*where, column.column, str(e)))
            continue
        if value is not None:
            values[column.property] = value
    return values


def _node(spec: FileSpec, row: dict[str, Any], where: tuple[str, int], source: str,
          problems: list[Problem]) -> NodeRecord | None:
    before = len(problems)
    node_id = _required(row, spec.id, "id", where, problems)
    name = _required(row, spec.name, "name", where, problems)
    labels = set(spec.extra_labels)
    for label, column in spec.label_if:
        try:
            labels.update([label] if as_bool(row.get(column)) else [])
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


_Records = dict[tuple, tuple[NodeRecord | RelRecord, FileSpec, int]]


def _collect(spec: FileSpec, table: _Table, source: str, records: _Records, problems: list[Problem]) -> int:
    """Records of a table's rows into `records`, keyed by identity; returns how many repeats were merged."""
    merged = 0
    for line, row in table.rows:
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


def _unresolved(records: _Records) -> dict[tuple[str, str], list[tuple[str, int, str]]]:
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


def parse_generic(mapping_path: Path | str) -> GenericInput:
    """Read a mapping and its files into records (pure). Raises `ValidationFailed` with every problem."""
    mapping = read_mapping(mapping_path)
    problems: list[Problem] = []
    tables: dict[tuple[str, str | None, str | None], _Table | None] = {}
    sources: dict[str, NodeRecord] = {}
    records: _Records = {}
    notes: list[str] = []
    for spec in mapping.files:
        cache_key = (spec.file, spec.separator, spec.encoding)
        if cache_key not in tables:
            tables[cache_key] = _read_table(mapping, spec, problems)
            notes += [tables[cache_key].note] if tables[cache_key] else []
        table = tables[cache_key]
        if table is None or not _check_columns(mapping, spec, table, problems):
            continue
        source = f"user:{mapping.name}/{spec.file}"
        sources[source] = source_record(source, f"{mapping.title or mapping.name}: {spec.file}",
                                        path=mapping.data_path(spec), mapping=mapping.path.name)
        if merged := _collect(spec, table, source, records, problems):
            notes.append(f"{spec.file}: {merged} repeated row(s) of the same {spec.label or spec.type} merged")
    if problems:
        raise ValidationFailed(problems)
    unresolved = _unresolved(records)
    if unresolved:
        shown = ", ".join(f"{label} {node_id!r}" for label, node_id in sorted(unresolved)[:10])
        notes.append(f"{len(unresolved)} relationship end(s) are not in these files and must be in the store: "
                     f"{shown}{' ...' if len(unresolved) > 10 else ''}")
    nodes = [r for r, _, _ in records.values() if isinstance(r, NodeRecord)]
    rels = [r for r, _, _ in records.values() if isinstance(r, RelRecord)]
    paths = [mapping.path, *dict.fromkeys(mapping.data_path(s) for s in mapping.files)]
    return GenericInput(mapping, list(sources.values()) + nodes, rels, notes, paths, unresolved)


def read_generic(mapping_path: Path | str) -> tuple[list[NodeRecord], list[RelRecord], list[str]]:
    """Nodes, relationships and notes from a mapping and its files, without a store (for a preview)."""
    data = parse_generic(mapping_path)
    return data.nodes, data.rels, data.notes


def missing_endpoints(store: GraphStore, data: GenericInput) -> list[Problem]:
    """A problem, with file, line and column, for each relationship end that is neither in the files nor
    in the store."""
    wanted: dict[str, set[str]] = {}
    for label, node_id in data.unresolved:
        wanted.setdefault(label, set()).add(node_id)
    problems = []
    for label, ids in sorted(wanted.items()):
        ordered, existing = sorted(ids), set()
        for at in range(0, len(ordered), 5000):
            batch = ordered[at:at + 5000]
            found = store.read(cypher.existing_ids(label), {"ids": batch}, row_cap=len(batch) + 1)
            existing.update(row[0] for row in found.rows)
        for node_id in sorted(ids - existing):
            problems += [Problem(file, line, column, f"{label} {node_id!r} is neither in the mapped files "
                                 "nor in the store") for file, line, column in data.unresolved[(label, node_id)]]
    return problems


def load_generic(store: GraphStore, mapping_path: Path | str, progress: Progress | None = None) -> LoadReport:
    """Read, check and write a mapping's files: all or nothing. Re-running it changes nothing."""
    data = parse_generic(mapping_path)
    problems = missing_endpoints(store, data)
    if problems:
        raise ValidationFailed(problems)
    source = f"user:{data.mapping.name}"
    summary = load_records(store, source, data.paths, data.nodes, data.rels, progress=progress)
    return LoadReport(source, summary, data.notes)
