"""FalkorDB parameter text: the `CYPHER name=value ...` header the falkordb client makes, only faster.

A load's writes are mostly this text; making it here lets the writer make it on one thread while
another sends. `tests/test_write_speed_equivalence.py` checks it is the client's, character for character.
"""

from __future__ import annotations

from json.encoder import encode_basestring
from typing import Any

from falkordb.helpers import stringify_param_value

__all__ = ["parameter_text", "params_header"]

_PLAIN_SCALARS = frozenset({str, int, float, bool, type(None)})


def parameter_text(value: Any) -> str:
    """`value` as FalkorDB parameter text, the same as `falkordb.helpers.stringify_param_value` gives.

    Plain types take a short path: a printable string's JSON quoting (C code) escapes only `\\` and `"`,
    as the client does; a string with control characters, whose JSON escapes FalkorDB would not all
    decode, and any other type go to the client's own function.
    """
    kind = type(value)
    if kind is str:
        return encode_basestring(value) if value.isprintable() else stringify_param_value(value)
    if kind is dict:
        parts = []
        for key, item in value.items():
            if type(key) is not str or not key or "`" in key:
                return stringify_param_value(value)  # the client's own way with other keys, errors included
            parts.append(f"`{key}`:{parameter_text(item)}")
        return "{" + ",".join(parts) + "}"
    if kind is list or kind is tuple:
        return "[" + ",".join(map(parameter_text, value)) + "]"
    if value is None:
        return "null"
    if kind is int or kind is float or kind is bool:
        return str(value)
    return stringify_param_value(value)


def params_header(params: dict[str, Any] | None) -> str:
    """The `CYPHER name=value ...` header for `params`, the same as the falkordb client makes."""
    if params is None:
        return ""
    if not isinstance(params, dict) or any(type(k) is not str or not k or "`" in k for k in params):
        from falkordb.graph import Graph

        return Graph._build_params_header(None, params)  # the client's own way, errors included (no `self` used)
    return "CYPHER " + "".join(f"`{key}`={parameter_text(value)} " for key, value in params.items())
