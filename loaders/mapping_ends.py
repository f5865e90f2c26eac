"""A relationship's `start` and `end` tables of a mapping: a column naming each row's node, or one value every row
links to (with `add`, made from it). Apart from `loaders.mapping_spec` to keep that module within its size; the
checks (`loaders.mapping_checks`) read an end with `endpoint_problem` and build an `Endpoint`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Endpoint", "endpoint_problem", "constant_end"]


@dataclass(frozen=True)
class Endpoint:
    """The end of a relationship: the column holding a node id and the label of that node; or, with `value`, one
    node every row links to (`end = { label = "Cluster", value = "Energy Cluster Denmark" }`: a cluster's own
    member list), named by its id or its name as an end's cell is (`loaders.generic_ends`); with `add`, made from
    the value (its id and name) where neither the files nor the store hold it (`loaders.generic_added_ends`), in
    `country` when given (`add = true, country = "FI"`: the Map draws it) and `LOCATED_IN` the store's region that
    `region` names by NUTS code or name (`region = "FI19B"`: the Map and `--region` find it there,
    `loaders.generic_added_regions`)."""

    label: str
    column: str
    value: str = ""
    add: bool = False
    country: str = ""
    region: str = ""


_END_USAGE = '{ label = "...", column = "..." } (or value = "..." for one node every row links to)'


def endpoint_problem(role: str, end: Any) -> str | None:
    """What is wrong with a relationship's `start` / `end` table, or None: it names a column or a value, one of them.

    >>> endpoint_problem("end", {"label": "Cluster", "value": "Energy Cluster Denmark"}) is None
    True
    >>> endpoint_problem("end", {"label": "Cluster", "column": "klynge", "value": "ECD"})[:38]
    'end names both a column and a value: k'
    """
    if not isinstance(end, dict):
        return f"{role} must be a table {_END_USAGE}"
    if "add" in end and not isinstance(end["add"], bool):
        return f"{role}'s add must be true or false, got {end['add']!r}"
    if end.get("add") and "value" not in end:
        return (f'{role}\'s add = true goes with value = "..." (the one node every row links to, made from it); the '
                "nodes a column names are made by a [[nodes]] table")
    if "country" in end and not (end.get("add") and isinstance(end["country"], str) and len(end["country"]) == 2):
        return (f'{role}\'s country goes with add = true: the two-letter code of the country of the node it makes '
                f'(country = "FI"), got {end["country"]!r}')
    if "region" in end and not (end.get("add") and isinstance(end["region"], str) and end["region"].strip()):
        return (f'{role}\'s region goes with add = true: the NUTS code or the name of the region of the node it makes '
                f'(region = "FI19B"), got {end["region"]!r}')
    if "column" in end and "value" in end:
        return (f'{role} names both a column and a value: keep column = "..." (each row names its node) or value = '
                '"..." (every row links to that one node)')
    if "value" in end:
        value = end["value"]
        if isinstance(value, bool) or not isinstance(value, (str, int)) or not str(value).strip():
            return (f"{role}'s value must be the id or the name of the node every row links to (a non-empty text), "
                    f"got {value!r}")
        return None
    if not isinstance(end.get("column"), str) or not end["column"]:
        return f"{role} must be a table {_END_USAGE}"
    return None


def constant_end(end: dict) -> str:
    """The value of an end given as a constant (a whole number as its digits), "" for an end read from a column."""
    return str(end["value"]).strip() if "value" in end else ""
