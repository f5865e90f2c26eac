"""Typed query parameters: text from a command line, a form or a URL becomes a checked value.

Values are converted by `graph.values` (the one vocabulary the loaders use too: `yes`, `ja`, `on`, `x`
are all true) and validated before the database sees them; they only ever travel as query parameters.
Dates become ISO `YYYY-MM-DD` strings, the form dates are stored in; a decimal comma is accepted. `readings` says
when a text may mean two values (`01/02/2024` day or month first, `1,500`): the Queries page asks a link's again.

A parameter the query matches a node's id with (`(a:Organisation {id: $from})`) also takes the node's
name: `node_id_params` finds those in the query text, and the runner resolves them
(`graph.store.resolve.resolve_node`).
"""

from __future__ import annotations

import re
from typing import Any

from graph import values
from graph.store.schema import NODE_LABELS
from graph.values import BadValue

__all__ = ["PARAM_TYPES", "ParamError", "convert", "node_id_params", "readings", "as_written"]

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


#: A day-first date whose day could be its month, `01/02/2024`, and a number whose comma could group thousands, `1,500`.
_DAY_OR_MONTH = re.compile(r"(\d{1,2})([./])(\d{1,2})\2(\d{4})")
_COMMA_OR_THOUSANDS = re.compile(r"([+-]?\d{1,3}),(\d{3})")


def readings(kind: str, text: str) -> dict[str, Any]:
    """The values `text` may mean as a value of `kind` when it may mean two, each by how it is read; else {}.
    `convert` reads a date day first and a comma as a decimal comma (the forms of most of Europe): where the other
    reading is a value too, a link (which nobody sees typed) is better asked again than read one way.

    Examples
    --------
    >>> readings("date", "01/02/2024"), readings("date", "31/12/2024"), readings("date", "05.05.2024")
    ({'day first': '2024-02-01', 'month first': '2024-01-02'}, {}, {})
    >>> readings("float", "1,500"), readings("float", "1,5")
    ({'with a decimal comma': 1.5, 'with a comma between thousands': 1500.0}, {})
    """
    text = str(text).strip()
    if kind == "date" and (found := _DAY_OR_MONTH.fullmatch(text)):
        first, second, year = int(found[1]), int(found[3]), int(found[4])
        if first != second and 1 <= first <= 12 and 1 <= second <= 12:
            return {"day first": convert(kind, text), "month first": f"{year:04d}-{first:02d}-{second:02d}"}
    if kind == "float" and (found := _COMMA_OR_THOUSANDS.fullmatch(text)):
        return {"with a decimal comma": convert(kind, text),
                "with a comma between thousands": float(found[1] + found[2])}
    return {}


def as_written(value: Any) -> str:
    """A reading as a link or an option would write it: 1500, not 1500.0."""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


#: A node pattern that matches its id with a parameter: `(a:Organisation {id: $from})`.
_ID_MATCH = re.compile(r"\(\s*\w*\s*:\s*([A-Za-z]\w*)\s*\{\s*id\s*:\s*\$(\w+)\s*\}")


def node_id_params(cypher: str) -> dict[str, tuple[str, ...]]:
    """The parameters `cypher` matches a node's id with, each with the labels of the nodes it names.

    Examples
    --------
    >>> node_id_params("MATCH (a:Organisation {id: $from}), (p:Project {id: $project}) RETURN a")
    {'from': ('Organisation',), 'project': ('Project',)}
    """
    found: dict[str, tuple[str, ...]] = {}
    for label, name in _ID_MATCH.findall(cypher):
        if label in NODE_LABELS and label not in found.get(name, ()):
            found[name] = (*found.get(name, ()), label)
    return found
