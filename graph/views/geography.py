"""The geography of collaboration for the map: places at a NUTS level, their activity, the links between them,
and how to draw them legibly (the strongest links, widths and opacities by weight, bubbles by area).

The view that frames them is in `graph/views/map_frame.py`. Works on the store's graph (`to_networkx`)
or the narrow analytics graph the Map page starts from (`graph.analytics.inputs`, cached per data
version): it reads only kinds, NUTS levels, coordinates, names, LOCATED_IN / PART_OF and
participations, which both carry, so both give the same map.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, deque
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import networkx as nx

from graph.store.schema import cluster_records, is_cluster
from graph.views.filters import ACTOR_KINDS, _typed, display_name

__all__ = ["LEVELS", "Placer", "level_from_text", "geo_points", "unplaced_actors", "national_regions",
           "region_links", "cluster_points", "place_level", "strongest_links", "arc_styles", "bubble_radii",
           "BUBBLE_PX", "in_countries"]

LEVELS = {0: "Countries", 1: "NUTS 1", 2: "NUTS 2", 3: "NUTS 3"}
# The radius of the busiest place, in pixels, per level: the more places, the smaller each.
BUBBLE_PX = {0: 34.0, 1: 24.0, 2: 16.0, 3: 10.0}


def level_from_text(text: str | None) -> int | None:
    """A map level as written in an address: its number (`0`-`3`) or its name, in any case and spacing.

    >>> [level_from_text(t) for t in ("0", "2", "Countries", "country", "NUTS 1", "nuts3", "NUTS+2", "9", None)]
    [0, 2, 0, 0, 1, 3, 2, None, None]
    """
    word = re.sub(r"[\s+_-]", "", str(text or "")).lower()
    if word in {"countries", "country", "nuts0"}:
        return 0
    found = re.fullmatch(r"(?:nuts)?([0-3])", word)
    return int(found.group(1)) if found else None


def place_level(graph: nx.Graph, place: str) -> int | None:
    """NUTS level of a place: 0 for a country, else the Region's `level` (or the length of its code)."""
    data = graph.nodes[place]
    if data.get("kind") == "Country":
        return 0
    level = data.get("level")
    return int(level) if isinstance(level, int) else max(len(str(data.get("id", ""))) - 2, 0) or None


