"""One problem for an amount column whose cells carry a currency mark the column does not read.

A Polish programme's projects table wrote every grant as `4 250 000,00 zł`: `zł` was no mark the loader knew, and
its 11 cells were 11 problems ("expected a number"), none saying "currency". As `wrong_marks` does for decimal
marks and `wrong_date_format` for dates, `MANY` or more cells whose number reads once the mark beside it is set
aside are said in one problem, first, naming the mark and the setting that reads it (`currency = "PLN"`), or saying
that no currency of `graph.currency_marks` writes that mark; the column's other problems stay, each with its line.
A mark of another currency than the column's is still refused: the problem says which currency it is.
"""

from __future__ import annotations

import contextlib
import re

from graph import values
from graph.currency_marks import CURRENCY_MARKS, marked_currencies
from graph.errors import Problem
from loaders.csv_tables import Table
from loaders.generic_cell_notes import MANY
from loaders.mapping_spec import Column, FileSpec

__all__ = ["wrong_currency_marks"]

#: A number with a word or sign before or after it: `4 250 000,00 zł`, `€ 250.000`, `USD 12,5`.
_MARKED = re.compile(r"\s*(?P<before>[^\d\s+-]*?)\s*(?P<number>[-+]?\d[\d\s.,'’\u00a0\u202f]*?)\s*"
                     r"(?P<after>[^\d\s]*)\s*")


def wrong_currency_marks(spec: FileSpec, table: Table, problems: list[Problem]) -> list[Problem]:
    """`problems` with those of a float column of `spec` whose cells carry one mark beside a number the column reads
    (`MANY` or more) replaced by one problem, first, naming the mark, the currency it is and the setting."""
    for column in spec.properties:
        if column.type != "float" or column.constant:
            continue
        cells = {line: row.get(column.column) for row, line in zip(table.rows, table.lines, strict=True)}
        by_mark: dict[str, list[Problem]] = {}
        for problem in problems:
            cell = cells.get(problem.line) if problem.file == spec.file and problem.field == column.column else None
            if isinstance(cell, str) and (mark := _mark_beside_number(column, cell)):
                by_mark.setdefault(mark.casefold(), []).append(problem)
        found = max(by_mark.values(), key=len, default=[])
        if len(found) >= MANY:
            summary = _problem(spec, column, found, cells)
            said = set(found)
            problems = [summary, *(p for p in problems if p not in said)]
    return problems


def _mark_beside_number(column: Column, cell: str) -> str:
    """The mark written before or after the number of `cell` when that number reads as `column` reads numbers;
    else ""."""
    match = _MARKED.fullmatch(cell)
    if not match or bool(match["before"]) == bool(match["after"]):
        return ""
    with contextlib.suppress(ValueError):
        values.as_float(match["number"], column.decimal, column.thousands)
        return match["before"] or match["after"]
    return ""


def _shown(cell: str) -> str:
    """A cell as a message quotes it: its no-break spaces (Excel's between thousands) as the spaces they look like."""
    return cell.replace("\u00a0", " ").replace("\u202f", " ")


def _problem(spec: FileSpec, column: Column, found: list[Problem], cells: dict) -> Problem:
    lines = [p.line for p in found]
    first = cells[lines[0]].strip()
    mark = _mark_beside_number(column, first)
    at = ", ".join(map(str, lines[:5])) + (f" and {len(lines) - 5} more" if len(lines) > 5 else "")
    own = column.currency.upper()
    codes = [code for code in marked_currencies(first) if code != own]
    if not codes and re.fullmatch(r"[A-Z]{3}", mark):
        codes = [mark]  # an ISO code: the column's currency reads it past
    reads = f"the column's currency, {own}, does not read it" if own else "the column names no currency"
    where = "in the mapping (on this column; in the participation preset, at its top level)"
    if not codes:
        known = ", ".join(sorted({m for marks in CURRENCY_MARKS.values() for m in marks}))
        said = (f"{mark!r} is no currency mark the loader knows ({known}, and ISO codes): write the currency's ISO "
                f"code in the cells instead and set currency = that code {where}, or remove the mark")
    else:
        who = f"{codes[0]}'s mark" if len(codes) == 1 else \
            f"the mark of {', '.join(codes[:-1])} and {codes[-1]} alike"
        said = (f"{mark!r} is {who} and {reads}: if the column's amounts are all in "
                f"{codes[0] if len(codes) == 1 else 'one of them'}, set currency = \"{codes[0]}\""
                f"{'' if len(codes) == 1 else ' or the one it is'} {where}; else convert them")
    return Problem(spec.file, lines[0], column.column, (
        f"{len(found)} cells are amounts written with {mark!r} beside the number (like {_shown(first)!r}; lines "
        f"{at}); {said}"), mapping_can_fix=True)
