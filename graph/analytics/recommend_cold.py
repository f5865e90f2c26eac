"""Cold start: what ranks partners for a consortium that took part in no project yet.

Without a project there is no network to walk, so the recommender falls back on what the graph states
about the consortium itself: its sectors (seed sectors bridged to EuroSciVoc fields, in
`target_profile`), its place (`nearby`: 1 in the same NUTS 2 region, 0.5 in the same country) and the
programmes it belongs to (`in_programmes`: organisations of clusters in the same programme, or taking
part in projects that programme funds). `graph.analytics.recommend.history_note` tells the user.
"""

from __future__ import annotations

import numpy as np

from graph.analytics.recommend_index import RecommenderIndex

__all__ = ["focal_places", "focal_programmes", "focal_sectors", "nearby", "in_programmes", "cold_reasons"]


def _linked(index: RecommenderIndex, key: str) -> set[str]:
    return {key} | {v for _, v, t in index.G.out_edges(key, data="type") if t == "SAME_AS"}


def focal_places(index: RecommenderIndex, focal) -> tuple[set[str], set[str]]:
    """NUTS / region ids and country codes of the consortium, from LOCATED_IN, `nuts_code` and `country`."""
    G, regions, countries = index.G, set(), set()
    for key in focal:
        for node in _linked(index, key):
            for _, place, t in G.out_edges(node, data="type"):
                kind = G.nodes[place].get("kind")
                if t == "LOCATED_IN" and kind in ("Region", "Country"):
                    (regions if kind == "Region" else countries).add(place.split(":", 1)[1])
            if G.nodes[node].get("nuts_code"):
                regions.add(str(G.nodes[node]["nuts_code"]))
            if G.nodes[node].get("country"):
                countries.add(str(G.nodes[node]["country"]))
    countries |= {r[:2] for r in regions if len(r) >= 3 and r[:2].isalpha() and r[:2].isupper()}
    return regions, countries


def nearby(index: RecommenderIndex, focal) -> np.ndarray:
    """1 for organisations in the consortium's NUTS 2 region(s), 0.5 in its countries, else 0."""
    regions, countries = focal_places(index, focal)
    found = np.where(np.isin(index.country, list(countries)), 0.5, 0.0) if countries else np.zeros(len(index.keys))
    for region in {r[:4] for r in regions if len(r) >= 4}:
        found[np.char.startswith(index.place, region)] = 1.0
    return found


def _reached(index: RecommenderIndex, focal, rel_type: str, kind: str | None = None) -> set[str]:
    """What the consortium's nodes (and their records) point at by `rel_type`, of `kind` when given."""
    G = index.G
    return {t for key in focal for node in _linked(index, key) for _, t, r in G.out_edges(node, data="type")
            if r == rel_type and (kind is None or G.nodes[t].get("kind") == kind)}


def focal_sectors(index: RecommenderIndex, focal) -> set[str]:
    """The sectors the consortium itself is ACTIVE_IN (a seed cluster's; projects' sectors need projects)."""
    return _reached(index, focal, "ACTIVE_IN")


def focal_programmes(index: RecommenderIndex, focal) -> set[str]:
    return _reached(index, focal, "MEMBER_OF", "Programme")


def in_programmes(index: RecommenderIndex, focal) -> np.ndarray:
    """1 for organisations linked to the consortium's programmes: members (or the CORDIS record of a
    member cluster), or participants in a project the programme funds."""
    G, found = index.G, np.zeros(len(index.keys))
    for programme in focal_programmes(index, focal):
        for node, _, t in G.in_edges(programme, data="type"):
            if t == "MEMBER_OF":
                rows = index.resolve([node])
                found[rows] = 1.0
            elif t == "FUNDED_BY" and node in G:
                found[[index.index[o] for o, _, r in G.in_edges(node, data="type")
                       if r == "PARTICIPATES_IN" and o in index.index]] = 1.0
    focal_rows = index.resolve(list(focal))
    found[focal_rows] = 0.0
    return found


def cold_reasons(index: RecommenderIndex, focal, y: int, parts: dict) -> list[str]:
    """Why a candidate of a cold-start request is on the list: its place and programme."""
    reasons = []
    if parts["nearby"][y] == 1.0:
        reasons.append(f"in the same region ({index.name(f'Region:{index.place[y][:4]}')})")
    elif parts["nearby"][y]:
        reasons.append(f"in the same country ({index.name(f'Country:{index.country[y]}')})")
    if parts["programme"][y]:
        names = sorted(index.name(p) for p in focal_programmes(index, focal))
        reasons.append(f"linked to {', '.join(names)}, like the consortium")
    return reasons
