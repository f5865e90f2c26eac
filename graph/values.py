"""One value vocabulary: text from a command line, a form, a mapping file or a CSV cell becomes a typed value.

Query parameters (`queries.params`), the generic loader's mapping (`loaders.mapping`) and the CSV reader
of the official sources (`loaders.csv_tables`) all convert through these functions, so `ja`, `x` or
`SANT` mean yes wherever a user types them, and a number reads alike in every file. Modelled on
datasette's `value_as_boolean`: one function per kind and one error, `BadValue`, a kind of
`ParameterError` (and so of `ValueError`) whose message says what was expected and what was found;
callers that know the file, line and column turn it into a `Problem`.

Empty text is no value of any kind: callers decide what an empty cell means (the loaders: "not given").
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from typing import Any

from graph.currency_marks import mark_of, marked_currencies, without_currency
from graph.errors import ParameterError

__all__ = ["BadValue", "NotYesNo", "POINT_GROUPED", "TRUE_WORDS", "FALSE_WORDS", "ISO_DATE", "KINDS", "as_bool",
           "is_yes_no", "as_int", "as_float", "as_date", "as_list", "as_text", "convert", "is_empty"]

#: Words read as yes / no, in any case: English, digits, a ticked box (`x`), and the TRUE / FALSE that
#: spreadsheets write in Swedish, Norwegian, Danish, Finnish, German and French (SANT, SANN, SAND, TOSI,
#: WAHR, VRAI), with the short yes / no of those languages and of Spanish and Catalan (`sí`, `si`), Italian
#: (`sì`), Portuguese (`sim` / `não`), Basque (`bai` / `ez`) and Polish (`tak` / `nie`): a Basque member list's
#: `Sí` had been refused on every row.
TRUE_WORDS = frozenset({"true", "yes", "y", "1", "on", "x", "ja", "j", "sant", "sann", "sand", "kyllä",
                        "tosi", "wahr", "oui", "vrai", "sí", "si", "sì", "sim", "bai", "tak"})
FALSE_WORDS = frozenset({"false", "no", "n", "0", "off", "nej", "nei", "falskt", "usann", "falsk", "ei",
                         "epätosi", "nein", "falsch", "non", "faux", "não", "nao", "ez", "nie"})
ISO_DATE = "%Y-%m-%d"
KINDS = ("string", "int", "float", "bool", "date", "list")
_INT = re.compile(r"^[-+]?\d+$")
_FLOAT = re.compile(r"^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ][\d:.+\-Z]*)?$")
_BOOLS = {**dict.fromkeys(TRUE_WORDS, True), **dict.fromkeys(FALSE_WORDS, False)}
_GROUPED = re.compile(r"^[-+]?\d{1,3}([.,'’])\d{3}(?:\1\d{3})*(?:[.,]\d+)?$")  # 1.234.567,89 or 1,234.5
_WHOLE_GROUPED = re.compile(r"^[-+]?\d{1,3}([.,'’])\d{3}(?:\1\d{3})*$")  # 29.000 or 1,234,567: no decimals
#: A number whose points may group thousands or be decimal points: `250.000`, `1.234.567` (a German table's
#: 250000, or 250 as written), which a decimal-comma column reads as written (`loaders.generic` notes it).
POINT_GROUPED = re.compile(r"-?\d{1,3}(?:\.\d{3})+")
_SPACES = re.compile(r"[\s\u00a0\u202f]")  # thousands separators: space, no-break space, narrow no-break space


class BadValue(ParameterError):
    """A value that does not read as the kind asked for; the message says what was expected and found."""


class NotYesNo(BadValue):
    """A value that is no yes or no word; `value` is the value as given, for a caller that names the words of a
    column (`loaders.generic_cell_notes.yes_no_words`) without reading them back out of the message."""

    def __init__(self, message: str, value: Any = None):
        super().__init__(message)  # `args` is the message alone, as for any `BadValue`
        self.value = value


def is_empty(value: Any) -> bool:
    """None, or text of nothing but spaces: no value, whatever the kind."""
    return value is None or (isinstance(value, str) and not value.strip())


def as_bool(value: Any) -> bool:
    """True or False for a yes/no word (`TRUE_WORDS`, `FALSE_WORDS`, any case) or a bool.

    >>> as_bool("Ja"), as_bool("x"), as_bool("FALSKT"), as_bool(0)
    (True, True, False, False)
    """
    found = _BOOLS.get(value) if isinstance(value, str) else None  # the fast path: a cell as written
    if found is None:
        if isinstance(value, bool):
            return value
        found = _BOOLS.get(str(value).strip().lower())
        if found is None:
            raise NotYesNo(f"expected yes or no (true/false, 1/0, x, ja/nej, ...), got {value!r}", value)
    return found


def is_yes_no(value: Any) -> bool:
    """Whether `value` reads as yes or no, as `as_bool` reads it (a column's type guessed from its cells).

    >>> is_yes_no(" NEI "), is_yes_no("maybe")
    (True, False)
    """
    try:
        as_bool(value)
    except NotYesNo:
        return False
    return True


def as_int(value: Any, thousands: str = "") -> int:
    """A whole number; spaces between thousands are allowed (`1 250`), and `thousands` names another mark written
    between them (`.` in a Danish `29.000`), removed before reading; a point or comma it does not name is refused,
    with the setting that reads it when the cell looks grouped.

    >>> as_int("1 250"), as_int(-3), as_int(3.0), as_int("29.000", thousands=".")
    (1250, -3, 3, 29000)
    """
    if isinstance(value, str):
        if value.isascii() and value.isdigit():  # the fast path for clean cells
            return int(value)
        text = _SPACES.sub("", value.replace(thousands, "") if thousands else value)
    elif isinstance(value, int) and not isinstance(value, bool):
        return value
    elif isinstance(value, float) and value.is_integer():  # JSON writers give 3.0 for a count
        return int(value)
    else:
        text = ""
    if not _INT.match(text):
        grouped = _WHOLE_GROUPED.match(_SPACES.sub("", value)) if isinstance(value, str) and not thousands else None
        raise BadValue(f"expected a whole number, got {_quoted(value)}{_thousands_hint(grouped)}")
    return int(text)


def as_float(value: Any, decimal: str = ".", thousands: str = "", currency: str = "") -> float:
    """A finite number. `decimal=","` also reads a decimal comma (`6,2`); with the default a comma is
    refused, as `1,500` may mean 1500. Spaces between thousands are allowed; `thousands` names another
    mark written between them (`.` in `1.234,50`, `,` in `1,234.50`), removed before reading. With a
    `currency` (ISO code), a mark of it before or after the number is read past (`graph.currency_marks`).

    >>> as_float("6,2", decimal=","), as_float("1e3"), as_float(2), as_float("1.234,5", ",", thousands=".")
    (6.2, 1000.0, 2.0, 1234.5)
    >>> as_float("3 450 000,50 kr", ",", currency="SEK")
    3450000.5
    """
    if isinstance(value, str):
        unmarked = without_currency(value, currency) if currency else value  # the message quotes the cell as written
        unmarked = unmarked.replace(thousands, "") if thousands else unmarked
        if "_" not in unmarked:
            try:  # the fast path for clean cells; float() also takes nan and inf, refused below
                number = float(unmarked)
            except ValueError:
                pass
            else:
                if not math.isfinite(number):
                    raise BadValue(f"expected a finite number, got {value!r}")
                return number
        text = _SPACES.sub("", unmarked)
        if decimal == ",":
            text = text.replace(",", ".")
        if _FLOAT.match(text):
            return float(text)
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    finite = "finite " if isinstance(value, (int, float)) and not isinstance(value, bool) else ""
    unmarked = without_currency(value, currency) if isinstance(value, str) and currency else value
    grouped = _GROUPED.match(unmarked) if isinstance(unmarked, str) and not thousands else None
    hint = _thousands_hint(grouped) + (_currency_hint(value, currency) if isinstance(value, str) and unmarked == value
                                       else "")
    raise BadValue(f"expected a {finite}number"
                   f"{' (decimal comma or point)' if decimal == ',' else ''}, got {_quoted(value)}{hint}")


def _thousands_hint(grouped: re.Match[str] | None) -> str:
    """What reads a cell whose digits a mark groups in thousands (`29.000`, `1.234,50`): the match of `_GROUPED` or
    `_WHOLE_GROUPED`, or None (nothing to say)."""
    mark = grouped.group(1) if grouped else ""
    return f"; if {mark!r} stands between thousands, set thousands = {mark!r}" if mark else ""


def _currency_hint(text: str, currency: str) -> str:
    """What to set when a cell carries the mark of a currency its column does not read (`3 450 000 kr` where the
    mapping says no currency, or EUR, the participation preset's default). Not called for a cell whose mark the
    column's currency reads (`2.500.000 kr.` in a DKK column: its number is what is wrong, and the hint had told a
    Danish user that `kr.` was not DKK's mark)."""
    codes = [code for code in marked_currencies(text) if code != currency.upper()]
    if not codes:
        return ""
    mark = mark_of(text, codes[0])
    who = f"{mark!r} is {codes[0]}'s mark" if len(codes) == 1 else \
        f"{mark!r} is the mark of {', '.join(codes[:-1])} and {codes[-1]} alike"
    setting = f"currency = \"{codes[0]}\"{'' if len(codes) == 1 else ' or the one it is'} (docs/mapping.md)"
    if not currency:
        return f"; {who}: give the column's currency, {setting}, and the mark is read past"
    return (f"; {who}, not {currency.upper()}'s, the column's currency: if the column's amounts are all in "
            f"{codes[0] if len(codes) == 1 else 'one of them'}, set {setting}; else convert this amount")


def _quoted(value: Any) -> str:
    """The value as a message quotes it: text with its no-break spaces shown as the spaces they look like. Excel
    writes them between thousands (`3 450 000`), and a message quoting `'3\\xa0450\\xa0000 kr'` sent the user
    looking for a character the cell does not show; they read as spaces, so they are not what is wrong.

    >>> _quoted("3\u00a0450\u00a0000 kr"), _quoted(5)
    ("'3 450 000 kr'", '5')
    """
    return repr(value.replace("\u00a0", " ").replace("\u202f", " ")) if isinstance(value, str) else repr(value)


def _format_examples(formats: tuple[str, ...]) -> str:
    return " or ".join(dt.date(2024, 12, 31).strftime(f) for f in formats)


def as_date(value: Any, formats: tuple[str, ...] = (ISO_DATE,)) -> str:
    """An ISO date text `YYYY-MM-DD` (the form both stores compare), read with the first of `formats`
    (strptime formats) that fits. With the ISO format a time after the date is allowed and dropped.

    >>> as_date("12.03.2009", ("%d.%m.%Y",)), as_date("2020-09-24T10:00:00"), as_date(dt.date(2020, 1, 2))
    ('2009-03-12', '2020-09-24', '2020-01-02')
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return _date_text(str(value).strip(), tuple(formats))


@functools.lru_cache(maxsize=1 << 14)
def _date_text(text: str, formats: tuple[str, ...]) -> str:
    """Cached: a file repeats its dates (strptime costs ~40 µs, most of reading a row of a mapped file)."""
    for fmt in formats:
        if fmt == ISO_DATE and _ISO.match(text):
            try:
                return dt.date.fromisoformat(text[:10]).isoformat()
            except ValueError:
                continue
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise BadValue(f"expected a date like {_format_examples(formats)} (format {' or '.join(formats)}), "
                   f"got {text!r}")


def as_list(value: Any, separator: str = ",") -> list[Any]:
    """The items of a list, or of text split at `separator`; text items are stripped, empty ones dropped.

    >>> as_list("IoT, sensors"), as_list("a|b||", "|"), as_list([1, " x "])
    (['IoT', 'sensors'], ['a', 'b'], [1, 'x'])
    """
    items = value if isinstance(value, (list, tuple)) else str(value).split(separator)
    return [item.strip() if isinstance(item, str) else item for item in items
            if not (isinstance(item, str) and not item.strip())]


def as_text(value: Any) -> str:
    """Text as given; a bool as `true` / `false` (as JSON writes it). A nested object or list is refused."""
    if isinstance(value, (dict, list, tuple)):
        raise BadValue(f"expected text, got a nested object or list {value!r}")
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def convert(kind: str, value: Any, **options: Any) -> Any:
    """`value` as a value of `kind` (one of `KINDS`); `options` go to the converter (`decimal`, `formats`,
    `separator`). Raises `BadValue` for a value that does not fit, or an unknown kind.

    >>> convert("int", "12"), convert("bool", "yes"), convert("list", "SE, NO")
    (12, True, ['SE', 'NO'])
    """
    try:
        converter = _CONVERTERS[kind]
    except KeyError:
        raise BadValue(f"unknown type {kind!r}; use one of {', '.join(KINDS)}") from None
    return converter(value, **options)


_CONVERTERS = {"string": as_text, "int": as_int, "float": as_float, "bool": as_bool, "date": as_date,
               "list": as_list}
