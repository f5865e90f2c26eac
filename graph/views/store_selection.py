"""Which actors and projects Explore's filters select, read from the store (for `graph.views.store_views`).

The rule of `graph.views.filters` (place, programme, label, sector, years; a seed sector with the EuroSciVoc field
of its name, `graph.store.sector_fields`; a load: the nodes whose `sources` name its files,
`graph.store.load_files`), worked out as sets of internal node ids: each a read from the chosen filter nodes outward
(FalkorDB refuses pattern comprehensions in WHERE), at most `ID_ROWS` ids each, intersected in Python. A read that
meets that cap makes the selection None: the filters select too many nodes to work out here, and the view says so
rather than showing a part as the whole.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from graph.store import view_cypher as q
from graph.store.contract import GraphStore
from graph.store.load_files import params_of
from graph.store.sector_fields import equivalent_fields
from graph.views.filters import Filters
from graph.views.time_window import edge_in_window

__all__ = ["ID_ROWS", "selected"]

#: Row cap of the reads that return node ids for a filter (ids only, no properties). At 10x the sample one year
#: selects 230,398 projects and participants, the whole window 277,710 (1.9 s); 50,000 had cut both silently.
ID_ROWS = 1_000_000


class _Cut(Exception):
    """A selection read stopped at `ID_ROWS`: what it found is a part, and so would the view be."""


def _rows(store: GraphStore, statement: str, params: dict[str, Any], **limits: Any) -> list:
    result = store.read(statement, params, row_cap=ID_ROWS, **limits)
    if result.truncated:
        raise _Cut()
    return result.rows


def _ids(store: GraphStore, name: str, **params: Any) -> dict[int, str]:
    return {row[0]: row[1] for row in _rows(store, q.SELECTIONS[name], params, timeout_s=30)}


def _below(store: GraphStore, keys: tuple[str, ...], label: str, parent: str) -> list[str]:
    roots = [k.split(":", 1)[1] for k in keys if k.startswith(f"{parent}:")]
    if not roots:
        return []
    found = _rows(store, q.below(label, parent), {"ids": roots})
    return roots + [row[0] for row in found] if label == parent else [row[0] for row in found]


def _both(first: dict[int, str] | None, second: dict[int, str]) -> dict[int, str]:
    return second if first is None else {n: k for n, k in first.items() if n in second}


def selected(store: GraphStore, filters: Filters) -> dict[int, str] | None:
    """Actors and projects the filters select (id -> kind): the rule of `graph.views.filters`; None when one of
    its reads met `ID_ROWS`, so no part passes for the whole."""
    try:
        return _selected(store, filters)
    except _Cut:
        return None


def _selected(store: GraphStore, filters: Filters) -> dict[int, str]:
    if filters.load:  # every node the load's files gave, of any kind; with other filters, the actors and projects
        mine = _ids(store, "brought_by", **params_of(store, filters.load))  # among them they select
        others = dataclasses.replace(filters, load=None)
        return _both(_selected(store, others), mine) if others.restricts else mine
    programmes = _below(store, filters.programmes, "Programme", "Programme")
    same = equivalent_fields(store, filters.sectors)  # a seed sector takes the CORDIS field of its name too
    sectors = _below(store, (*filters.sectors, *same.values()), "Sector", "Sector")
    windowed = bool(filters.start or filters.end)
    projects: dict[int, str] | None = None
    if programmes:
        projects = _ids(store, "funded_by", ids=programmes)
    if sectors:
        projects = _both(projects, _ids(store, "project_in", ids=sectors))
    if windowed:
        projects = _both(projects, _ids(store, "window", start=filters.start or "0000", end=filters.end or "9999"))
    actors: dict[int, str] | None = None
    if filters.places:
        countries = [k.split(":", 1)[1] for k in filters.places if k.startswith("Country:")]
        regions = _below(store, filters.places, "Region", "Region") + _below(store, filters.places, "Region", "Country")
        actors = {**_ids(store, "in_region", ids=regions), **_ids(store, "in_country", ids=countries),
                  **_ids(store, "country_is", ids=countries), **_ids(store, "cluster_country_is", ids=countries)}
    if filters.labels:
        rows = _rows(store, q.SELECTIONS["labelled"], {"ids": [k.split(":", 1)[1] for k in filters.labels]})
        held = {n: k for n, k, awarded, expires in rows
                if edge_in_window({"awarded": awarded, "expires": expires}, filters.start, filters.end)}
        actors = _both(actors, held)
    if programmes or sectors:
        relevant = {**_ids(store, "member_of", ids=programmes), **_ids(store, "active_in", ids=sectors),
                    **_ids(store, "participants", nodes=list(projects or {}))}
        actors = _both(actors, relevant)
    elif windowed and not filters.labels:
        actors = _both(actors, _ids(store, "participants", nodes=list(projects or {})))
    actors = actors or {}
    if filters.places or filters.labels:
        projects = _both(projects, _ids(store, "projects_of", nodes=list(actors)))
    return {**actors, **(projects or {})}
