"""Cold start: what ranks partners for a consortium that took part in no project yet.

Without a project there is no network to walk, so the recommender falls back on what the graph states
about the consortium itself: its sectors (seed sectors bridged to EuroSciVoc fields, in
`target_profile`), its place (`nearby`: 1 in the same NUTS 2 region, 0.5 in the same country) and the
programmes it belongs to (`in_programmes`: organisations of clusters in the same programme, or taking
part in projects that programme funds). `graph.analytics.recommend.history_note` tells the user.

An organisation without projects of its own that is a member of a cluster is known by its cluster
(`with_clusters`): the cluster's sectors and its members' projects' fields make the profile, its place
stands in for a missing one, its programmes count, and its fellow members are linked as a programme's are.
Such a member had been ranked as a stranger: by its own place alone, or by the candidates' record alone.
"""

from __future__ import annotations

import numpy as np

from graph.analytics.recommend_index import RecommenderIndex, target_profile
from graph.collation import reading_order

#: What a cold start ranks by, when the graph knows all of it (`cold_note` says what it lacks otherwise).
COLD_START_NOTE = "no shared projects yet: ranked by sectors, region and programmes"

__all__ = ["COLD_START_NOTE", "cold_note", "focal_places", "focal_programmes", "focal_sectors", "member_clusters",
           "with_clusters", "nearby", "in_programmes", "cold_reasons", "is_cold", "consortium_profile", "clusters_said",
           "cold_places", "fellow_members"]


def _linked(index: RecommenderIndex, key: str) -> set[str]:
    return {key} | {v for _, v, t in index.G.out_edges(key, data="type") if t == "SAME_AS"}


def is_cold(index: RecommenderIndex, rows: list[int]) -> bool:
    """Whether the consortium's organisations (`rows`) took part in no project: no network to walk."""
    return not index.n_projects[rows].sum() if rows else True


def member_clusters(index: RecommenderIndex, focal) -> list[str]:
    """The clusters (not in `focal`) that the consortium's nodes, or their records, are members of."""
    G = index.G
    return sorted({c for key in focal for node in _linked(index, key) for _, c, t in G.out_edges(node, data="type")
                   if t == "MEMBER_OF" and G.nodes[c].get("kind") == "Cluster"} - set(focal))


def with_clusters(index: RecommenderIndex, focal) -> list[str]:
    """`focal` and the clusters its nodes are members of: what a cold start knows the consortium by."""
    return [*focal, *member_clusters(index, focal)]


def consortium_profile(index: RecommenderIndex, focal, rows: list[int], sectors: tuple[str, ...]) -> np.ndarray:
    """The sector profile candidates are compared with (`target_profile`); a cold consortium's member clusters
    add their sectors and their members' projects' fields."""
    if not is_cold(index, rows):
        return target_profile(index, list(focal), rows, sectors)
    context = with_clusters(index, focal)
    return target_profile(index, context, index.resolve(context), sectors)


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


def cold_places(index: RecommenderIndex, focal) -> tuple[set[str], set[str]]:
    """`focal_places`, or its member clusters' places when the consortium has none of its own."""
    regions, countries = focal_places(index, focal)
    return (regions, countries) if regions or countries else focal_places(index, with_clusters(index, focal))


def nearby(index: RecommenderIndex, focal) -> np.ndarray:
    """1 for organisations in the consortium's NUTS 2 region(s), 0.5 in its countries, else 0; a consortium of no
    place of its own is placed where its member clusters are."""
    regions, countries = cold_places(index, focal)
    found = np.where(np.isin(index.country, list(countries)), 0.5, 0.0) if countries else np.zeros(len(index.keys))
    for region in {r[:4] for r in regions if len(r) >= 4}:
        found[index.in_place(region)] = 1.0
    return found


def _reached(index: RecommenderIndex, focal, rel_type: str, kind: str | None = None) -> set[str]:
    """What the consortium's nodes (and their records) point at by `rel_type`, of `kind` when given."""
    G = index.G
    return {t for key in focal for node in _linked(index, key) for _, t, r in G.out_edges(node, data="type")
            if r == rel_type and (kind is None or G.nodes[t].get("kind") == kind)}


def focal_sectors(index: RecommenderIndex, focal) -> set[str]:
    """The sectors the consortium or its member clusters are ACTIVE_IN (projects' sectors need projects)."""
    return _reached(index, with_clusters(index, focal), "ACTIVE_IN")


def focal_programmes(index: RecommenderIndex, focal) -> set[str]:
    """The programmes the consortium or its member clusters are members of."""
    return _reached(index, with_clusters(index, focal), "MEMBER_OF", "Programme")


def in_programmes(index: RecommenderIndex, focal) -> np.ndarray:
    """1 for organisations linked to the consortium's programmes or member clusters: members (or the CORDIS record
    of a member cluster), or participants in a project the programme funds."""
    G, found = index.G, np.zeros(len(index.keys))
    for programme in focal_programmes(index, focal) | set(member_clusters(index, focal)):
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


def fellow_members(index: RecommenderIndex, focal) -> set[str]:
    """The organisations of the index, outside the consortium and its records, that are members of its clusters."""
    G, own = index.G, {node for key in focal for node in _linked(index, key)}
    return {node for c in member_clusters(index, focal) for node, _, t in G.in_edges(c, data="type")
            if t == "MEMBER_OF" and node not in own and index.resolve([node])}


