"""A mapped data file read for the generic loader (`loaders.generic`), and its columns checked against the mapping.

`read_table` reads a CSV (through the one CSV reader of every loader) or a JSON file and notes how it was read
(encoding, separator, rows, characters cleaned). `check_columns` makes one problem per column the mapping names
that the file lacks, on the header line with the mapping's lines and a near spelling; or, when the header is a
few lines lower (a title above it) or split by another separator, one problem saying what to set instead: a
problem per column would hide the one change that fixes them all.
"""

from __future__ import annotations

import json

from graph.errors import Problem, ValidationFailed
from graph.nearest import nearest
from graph.wording import first_few
from loaders.code_pages import PAGE_NAMES, guessed_note, misread_page
from loaders.common import is_json, read_text, removed_note
from loaders.csv_header import SEPARATORS, header_line_holding, sniff_separator
from loaders.csv_tables import Table, read_rows
from loaders.json_tables import item_columns, read_json_rows
from loaders.mapping import FileSpec, Mapping
from loaders.total_rows import leave_out_total_rows

__all__ = ["NOT_IN_FILE", "read_table", "check_columns"]

#: The `Problem.kind` of a column the mapping names that its file lacks: the message names the mapping's lines, and
#: the Data page says to fix the mapping.
NOT_IN_FILE = "column not in file"
_ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16": "UTF-16",
              **{page: f"{name} (it is not UTF-8)" for page, name in PAGE_NAMES.items()}}



def read_table(mapping: Mapping, spec: FileSpec, expected: list[str], problems: list[Problem]) -> Table | None:
    """A data file's rows (None when it cannot be read at all), with a note saying how it was read."""
    path = mapping.data_path(spec)
    try:
        if is_json(path):
            table = read_json_rows(path, spec.encoding, spec.file, problems, spec.rows)
        else:
            table = read_rows(path, expected=expected, separator=spec.separator, separators=tuple(SEPARATORS),
                              encoding=spec.encoding, name=spec.file, skip_lines=spec.skip_lines)
            problems += table.problems
    except OSError as e:
        problems.append(Problem(mapping.path.name, spec.line, "file", f"cannot read {spec.file!r}: {e.strerror}"))
        return None
    except ValidationFailed as e:
        problems += e.problems
        return None
    if table is None or (table.delimiter is not None and not any(table.columns)):
        return None
    how = f"{table.encoding} (set in the mapping)" if spec.encoding else _ENCODINGS.get(table.encoding, table.encoding)
    read_as = "JSON" if table.delimiter is None else f"separator {SEPARATORS[table.delimiter]}"
    table.notes = [f"{spec.file}: {len(table.rows)} row(s), read as {how}, {read_as}",
                   *(table.notes if table.delimiter is None else []),  # JSON: the key of a wrapped list
                   *removed_note(spec.file, table.removed, table.first_removed, table.cleaned)]
    if table.encoding in PAGE_NAMES and not spec.encoding:  # a guess: its words as read, and how to set another
        table.notes.insert(1, guessed_note(spec.file, table.encoding, [*table.columns, *(
            cell for row in table.rows[:200] for cell in row.values())]))
    if table.delimiter is not None:
        leave_out_total_rows(table, spec.file)  # `Summe;;;;;16.934;;` under a cluster list had become a Cluster
    return table


def check_columns(mapping: Mapping, spec: FileSpec, table: Table, problems: list[Problem]) -> bool:
    """Every column the mapping names must be in the file: a problem on the header line for each that is not."""
    before = len(problems)
    if table.delimiter is None and not table.rows:
        return True
    if table.delimiter and len(table.columns) == 1:
        other = sniff_separator(table.columns[0], [c for _, c, _ in spec.columns()], tuple(SEPARATORS))
        named = list(dict.fromkeys(c for _, c, _ in spec.columns() if c not in table.columns))
        if other in table.columns[0] and named:  # one problem for the file, not one per column and table
            found = Problem(spec.file, spec.skip_lines + 1, "separator", (
                f"the header looks separated by {SEPARATORS[other]}, not {SEPARATORS[table.delimiter]}, so none of "
                f"the columns the mapping names is found ({first_few(named, 5)}): "
                "fix `separator` in the mapping or leave it out"), mapping_can_fix=True)
            problems += [] if any(p.file == found.file and p.field == "separator" for p in problems) else [found]
            return False
    missing: dict[str, tuple[list[str], list[int | None]]] = {}  # one problem per column, whatever uses it
    for what, column, line in spec.columns():
        if column not in table.columns:
            uses, lines = missing.setdefault(column, ([], []))
            uses.append(what)
            if line not in lines:
                lines.append(line)
    header = spec.skip_lines + 1
    below = _header_below(mapping, spec, table, list(missing)) if missing and table.delimiter else None
    if below:
        problems.append(Problem(spec.file, header, None, (
            f"the columns the mapping names are on line {below}, not line {header}: set skip_lines = {below - 1} "
            "in the mapping (the lines above the header: a title, notes)"), mapping_can_fix=True))
        return False
    problems += _unsplit_items(spec, table) if table.delimiter is None and not missing else []
    for column, (uses, lines) in missing.items():
        where = ", ".join(f"{mapping.path.name}:{line}" for line in lines)
        problems.append(Problem(spec.file, header if table.delimiter else None, column, (
            f"column {column!r} ({', '.join([*uses, where])}) is not in the file"
            + _hint(column, table, spec) + f"; columns: {', '.join(table.columns)}"), kind=NOT_IN_FILE))
    return len(problems) == before


def _hint(column: str, table: Table, spec: FileSpec) -> str:
    """The column meant, by a near spelling; or, when the header holds it garbled by reading the file in the wrong
    encoding (`NIP cz³onka`), the encoding to set, never the garbled spelling."""
    for cell in table.columns:
        if page := misread_page(column, cell, table.encoding):
            how = "as set in the mapping" if spec.encoding else "the encoding its letters were guessed in"
            return (f"; the header has it as {cell!r}: the file was read as {table.encoding} ({how}), but it is "
                    f"{page}: set encoding = \"{page}\" in the mapping")
    close = nearest(column, table.columns, cutoff=0.6)  # a column's name may differ more: few to choose from
    return f"; did you mean {close[0]!r}?" if close else ""


def _unsplit_items(spec: FileSpec, table: Table) -> list[Problem]:
    """A problem per column the mapping names in a JSON list of objects (`members.orgnr`) other than the one its
    table splits: without `split` on that list there is no row per object to read it from."""
    listed: dict[str, str] = {}
    for row in table.rows:
        listed |= item_columns(row) if any(isinstance(cell, list) for cell in row.values()) else {}
    split = spec.split[0] if spec.split else None
    unsplit = [(what, column, listed[column]) for what, column, _ in spec.columns()
               if column in listed and listed[column] != split]
    return [Problem(spec.file, None, column, f"column {column!r} ({what}) is in the objects of the list {within!r}: "
                    f"to read one row per object, add split = {{ column = {json.dumps(within, ensure_ascii=False)} }} "
                    "to this table") for what, column, within in unsplit]


def _header_below(mapping: Mapping, spec: FileSpec, table: Table, missing: list[str]) -> int | None:
    """The line below the header read that holds every missing column (with the rest the mapping names)."""
    text, _ = read_text(mapping.data_path(spec), spec.encoding, name=spec.file)
    named = [column for _, column, _ in spec.columns()]
    found = header_line_holding(text, table.delimiter, named if set(missing) <= set(named) else missing)
    return found if found and found > spec.skip_lines + 1 else None
