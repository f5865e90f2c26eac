"""The Map's levels and where each actor sits at one: the place at a NUTS level (0 = countries) an organisation or
cluster is in, found by walking LOCATED_IN and PART_OF once per place.

Apart from the aggregates that use it (`graph.views.geography`) because every aggregate of a level shares one
`Placer`, and the country filter (`graph.views.geo_countries`) places at level 0 with it too.
"""

from __future__ import annotations

import re
from collections import deque

import networkx as nx

from graph.region_twin_pairs import joined_names, twin_keys
from graph.views.filters import _typed, display_name

__all__ = ["LEVELS", "Placer", "level_from_text", "place_level"]

LEVELS = {0: "Countries", 1: "NUTS 1", 2: "NUTS 2", 3: "NUTS 3"}


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
    left out of every aggregate, as if absent (`counts`).

    A region NUTS 2024 recoded under its old name is one place with its NUTS 2021 twin (`graph.region_twin_pairs`):
    an actor in either is at the newer code, counted once, and `name_of` shows both codes (Pirkanmaa's members had
    made two bubbles, FI197 and FI19B, each with part of them)."""

    def __init__(self, graph: nx.Graph, level: int, only: frozenset[str] | None = None):
        self.graph, self.level, self.only = graph, level, only
        self._actors: dict[str, str | None] = {}
        self._lineages: dict[str, frozenset[str]] = {}
        self._twins: dict[str, str] | None = None
        self._joined: dict[str, str] | None = None

    @property
    def twins(self) -> dict[str, str]:
        """Older twin's key -> newer twin's key, found on first use (the country level never needs them)."""
        if self._twins is None:
            self._twins = twin_keys(self.graph.nodes(data=True)) if self.level else {}
        return self._twins

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
        candidates = {self.twins.get(p, p) for p in places
                      if p in self.graph and place_level(self.graph, p) == self.level}
        return min(candidates) if candidates else None

    def name_of(self, place: str) -> str:
        """A place's name as the aggregates show it: a region that stands for its older twin names both codes."""
        if self._joined is None:
            self._joined = joined_names(self.graph.nodes, self.twins)
        return self._joined.get(place) or display_name(place, self.graph.nodes[place])

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