class Placer:
    """The place at one NUTS level of each actor, as `filters._places_of` finds its places (where it is located,
    those places' parents, its `country`), each place's parents walked once: walked again for every organisation,
    the Map's aggregates took 1.3 s on the sample (520,000 reads of neighbours) and 24 CPU s at 10x. One is shared
    by the aggregates of a level (`geo_points`, `unplaced_actors`, `region_links`, `cluster_points` take it as
    `place_of`): each had made its own, walking every actor's places again.

    `only`, when given, is the actors the aggregates count (a load's: `graph.views.load_nodes`); the others are
    left out of every aggregate, as if absent (`counts`)."""

    def __init__(self, graph: nx.Graph, level: int, only: frozenset[str] | None = None):
        self.graph, self.level, self.only = graph, level, only
        self._actors: dict[str, str | None] = {}
        self._lineages: dict[str, frozenset[str]] = {}

    def __call__(self, actor: str) -> str | None:
        if actor not in self._actors:
            places: set[str] = set()
            for place in _typed(self.graph, actor, "LOCATED_IN"):
                places |= self._lineage(place)
            if country := self.graph.nodes[actor].get("country"):
                places |= self._lineage(f"Country:{country}")
            self._actors[actor] = self._at_level(places)
        return self._actors[actor]

    def place_in(self, place: str) -> str | None:
        """The place at this level that `place` is (or is PART_OF): a region's country at level 0."""
        return self._at_level(self._lineage(place))

    def _at_level(self, places: set[str] | frozenset[str]) -> str | None:
        candidates = [p for p in places if p in self.graph and place_level(self.graph, p) == self.level]
        return min(candidates) if candidates else None

    def counts(self, actor: str) -> bool:
        """Whether the aggregates count `actor` (every one, without `only`)."""
        return self.only is None or actor in self.only

    def _lineage(self, place: str) -> frozenset[str]:
        """The place and every place it is PART_OF, transitively."""
        if place not in self._lineages:
            found, queue = {place}, deque([place])
            while queue:
                node = queue.popleft()
                if node not in self.graph:
                    continue
                for parent in _typed(self.graph, node, "PART_OF"):
                    if parent not in found:
                        found.add(parent)
                        queue.append(parent)
            self._lineages[place] = frozenset(found)
        return self._lineages[place]


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
    places = [{"key": p, "name": display_name(p, graph.nodes[p]), "kind": graph.nodes[p].get("kind", ""),
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
    """The names of the national regions (a code NUTS does not know, `SE-14`) the `actors` are located in."""
    return sorted({display_name(region, graph.nodes[region]) for actor in actors
                   for region in _typed(graph, actor, "LOCATED_IN")
                   if region.startswith("Region:") and "-" in region.split(":", 1)[1]})


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
        links.append({"from": a, "to": b, "from_name": display_name(a, da), "to_name": display_name(b, db),
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
    points = [{"key": p, "name": display_name(p, graph.nodes[p]), "lat": graph.nodes[p]["lat"],
               "lon": graph.nodes[p]["lon"], "clusters": len(names), "names": sorted(names, key=str.casefold)}
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


def strongest_links(links: Sequence[Mapping[str, Any]], top: int, min_projects: int = 1) -> list[dict[str, Any]]:
    """The `top` links sharing at least `min_projects` projects, strongest first (ties by name, so stable).

    Each is a copy with `width` (pixels) and `alpha` (0-255) from `arc_styles`: a map of a few weighted
    arcs reads where a tangle of hundreds of equal ones does not.

    >>> links = [{"from_name": n, "to_name": "X", "projects": p} for n, p in (("A", 9), ("B", 3), ("C", 1))]
    >>> [(l["from_name"], l["width"]) for l in strongest_links(links, top=5, min_projects=2)]
    [('A', 4.0), ('B', 0.5)]
    """
    strength = lambda link: (-link["projects"], link.get("from_name", ""), link.get("to_name", ""))  # noqa: E731
    kept = sorted((link for link in links if link["projects"] >= min_projects), key=strength)[:max(top, 0)]
    styles = arc_styles([link["projects"] for link in kept])
    return [{**link, "width": width, "alpha": alpha} for link, (width, alpha) in zip(kept, styles, strict=True)]


def arc_styles(projects: Sequence[float], thinnest: float = 0.5, thickest: float = 4.0, faintest: int = 50,
               darkest: int = 210) -> list[tuple[float, int]]:
    """Width (pixels) and opacity (0-255) per arc, rising with its shared projects over the range shown.

    The weakest arc shown is the thinnest and faintest, the strongest the thickest and darkest; with
    one weight only, every arc is drawn at the middle.

    >>> arc_styles([10, 5, 0])
    [(4.0, 210), (2.25, 130), (0.5, 50)]
    """
    if not projects:
        return []
    low, high = min(projects), max(projects)
    shares = [0.5 if high == low else (p - low) / (high - low) for p in projects]
    return [(round(thinnest + (thickest - thinnest) * s, 2), round(faintest + (darkest - faintest) * s))
            for s in shares]


def bubble_radii(activities: Sequence[float], largest: float, smallest: float = 2.0) -> list[float]:
    """Radii (pixels) whose areas are proportional to activity: the busiest place gets `largest`.

    Area, not radius: a place with four times the participations covers four times the ground (twice the
    radius), so Germany stays a bubble among others. No bubble is smaller than `smallest`.

    >>> bubble_radii([400, 100, 0], largest=20)
    [20.0, 10.0, 2.0]
    """
    top = max(activities, default=0)
    if top <= 0:
        return [smallest for _ in activities]
    return [round(max(smallest, largest * math.sqrt(max(a, 0) / top)), 2) for a in activities]
