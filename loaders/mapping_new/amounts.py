"""The amount column's lines of a participation template (`cluster-explorer mapping new`): `decimal`, `thousands` and
`currency`, and the amounts they leave unread, named by file, line and column.

A Danish programme's table of `1.250.000,00` amounts held one `ca. 1,2 mio`: in a small table one such cell is too
many for a guess (`loaders.table_cells.few_odd`), and the template commented out `decimal` with no word of which
cell, which a user could not find among thousands of rows. Now the comment and the command's output name the cells
the way that reads the most amounts does not read (the first few, how many in all, quoted) and say how to fix them.
"""

from __future__ import annotations

from graph import values
from graph.currency_marks import without_currency
from loaders.csv_header import header_currency
from loaders.mapping_new.currency import currency_of_marks
from loaders.table_cells import NUMBER_MARKS, as_toml, number_marks, sample_at, unread_numbers, unread_said

__all__ = ["amount_lines", "unread_amounts"]

#: How many unread amounts a comment or note quotes before it says how many more there are.
SHOWN = 3


def amount_lines(guessed: dict[str, str], rows: list[dict], at: list[int], file: str,
                 notes: list[str] | None = None) -> list[str]:
    """The `decimal`, `thousands` and `currency` lines the amounts call for; a note for the command's output on the
    amounts those lines leave unread goes to `notes`."""
    column = guessed.get("amount") or guessed.get("project_amount")  # a partner's amount, else the project's grant
    if column is None:
        return []
    code = header_currency(column)  # its mark (`3 450 000 kr` under `Belopp (SEK)`) is read past, as the loader does
    why, reading = f"the amount column's header says {code}", code or ""
    cells = sample_at(rows, at, column)
    if not code:  # `3 450 000 kr` under `Beviljat belopp`: the mark, and the table's country, say which
        code, why, reading = currency_of_marks([cell for _, cell in cells], guessed, rows)
        if why and not code and notes is not None:  # `kr` in a table of no country
            notes.append(f"{file} [{column}]: {why.split(': ')[0]}: write the one it is in the mapping's currency line "
                         "and uncomment it; until then `load csv` refuses the amounts")
    sampled = [(line, without_currency(cell, reading)) for line, cell in cells]
    amounts = [cell for _, cell in sampled]
    marks = number_marks(amounts) if amounts else (".", "")
    like = f"amounts like {as_toml(next((a for a in amounts if ',' in a or '.' in a), amounts[0] if amounts else ''))}"
    lines = []
    if marks is None:
        best = min(NUMBER_MARKS, key=lambda way: len(unread_numbers(amounts, way)))  # the first of the fewest unread
        said = unread_amounts(rows, at, file, column, best, reading)
        lines.append(f"# decimal = {as_toml(best[0])}  # {like}: no common way of writing numbers reads nearly all of "
                     f"them; {said}, then uncomment this line{' and the next' if best[1] else ''} (see "
                     "docs/mapping.md)")
        lines += [f"# thousands = {as_toml(best[1])}"] if best[1] else []
        if notes is not None:
            notes.append(f"{said}; until then the mapping's decimal line is commented out: uncomment it (and "
                         "thousands) once the cells are fixed")
    else:
        odd = unread_said(sampled, unread_numbers(amounts, marks), file, "cell(s) it does not read")
        lines += [f"decimal = {as_toml(marks[0])}  #? {like}{odd}"] if marks[0] != "." else []
        lines += [f"thousands = {as_toml(marks[1])}  #? {like}{'' if marks[0] != '.' else odd}"] if marks[1] else []
        lines += [f"# amounts read with a decimal point{odd}"] if odd and marks == (".", "") else []
        grouped = next((a for a in amounts if values.POINT_GROUPED.fullmatch(a)), None) if not marks[1] else None
        if grouped and all(values.POINT_GROUPED.fullmatch(a) or "." not in a for a in amounts):
            lines.append(f'# thousands = "."  # amounts like {as_toml(grouped)}: a point before three digits; if it '
                         f"stands between thousands (German, Danish), set this, else {grouped} reads as a decimal")
        if notes is not None and (said := unread_amounts(rows, at, file, column, marks, reading)):
            notes.append(f"{said}; until then `load csv` refuses the table")
    if code:  # `Bevilget beløb (DKK)` had been read as EUR
        lines.append(f"currency = {as_toml(code)}  #? {why}")
    elif why:
        lines.append(f'# currency = ""  # {why}')
    return lines


def unread_amounts(rows: list[dict], at: list[int], file: str, column: str, marks: tuple[str, str],
                   currency: str = "") -> str:
    """`small.csv:3 [Beløb]: 1 of 6 amounts could not be read with decimal = "," and thousands = ".": "ca. 1,2 mio";
    correct it (a number written like "1.250.000,00") or leave it empty`: the cells of `column` (all rows, not
    only those sampled) that `marks` do not read, the first few quoted with their lines; "" when there are none."""
    cells = [(line, cell) for row, line in zip(rows, at, strict=True)
             if (cell := " ".join(str(row.get(column) or "").split()))]
    found = [(line, cell) for line, cell in cells if unread_numbers([without_currency(cell, currency)], marks)]
    if not found:
        return ""
    way = f"decimal = {as_toml(marks[0])}" + (f" and thousands = {as_toml(marks[1])}" if marks[1] else "")
    if len(found) == 1:
        quoted = as_toml(found[0][1])
    else:
        quoted = ", ".join(f"{as_toml(cell)} (line {line})" for line, cell in found[:SHOWN])
        quoted += f" and {len(found) - SHOWN} more" if len(found) > SHOWN else ""
    read = next((cell for _, cell in cells if not unread_numbers([without_currency(cell, currency)], marks)), "")
    fix = ("correct it" if len(found) == 1 else "correct them") + (f" (a number written like {as_toml(read)})"
                                                                    if read else "")
    return (f"{file}:{found[0][0]} [{column}]: {len(found)} of {len(cells)} amount(s) could not be read with {way}: "
            f"{quoted}; {fix} or leave {'it' if len(found) == 1 else 'them'} empty")
