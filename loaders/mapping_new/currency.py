"""The `currency` line of a participation template whose amounts carry a currency mark but whose header names none.

A Swedish county's grants sheet, saved from Excel in its accounting format, writes `3 450 000 kr` under `Beviljat
belopp`. `mapping new` had found no way of writing numbers that read them, commented out `decimal` and told the
officer to correct every cell by hand. The mark is the answer: a mark of one currency (`€`, `SEK`) names it, and
`kr` (the krona or krone of SEK, NOK, DKK and ISK alike) is the currency of the country the table's rows are placed
in (its country column, or the country its `Län` or `Fylke` column implies). Where the table says no country, the
line is written commented out, for the user to name which.
"""

from __future__ import annotations

from graph.countries import country_code
from graph.currency_marks import KRONA_COUNTRIES, mark_of, marked_currencies
from loaders.mapping_new.region_column import county_numbers_in, national_country
from loaders.table_cells import sample_cells

__all__ = ["currency_of_marks"]


def _table_country(guessed: dict[str, str], rows: list[dict]) -> str:
    """The one country a participation table's rows are in, as its country column or region header says; else ""."""
    if "country" in guessed:
        codes = set()
        for cell in sample_cells(rows, guessed["country"]):
            try:
                codes.add(country_code(cell))
            except ValueError:
                return ""
        return codes.pop() if len(codes) == 1 else ""
    if "region" in guessed:
        return national_country(guessed["region"], sample_cells(rows, guessed["region"]))[0] or (
            county_numbers_in(guessed, rows) or "")
    return ""


def currency_of_marks(cells: list[str], guessed: dict[str, str], rows: list[dict]) -> tuple[str, str, str]:
    """For amount `cells` that carry a currency mark: (the currency it names, or "" where the table does not say
    which krona; the template line's comment; the currency whose marks the cells are read past with). ("", "", "")
    when no cell carries one, or two cells carry different ones."""
    marked = [(cell, codes) for cell in cells if (codes := marked_currencies(cell))]
    if not marked or any(codes != marked[0][1] for _, codes in marked):
        return "", "", ""
    cell, codes = marked[0]
    mark = mark_of(cell, codes[0])
    if len(codes) == 1:
        return codes[0], f"the amounts carry {mark!r}, {codes[0]}'s mark, which is read past", codes[0]
    country = _table_country(guessed, rows)
    if KRONA_COUNTRIES.get(country) in codes:
        code = KRONA_COUNTRIES[country]
        return code, (f"the amounts carry {mark!r}, the mark of {', '.join(codes)} alike; the table's rows are in "
                      f"{country}, whose currency is {code}"), code
    return "", (f"the amounts carry {mark!r}, the mark of {', '.join(codes)} alike, and the table names no "
                "country: write the one it is and uncomment this line"), codes[0]
