"""Excel's total row under a table, left out of a table's load and said.

A Bavarian cluster list ended in `Summe;;;;;16.934;;` and its grants table in `Summe;;;;10.067.068,39 €;;;`: the
first became a Cluster named "Summe" (in `clusters/overview`), the second a project "Summe" without partners, and no
mapping option could leave them out (an id is a column, not a recode). A row is a total row when one cell is a word
for a total (`Summe`, `Summa`, `Total`, `I alt`, `Yhteensä`, with or without a colon) and every other filled cell is a
number (an amount with its currency mark included), one at least: it names nothing, so it is left out and the load's
notes name its line. A grants table whose total row named no project or organisation was already skipped by its
keys' `on_empty`; it is now left out before, by this rule, whatever the mapping says.
"""

from __future__ import annotations

import re

from graph.store.search_text import fold
from loaders.csv_tables import Table

__all__ = ["TOTAL_WORDS", "total_word", "leave_out_total_rows"]

#: Words for a total, folded (`fold`: case, accents), in the languages of the tables the project reads.
TOTAL_WORDS = frozenset({"summe", "gesamtsumme", "gesamt", "insgesamt", "summa", "sum", "total", "totalt", "totals",
                         "grand total", "i alt", "ialt", "yhteensa", "samtals", "somme", "totaal", "totale", "suma"})
#: The longest cell that may be a total word (a colon after it allowed): longer cells are not folded, on every row.
_LONGEST = max(map(len, TOTAL_WORDS)) + 1
#: A cell of a total: a number with spaces, marks between thousands, a decimal mark, a sign, a currency mark or code.
_AMOUNT = re.compile(r"[-+(]?\s*(?:[€$£]|eur|sek|nok|dkk|isk|chf)?\s*\d[\d\s.,'’]*\s*(?:[€$£%]|kr\.?|eur|sek|nok|dkk|"
                     r"isk|chf|mio\.?|mill\.?)?\s*\)?", re.IGNORECASE)


def total_word(row: dict) -> str | None:
    """The row's total word, when one cell is one and every other filled cell is a number (one at least)."""
    filled = [str(cell).strip() for cell in row.values() if cell is not None and str(cell).strip()]
    words = [cell for cell in filled if len(cell) <= _LONGEST and fold(cell.rstrip(":")) in TOTAL_WORDS]
    others = [cell for cell in filled if cell not in words]
    if len(words) == 1 and others and all(_AMOUNT.fullmatch(cell) for cell in others):
        return words[0]
    return None


def leave_out_total_rows(table: Table, file: str) -> None:
    """`table` without its total rows, a note in its `notes` naming them by line (nothing when it has none)."""
    found = [(line, word) for row, line in zip(table.rows, table.lines, strict=True) if (word := total_word(row))]
    if not found:
        return
    lines = {line for line, _ in found}
    kept = [(row, line) for row, line in zip(table.rows, table.lines, strict=True) if line not in lines]
    table.rows, table.lines = [row for row, _ in kept], [line for _, line in kept]
    said = ", ".join(f"line {line}: {word!r}" for line, word in found[:3]) + (" ..." if len(found) > 3 else "")
    table.notes.append(f"{file}: {len(found)} total row(s) left out ({said} beside numbers alone, as Excel writes a "
                       "sum under a table): such a row names no project, organisation or cluster")
