"""Notes on cells the generic loader reads as the mapping says but that a user should look at: a point that may
group thousands in a decimal-comma column, negative amounts, fylke numbers of an earlier time read as today's
regions; and one problem for a number column the mapping reads the wrong way.

Neither note stops a load (a funder publishes corrections as negative amounts; `1.234` is a decimal in some
tables), but a wrong reading of either changes every sum the app shows, so the load's notes say how many and where
the first one is, as the other notes of `loaders.generic` do. A column of decimal commas read with `decimal = "."`
gave a problem per cell (510 of them), and the one real mistake of the table was lost in "... and 460 more":
`wrong_marks` says it in one line, with the setting that reads them, before the rest.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from typing import Any

from graph import values
from graph.currency_marks import marked_currencies, without_currency
from graph.errors import Problem
from loaders.county_numbers import county_notes
from loaders.csv_tables import Table
from loaders.mapping_new.sme_column import LARGE_WORDS, SME_WORDS
from loaders.mapping_spec import Column, FileSpec
from loaders.table_cells import NUMBER_MARKS, as_toml, header_word, unread_numbers

__all__ = ["MONEY", "MANY", "NOT_YES_NO", "bad_cell", "cell_notes", "wrong_marks", "yes_no_words"]

#: Properties holding an amount of money: negative only for a correction or a repayment.
MONEY = ("contribution", "net_contribution", "total_cost", "amount")
#: Cells of one number column that another way of writing reads, from which they are said in one problem.
MANY = 5
#: The marks a whole number's cells may write between thousands (`29.000`, `1,200`, `1'200`), plainest first.
WHOLE_MARKS = (".", ",", "'", "’")
#: The `Problem.kind` of a cell of a `bool` column that is no yes or no word (`yes_no_words` gathers them).
NOT_YES_NO = "not yes or no"


def cell_notes(spec: FileSpec, table: Table) -> list[str]:
    """The notes on one mapped table's cells (`_grouped_points`, `_negative_amounts`, and the fylke numbers of an
    earlier time, `loaders.county_numbers.county_notes`)."""
    return _grouped_points(spec, table) + _negative_amounts(spec, table) + county_notes(spec, table)


def _grouped_points(spec: FileSpec, table: Table) -> list[str]:
    """A note per decimal-comma number column whose cells hold a point that may group thousands (`1.234`): read
    as a decimal point, as the mapping says, but in a German or Norwegian table it often means 1234."""
    notes = []
    for column in spec.properties:
        if column.type != "float" or column.decimal != "," or column.thousands or column.constant:
            continue
        found = [(line, cell) for row, line in zip(table.rows, table.lines, strict=True)
                 if isinstance(cell := row.get(column.column), str) and values.POINT_GROUPED.fullmatch(cell.strip())]
        if found:
            line, cell = found[0]
            notes.append(f"{spec.file}: {len(found)} cell(s) of {column.column!r} (decimal = \",\") hold a point "
                         f"that may stand between thousands, first {cell!r} on line {line}: read as a decimal point "
                         f"({values.as_float(cell)}); if it groups thousands, set thousands = \".\" for that column")
    return notes


def _negative_amounts(spec: FileSpec, table: Table) -> list[str]:
    """A note per amount column holding negative numbers (`-125 000`): loaded as written, but said, since a stray
    minus lowers every sum of contributions as much as a correction does."""
    notes = []
    for column in spec.properties:
        if column.property not in MONEY or column.type != "float" or column.constant:
            continue
        found = [(line, row[column.column]) for row, line in zip(table.rows, table.lines, strict=True)
                 if (amount := _amount(column, row.get(column.column))) is not None and amount < 0]
        if found:
            line, cell = found[0]
            notes.append(f"{spec.file}: {len(found)} negative amount(s) of {column.column!r}, first {cell!r} on line "
                         f"{line}: loaded as written ({column.property} {_amount(column, cell)}; a correction or "
                         "repayment lowers the sums); if a minus is a mistake, fix those rows")
    return notes


def _amount(column: Column, cell: Any) -> float | None:
    """The cell as the column reads it; None when empty or unreadable (an unreadable cell is a problem already)."""
    try:
        return column.convert(cell)
    except ValueError:
        return None


def bad_cell(where: tuple[str, int], column: str, error: ValueError) -> Problem:
    """The problem of a cell of `column` that does not read (`error` says why); one that is no yes or no word
    carries its kind and the cell, which `yes_no_words` names."""
    if isinstance(error, values.NotYesNo):
        return Problem(*where, column, str(error), kind=NOT_YES_NO, value=error.value)
    return Problem(*where, column, str(error))


def wrong_marks(spec: FileSpec, table: Table, problems: list[Problem]) -> list[Problem]:
    """`problems` with those of a number column of `spec` whose cells another way of writing numbers reads (`MANY`
    or more `2370000,00` under decimal = ".") replaced by one problem, first, that counts them, names their first
    lines and the setting that reads them; the column's other problems (`ca 200 000`) stay, each with its line."""
    for column in spec.properties:
        if column.type not in ("float", "int") or column.constant:
            continue
        cells = {line: row.get(column.column) for row, line in zip(table.rows, table.lines, strict=True)}
        by_marks: dict[tuple[str, str, str], list[Problem]] = {}
        for problem in problems:
            cell = cells.get(problem.line) if problem.file == spec.file and problem.field == column.column else None
            code = _currency_beside(column, cell) if isinstance(cell, str) else ""
            marks = _marks_reading(column, without_currency(cell, code)) if isinstance(cell, str) else None
            if marks and marks != (column.decimal, column.thousands):
                by_marks.setdefault((*marks, code), []).append(problem)
        if not by_marks:
            continue
        (*marks, code), found = max(by_marks.items(), key=lambda item: len(item[1]))
        if len(found) >= MANY:
            summary = _wrong_marks_problem(spec, column, (marks[0], marks[1], code), found, cells)
            said = {*found, summary}
            problems = [summary, *(p for p in problems if p not in said)]
    return problems


