"""One problem for a date column the mapping reads with a format its cells are not written in.

A browser try-out's member list held `member_since` as years (`2019`) under `type = "date"` without a format: the
load gave a problem per row (`expected a date like 2024-12-31 (format %Y-%m-%d), got '2019'`) and the Data page said
to fix the data files, where one line of the mapping was the fix. As `loaders.generic_cell_notes.wrong_marks` does
for numbers, `MANY` or more such cells that one of the common formats reads (`loaders.table_cells.date_format`) are
said in one problem, first, naming the format to set; the column's other problems stay, each with its line. Fewer
such cells (a short member list's `1.3.2019` under a `since` read as ISO) each say the format that reads them.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from graph.errors import Problem
from loaders.csv_tables import Table
from loaders.generic_cell_notes import MANY
from loaders.mapping_spec import FileSpec
from loaders.table_cells import as_toml, date_format, unread_dates

__all__ = ["wrong_date_format"]


def wrong_date_format(spec: FileSpec, table: Table, problems: list[Problem]) -> list[Problem]:
    """`problems` with those of a date column of `spec` whose cells a common format reads (`MANY` or more) replaced
    by one problem, first, that counts them, names their first lines and the format that reads them."""
    for column in spec.properties:
        if column.type != "date" or column.constant:
            continue
        cells = {line: row.get(column.column) for row, line in zip(table.rows, table.lines, strict=True)}
        found = [p for p in problems if p.file == spec.file and p.field == column.column
                 and isinstance(cells.get(p.line), str)]
        fmt = date_format([cells[p.line].strip() for p in found]) if len(found) >= MANY else None
        if fmt is None:
            problems = [_with_format(p, cells[p.line].strip()) if p in found else p for p in problems]
            continue
        read = [p for p in found if not unread_dates([cells[p.line].strip()], fmt)]
        if len(read) >= MANY:
            summary = _problem(spec, column.column, fmt, read, cells)
            said = set(read)
            problems = [summary, *(p for p in problems if p not in said)]
    return problems


def _with_format(problem: Problem, cell: str) -> Problem:
    """`problem` saying the common format that reads its cell (`set format = "%d.%m.%Y"`), if one does."""
    fmt = date_format([cell])
    return problem if fmt is None else dataclasses.replace(problem, message=(
        f"{problem.message}: set format = {as_toml(fmt)} in the mapping if the column's dates are written so"),
        mapping_can_fix=True)


def _problem(spec: FileSpec, column: str, fmt: str | list[str], found: list[Problem], cells: dict[int, Any]) -> Problem:
    lines = [p.line for p in found]
    at = ", ".join(map(str, lines[:5])) + (f" and {len(lines) - 5} more" if len(lines) > 5 else "")
    year = "; a year alone is read as its 1 January" if fmt == "%Y" else ""
    return Problem(spec.file, lines[0], column, (
        f"{len(found)} cells are dates written like {cells[lines[0]].strip()!r} (lines {at}), which the column's "
        f"format does not read: set format = {as_toml(fmt)} in the mapping (on this column; in the participation "
        f"preset, date_format at its top level){year}"), mapping_can_fix=True)
