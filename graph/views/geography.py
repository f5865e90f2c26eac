"""The geography of collaboration for the map: places at a NUTS level, their activity, and the links between them.

Works on the store's graph (`to_networkx`) or the narrow analytics graph the Map page starts from
(`graph.analytics.inputs`, cached per data version): it reads only kinds, NUTS levels, coordinates,
names, LOCATED_IN / PART_OF and participations, which both carry, so both give the same map.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

import networkx as nx

from graph.views.filters import ACTOR_KINDS, _places_of, _typed, display_name

__all__ = ["geo_points", "region_links", "place_level"]

def place_level(graph: nx.Graph, place: str) -> int | None:
    """NUTS level of a place: 0 for a country, else the Region's `level` (or the length of its code)."""
    data = graph.nodes[place]
    if data.get("kind") == "Country":
        return 0
    level = data.get("level")
    return int(level) if isinstance(level, int) else max(len(str(data.get("id", ""))) - 2, 0) or None


def _place_at(graph: nx.Graph, actor: str, level: int, memo: dict[str, str | None]) -> str | None:
    if actor not in memo:
        candidates = [p for p in _places_of(graph, actor) if place_level(graph, p) == level and p in graph]
        memo[actor] = min(candidates) if candidates else None
    return memo[actor]


def _located(data: Mapping[str, Any]) -> bool:
    return isinstance(data.get("lat"), (int, float)) and isinstance(data.get("lon"), (int, float))


def geo_points(graph: nx.MultiDiGraph, level: int = 2) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Places at NUTS `level` (0 = countries) and organisations that have coordinates, with their activity.

    Activity is the number of project participations (of the organisation, or of every organisation
    located in the place). Returns `(places, organisations)`, each a list of dicts with `key`, `name`,
    `kind`, `lat`, `lon`, `activity`; places also give `organisations`, the number located there.
    """
    memo: dict[str, str | None] = {}
    activity: Counter[str] = Counter()
    members: Counter[str] = Counter()
    organisations = []
    for actor, data in graph.nodes(data=True):
        if data.get("kind") not in ACTOR_KINDS:
            continue
        count = sum(1 for _ in _typed(graph, actor, "PARTICIPATES_IN"))
        place = _place_at(graph, actor, level, memo)
        if place:
            activity[place] += count
            members[place] += 1
        if _located(data):
            organisations.append({"key": actor, "name": display_name(actor, data), "kind": data["kind"],
                                  "lat": data["lat"], "lon": data["lon"], "activity": count})
    places = [{"key": p, "name": display_name(p, graph.nodes[p]), "kind": graph.nodes[p].get("kind", ""),
               "lat": graph.nodes[p]["lat"], "lon": graph.nodes[p]["lon"], "activity": activity[p],
               "organisations": members[p]} for p in members if _located(graph.nodes[p])]
    return sorted(places, key=lambda p: -p["activity"]), organisations


def region_links(graph: nx.MultiDiGraph, level: int = 2, top: int = 300) -> list[dict[str, Any]]:
    """Collaborations between places at NUTS `level`: how many projects join organisations of both.

    The `top` pairs with most shared projects, each with both ends' names and coordinates.
    """
    memo: dict[str, str | None] = {}
    pairs: Counter[tuple[str, str]] = Counter()
    for project, kind in graph.nodes(data="kind"):
        if kind != "Project":
            continue
        partners = {_place_at(graph, a, level, memo) for a in _typed(graph, project, "PARTICIPATES_IN", incoming=True)}
        located = sorted(p for p in partners if p and _located(graph.nodes[p]))
        pairs.update((a, b) for i, a in enumerate(located) for b in located[i + 1:])
    links = []
    for (a, b), projects in pairs.most_common(top):
        da, db = graph.nodes[a], graph.nodes[b]
        links.append({"from": a, "to": b, "from_name": display_name(a, da), "to_name": display_name(b, db),
                      "from_lon": da["lon"], "from_lat": da["lat"], "to_lon": db["lon"], "to_lat": db["lat"],
                      "projects": projects})
    return links
