"""Typed query parameters: text from a command line, a form or a URL becomes a checked value.

Values are converted by `graph.values` (the one vocabulary the loaders use too: `yes`, `ja`, `on`, `x`
are all true) and validated before the database sees them; they only ever travel as query parameters.
Dates become ISO `YYYY-MM-DD` strings, the form dates are stored in; a decimal comma is accepted.

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

__all__ = ["PARAM_TYPES", "ParamError", "convert", "node_id_params"]

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