def clusters_said(index: RecommenderIndex, focal) -> str:
    """What a cold-start note adds when the consortium's member clusters stand in for its own record; fellow members
    are named as candidates only when the clusters have any (IoT World's only member is Mjärdevi Science Park: its
    note had promised fellow members that no list could hold)."""
    clusters = member_clusters(index, focal)
    if not clusters:
        return ""
    names, its = ", ".join(index.name(c) for c in clusters), "their" if len(clusters) > 1 else "its"
    if not fellow_members(index, focal):
        return (f"; as a member of {names}, by {its} sectors, place and programmes too ({names} "
                f"{'have' if len(clusters) > 1 else 'has'} no other member in the graph)")
    return (f"; as a member of {names}, by {its} sectors, members' fields, place and programmes too, with fellow "
            "members among the candidates")


def cold_reasons(index: RecommenderIndex, focal, y: int, parts: dict) -> list[str]:
    """Why a candidate of a cold-start request is on the list: its place and programme."""
    reasons = []
    if parts["nearby"][y] == 1.0:
        reasons.append(f"in the same region ({index.name(f'Region:{index.place[y][:4]}')})")
    elif parts["nearby"][y]:
        reasons.append(f"in the same country ({index.name(f'Country:{index.country[y]}')})")
    if parts["programme"][y]:
        fellow = set(member_clusters(index, focal)) & set(member_clusters(index, [index.keys[y]]))
        if fellow:
            fellows = sorted((index.name(c) for c in fellow), key=reading_order)
            reasons.append(f"a fellow member of {', '.join(fellows)}")
        else:
            names = sorted((index.name(p) for p in focal_programmes(index, focal)), key=reading_order)
            reasons.append(f"linked to {', '.join(names)}, like the consortium")
    return reasons


def _names(index: RecommenderIndex, keys) -> str:
    """Up to three names of `keys` (once each, sorted), and how many more."""
    names = sorted({index.name(k) for k in keys}, key=reading_order)
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def _region_key(index: RecommenderIndex, region: str) -> str:
    """A region as `nearby` matches it and `cold_reasons` names it: a NUTS code by its NUTS 2 region (the first four
    characters: SE232 is SE23), a national region (NO-Hordaland) by itself."""
    nuts = 4 <= len(region) <= 5 and region[:2].isalpha() and region[:2].isupper() and region.isalnum()
    return f"Region:{region[:4]}" if nuts else f"Region:{region}"


def _had(index: RecommenderIndex, focal) -> tuple[dict[str, str], list[str], str]:
    """What the graph knows of a cold consortium, each with what it ranks (`{input: words}`), the inputs it lacks,
    and its sectors that no project is in (they rank no candidate: `target_profile` reads projects' sectors)."""
    regions, countries = cold_places(index, focal)
    sectors, programmes = focal_sectors(index, focal), focal_programmes(index, focal)
    had, lacking = {}, []
    s = "s" if len(sectors) > 1 else ""
    if any(index.same_sector.get(k, k) in index.sector_index for k in sectors):
        had["sector"] = f"its sector{s} {_names(index, sectors)} (candidates working in {'them' if s else 'it'})"
    elif not sectors:
        lacking.append("sector")
    idle = "" if not sectors or "sector" in had else (
        f"its sector{s} {_names(index, sectors)} {'are' if s else 'is'} in no project of the graph, so "
        f"{'they rank' if s else 'it ranks'} no candidate")
    land = _names(index, [f"Country:{c}" for c in countries])
    if regions:
        then = f" first, then in {land}" if countries else ""
        had["place"] = (f"its region{'s' if len(regions) > 1 else ''} "
                        f"{_names(index, [_region_key(index, r) for r in regions])} (candidates there{then})")
    elif countries:
        had["place"] = f"its countr{'ies' if len(countries) > 1 else 'y'} {land} (candidates there)"
    else:
        lacking.append("place")
    if programmes:
        p = len(programmes) > 1
        had["programme"] = (f"its programme{'s' if p else ''} {_names(index, programmes)} (candidates among "
                            f"{'their' if p else 'its'} members and in projects {'they fund' if p else 'it funds'})")
    else:
        lacking.append("programme")
    return had, lacking, idle


#: What to add for each input a cold start lacks (docs/mapping.md).
_ADD = {"sector": "ACTIVE_IN for sectors", "place": "LOCATED_IN for a place", "programme": "MEMBER_OF for programmes"}


def cold_note(index: RecommenderIndex, focal) -> str:
    """The cold-start note without its member clusters' words: `COLD_START_NOTE` when the graph knows a sector (of
    a project), a place and a programme of the consortium; else what it ranks by, each input it has named with what
    it ranks, and only the relationships it lacks to add. Nordbo Robotics A/S, with ACTIVE_IN and LOCATED_IN but no
    programme, had been asked to add all three."""
    had, lacking, idle = _had(index, focal)
    if len(had) == 3:
        return COLD_START_NOTE
    words = [*had.values(), "the candidates' own record"] if had else ["the candidates' own record alone"]
    said = ["no shared projects yet: ranked by " + _either(words, " and ")]
    if idle:
        said.append(idle)
    if lacking:
        said.append(f"the graph knows no {_either(lacking)} of it: add {_either([_ADD[k] for k in lacking])} "
                    "(docs/mapping.md)")
    return "; ".join(said)


def _either(items: list[str], last: str = " or ") -> str:
    """`a`, `a or b`, `a, b or c` (`last` between the last two)."""
    return last.join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)
