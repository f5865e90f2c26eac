"""The one CSV reader of every loader: rows by column name, each with its physical line, or every problem.

Real exports differ in separator (`,` `;` tab `|`), encoding (UTF-8 with or without BOM, Windows-1252 or -1250),
quote multi-line text and sometimes arrive truncated or re-saved by a spreadsheet. `read_rows` finds
the separator and encoding and reads the cells; `read_table` also checks required columns and converts
typed ones with the value vocabulary of `graph.values`. Loaders name columns, never positions, so one
reader serves several layouts. Every problem found (missing columns, rows with the wrong number of
fields, values that do not parse) is collected with file, line and column and raised together as
`ValidationFailed`, so a user fixes a file in one pass instead of one error per run. Text no store can
hold (NUL, lone surrogates, over `MAX_TEXT` characters) is one of those problems; other control
characters are removed and counted.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph import values
from graph.errors import Problem, ValidationFailed
from graph.store.records import MAX_TEXT
from loaders.code_pages import PAGE_NAMES, other_pages
from loaders.common import clean_text, read_bytes, read_text, removed_note
from loaders.csv_header import OFFICIAL, SEPARATORS, after_lines, sniff_separator

__all__ = ["Table", "read_rows", "read_table", "sniff_separator", "unique_rows", "SEPARATORS", "number", "integer",
           "digits", "code", "boolean", "iso_date", "lat_lon"]

#: Turns a non-empty cell into a value, or raises ValueError saying what was expected.
Parser = Callable[[str], Any]
csv.field_size_limit(64 * 1024 * 1024)


@dataclass
class Table:
    """Rows of one file as dicts (cells stripped, empty ones None; typed columns converted), the line each
    starts on, and the problems met while reading (raised by `read_table`, returned by `read_rows`)."""

    path: Path
    delimiter: str | None  # None for a JSON file read into the same shape (the generic loader)
    encoding: str
    columns: list[str]
    rows: list[dict[str, Any]]
    lines: list[int]
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    removed: int = 0  # control characters removed from cells (see `loaders.common.clean_text`)
    first_removed: tuple[int, str] | None = None  # the line and column of the first
    cleaned: int = 0  # cells (values) that held one or more
    object_lines: dict[int, dict[str, list[int]]] = field(default_factory=dict)  # JSON: row -> list -> its objects'

    @property
    def name(self) -> str:
        return self.path.name


#: The cell parsers of the official sources: the vocabulary of `graph.values`, under the names loaders use.
number = values.as_float  # a decimal with a point (1295440.77); `read_table` takes a decimal comma in ;-files
integer = values.as_int
boolean = values.as_bool
iso_date = values.as_date
_decimal_comma = functools.partial(values.as_float, decimal=",")


def digits(text: str) -> str:
    """An identifier made of digits (grant id, PIC), kept as text."""
    if not text.isdigit():
        raise values.BadValue(f"expected an identifier of digits, got {text!r}")
    return text


_CODE = re.compile(r"^[A-Z]{2}[0-9A-Z]{0,3}$")


def code(text: str) -> str:
    """A country code (SE, EL, UK) or NUTS code (SE110, UKM72) in any NUTS version."""
    if not _CODE.match(text):
        raise values.BadValue(f"expected a country or NUTS code like SE or SE110, got {text!r}")
    return text


@functools.lru_cache(maxsize=1 << 16)
def lat_lon(text: str) -> tuple[float, float]:
    """CORDIS geolocation: one string `"lat,lon"`, rounded to 7 decimals (about 1 cm, as GISCO gives).

    CORDIS writes up to 17 significant digits; FalkorDB returns doubles with 15, so unrounded values
    would never read back equal and every re-run would count the organisation as updated. Cached: an
    organisation repeats its point on every participation row (69,059 rows, 21,680 points in the extract).
    """
    parts = text.split(",")
    if len(parts) != 2:
        raise values.BadValue(f"expected 'latitude,longitude', got {text!r}")
    lat, lon = (round(number(p.strip()), 7) for p in parts)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise values.BadValue(f"latitude/longitude out of range: {text!r}")
    return lat, lon


_FIRST_LINE = re.compile(r"[^\r\n]*")


#: Characters that need a look cell by cell: NUL and other control characters, lone surrogates.
_SUSPECT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _first_bad_byte_line(path: Path) -> int | None:
    for number_, raw in enumerate(read_bytes(path).split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return number_
    return None


def _why(cells: list[str], width: int, separator: str) -> str:
    for other in SEPARATORS:
        if other != separator and sum(c.count(other) for c in cells) >= width - len(cells) > 0:
            return f"it seems separated by {SEPARATORS[other]}, the header by {SEPARATORS[separator]}"
    return f"separator {SEPARATORS[separator]}: a missing or extra separator, an unclosed quote, or truncated?"


def read_rows(path: Path | str, *, expected: Iterable[str] = (), separator: str | None = None,
              separators: Sequence[str] = OFFICIAL, encoding: str | None = None, name: str | None = None,
              skip_lines: int = 0) -> Table:
    """Read the cells of `path` by column name, collecting problems in `Table.problems` instead of raising.

    The encoding is detected (see `read_text`) unless given; the separator is `separator`, or the one
    of `separators` that reads the most `expected` column names from the header. The header is the first
    line after `skip_lines` lines; lines keep their numbers in the file. Problems name the file
    as `name` (default: the path). A file that is not text, or not in the given encoding, raises
    `ValidationFailed` at once.
    """
    path = Path(path)
    name = name or str(path)
    text, encoding = read_text(path, encoding, name=name)
    text = after_lines(text, skip_lines) if skip_lines else text
    first = skip_lines + 1  # the header's line in the file
    header_name = "first line" if first == 1 else f"line {first} (after skip_lines = {skip_lines})"
    notes = []
    if encoding in PAGE_NAMES:
        bom = " despite its UTF-8 BOM" if read_bytes(path).startswith(b"\xef\xbb\xbf") else ""
        notes.append(f"{path.name} is not UTF-8{bom} (first non-UTF-8 byte on line {_first_bad_byte_line(path)}); "
                     f"it was read as {encoding}{bom and ', without the BOM'}.")
    header_line = _FIRST_LINE.match(text).group()
    bad = next((c for c in header_line[:65536] if c != "\t" and unicodedata.category(c) == "Cc"), None)
    if bad is not None:
        other = f" or text in another encoding than {encoding} (set encoding = {other_pages(encoding)} in the " \
                "mapping)" if "\x80" <= bad <= "\x9f" else ""  # a byte of a code page read as Latin-1's C1 control
        raise ValidationFailed([Problem(name, first, None, f"the {header_name} holds the control character {bad!r}: "
                                        f"this is binary data{other}, not a CSV text file")])
    separator = separator or sniff_separator(header_line, expected, separators)
    table = Table(path, separator, encoding, [], [], [], notes)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        header = table.columns = [c.strip() for c in next(reader, [])]
    except csv.Error as e:
        table.problems.append(Problem(name, first, None, f"cannot read the header: {e}"))
        return table
    if not any(header):
        said = "the file is empty" if not text.strip() else f"the {header_name} is blank"
        table.problems.append(Problem(name, first, None, f"{said}: the {header_name} must name the columns"))
        return table
    table.problems += [Problem(name, first, column, f"column {column!r} appears twice in the header")
                       for column in dict.fromkeys(h for h in header if h and header.count(h) > 1)]
    width = len(header)
    suspect = _SUSPECT.search(text) is not None  # else no cell needs a look, but for its length
    long_text = len(text) > MAX_TEXT
    while True:
        line = reader.line_num + first
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            table.problems.append(Problem(name, line, None, f"cannot read the row: {e}"))
            break
        if len(cells) > width and not any(c.strip() for c in cells[width:]):
            cells = cells[:width]  # empty fields at the end of a row, as some spreadsheets write them
        if len(cells) != width:
            if len(cells) > 1 or cells and cells[0].strip():
                where = header[len(cells)] if len(cells) < width else f"field {width + 1}"
                table.problems.append(Problem(name, line, where, f"the row has {len(cells)} field(s), the header "
                                              f"has {width}: {_why(cells, width, separator)}"))
            continue  # a blank line is skipped
        if (suspect and _SUSPECT.search("".join(cells))) or (long_text and max(map(len, cells)) > MAX_TEXT):
            for at, cell in enumerate(cells):  # only a row holding such a character or a huge cell
                cells[at], gone = clean_text(cell, name, line, header[at], table.problems)
                table.removed, table.cleaned = table.removed + gone, table.cleaned + (gone > 0)
                if gone and table.first_removed is None:
                    table.first_removed = (line, header[at])
        cells = [v.strip() or None for v in cells]
        if any(cells):  # a row of nothing but separators (;;;) is skipped like a blank line
            table.rows.append(dict(zip(header, cells, strict=True)))
            table.lines.append(line)
    table.notes += removed_note(path.name, table.removed, table.first_removed, table.cleaned)
    return table


def read_table(path: Path | str, *, required: Sequence[str] = (), optional: Sequence[str] = (),
               types: dict[str, Parser] | None = None, not_empty: Sequence[str] = (),
               separators: Sequence[str] = OFFICIAL) -> Table:
    """Read `path` by column name; raise `ValidationFailed` listing every problem with file, line, column.

    `required` columns must be in the header, and the `not_empty` ones hold a value on every row;
    `optional` ones help pick the separator. `types` maps a column to a parser for its non-empty cells
    (`number`, `integer`, `boolean`, `iso_date`, `lat_lon`); in `;`-separated files a `number` may have
    a decimal comma (the CSV2 convention). Text that is not UTF-8 is read in the Windows code page its letters fit
    (`loaders.code_pages`) and a note says so (spreadsheets on Windows write it; the names stay readable).
    """
    types = types or {}
    table = read_rows(path, expected=(*required, *optional), separators=separators)
    name, header, problems = str(table.path), table.columns, table.problems
    missing = [c for c in required if c not in header]
    if missing and any(header):  # the rows of a file without its key columns are not worth reporting
        hint = " The header looks tab-separated; use ',' or ';'." if "\t" in "".join(header) else ""
        raise ValidationFailed([Problem(name, 1, ", ".join(missing), f"missing required column(s) "
                                        f"{', '.join(missing)}; the header has {', '.join(header[:30])}.{hint}"),
                                *(p for p in problems if p.line == 1)])
    if problems:
        raise ValidationFailed(problems)
    typed = [(c, _decimal_comma if types[c] is number and table.delimiter == ";" else types[c])
             for c in header if c in types]
    for row, line in zip(table.rows, table.lines, strict=True):
        problems += [Problem(name, line, c, "empty; every row needs a value here") for c in not_empty
                     if row[c] is None]
        for column, parse in typed:
            value = row[column]
            if value is not None:
                try:
                    row[column] = parse(value)
                except ValueError as e:
                    problems.append(Problem(name, line, column, str(e)))
    if problems:
        raise ValidationFailed(problems)
    return table


def unique_rows(table: Table, key: Iterable[str]) -> tuple[list[dict[str, Any]], list[int], int]:
    """Rows with distinct `key` values: exact repeats are dropped (and counted); a repeated key with
    different data is a problem naming both lines, raised as `ValidationFailed`."""
    key = tuple(key)
    seen: dict[tuple, int] = {}
    rows: list[dict[str, Any]] = []
    lines: list[int] = []
    problems: list[Problem] = []
    dropped = 0
    for row, line in zip(table.rows, table.lines, strict=True):
        k = tuple(row[c] for c in key)
        if k not in seen:
            seen[k] = len(rows)
            rows.append(row)
            lines.append(line)
        elif rows[seen[k]] == row:
            dropped += 1
        else:
            first = lines[seen[k]]
            differ = [c for c in table.columns if rows[seen[k]][c] != row[c]]
            problems.append(Problem(str(table.path), line, ", ".join(key),
                                    f"{'/'.join(str(v) for v in k)} is already on line {first} with different "
                                    f"{', '.join(differ[:5])}"))
    if problems:
        raise ValidationFailed(problems)
    return rows, lines, dropped
