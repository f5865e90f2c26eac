"""Notes on cells the generic loader reads as the mapping says but that a user should look at: a point that may
group thousands in a decimal-comma column, and negative amounts.

Neither stops a load (a funder publishes corrections as negative amounts; `1.234` is a decimal in some tables),
but a wrong reading of either changes every sum the app shows, so the load's notes say how many and where the
first one is, as the other notes of `loaders.generic` do.
"""

from __future__ import annotations

from typing import Any

from graph import values
from loaders.csv_tables import Table
from loaders.mapping_spec import Column, FileSpec

__all__ = ["MONEY", "cell_notes"]

#: Properties holding an amount of money: negative only for a correction or a repayment.
MONEY = ("contribution", "net_contribution", "total_cost")


def cell_notes(spec: FileSpec, table: Table) -> list[str]:
    """The notes on one mapped table's cells (`_grouped_points`, `_negative_amounts`)."""
    return _grouped_points(spec, table) + _negative_amounts(spec, table)


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
