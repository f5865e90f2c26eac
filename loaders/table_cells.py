"""Reading a user's table to write a first mapping for it: its header, a sample of each column's cells, and what
those cells say (a date format, how numbers are written, a list separator), and a value written as TOML.

Shared by the two templates of `cluster-explorer mapping new`: the participation preset
(`loaders.mapping_new.participation`) and a list of clusters or organisations (`loaders.mapping_new.lists`).
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

from graph import values
from graph.errors import Problem, ValidationFailed
from loaders.code_pages import accented_words, other_pages
from loaders.common import is_json, read_text
from loaders.csv_header import NOT_WORD, header_word, likely_header  # the one fold of a header, re-exported
from loaders.csv_tables import read_rows
from loaders.json_tables import item_columns, read_json_rows

__all__ = ["DATE_FORMATS", "NUMBER_MARKS", "NOT_WORD", "header_word", "read_table", "sample_cells", "sample_at",
           "date_format", "unread_dates", "number_marks", "unread_numbers", "unread_said", "list_separator",
           "as_toml", "object_lists", "object_lists_note", "with_encoding"]

#: Date formats tried on a date column's cells, most common first; the first that reads them all is taken.
DATE_FORMATS = (values.ISO_DATE, "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y", "%Y/%m/%d", "%Y%m%d", "%m/%d/%Y", "%Y")
SAMPLE = 500  # cells looked at per column: enough to see a format, cheap on any table


#: A header cell that is a value (an organisation number, a date, an amount) and not a column's name; a year alone
#: may head a column of a wide table (`_a_value`).
VALUE = re.compile(r"[\d\s.,:/+()-]+")
YEAR = re.compile(r"\d{4}")


def read_table(path: Path, encoding: str | None = None
               ) -> tuple[list[str], list[dict], str | None, int, list[int], dict[int, dict[str, list[int]]]]:
    """The header, the rows, the separator, the lines above the header, each row's line and (JSON) the lines of the
    objects in its lists (`Table.object_lines`) of a CSV or JSON file (a JSON list of objects), read in `encoding`
    (default: detected): a guess's comment names the rows it leaves to the user by file and line, a partner object's
    by its own line as `load csv` does."""
    if is_json(path):
        problems: list[Problem] = []
        table = read_json_rows(path, encoding, path.name, problems)
        if table is None or problems:
            raise ValidationFailed(problems)
        in_rows = {column for row in table.rows for column in row}  # not `members.orgnr`: that needs a split
        nested = object_lists(table.rows)  # not `members` either: a list of objects is no project number or name
        held = {c for row in table.rows for c, cell in row.items() if cell is not None}
        parents = {c for c in in_rows - held if any(other.startswith(f"{c}.") for other in held)}  # `"esca": null`
        return ([c for c in table.columns if c in in_rows and c not in nested and c not in parents], table.rows, None,
                0, table.lines, table.object_lines)
    header, separator = likely_header(read_text(path, encoding, name=path.name)[0])
    above = header - 1  # a title or notes above the header, as spreadsheets export them
    table = read_rows(path, separator=separator, encoding=encoding, name=path.name, skip_lines=above)
    if not any(table.columns):
        raise ValidationFailed(table.problems)
    if values := [c for c in table.columns if _a_value(c)]:  # no header: a mapping of data as column names
        raise ValidationFailed([Problem(path.name, above + 1, None, (
            f"this line looks like data, not the columns' names ({', '.join(values[:3])}): a mapping names the "
            "columns, so add a first line naming them (org_nr;name;region ...) and upload the file again"))])
    return table.columns, table.rows, table.delimiter, above, table.lines, {}


def _a_value(cell: str) -> bool:
    """Whether a header cell is a value (an organisation number, a date, an amount), not a column's name; a year
    alone may head a column of a wide table."""
    cell = cell.strip()
    return bool(VALUE.fullmatch(cell)) and any(c.isdigit() for c in cell) and not YEAR.fullmatch(cell)


def sample_cells(rows: list[dict], column: str) -> list[str]:
    """The first `SAMPLE` non-empty cells of a column (the rows after them are not looked at)."""
    cells = (str(c).strip() for row in rows if (c := row.get(column)) is not None)
    return list(itertools.islice((c for c in cells if c), SAMPLE))


def sample_at(rows: list[dict], lines: list[int], column: str) -> list[tuple[int, str]]:
    """The first `SAMPLE` non-empty cells of a column with their lines (`sample_cells` with where each one is)."""
    cells = ((line, str(c).strip()) for row, line in zip(rows, lines, strict=True)
             if (c := row.get(column)) is not None)
    return list(itertools.islice(((line, c) for line, c in cells if c), SAMPLE))


def date_format(cells: list[str]) -> str | list[str] | None:
    """The first of `DATE_FORMATS` that reads every cell; else the fewest of them (up to `MOST_FORMATS`, in their
    order) that read every cell together, as a list (`2024-03-01` and `01.03.2024`); None when none do.

    A few cells no format reads (`2023-13-45`: `few_odd`) do not stop the guess: the formats are
    those that read all the others, and `load csv --check` names the odd cells' lines (with None, the check flagged
    every row of a second way of writing instead). A list never holds both `%d/%m/%Y` and `%m/%d/%Y`: `01/03/2024`
    would read as the first, a silent guess.

    >>> date_format(["2024-03-01", "2024-12-31"]), date_format(["2024-03-01", "31.12.2024"])
    ('%Y-%m-%d', ['%Y-%m-%d', '%d.%m.%Y'])
    >>> date_format(["2024-03-01"] * 30 + ["01/03/2024"] * 30 + ["2023-13-45"])
    ['%Y-%m-%d', '%d/%m/%Y']
    """
    reads = [_reads(fmt, cells) for fmt in DATE_FORMATS]
    readable = set().union(*reads)
    if not few_odd(len(cells) - len(readable), len(cells)):
        return None
    for size in range(1, MOST_FORMATS + 1):
        for chosen in itertools.combinations(range(len(DATE_FORMATS)), size):
            formats = [DATE_FORMATS[at] for at in chosen]
            if set().union(*(reads[at] for at in chosen)) == readable and not set(_AMBIGUOUS) <= set(formats):
                return formats[0] if size == 1 else formats
    return None


def unread_dates(cells: list[str], formats: str | list[str]) -> list[str]:
    """The cells none of `formats` reads (the odd cells `date_format` let pass)."""
    formats = [formats] if isinstance(formats, str) else formats
    return [cell for cell in cells if not any(_reads(fmt, [cell]) for fmt in formats)]


MOST_FORMATS = 3  # a column written more ways than this is not guessed: the user writes its formats
ODD_SHARE = 0.05  # cells no format reads, of those sampled, that still leave a guess: a typo or two, not a way
ODD_FEW = 2  # ... and as many as this where they are at most a tenth (two typos are 7 % of a 30-row list)


def few_odd(odd: int, cells: int) -> bool:
    """Whether `odd` cells of `cells` that a guess does not read are typos to name rather than another way of
    writing: at most `ODD_SHARE` of them, or `ODD_FEW` if that is at most a tenth (a cluster's member list of 30 rows
    with two mistyped dates had got no guess, and `load csv --check` flagged all 30 rows; one cell of three is a
    way of writing as likely as a typo).

    >>> few_odd(2, 29), few_odd(2, 3), few_odd(3, 40), few_odd(3, 60)
    (True, False, False, True)
    """
    return odd <= cells * ODD_SHARE or (odd <= ODD_FEW and 10 * odd <= cells)
_AMBIGUOUS = ("%d/%m/%Y", "%m/%d/%Y")


def _reads(fmt: str, cells: list[str]) -> set[int]:
    """The positions of the cells `fmt` reads."""
    read = set()
    for at, cell in enumerate(cells):
        try:
            values.as_date(cell, (fmt,))
        except values.BadValue:
            continue
        read.add(at)
    return read


#: The ways of writing numbers tried on an amount column, plainest first: (decimal, thousands).
NUMBER_MARKS = ((".", ""), (",", ""), (",", "."), (".", ","), (".", "'"))


def number_marks(cells: list[str]) -> tuple[str, str] | None:
    """(decimal, thousands) that read the most sampled amounts (of those reading as many, the plainest); None when
    even those leave more than a few of the cells unread (`few_odd`).

    One odd cell (`ca 200 000` among 1,097 decimal-comma amounts) made the guess give up on the decimal comma, and
    `load csv --check` then flagged every amount, hiding the odd cell among them; as with dates, a few cells the way
    does not read are left for the user (`unread_numbers` names them).

    >>> number_marks(["2370000,00", "4 527 000", "ca 200 000"] + ["122000,00"] * 30), number_marks(["1.5", "x", "y"])
    ((',', ''), None)
    """
    if not cells:
        return None
    unread = {marks: len(unread_numbers(cells, marks)) for marks in NUMBER_MARKS}
    best = min(NUMBER_MARKS, key=unread.__getitem__)  # the first of the fewest unread: the plainest
    return best if few_odd(unread[best], len(cells)) else None


def unread_numbers(cells: list[str], marks: tuple[str, str]) -> list[str]:
    """The cells that `marks` (decimal, thousands) do not read as a number."""
    unread = []
    for cell in cells:
        try:
            values.as_float(cell, decimal=marks[0], thousands=marks[1])
        except values.BadValue:
            unread.append(cell)
    return unread


def unread_said(sampled: list[tuple[int, str]], unread: list[str], file: str, what: str) -> str:
    """A guess's comment on the cells it leaves to the user, by file and line: `; 1 cell(s) it does not read: "ca 200
    000" (tilskudd.csv:57) ...: fix them ...`, or "" when `unread` (of the `sampled` (line, cell) pairs, `sample_at`'s:
    the amounts `unread_numbers` left, the dates `unread_dates` left) is empty. Both templates' date and amount
    guesses say it (a date's comment had said only "like "2023-13-45"", and the user looked for the row)."""
    odd = set(unread)
    found = [(line, cell) for line, cell in sampled if cell in odd]
    if not found:
        return ""
    shown = ", ".join(f"{as_toml(cell)} ({file}:{line})" for line, cell in found[:5])
    return (f"; {len(found)} {what}: {shown}{' ...' if len(found) > 5 else ''}: fix them in the table (`load csv "
            "--check` names them)")


def as_toml(text: str | list[str]) -> str:
    """`text` as a TOML string, quoted and escaped (a list of them as a TOML array)."""
    return json.dumps(text, ensure_ascii=False)  # a JSON string (array) is a valid TOML basic string (array)


def list_separator(rows: list[dict], column: str) -> str | None:
    """`;` or `|` when a tenth or more of a column's cells list several items with it (a comma is not guessed:
    one theme's name may hold one, `Energy, climate`)."""
    cells = sample_cells(rows, column)
    for mark in (";", "|", "\n"):
        if cells and sum(mark in cell for cell in cells) >= max(1, len(cells) / 10):
            return mark
    return None




def and_slash(rows: list[dict], column: str, mark: str) -> list[str] | str:
    """`mark`, or `[mark, ...]` with ` / ` and `, ` when cells of `column` without `mark` list their items so: a
    Bavarian grants table wrote `A GmbH; B AG` in one row and `C GmbH / D e.V.` in the next, a French one `CEA;
    CNRS` and `CEA, Soitec SA` (a partner list's separators; a bare `/` is not guessed: `Luft-/Raumfahrt`).

    >>> and_slash([{"p": "A; B"}, {"p": "C / D"}], "p", ";"), and_slash([{"p": "A; B"}, {"p": "C"}], "p", ";")
    ([';', ' / '], ';')
    """
    others = [cell for cell in sample_cells(rows, column) if mark not in cell]
    more = [other for other in (" / ", ", ", "\n") if any(other in cell for cell in others)]
    return [mark, *more] if more else mark


def object_lists(rows: list[dict]) -> dict[str, list[str]]:
    """The columns of a JSON table whose cells are lists of objects (`"medlemmar": [{"orgnr": ...}]`), each with the
    columns `split` on it gives (`medlemmar.orgnr`). No guess takes them: a cluster register's `projekt` list had
    been read as its project number, and the whole register as a table of participations."""
    found: dict[str, dict[str, None]] = {}
    for row in rows:
        for item_column, column in item_columns(row).items():
            found.setdefault(column, {})[item_column] = None
    return {column: list(items) for column, items in found.items()}


def object_lists_note(rows: list[dict]) -> list[str]:
    """A comment naming the lists of objects a template leaves to the user, and how to map them."""
    nested = object_lists(rows)
    if not nested:
        return []
    first, items = next(iter(nested.items()))
    return [f"# {', '.join(nested)} hold{'s' if len(nested) == 1 else ''} lists of objects: map each with its own "
            f"table and split = {{ column = {as_toml(first)} }} (its columns: {', '.join(items)}); see "
            'docs/mapping.md, "Files: separators, encodings, JSON"']


def with_encoding(template: str, path: Path, encoding: str | None) -> str:
    """`template` with an `encoding` line after its `name` when the table is not UTF-8 (`encoding`, or the code page
    detected): without it, a load guesses again, and the user had no line to correct when the guess was wrong (a
    Polish export read as Windows-1252). A UTF-8 table gets none, unless `encoding` says so."""
    text, read_as = read_text(path, encoding, name=path.name)
    if encoding is None and not read_as.startswith("utf-"):
        line = (f"encoding = {as_toml(read_as)}  #? not UTF-8; its letters read best in this code page "
                f"({', '.join(accented_words([text], 3))}); if they look wrong, write {other_pages(read_as)}")
    elif encoding is not None:
        line = f"encoding = {as_toml(encoding)}  # as given to mapping new"
    else:
        return template
    return re.sub(r"^name = .*$", lambda named: f"{named.group()}\n{line}", template, count=1, flags=re.MULTILINE)
