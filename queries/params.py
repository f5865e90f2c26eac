"""Typed query parameters: text from a command line, a form or a URL becomes a checked value.

Values are converted by `graph.values` (the one vocabulary the loaders use too: `yes`, `ja`, `on`, `x`
are all true) and validated before the database sees them; they only ever travel as query parameters.
Dates become ISO `YYYY-MM-DD` strings, the form dates are stored in; a decimal comma is accepted.
"""

from __future__ import annotations

from typing import Any

from graph import values
from graph.values import BadValue

__all__ = ["PARAM_TYPES", "ParamError", "convert"]

PARAM_TYPES = values.KINDS
#: The date spellings a parameter accepts: ISO first, then the day-first forms of most of Europe.
DATE_FORMATS = (values.ISO_DATE, "%d.%m.%Y", "%d/%m/%Y")
#: The error of a value that does not fit its parameter's type: the vocabulary's one error.
ParamError = BadValue
_OPTIONS: dict[str, dict[str, Any]] = {"float": {"decimal": ","}, "date": {"formats": DATE_FORMATS},
                                       "list": {"separator": ","}}


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
    if kind not in PARAM_TYPES:
        raise ParamError(f"unknown parameter type {kind!r}; use one of {', '.join(PARAM_TYPES)}")
    return values.convert(kind, value, **_OPTIONS.get(kind, {}))
