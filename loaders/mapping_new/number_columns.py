"""The property lines a list template offers for the number columns it does not map (`cluster-explorer mapping new`).

A Danish cluster's member list held `Antal ansatte` (`29.000`), `Budget` (`2.500.000 kr.`) and `Tilskud`
(`1,8 mio. kr.`); the template named them among the "columns not used" and nothing more, so the officer who wanted
the staff counts on the map had to find the `int` type, `thousands` and `currency` in docs/mapping.md. Now each
column of numbers gets its property line, commented out under `[nodes.properties]`, with the marks and the currency
its cells are written with; a column of millions written in words (`1,8 mio.`), which no number type reads, gets a
line saying so and what to do.
"""

from __future__ import annotations

import re

from graph import values
from graph.currency_marks import without_currency
from graph.store.search_text import fold
from loaders.mapping_new.currency import currency_of_marks
from loaders.table_cells import as_toml, date_format, number_marks, sample_at, unread_numbers

__all__ = ["number_lines"]

#: Header words of columns whose digits are codes, not quantities: postcodes, phone numbers, register numbers.
CODE_WORDS = frozenset({"nr", "no", "id", "kod", "code", "vat", "moms", "tlf", "fax", "cvr", "plz", "zip", "siren",
                        "siret", "naf", "ape"})
#: ... and the starts of such words (`Postnummer`, `Telefon`, `Orgnr`, `Y-tunnus`, `Handelsregisternummer`).
CODE_STARTS = ("post", "tel", "phone", "orgnr", "ytunnus", "tunnus", "handelsregister", "nummer", "number")
#: Property names for common header words (folded); other headers give their folded words joined by `_`.
NAMED = {"ansatte": "employees", "anstallda": "employees", "antal ansatte": "employees",
         "antal anstallda": "employees", "antall ansatte": "employees", "mitarbeiter": "employees",
         "beschaftigte": "employees", "henkilosto": "employees", "tyontekijat": "employees", "employees": "employees",
         "omsaetning": "turnover", "omsattning": "turnover", "omsetning": "turnover", "umsatz": "turnover",
         "liikevaihto": "turnover", "turnover": "turnover", "budget": "budget", "budsjett": "budget",
         "tilskud": "grant", "tilskudd": "grant", "bidrag": "grant", "foerdersumme": "grant", "fordersumme": "grant"}
#: A number followed by millions or billions in words: `1,8 mio.`, `2 mill.`, `3 MSEK`, `1,2 miljoner`.
IN_WORDS = re.compile(r"\d\s*(?:mio|mill|mn|milj|million|millioner|miljoner|miljoonaa|mrd|mia|m(?=sek|nok|dkk|eur))",
                      re.IGNORECASE)


def _property(column: str) -> str:
    """The property name offered for `column`: a common word's (`Antal ansatte`: employees), else its folded words."""
    folded = fold(column)
    named = NAMED.get(folded) or next((NAMED[word] for word in folded.split() if word in NAMED), None)
    return named or re.sub(r"[^a-z0-9]+", "_", folded).strip("_")[:64] or "value"


def _codes(column: str, cells: list[str]) -> bool:
    """Whether `column` holds codes written in digits (a postcode, a register number), not quantities."""
    words = re.split(r"[^a-z]+", fold(column))
    padded = any(len(c) > 1 and c.startswith("0") and c.isdigit() for c in cells)  # `0150`: a code, not 150
    return padded or any(w in CODE_WORDS or w.startswith(CODE_STARTS) for w in words)


def _date(column: str, cells: list[str]) -> str | None:
    """The commented date line for `column` when its cells are dates with marks (`1.3.2019`), else None: a Finnish
    join date had been offered as `type = "int", thousands = "."`, 132019. Digits alone (`2019`, `20190301`) may be
    numbers: they are left to the number reading."""
    fmt = date_format(cells) if any(not c.isdigit() for c in cells) else None
    if not fmt or {"%Y", "%Y%m%d"} & set([fmt] if isinstance(fmt, str) else fmt):
        return None
    return f'# {_property(column)} = {{ column = {as_toml(column)}, type = "date", format = {as_toml(fmt)} }}  #? dates'


def _line(column: str, cells: list[str], guessed: dict[str, str], rows: list[dict]) -> str | None:
    """The commented property line for `column`'s sampled `cells`, or None when they are not numbers; a date's
    line for dates (`_date`), before any number reading."""
    if date := _date(column, cells):
        return date
    code, why, reading = currency_of_marks(cells, guessed, rows)
    bare = [without_currency(cell, reading) for cell in cells]
    if not any(any(ch.isdigit() for ch in cell) for cell in bare):
        return None
    prop = _property(column)
    marks = number_marks(bare)
    if marks is None:
        worded = [cell for cell in cells if IN_WORDS.search(cell)]
        if len(worded) * 2 < len(cells):
            return None
        return (f"# {column}: numbers with millions in words ({as_toml(worded[0])}), which no number type reads: "
                f"write them out in the table (1800000) to keep them as numbers, or keep them as text: "
                f"{prop} = {as_toml(column)}")
    grouped = not marks[1] and all(values.POINT_GROUPED.fullmatch(c) or "." not in c for c in bare) and any(
        values.POINT_GROUPED.fullmatch(c) for c in bare)
    if grouped:  # `29.000`: a point before three digits, a mark between thousands in German and Danish tables
        marks = (",", ".")
    whole = not reading and not unread_numbers(bare, marks) and all(marks[0] not in c for c in bare)
    parts = [f"column = {as_toml(column)}", f'type = "{"int" if whole else "float"}"']
    parts += [f"decimal = {as_toml(marks[0])}"] if marks[0] != "." and not whole else []
    parts += [f"thousands = {as_toml(marks[1])}"] if marks[1] else []
    parts += [f"currency = {as_toml(code)}"] if reading else []  # "" where the mark names several: `why` says
    example = next((c for c in cells if any(mark in c for mark in ".,") or not c.strip().isdigit()), cells[0])
    read = values.as_float(without_currency(example, reading), decimal=marks[0], thousands=marks[1]) if not (
        unread_numbers([without_currency(example, reading)], marks)) else None
    said = f"{as_toml(example)} is {'?' if read is None else int(read) if whole else read}"
    return f"# {prop} = {{ {', '.join(parts)} }}  #? {said}{' ' + code if code else ''}" + (
        f"; {why}" if reading and not code else "")


def number_lines(unused: list[str], rows: list[dict], at: list[int], guessed: dict[str, str]) -> list[str]:
    """The commented property lines for the `unused` columns of numbers (their `rows`' sampled cells; `at`: their
    lines), with a comment saying how to use them; [] when no unused column holds numbers."""
    lines = []
    for column in unused:
        cells = [cell for _, cell in sample_at(rows, at, column)]
        if cells and not _codes(column, cells) and (line := _line(column, cells, guessed, rows)):
            lines.append(line)
    if not lines:
        return []
    return ["# numbers (and dates) of the columns not used, to keep on each node: uncomment a line (check the marks "
            "and the currency)", *lines]
