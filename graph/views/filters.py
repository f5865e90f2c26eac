"""Pure views of the graph that `graph.store.reads.to_networkx` returns: filters, search, neighbourhoods
and node details (exports and geography sit beside this module).

Every function takes the networkx graph (nodes keyed `Kind:id` with their properties, edges with `type`)
and returns a new value or a read-only view; nothing here touches a store or Streamlit, so the app,
the tests and a notebook get the same answers.

Filters follow one rule: *actors* (clusters and organisations) and *projects* are what a filter
selects; context nodes (regions, programmes, sectors, labels, ...) stay when they touch a selected
actor or project. Places include everything below them (a country selects organisations in its regions);
programmes and sectors include their sub-programmes and sub-sectors (a sector of the seeds also the
EuroSciVoc field of its name, as in the rankings: `graph.store.sector_fields`), and an actor matches them
directly (member, active in) or through a project that does. A time window keeps projects whose dates overlap it,
labels held and memberships begun during it; on its own it keeps the actors of those projects.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.collation import reading_order
from graph.errors import ParameterError
from graph.store.schema import KIND_ORDER
from graph.store.search_text import fold
from graph.store.sector_fields import equivalent_sectors
from graph.views.formatting import choice_label
from graph.views.time_window import edge_in_window, overlaps

__all__ = ["ACTOR_KINDS", "DEFAULT_KINDS", "Filters", "FilterOptions", "filter_options", "filter_graph", "search",
           "neighbourhood", "cap_view", "node_details", "display_name"]

ACTOR_KINDS = frozenset({"Cluster", "Organisation"})
#: Kinds shown unless asked otherwise: `Source` and `Load` are bookkeeping, without relationships.
DEFAULT_KINDS = tuple(k for k in KIND_ORDER if k not in ("Source", "Load"))
_PLACE_KINDS = ("Country", "Region")


def display_name(key: Hashable, data: Mapping[str, Any]) -> str:
    """What to call a node: its name, else its id, else its key."""
    return str(data.get("name") or data.get("id") or key)


def _kind(graph: nx.Graph, node: Hashable) -> str:
    return graph.nodes[node].get("kind", "")


def _neighbours(graph: nx.Graph, node: Hashable) -> Iterable[Hashable]:
    if graph.is_directed():
        yield from graph.successors(node)
        yield from graph.predecessors(node)
    else:
        yield from graph.neighbors(node)


def _typed(graph: nx.Graph, node: Hashable, rel_type: str, *, incoming: bool = False) -> Iterable[Hashable]:
    """Neighbours over relationships of one type, outgoing (or incoming)."""
    if not graph.is_directed():
        edges = graph.edges(node, data="type")
        yield from (v for _, v, t in edges if t == rel_type)
        return
    edges = graph.in_edges(node, data="type") if incoming else graph.out_edges(node, data="type")
    yield from ((u if incoming else v) for u, v, t in edges if t == rel_type)


# -- filters ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Filters:
    """What to keep. Empty tuples and None: no restriction; dates are ISO (`2022-01-01`); `load`, a load log's
    source (`user:grants`): its files' nodes (the store's views, `store_selection`; `filter_graph` refuses it)."""

    kinds: tuple[str, ...] = DEFAULT_KINDS
    places: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None
    load: str | None = None

    @property
    def restricts(self) -> bool:
        return any((self.places, self.programmes, self.labels, self.sectors, self.start, self.end, self.load))


@dataclass
class FilterOptions:
    """The values a filter can take in this graph, as `(node key, label)` pairs, and the project years."""

    kinds: list[str]
    places: list[tuple[str, str]]
    programmes: list[tuple[str, str]]
    labels: list[tuple[str, str]]
    sectors: list[tuple[str, str]]
    years: tuple[int, int] | None = None
    names: dict[str, str] = field(default_factory=dict)


def filter_options(graph: nx.Graph) -> FilterOptions:
    """Choices for the filter widgets: places (countries, then regions by code), programmes, labels, sectors."""
    by_kind: dict[str, list[tuple[str, str]]] = {}
    years: list[int] = []
    for key, data in graph.nodes(data=True):
        kind = data.get("kind", "")
        by_kind.setdefault(kind, []).append((key, choice_label(display_name(key, data), data.get("id", key))))
        if kind == "Project":
            years += [int(str(data[d])[:4]) for d in ("start_date", "end_date") if str(data.get(d, ""))[:4].isdigit()]
    for values in by_kind.values():
        values.sort(key=lambda item: reading_order(item[1]))
    places = by_kind.get("Country", []) + sorted(by_kind.get("Region", []), key=lambda item: item[0])
    options = FilterOptions(
        kinds=[k for k in KIND_ORDER if k in by_kind], places=places, programmes=by_kind.get("Programme", []),
        labels=by_kind.get("QualityLabel", []), sectors=by_kind.get("Sector", []),
        years=(min(years), max(years)) if years else None)
    options.names = {key: label for values in by_kind.values() for key, label in values}
    return options


def _below(graph: nx.Graph, roots: Iterable[str], kind: str) -> set[str]:
    """`roots` and every node of `kind` under them through incoming PART_OF (sub-programmes, sub-sectors)."""
    found, queue = set(), deque(r for r in roots if r in graph)
    while queue:
        node = queue.popleft()
        if node in found:
            continue
        found.add(node)
        queue.extend(c for c in _typed(graph, node, "PART_OF", incoming=True) if _kind(graph, c) == kind)
    return found


def _places_of(graph: nx.Graph, actor: str) -> set[str]:
    """Every place an actor is in: where it is located, those places' parents, and its `country` property."""
    places = set(_typed(graph, actor, "LOCATED_IN"))
    country = graph.nodes[actor].get("country")
    if country:
        places.add(f"Country:{country}")
    queue = deque(places)
    while queue:
        for parent in _typed(graph, queue.popleft(), "PART_OF"):
            if parent not in places:
                places.add(parent)
                queue.append(parent)
    return places


