"""The Map's country filter: each place, organisation, cluster point and link tagged with its country once, when the
aggregates are made (`app_pages/map_cache.py`), so choosing countries filters them at once (`geography.in_countries`)
without reading the graph again.

A place's country is the `Country` its NUTS lineage (PART_OF) reaches; an organisation's, the country its places
reach, or its own `country` (`map_places.Placer` at level 0, as the Countries level of the map places it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

import networkx as nx

from graph.collation import reading_order
from graph.views.filters import display_name
from graph.views.geography import national_regions, unplaced_actors
from graph.views.map_places import Placer

__all__ = ["tag_countries", "most_active", "country_names", "unplaced_by_country"]


def tag_countries(graph: nx.MultiDiGraph, places: list[dict[str, Any]], organisations: list[dict[str, Any]],
                  links: list[dict[str, Any]], clusters: list[dict[str, Any]],
                  place_of: Placer | None = None) -> None:
    """Give each row its `country` (links `from_country` and `to_country`): a `Country:` key, or None when no
    country is known. In place. An organisation's is its place's at the level of `place_of` (the aggregates' own
    `Placer`, whose places are found already), else its own."""
    country_of = Placer(graph, 0)
    country = cache(country_of.place_in)  # a place's country, found once however many rows name the place
    for row in (*places, *clusters):
        row["country"] = country(row["key"])
    for row in organisations:
        place = place_of(row["key"]) if place_of else None
        row["country"] = country(place) if place else country_of(row["key"])
    for row in links:
        row["from_country"], row["to_country"] = country(row["from"]), country(row["to"])


def most_active(organisations: Iterable[Mapping[str, Any]], most: int, per_country: int) -> list[Mapping[str, Any]]:
    """The `most` most active organisations, and each country's `per_country` most active (a country chosen alone
    then draws its own, not only those among the most active of all), most active first.

    >>> rows = [{"key": k, "activity": a, "country": c} for k, a, c in (("a", 9, "SE"), ("b", 5, "SE"), ("c", 1, "NO"))]
    >>> [r["key"] for r in most_active(rows, 1, 1)]
    ['a', 'c']
    """
    ranked = sorted(organisations, key=lambda o: (-o["activity"], o["key"]))
    taken: Counter[str | None] = Counter()
    kept = []
    for index, row in enumerate(ranked):
        taken[row.get("country")] += 1
        if index < most or taken[row.get("country")] <= per_country:
            kept.append(row)
    return kept


def country_names(graph: nx.MultiDiGraph, places: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """The countries of the `places` (tagged by `tag_countries`), key to name, by name."""
    keys = {row["country"] for row in places if row.get("country")}
    return dict(sorted(((key, display_name(key, graph.nodes[key])) for key in keys if key in graph),
                       key=lambda item: reading_order(item[1])))


def unplaced_by_country(graph: nx.MultiDiGraph, level: int, place_of: Placer | None = None
                        ) -> tuple[Counter[str | None], dict[str | None, list[str]]]:
    """The organisations and clusters in no place of `level` with coordinates (`geography.unplaced_actors`), counted
    by their country (a `Country:` key, None when none is known: the country their places reach, else their own
    `country`), and the national regions holding them, by country. With a Countries filter the Map had said nothing
    of them (they have no place at the level to tell the country by; most have one at a coarser level)."""
    country_of = Placer(graph, 0)
    by_country: dict[str | None, list[str]] = {}
    for actor in unplaced_actors(graph, level, place_of):
        by_country.setdefault(country_of(actor), []).append(actor)
    return (Counter({country: len(actors) for country, actors in by_country.items()}),
            {country: national for country, actors in by_country.items()
             if (national := national_regions(graph, actors))})
