"""A consortium whose projects span many fields, ranked without a sector asked: said, with sectors to narrow it.

Without a sector asked, the thematic part of the organisation ranking compares candidates with the consortium's whole
profile. A Finnish manager's `recommend --for "Tampereen yliopisto" --for "Cobotti Solutions Oy"` was ranked on the
university's breadth (NTNU, DLR, Sorbonne, LMU München: "works in clinical medicine, like the consortium") and nothing
suggested naming the robotics SME's sectors. The note is computed from what the ranking holds (the consortium's
projects and their EuroSciVoc fields), so the ranking itself is unchanged.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from graph.analytics.recommend_index import RecommenderIndex, one_body
from graph.analytics.recommend_sectors import sector_display
from graph.analytics.recommend_unbridged import project_sectors_near

__all__ = ["DOMAINS", "BROAD", "field_domains", "broad_profile_note"]

#: EuroSciVoc's six domains, by the first step of a field's id (esv:/25/...), for a store that holds no node of one.
DOMAINS = {"21": "medical and health sciences", "23": "natural sciences", "25": "engineering and technology",
           "27": "agricultural sciences", "29": "social sciences", "31": "humanities"}
#: How many domains, in effect (the inverse Simpson index of the projects' shares), make a profile broad: a
#: university's (Tampere 3.7, Aalto 3.1, VTT 3.4) is; half of the sample's organisations with 3 projects or more
#: are under 2.5.
BROAD = 3.0


def _domain(sector: str) -> str | None:
    return sector.removeprefix("Sector:esv:/").split("/")[0] if sector.startswith("Sector:esv:/") else None


def field_domains(index: RecommenderIndex, rows: list[int]) -> dict[str, float]:
    """{EuroSciVoc domain: the share of the projects of `rows` in it}; a project in several domains counts a part
    in each; projects without a field count in none."""
    projects = np.flatnonzero(np.asarray(index.incidence[rows].sum(axis=0)).ravel()) if rows else []
    weights: dict[str, float] = {}
    for j in projects:
        found = {d for _, s, t in index.G.out_edges(index.projects[j], data="type")
                 if t == "ACTIVE_IN" and (d := _domain(s))}
        for domain in found:
            weights[domain] = weights.get(domain, 0.0) + 1 / len(found)
    total = sum(weights.values())
    return {d: w / total for d, w in sorted(weights.items(), key=lambda dw: -dw[1])} if total else {}


def _examples(index: RecommenderIndex, focal: list[str]) -> list[str]:
    """Up to three sectors to ask for: the consortium's own sectors (a cluster's members' too), most frequent first,
    that projects are tagged with or whose name nearly spells one, then each member's most frequent field (its
    fewest-project member first: a small firm's field says most what it brings)."""
    G, found = index.G, []
    nodes = {n for key in focal for n in one_body(G, key)}
    nodes |= {u for key in nodes for u, _, t in G.in_edges(key, data="type") if t == "MEMBER_OF"}  # a cluster's
    own = Counter(index.same_sector.get(s, s) for n in nodes for _, s, t in G.out_edges(n, data="type")
                  if t == "ACTIVE_IN")
    for sector, _ in own.most_common():
        if len(found) == 3:
            break
        if sector in index.sector_index:
            found.append(sector)
        elif (near := project_sectors_near(index, sector))[0].startswith("the nearest by name"):
            found += near[1][:1]  # a member list's Robotika: robotics
    for key in sorted(focal, key=lambda k: index.n_projects[index.resolve([k])].sum()):
        counts = np.asarray(index.sector_counts[index.resolve([key])].sum(axis=0)).ravel()
        fields = [j for j in np.flatnonzero(counts) if _domain(index.sector_keys[j])
                  and index.sector_keys[j].count("/") > 1]  # a field, not a whole domain
        if fields:
            found.append(index.sector_keys[max(fields, key=lambda j: (counts[j], len(index.sector_keys[j])))])
    return [sector_display(index.G, s) for s in dict.fromkeys(found)][:3]


def broad_profile_note(index: RecommenderIndex, focal: list[str], sectors: tuple[str, ...] | list[str],
                       ask: str = "--sector") -> str | None:
    """One sentence when no sector is asked and the consortium's projects span `BROAD` EuroSciVoc domains or more
    (in effect): its partners are ranked for all of them; which domains, which member most, and sectors to ask for
    (`ask`: the CLI's option, or the Partners page's box). None otherwise."""
    rows = index.resolve(list(focal))
    shares = field_domains(index, rows)
    if sectors or not shares or 1 / sum(s * s for s in shares.values()) < BROAD:
        return None
    names = [str(index.G.nodes[f"Sector:esv:/{d}"].get("name")) if f"Sector:esv:/{d}" in index.G
             else DOMAINS.get(d, d) for d in shares]
    domains = ", ".join(names[:-1]) + f" and {names[-1]}"
    widest = max(focal, key=lambda k: index.n_projects[index.resolve([k])].sum())
    most = (f", above all {index.name(widest)}'s {int(index.n_projects[index.resolve([widest])].sum()):,} projects,"
            if len(focal) > 1 else ",")
    examples = _examples(index, list(focal))
    option = ask.startswith("--")
    asked = " or ".join(f'{ask} "{name}"' if option else f'"{name}"' for name in examples)
    where = (f"e.g. {asked}" if option else f"under {ask}, e.g. {asked}") if asked else ask
    return (f"the consortium's projects span {len(shares)} of EuroSciVoc's 6 domains ({domains}){most} so its partners "
            f"are ranked for all of them, whatever the project is about: name the project's sectors to narrow them "
            f"({where})")
