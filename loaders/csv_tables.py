"""Read a CSV file by column name, with the physical line of every record, or say exactly what is wrong.

Real exports differ in separator (`,` or `;`), quote multi-line text and sometimes arrive truncated or
re-saved by a spreadsheet. Loaders name columns, never positions, so one reader serves several layouts.
Every problem found (missing columns, rows with the wrong number of fields, values that do not parse)
is collected with file, line and column and raised together as `ValidationFailed`, so a user fixes a
file in one pass instead of one error per run. Text no store can hold (NUL, lone surrogates, over
`MAX_TEXT` characters) is one of those problems; other control characters are removed and counted.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import Problem, ValidationFailed
from graph.store.records import MAX_TEXT
from loaders.common import clean_text, read_text, removed_note

__all__ = ["Table", "read_table", "unique_rows", "number", "integer", "digits", "code", "boolean",
           "iso_date", "lat_lon"]

#: Turns a non-empty cell into a value, or raises ValueError saying what was expected.
Parser = Callable[[str], Any]
DELIMITERS = (",", ";")
csv.field_size_limit(64 * 1024 * 1024)


@dataclass
class Table:
    """Rows of one file as dicts (typed columns converted, empty cells None) and the line each starts on."""

    path: Path
    delimiter: str
    encoding: str
    columns: list[str]
    rows: list[dict[str, Any]]
    lines: list[int]
    notes: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name


_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$")
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+(?:[eE][-+]?\d+)?$")


def number(text: str) -> float:
    """A decimal in EUR or degrees, with a decimal point: `1295440.77`.

    In `;`-separated files `read_table` also accepts a decimal comma (`1295440,77`, the CSV2 convention);
    in `,`-separated ones a comma inside a number is refused, as `1,500` may mean 1500.
    """
    if "_" not in text:
        try:
            value = float(text)  # the fast path; float() also takes nan, inf and 1_000, which are refused
        except ValueError:
            pass
        else:
            if math.isfinite(value):
                return value
    if not _NUMBER.match(text):
        raise ValueError(f"expected a number, found {text!r}")
    return float(text)


def _number_or_decimal_comma(text: str) -> float:
    if _DECIMAL_COMMA.match(text):
        return float(text.replace(",", "."))
    return number(text)


def integer(text: str) -> int:
    if not text.lstrip("-").isdigit():
        raise ValueError(f"expected a whole number, found {text!r}")
    return int(text)


def digits(text: str) -> str:
    """An identifier made of digits (grant id, PIC), kept as text."""
    if not text.isdigit():
        raise ValueError(f"expected an identifier of digits, found {text!r}")
    return text


_CODE = re.compile(r"^[A-Z]{2}[0-9A-Z]{0,3}$")


def code(text: str) -> str:
    """A country code (SE, EL, UK) or NUTS code (SE110, UKM72) in any NUTS version."""
    if not _CODE.match(text):
        raise ValueError(f"expected a country or NUTS code like SE or SE110, found {text!r}")
    return text


def boolean(text: str) -> bool:
    lowered = text.lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no"):
        return False
    raise ValueError(f"expected true or false, found {text!r}")


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def iso_date(text: str) -> str:
    """The `YYYY-MM-DD` part of a date or timestamp (kept as text: both stores compare ISO strings alike)."""
    if not _DATE.match(text):
        raise ValueError(f"expected a date YYYY-MM-DD, found {text!r}")
    return text[:10]


@functools.lru_cache(maxsize=1 << 16)
def lat_lon(text: str) -> tuple[float, float]:
    """CORDIS geolocation: one string `"lat,lon"`, rounded to 7 decimals (about 1 cm, as GISCO gives).

    CORDIS writes up to 17 significant digits; FalkorDB returns doubles with 15, so unrounded values
    would never read back equal and every re-run would count the organisation as updated. Cached: an
    organisation repeats its point on every participation row (69,059 rows, 21,680 points in the extract).
    """
    parts = text.split(",")
    if len(parts) != 2:
        raise ValueError(f"expected 'latitude,longitude', found {text!r}")
    lat, lon = (round(number(p.strip()), 7) for p in parts)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"latitude/longitude out of range: {text!r}")
    return lat, lon


def _pick_delimiter(header_line: str, expected: set[str]) -> str:
    """The separator whose reading of the header names the most expected columns (then most fields)."""
    def score(delimiter: str) -> tuple[int, int]:
        names = [c.strip() for c in next(csv.reader([header_line], delimiter=delimiter), [])]
        return len(expected & set(names)), len(names)
    return max(DELIMITERS, key=score)


#: Characters that need a look cell by cell: NUL and other control characters, lone surrogates.
_SUSPECT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _first_bad_byte_line(path: Path) -> int | None:
    for number_, raw in enumerate(path.read_bytes().split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return number_
    return None


def read_table(path: Path | str, *, required: Sequence[str] = (), optional: Sequence[str] = (),
               types: dict[str, Parser] | None = None, not_empty: Sequence[str] = ()) -> Table:
    """Read `path` by column name; raise `ValidationFailed` listing every problem with file, line, column.

    `required` columns must be in the header, and the `not_empty` ones hold a value on every row;
    `optional` ones help pick the separator. `types` maps a
    column to a parser for its non-empty cells (`number`, `integer`, `boolean`, `iso_date`, `lat_lon`).
    Cells are stripped; empty cells become None. Text that is not UTF-8 is read as Windows-1252 and a
    note says so (spreadsheets on Windows write it; the names stay readable).
    """
    path = Path(path)
    types = types or {}
    text, encoding = read_text(path)
    notes = []
    if encoding not in ("utf-8", "utf-8-sig"):
        notes.append(f"{path.name} is not UTF-8 (first non-UTF-8 byte on line {_first_bad_byte_line(path)}); "
                     f"it was read as {encoding}.")
    end = text.find("\n")
    header_line = text if end < 0 else text[:end]
    delimiter = _pick_delimiter(header_line, set(required) | set(optional))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [c.strip() for c in next(reader, [])]
    problems: list[Problem] = []
    missing = [c for c in required if c not in header]
    if missing:
        hint = " The header looks tab-separated; use ',' or ';'." if "\t" in header_line else ""
        problems.append(Problem(str(path), 1, ", ".join(missing),
                                f"missing required column(s) {', '.join(missing)}; the header has "
                                f"{', '.join(header[:30]) or 'nothing'}.{hint}"))
        raise ValidationFailed(problems)
    rows: list[dict[str, Any]] = []
    lines: list[int] = []
    typed = [(c, _number_or_decimal_comma if types[c] is number and delimiter == ";" else types[c])
             for c in header if c in types]
    width = len(header)
    suspect = len(text) > MAX_TEXT or _SUSPECT.search(text) is not None
    removed, first_removed = 0, None
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            problems.append(Problem(str(path), line, None, f"cannot read the row: {e}"))
            break
        if not cells or (len(cells) == 1 and not cells[0].strip()):
            continue
        if len(cells) != width:
            where = header[len(cells)] if len(cells) < width else f"field {width + 1}"
            other = ";" if delimiter == "," else ","
            why = (f"it seems separated by {other!r}, the header by {delimiter!r}"
                   if sum(c.count(other) for c in cells) >= width - len(cells) > 0 else "truncated, or split oddly")
            problems.append(Problem(str(path), line, where,
                                    f"the row has {len(cells)} field(s) but the header has {width}: {why}"))
            continue
        if suspect:
            for at, cell in enumerate(cells):
                cells[at], gone = clean_text(cell, str(path), line, header[at], problems)
                removed += gone
                if gone and first_removed is None:
                    first_removed = (line, header[at])
        row = dict(zip(header, [v.strip() or None for v in cells], strict=True))
        problems += [Problem(str(path), line, c, "empty; every row needs a value here") for c in not_empty
                     if row[c] is None]
        for column, parse in typed:
            value = row[column]
            if value is not None:
                try:
                    row[column] = parse(value)
                except ValueError as e:
                    problems.append(Problem(str(path), line, column, str(e)))
        rows.append(row)
        lines.append(line)
    if problems:
        raise ValidationFailed(problems)
    notes += removed_note(path.name, removed, first_removed)
    return Table(path, delimiter, encoding, header, rows, lines, notes)


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
