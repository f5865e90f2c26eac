"""The geography of collaboration for the map: places at a NUTS level, their activity, the links between them,
the clusters they hold, and the rows of chosen countries.

Where each actor sits at a level (`Placer`) is in `graph/views/map_places.py`, how to draw the aggregates legibly
(the strongest links, widths and opacities by weight, bubbles by area) in `graph/views/map_styles.py`, and the
view that frames them in `graph/views/map_frame.py`. Works on the store's graph (`to_networkx`)
or the narrow analytics graph the Map page starts from (`graph.analytics.inputs`, cached per data
version): it reads only kinds, NUTS levels, coordinates, names, LOCATED_IN / PART_OF and
participations, which both carry, so both give the same map.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import networkx as nx

from graph.collation import reading_order
from graph.store.schema import cluster_records, is_cluster
from graph.views.filters import ACTOR_KINDS, _typed, display_name
from graph.views.map_places import Placer
from graph.wording import national_region_shown

__all__ = ["geo_points", "unplaced_actors", "national_regions", "region_links", "cluster_points", "in_countries"]


def _located(data: Mapping[str, Any]) -> bool:
    return isinstance(data.get("lat"), (int, float)) and isinstance(data.get("lon"), (int, float))


def geo_points(graph: nx.MultiDiGraph, level: int = 2, place_of: Placer | None = None
               ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Places at NUTS `level` (0 = countries) and organisations that have coordinates, with their activity.

    Activity is the number of project participations (of the organisation, or of every organisation
    located in the place). Returns `(places, organisations)`, each a list of dicts with `key`, `name`,
    `kind`, `lat`, `lon`, `activity`; places also give `organisations`, the number located there.
    """
    place_of = place_of or Placer(graph, level)
    activity: Counter[str] = Counter()
    members: Counter[str] = Counter()
    organisations = []
    for actor, data in graph.nodes(data=True):
        if data.get("kind") not in ACTOR_KINDS or not place_of.counts(actor):
            continue
        count = sum(1 for _ in _typed(graph, actor, "PARTICIPATES_IN"))
        place = place_of(actor)
        if place:
            activity[place] += count
            members[place] += 1
        if _located(data):
            organisations.append({"key": actor, "name": display_name(actor, data), "kind": data["kind"],
                                  "lat": data["lat"], "lon": data["lon"], "activity": count})
    places = [{"key": p, "name": place_of.name_of(p), "kind": graph.nodes[p].get("kind", ""),
               "lat": graph.nodes[p]["lat"], "lon": graph.nodes[p]["lon"], "activity": activity[p],
               "organisations": members[p]} for p in members if _located(graph.nodes[p])]
    return sorted(places, key=lambda p: -p["activity"]), organisations


def unplaced_actors(graph: nx.MultiDiGraph, level: int = 2, place_of: Placer | None = None) -> list[str]:
    """The organisations and clusters (those `place_of` counts) in no place of `level` that has coordinates: the Map
    leaves them out of its bubbles and says how many, and which national regions hold them, by country
    (`geo_countries.unplaced_by_country`)."""
    place_of = place_of or Placer(graph, level)
    return [actor for actor, data in graph.nodes(data=True) if data.get("kind") in ACTOR_KINDS
            and place_of.counts(actor) and not ((place := place_of(actor)) and _located(graph.nodes[place]))]


def national_regions(graph: nx.MultiDiGraph, actors: Collection[str]) -> list[str]:
    """The names of the national regions (a code NUTS does not know, `SE-14`) the `actors` are located in, each with
    its country (`IT-BO`, not `BO`: `graph.wording.national_region_shown`)."""
    return sorted({national_region_shown(region.split(":", 1)[1], display_name(region, graph.nodes[region]))
                   for actor in actors
                   for region in _typed(graph, actor, "LOCATED_IN")
                   if region.startswith("Region:") and "-" in region.split(":", 1)[1]}, key=reading_order)


def region_links(graph: nx.MultiDiGraph, level: int = 2, top: int | None = 300,
                 place_of: Placer | None = None, per_place: int = 0) -> list[dict[str, Any]]:
    """Collaborations between places at NUTS `level`: how many projects join organisations of both.

    The `top` pairs with most shared projects (every pair when None), and each place's own `per_place` strongest
    (a region outside the `top` had none kept: Småland, 171st of 326 NUTS 2 regions, showed no arc when found),
    strongest first, each with both ends' names and coordinates.
    """
    place_of = place_of or Placer(graph, level)
    pairs: Counter[tuple[str, str]] = Counter()
    for project, kind in graph.nodes(data="kind"):
        if kind != "Project":
            continue
        partners = {place_of(a) for a in _typed(graph, project, "PARTICIPATES_IN", incoming=True) if place_of.counts(a)}
        located = sorted(p for p in partners if p and _located(graph.nodes[p]))
        pairs.update((a, b) for i, a in enumerate(located) for b in located[i + 1:])
    kept = _strongest_pairs(pairs, top, per_place)
    links = []
    for a, b in kept:
        da, db = graph.nodes[a], graph.nodes[b]
        links.append({"from": a, "to": b, "from_name": place_of.name_of(a), "to_name": place_of.name_of(b),
                      "from_lon": da["lon"], "from_lat": da["lat"], "to_lon": db["lon"], "to_lat": db["lat"],
                      "projects": pairs[(a, b)]})
    return links