def _currency_beside(column: Column, cell: str) -> str:
    """The currency whose mark `cell` carries beside its number (`485 000,00 €`: EUR), the column's own first; "" for
    none or a mark of several (`kr`): a decimal comma beside a `€` had been 16 problems, none naming decimal."""
    codes = marked_currencies(cell)
    return column.currency if column.currency in codes else codes[0] if len(codes) == 1 else ""


def _marks_reading(column: Column, cell: str) -> tuple[str, str] | None:
    """The (decimal, thousands) that read `cell` as a number of `column`'s type, the plainest first; None if none
    does. A whole number (`int`) has no decimal mark: its column's own `decimal` stands in for it."""
    if column.type == "float":
        return next((m for m in NUMBER_MARKS if not unread_numbers([cell], m)), None)
    for thousands in WHOLE_MARKS:
        with contextlib.suppress(values.BadValue):
            values.as_int(cell, thousands=thousands)
            return column.decimal, thousands
    return None


def _wrong_marks_problem(spec: FileSpec, column: Column, marks: tuple[str, str, str], found: list[Problem],
                         cells: dict[int, Any]) -> Problem:
    if column.type == "int":
        return _whole_marks_problem(spec, column, marks[1], found, cells)
    decimal, thousands, code = marks
    written = " and ".join(filter(None, ["a decimal comma" if decimal == "," else "a decimal point",
                                         f"{thousands!r} between thousands" if thousands else ""]))
    fix = ", ".join([f'decimal = "{decimal}"'] + ([f'thousands = "{thousands}"'] if thousands else
                                                  ["no thousands"] if column.thousands else [])
                    + ([f'currency = "{code}"'] if code and code != column.currency else []))
    lines = [p.line for p in found]
    at = ", ".join(map(str, lines[:5])) + (f" and {len(lines) - 5} more" if len(lines) > 5 else "")
    return Problem(spec.file, lines[0], column.column, (
        f"{len(found)} cells are numbers written with {written} (like {cells[lines[0]]!r}; lines {at}), which "
        f"decimal = \"{column.decimal}\"{f' thousands = {column.thousands!r}' if column.thousands else ''} does not "
        f"read: set {fix} in the mapping (on this column; in the participation preset, at its top level)"),
        mapping_can_fix=True)


def _whole_marks_problem(spec: FileSpec, column: Column, thousands: str, found: list[Problem],
                         cells: dict[int, Any]) -> Problem:
    """`medlemmer.csv:2 [Antal ansatte]: 7 cells are numbers written with '.' between thousands (like '29.000'; ...),
    which type = "int" does not read: set thousands = "." in the mapping (on this column)`."""
    lines = [p.line for p in found]
    at = ", ".join(map(str, lines[:5])) + (f" and {len(lines) - 5} more" if len(lines) > 5 else "")
    reads = f'type = "int"{f" thousands = {as_toml(column.thousands)}" if column.thousands else ""}'
    return Problem(spec.file, lines[0], column.column, (
        f"{len(found)} cells are numbers written with {thousands!r} between thousands (like {cells[lines[0]]!r}; "
        f"lines {at}), which {reads} does not read: set thousands = {as_toml(thousands)} in the mapping (on this "
        f"column)"), mapping_can_fix=True)


def yes_no_words(spec: FileSpec, problems: list[Problem]) -> list[Problem]:
    """`problems` with those of a `bool` column of `spec` whose cells are words of the table's own (`MANY` or more:
    `smf` / `stort` for SME or large) replaced by one problem, first, naming the words and the `values` line that
    reads them; a register's size column gave a problem per cell and word, 23 for one line of the mapping."""
    read = [(c.property, c.column) for c in spec.properties if c.type == "bool" and not c.constant]
    for prop, column in [*read, *((label.casefold(), column) for label, column in spec.label_if)]:
        found = [problem for problem in problems
                 if problem.kind == NOT_YES_NO and problem.file == spec.file and problem.field == column]
        if len(found) < MANY:
            continue
        words = Counter(str(problem.value).casefold() for problem in found)  # a recode reads cells in any case
        lines = list(dict.fromkeys(problem.line for problem in found))
        at = ", ".join(map(str, lines[:5])) + (f" and {len(lines) - 5} more" if len(lines) > 5 else "")
        said = {word: "ja" if header_word(word) in SME_WORDS else "nej" for word in words
                if header_word(word) in SME_WORDS | LARGE_WORDS}  # size words: SME yes, large no (`duże` no)
        recode = ", ".join(f'{as_toml(word)} = "{said[word]}"' for word in words) if len(said) == len(words) else \
            '"..." = "ja", "..." = "nej"'  # words it cannot tell: the user's to say, not a guess that makes all SMEs
        label = f" (label_if {prop.upper()} reads yes / no only: read it as this property instead)" \
            if prop not in dict(read) else ""
        summary = Problem(spec.file, lines[0], column, (
            f"{len(found)} cells are no yes or no word ({', '.join(f'{w!r} {n}' for w, n in words.most_common())}; "
            f"lines {at}): if they say yes or no, recode them on this column, each to \"ja\" or \"nej\"{label}: "
            f"{prop} = {{ column = {as_toml(column)}, type = \"bool\", values = {{ {recode} }} }}"),
            mapping_can_fix=True)
        said = set(found)
        problems = [summary, *(p for p in problems if p not in said)]
    return problems