def filter_graph(graph: nx.MultiDiGraph, filters: Filters = Filters()) -> nx.MultiDiGraph:
    """A read-only view of `graph` with what `filters` keeps (see the module docstring for the rule). A load is refused:
    a graph read into Python holds no load log, and the load had been ignored without a word."""
    if filters.load:
        raise ParameterError(f"filter_graph cannot keep the load {filters.load!r}: a graph read into Python holds no "
                             "load log; use graph.views.store_views, which selects a load's nodes in the store")
    kinds = set(filters.kinds)
    windowed = bool(filters.start or filters.end)
    if not filters.restricts:
        return nx.subgraph_view(graph, filter_node=lambda n: _kind(graph, n) in kinds)
    programmes = _below(graph, filters.programmes, "Programme")
    same = equivalent_sectors(graph) if filters.sectors else {}
    sectors = _below(graph, [*filters.sectors, *(same[s] for s in filters.sectors if s in same)], "Sector")
    places, labels = set(filters.places), set(filters.labels)

    def project_ok(project: str) -> bool:
        if programmes and not programmes & set(_typed(graph, project, "FUNDED_BY")):
            return False
        if sectors and not sectors & set(_typed(graph, project, "ACTIVE_IN")):
            return False
        return not windowed or overlaps(graph.nodes[project], filters.start, filters.end)

    projects = {n for n, k in graph.nodes(data="kind") if k == "Project" and project_ok(n)}

    def actor_ok(actor: str) -> bool:
        if places and not places & _places_of(graph, actor):
            return False
        if labels and not any(v in labels and edge_in_window(d, filters.start, filters.end)
                               for _, v, d in graph.out_edges(actor, data=True) if d.get("type") == "HAS_LABEL"):
            return False
        if programmes or sectors:
            if programmes & set(_typed(graph, actor, "MEMBER_OF")) or sectors & set(_typed(graph, actor, "ACTIVE_IN")):
                return True
        elif not windowed or labels:  # a window alone asks for who worked on projects in it
            return True
        return any(p in projects for p in _typed(graph, actor, "PARTICIPATES_IN"))

    actors = {n for n, k in graph.nodes(data="kind") if k in ACTOR_KINDS and actor_ok(n)}
    if places or labels:
        projects = {p for p in projects if actors & set(_typed(graph, p, "PARTICIPATES_IN", incoming=True))}
    core = actors | projects
    chosen = set(filters.places) | programmes | labels | sectors
    context = {m for n in core for m in _neighbours(graph, n) if _kind(graph, m) not in ACTOR_KINDS | {"Project"}}
    keep = {n for n in core | context | (chosen & set(graph)) if _kind(graph, n) in kinds}

    def edge_ok(u: str, v: str, k: str) -> bool:
        return not windowed or edge_in_window(graph.edges[u, v, k], filters.start, filters.end)

    return nx.subgraph_view(graph, filter_node=keep.__contains__, filter_edge=edge_ok)


