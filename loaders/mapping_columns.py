"""The checks of one property of a mapping's table: `property = "column"` or `{ column, type, format, separator,
decimal, thousands, currency, value, values }`, turned into the `Column` that reads it, every problem named at its
line. Apart from `loaders.mapping_checks` (the tables and their keys), which calls `property_column` for each.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from graph.store.schema import REL_TYPES, check_property
from graph.store.semantics import lookup
from loaders.mapping_options import RESERVED, constant_column
from loaders.mapping_spec import ISO_DATE, TYPES, Column

if TYPE_CHECKING:
    from loaders.mapping_checks import MappingChecker

__all__ = ["COLUMN_KEYS", "NUMBER_OPTIONS", "date_formats", "property_column"]

#: The keys of a property's table.
COLUMN_KEYS = {"column", "type", "format", "separator", "decimal", "thousands", "currency", "value", "values"}

#: The options that read numbers, and the types whose cells they read (`int`: a whole number has no decimal mark).
NUMBER_OPTIONS = {"decimal": ("float",), "thousands": ("float", "int"), "currency": ("float",)}


def _unread_number_options(kind: str, spec: dict) -> list[str]:
    """What is wrong with each number option of a column whose type does not read it: `decimal = ","` on a `type =
    "int"` column had been taken and read nothing, where the docs say nothing in a mapping is silently ignored."""
    said = []
    for option in (o for o, kinds in NUMBER_OPTIONS.items() if o in spec and kind not in kinds):
        if kind == "int" and option == "decimal":
            said.append('a whole number (type = "int") has no decimal mark, so decimal is not read there: take decimal '
                        'out (thousands = "." reads 29.000 as 29000), or make the column type = "float" if its '
                        'numbers have decimals')
        elif kind in TYPES:
            said.append(f'{option} reads the numbers of a {" or ".join(NUMBER_OPTIONS[option])} column, and a {kind} '
                        f'column has none: take {option} out, or make the column type = "float"')
    return said


def date_formats(raw: Any) -> tuple[str, ...]:
    """strptime formats from `format` (one or a list); `dd.mm.yyyy`-style spellings are accepted too."""
    formats = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, list) else [None]
    result = []
    for fmt in formats:
        if not isinstance(fmt, str) or not fmt:
            raise ValueError("format must be a date format like \"%d.%m.%Y\" or a list of them")
        if "%" not in fmt:
            for word, code in (("yyyy", "%Y"), ("yy", "%y"), ("mm", "%m"), ("dd", "%d")):
                fmt = fmt.replace(word, code).replace(word.upper(), code)
        # a year alone (`%Y`: a member list's `2019`) or a month is read as its first day, as the seed texts' are
        sample, ok = dt.date(2001, 2, 3), False
        month, day = any(c in fmt for c in ("%m", "%b", "%B")), any(c in fmt for c in ("%d", "%j"))
        with contextlib.suppress(ValueError):
            ok = dt.datetime.strptime(sample.strftime(fmt), fmt).date() == sample.replace(
                month=2 if month else 1, day=3 if day else 1) and (month or not day)
        if not ok:
            raise ValueError(f"date format {fmt!r} does not read back a date: it needs a year, with its month and day "
                             "or without them (\"%Y\" reads 2019 as 2019-01-01)")
        result.append(fmt)
    return tuple(result)


def _contract_type(owner: str, prop: str) -> str:
    """The type a property mapped without one is read as: a date of the semantic contract (`since`, `start_date`) is
    a date (ISO, or the `format` given), else text. `since = "Liittymispäivä"` had stored `1.3.2019` as text, which
    neither sorts nor compares as a date, and no load said so."""
    known = lookup(owner, prop) if owner else None
    return "date" if known is not None and known.type == "date" else "string"


def property_column(check: MappingChecker, kind: str, index: int, prop: str, spec: Any, rel_type: str) -> Column | None:
    """The column of `prop` (`spec` its column name or table), None after a problem (reported on `check`) or for a
    constant its checks refused; `rel_type`: the table's relationship type, whose properties are the only ones allowed
    (a nodes table's: its label, which no relationship type is)."""
    allowed = REL_TYPES[rel_type].properties if rel_type in REL_TYPES else None
    spec = {"column": spec} if isinstance(spec, str) else spec
    before = len(check.problems)
    try:
        check_property(prop)
    except ValueError as e:
        check.problem(kind, index, str(e), prop)
    if kind == "nodes" and prop in RESERVED:
        check.problem(kind, index, f"property {prop!r} is reserved: map the key with id and the name with name",
                      prop)
    if allowed is not None and prop not in allowed:
        check.problem(kind, index, f"{rel_type} has no property {prop!r}; allowed: "
                      f"{', '.join(allowed) or 'none'}", prop)
    if not isinstance(spec, dict):
        check.problem(kind, index, f"property {prop!r} must map to a column name or a table", prop)
        return None
    check.unknown_keys(kind, index, spec, COLUMN_KEYS, f"property {prop!r}")
    column = Column(prop, spec.get("column", prop), spec.get("type", _contract_type(rel_type, prop)))
    if "value" not in spec and (not isinstance(column.column, str) or not column.column.strip()):
        check.problem(kind, index, f"property {prop!r}: column must be a non-empty text", prop)
    if column.type not in TYPES:
        check.problem(kind, index, f"property {prop!r}: unknown type {column.type!r}; use one of "
                      f"{', '.join(TYPES)}", prop)
    try:
        formats = date_formats(spec.get("format", ISO_DATE)) if column.type == "date" else (ISO_DATE,)
    except ValueError as e:
        check.problem(kind, index, f"property {prop!r}: {e}", prop)
        formats = (ISO_DATE,)
    separator, decimal = spec.get("separator", "|"), spec.get("decimal", ".")
    if not isinstance(separator, str) or not separator:
        check.problem(kind, index, f"property {prop!r}: separator must be a non-empty text", prop)
    if decimal not in (".", ","):
        check.problem(kind, index, f"property {prop!r}: decimal must be \".\" or \",\"", prop)
    thousands = spec.get("thousands", "")
    if thousands not in ("", ".", ",", "'", "’") or (thousands == decimal and column.type == "float"):
        check.problem(kind, index, f"property {prop!r}: thousands must be \".\", \",\" or \"'\""
                      f"{f', and not the decimal mark ({decimal!r})' if column.type == 'float' else ''}", prop)
    for option in _unread_number_options(column.type, spec):
        check.problem(kind, index, f"property {prop!r}: {option}", prop)
    currency = spec.get("currency", "")
    if not isinstance(currency, str) or not re.fullmatch(r"(?:[A-Za-z]{3})?", currency):
        check.problem(kind, index, f"property {prop!r}: currency must be an ISO code (\"SEK\"), the currency "
                      "whose mark (kr, SEK) the cells may carry", prop)
        currency = ""
    recode = spec.get("values", {})
    if not isinstance(recode, dict) or not all(isinstance(v, str) for v in recode.values()):
        check.problem(kind, index, f"property {prop!r}: values must be a table: \"in the file\" = \"stored\"",
                      prop)
    elif len(check.problems) == before and "value" in spec:
        return constant_column(check, kind, index, prop, spec, Column(prop, "", column.type, formats, separator,
                                                                      decimal))
    elif len(check.problems) == before:
        return Column(prop, column.column.strip(), column.type, formats, separator, decimal, thousands=thousands,
                      recode={k.casefold(): v for k, v in recode.items()}, currency=currency.upper())
    return None