def _strongest_pairs(pairs: Counter[tuple[str, str]], top: int | None, per_place: int) -> list[tuple[str, str]]:
    """The `top` strongest pairs (all when None) and each place's `per_place` strongest, strongest first (ties by
    the pair, so stable).

    >>> _strongest_pairs(Counter({("A", "B"): 9, ("A", "C"): 5, ("C", "D"): 2, ("B", "D"): 1}), 1, 1)
    [('A', 'B'), ('A', 'C'), ('C', 'D')]
    """
    strength = lambda pair: (-pairs[pair], pair)  # noqa: E731
    if top is None:
        return sorted(pairs, key=strength)
    kept = set(heapq.nsmallest(top, pairs, key=strength))
    if per_place > 0:
        by_place: dict[str, list[tuple[str, str]]] = {}
        for pair in pairs:
            for place in pair:
                by_place.setdefault(place, []).append(pair)
        for own in by_place.values():
            kept.update(heapq.nsmallest(per_place, own, key=strength))
    return sorted(kept, key=strength)


def cluster_points(graph: nx.MultiDiGraph, level: int = 2, place_of: Placer | None = None
                   ) -> tuple[list[dict[str, Any]], Counter[str | None]]:
    """The clusters (the `Cluster` label: the seeds' and those cluster detection found) by their place at NUTS `level`
    (0 = countries), found as the bubbles' (`Placer`): one point per place holding some, at the place's coordinates,
    with `key`, `name` (the place's), `lat`, `lon`, `clusters` (how many) and `names` (theirs, sorted), most
    clusters first; and how many clusters are in no place of the level with coordinates (the caption says so), by
    country as the organisations in none are (`geo_countries.unplaced_by_country`: a `Country:` key, None when none
    is known), so a Countries filter counts its own (it had counted none).
    A seed cluster's CORDIS record (`SAME_AS`) is the same cluster, as the cluster analytics fold it: counted once,
    by the seed's name and place (Sweden had "28 clusters", naming both Interior Cluster and INTERIOR CLUSTER SWEDEN
    AB), whichever of the two `place_of` counts: a load that gave the record alone (`cordis`) drew it as a cluster of
    its own, under the record's name, where the map without a load draws the seed.
    """
    place_of = place_of or Placer(graph, level)
    seed_of = cluster_records(graph)
    clusters = {seed_of.get(node, node) for node, data in graph.nodes(data=True)
                if is_cluster(data) and place_of.counts(node)}
    by_place: dict[str, list[str]] = {}
    missing: Counter[str | None] = Counter()
    country_of = Placer(graph, 0)
    for node in clusters:
        if (place := place_of(node)) and _located(graph.nodes[place]):
            by_place.setdefault(place, []).append(display_name(node, graph.nodes[node]))
        else:
            missing[country_of(node)] += 1
    points = [{"key": p, "name": place_of.name_of(p), "lat": graph.nodes[p]["lat"],
               "lon": graph.nodes[p]["lon"], "clusters": len(names), "names": sorted(names, key=reading_order)}
              for p, names in by_place.items()]
    return sorted(points, key=lambda p: (-p["clusters"], p["key"])), missing


def in_countries(rows: Sequence[Mapping[str, Any]], countries: Collection[str],
                 fields: Sequence[str] = ("country",)) -> list[Mapping[str, Any]]:
    """The rows (places, organisations, clusters, links) of which one of `fields` is one of `countries` (their
    `Country:` keys); every row when `countries` is empty. A link is kept when either end is (`from_country`,
    `to_country`): a country's collaborations abroad are its own too.

    >>> rows = [{"key": "a", "country": "Country:SE"}, {"key": "b", "country": "Country:NO"}, {"key": "c"}]
    >>> [r["key"] for r in in_countries(rows, {"Country:SE"})], len(in_countries(rows, ()))
    (['a'], 3)
    """
    if not countries:
        return list(rows)
    return [row for row in rows if any(row.get(field) in countries for field in fields)]