# -- search, neighbourhood, cap ----------------------------------------------------------------------
def search(graph: nx.Graph, text: str, limit: int = 20, kinds: Iterable[str] | None = None) -> list[str]:
    """Keys of the nodes whose name, id, acronym or aliases contain `text` (accents, case, apostrophes and
    dashes ignored: `graph.store.search_text.fold`).

    Exact matches first, then names starting with the text, then words starting with it, then the
    rest; among equals, the better connected first.
    """
    wanted = fold(text).strip()
    if not wanted:
        return []
    allowed = set(kinds) if kinds else None
    ranked = []
    for key, data in graph.nodes(data=True):
        if allowed is not None and data.get("kind") not in allowed:
            continue
        names = [data.get("name"), data.get("id"), data.get("acronym"), *(data.get("aliases") or [])]
        best = None
        for name in (fold(n) for n in names if n):
            if wanted not in name:
                continue
            rank = 0 if name == wanted else 1 if name.startswith(wanted) else 2 if f" {wanted}" in name else 3
            best = rank if best is None else min(best, rank)
        if best is not None:
            ranked.append((best, -graph.degree(key), display_name(key, data).casefold(), key))
    return [key for *_, key in sorted(ranked)[:limit]]


def neighbourhood(graph: nx.Graph, centres: Iterable[Hashable], depth: int = 1) -> nx.Graph:
    """A view of the nodes within `depth` steps (either direction) of any of `centres`."""
    if not 0 <= depth <= 3:
        raise ParameterError(f"depth must be between 0 and 3, not {depth}")
    return graph.subgraph(_distances(graph, centres, depth))


def _distances(graph: nx.Graph, centres: Iterable[Hashable], depth: int | None = None) -> dict[Hashable, int]:
    """Steps (either direction) from the nearest of `centres` to each node within `depth` of one (any, when None)."""
    distance = {c: 0 for c in centres if c in graph}
    queue = deque(distance)
    while queue:
        node = queue.popleft()
        if distance[node] != depth:
            for other in _neighbours(graph, node):
                if other not in distance:
                    distance[other] = distance[node] + 1
                    queue.append(other)
    return distance


def cap_view(graph: nx.Graph, max_nodes: int, *, focus: Iterable[Hashable] = (),
             scores: Mapping[Hashable, float] | None = None) -> tuple[nx.Graph, int]:
    """At most `max_nodes` of the most relevant nodes, and how many were left out.

    Relevance: nearness to the `focus` nodes first (when given), then the score (degree by default).
    """
    if graph.number_of_nodes() <= max_nodes:
        return graph, 0
    distance = _distances(graph, focus)
    score = scores if scores is not None else dict(graph.degree())
    order = sorted(graph.nodes, key=lambda n: (distance.get(n, 10**9), -float(score.get(n) or 0), str(n)))
    kept = order[:max(max_nodes, 0)]
    return graph.subgraph(kept), graph.number_of_nodes() - len(kept)


# -- details -----------------------------------------------------------------------------
def node_details(graph: nx.MultiDiGraph, key: Hashable) -> dict[str, Any]:
    """Name, kind, labels, properties, sources and neighbours (with relationship type and direction)."""
    data = graph.nodes[key]
    hidden = {"name", "kind", "labels", "sources"}
    neighbours = []
    for direction, edges in (("out", graph.out_edges(key, data=True)), ("in", graph.in_edges(key, data=True))):
        for u, v, d in edges:
            other = v if direction == "out" else u
            neighbours.append({"direction": direction, "type": d.get("type", ""), "key": other,
                               "name": display_name(other, graph.nodes[other]), "kind": _kind(graph, other)})
    neighbours.sort(key=lambda n: (n["type"], n["name"].casefold()))
    return {"key": key, "name": display_name(key, data), "kind": data.get("kind", ""),
            "labels": list(data.get("labels") or []), "sources": list(data.get("sources") or []),
            "properties": {k: v for k, v in sorted(data.items()) if k not in hidden}, "neighbours": neighbours}
