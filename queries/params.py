"""Typed query parameters: text from a command line, a form or a URL becomes a checked value.

Values are converted and validated before the database sees them, and they only ever travel as
query parameters. Dates become ISO `YYYY-MM-DD` strings, the form dates are stored in.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph.errors import ParameterError

__all__ = ["PARAM_TYPES", "ParamError", "convert"]

PARAM_TYPES = ("string", "int", "float", "bool", "date", "list")
_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


class ParamError(ParameterError):
    """A value that does not fit its parameter's type."""


def convert(kind: str, value: Any) -> Any:
    """`value` (text or already typed) as a value of `kind`; raises ParamError saying what was expected.

    Examples
    --------
    >>> convert("int", "12"), convert("bool", "yes"), convert("date", "2020-9-24")
    (12, True, '2020-09-24')
    >>> convert("list", "SE, NO")
    ['SE', 'NO']
    """
    if value is None:
        return None
    try:
        return _CONVERTERS[kind](value)
    except KeyError:
        raise ParamError(f"unknown parameter type {kind!r}; use one of {', '.join(PARAM_TYPES)}") from None


def _string(value: Any) -> str:
    if isinstance(value, (dict, list)):
        raise ParamError(f"expected text, got {value!r}")
    return str(value)


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise ParamError(f"expected a whole number, got {value!r}")
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        raise ParamError(f"expected a whole number, got {value!r}") from None


def _float(value: Any) -> float:
    if isinstance(value, bool):
        raise ParamError(f"expected a number, got {value!r}")
    try:
        return float(str(value).strip().replace(",", ".")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise ParamError(f"expected a number, got {value!r}") from None


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ParamError(f"expected true or false, got {value!r}")


def _date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise ParamError(f"expected a date as YYYY-MM-DD, got {value!r}")


def _list(value: Any) -> list[Any]:
    if isinstance(value, (list, tuple)):
        return [v for v in value]
    text = str(value).strip()
    return [part.strip() for part in text.split(",") if part.strip()] if text else []


_CONVERTERS = {"string": _string, "int": _int, "float": _float, "bool": _bool, "date": _date, "list": _list}
