"""What the embedded FalkorDB refuses, said in one line: its errors translated, and ranges refused before sending.

`range()` with literal (or parameter) bounds is folded by FalkorDB while it plans the query, and its array
is allocated at once, before the per-query memory capacity applies: `range(1, 2000000000)` asked for
32 GB and aborted the server. Such a range over the capacity is refused here and never sent.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from graph.errors import ParameterError, QueryError, QueryTimeout, QueryTooLarge, ReadOnlyViolation, StoreUnavailable
from graph.store.falkordb_config import ServerLimits
from graph.store.query_syntax import from_falkordb, used_parameters

__all__ = ["refuse_before_sending", "translate"]

_RANGE = re.compile(r"\brange\s*\(\s*(-?\d+|\$\w+)\s*,\s*(-?\d+|\$\w+)\s*(?:,\s*(-?\d+|\$\w+)\s*)?\)", re.I)
_BYTES_PER_ITEM = 16  # FalkorDB's value size: what a range's array costs per element


def range_items(query: str, params: dict[str, Any] | None) -> int:
    """The most elements any `range(a, b[, step])` with literal or parameter bounds in `query` makes."""
    def bound(text: str | None, default: int) -> int | None:
        if text is None:
            return default
        found = (params or {}).get(text[1:]) if text.startswith("$") else int(text)
        return found if type(found) is int else None

    most = 0
    for match in _RANGE.finditer(query):
        start, end, step = bound(match[1], 0), bound(match[2], 0), bound(match[3], 1)
        if None not in (start, end, step) and step != 0:
            most = max(most, (end - start) // step + 1)
    return most


def refuse_before_sending(query: str, params: dict[str, Any] | None, limits: ServerLimits) -> None:
    """What a read must not send: a range past the query's memory, a number FalkorDB would cut or not parse."""
    for key, value in (params or {}).items():
        _refuse_unheld_number(key, value)
    items = range_items(query, params)
    if items * _BYTES_PER_ITEM > limits.query_memory:
        raise QueryTooLarge(f"the query makes a range of {items:,} values, more than a query may hold "
                            f"({limits.query_memory // 2**20:,} MiB); it was not run")


def _refuse_unheld_number(key: str, value: Any) -> None:
    """A whole number past 64 bits came back cut (9223372036854775807) without a word; NaN or infinity did not
    parse ("Failed to parse query parameter"). Both are named with their parameter."""
    if isinstance(value, (list, tuple)):
        for item in value:
            _refuse_unheld_number(key, item)
    elif isinstance(value, dict):
        for item in value.values():
            _refuse_unheld_number(key, item)
    elif type(value) is int and not -2**63 <= value < 2**63:
        raise ParameterError(f"parameter {key}: {value} is beyond the 64-bit whole numbers the database holds (it "
                             f"would be cut to {max(-2**63, min(value, 2**63 - 1))})")
    elif type(value) is float and not math.isfinite(value):
        raise ParameterError(f"parameter {key}: {value} is not a number the database holds (give a finite number)")


def _missing_parameters(query: str | None, params: dict[str, Any] | None) -> str:
    """FalkorDB says "Missing parameters" and not which: the `$names` of the query that no value was given for."""
    missing = [f"${name}" for name in used_parameters(query or "") if name not in (params or {})]
    if not missing:
        return "the query uses a parameter that was given no value"
    unused = [name for name in params or {} if name not in used_parameters(query or "")]  # a typo: `-p idd=` for $id
    besides = f"; {', '.join(unused)} {'was' if len(unused) == 1 else 'were'} given, which the query does not use"
    return (f"the query uses {', '.join(missing)} but no value was given for {'it' if len(missing) == 1 else 'them'}"
            + (besides if unused else ""))


def translate(error: Exception, db: Path, limits: ServerLimits, timeout_s: float | None,
              query: str | None = None, params: dict[str, Any] | None = None) -> Exception:
    """The client's `error` as one of ours, with a message that says what to do.

    A syntax error in `query` (the text as written, before its parameter header) becomes a
    `QuerySyntaxError` with the line, the column and a caret under the offending text."""
    message = str(error)
    lowered = message.lower()
    if "read-only" in lowered or "read only" in lowered:
        return ReadOnlyViolation("this query writes to the graph; only read-only queries may run here "
                                 "(the database refused it and nothing changed)")
    if "mem consumption exceeded capacity" in lowered:
        return QueryTooLarge(f"the query needed more memory than a query may use "
                             f"({limits.query_memory // 2**20:,} MiB) and was stopped; the store is unharmed")
    if "oom command not allowed" in lowered:
        return StoreUnavailable(f"the embedded store at {db} is at its memory limit "
                                f"({limits.server_memory // 2**20:,} MiB); nothing was written")
    if "timed out" in lowered or "timeout" in lowered:
        return QueryTimeout.stopped(timeout_s)
    if "missing parameters" in lowered:
        return ParameterError(f"{_missing_parameters(query, params)} (CLI: -p name=VALUE; the app: Parameters as "
                              "JSON)")
    if "empty query" in lowered:  # FalkorDB's own words were "Error: empty query."
        return QueryError("the query is empty; write Cypher (a saved query's Show the Cypher, or `cluster-explorer "
                          "queries show NAME`, gives one to start from)")
    if isinstance(error, ConnectionError) or "connection" in type(error).__name__.lower():
        return StoreUnavailable(f"lost the embedded FalkorDB store at {db}: {message}")
    return from_falkordb(message, query) or QueryError(f"FalkorDB rejected the query: {message}")
