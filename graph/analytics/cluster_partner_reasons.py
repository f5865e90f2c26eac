"""Why a partner cluster ranks where it does: the reasons of its place and its network, and the paths that show them.

Not the scoring (graph/analytics/cluster_partners.py): what each candidate is told, in words and as paths of nodes
that Explore draws. A path follows stored relationships; where the ranking took a seed sector and a EuroSciVoc
field of its name as one, both are in the path, side by side (`tagged`), and Explore joins them with a dashed line.
"""

from __future__ import annotations

import numpy as np

from graph.analytics.cluster_profiles import ClusterIndex, Profile
from graph.analytics.recommend_reasons import Path
from graph.analytics.recommend_sectors import sector_bridged, sector_display
from graph.collation import reading_order
from graph.wording import first_few, national_region_shown

__all__ = ["tagged", "place_reasons", "network_reasons", "common_partners", "sector_reason"]


def tagged(cindex: ClusterIndex, project: str, sector: str) -> str:
    """The sector node `project` is ACTIVE_IN that stands for `sector` (the field itself, or a seed sector of its
    name), so a path through the project follows its stored relationships (Explore drew the path in pieces)."""
    return next((target for _, target, t in cindex.G.out_edges(project, data="type")
                 if t == "ACTIVE_IN" and cindex.neighbours.canonical(target) == sector), sector)


def _joined(*parts: tuple[str, ...]) -> tuple[str, ...]:
    """Parts of a path in order, a node repeated where two parts meet kept once."""
    nodes: list[str] = []
    for part in parts:
        nodes += [n for n in part if not nodes or n != nodes[-1]]
    return tuple(nodes)


def sector_reason(cindex: ClusterIndex, me: Profile, other: Profile, pair: tuple[str, str], paths: list[Path]) -> str:
    """The sector pair (mine, theirs) that adds most to the sector fit, in words, with its path: the same sector
    ("both work in Automation") or a neighbouring one. Where both are common among clusters (`ClusterIndex.common`)
    the reason says it says little: "both work in governance" had stood first for an off-topic cluster."""
    s, t = pair
    G = cindex.G
    mine, theirs = sector_bridged(G, me.sector_paths[s][-1]), sector_bridged(G, other.sector_paths[t][-1])
    common = ""
    if cindex.common(s) and cindex.common(t):
        held = " and ".join(f"{cindex.sector_df[x]} in {sector_display(G, x)}" for x in dict.fromkeys(pair))
        common = (f", as many clusters do (of the {cindex.with_sectors} clusters with sectors, {held}): it says little "
                  "about fit")
    if s == t:
        paths.append(Path(_joined(me.sector_paths[s], tuple(reversed(other.sector_paths[t]))), f"both work in {mine}"))
        return f"both work in {mine}{common}"
    n = cindex.neighbours.shared_count(s, t)
    example = cindex.neighbours.example(s, t)
    middle = (tagged(cindex, example, s), example, tagged(cindex, example, t)) if example else ()
    paths.append(Path(_joined(me.sector_paths[s], middle, tuple(reversed(other.sector_paths[t]))),
                      f"{mine} and {theirs} meet in {cindex.index.name(example) if example else 'the same clusters'}"))
    return (f"works in {theirs}, a neighbouring sector of {mine} "
            f"({n} {'project or cluster works' if n == 1 else 'projects or clusters work'} in both){common}")


def place_reasons(cindex: ClusterIndex, me: Profile, other: Profile, place: float, alone: bool) -> list[str]:
    """Where the candidate is, said when it adds to the score, or when a place is all that ranks it."""
    def named(kind: str, codes: set[str]) -> str:  # a national region with its country: `IT-BO`, not `BO`
        return ", ".join(national_region_shown(p, cindex.index.name(f"{kind}:{p}")) if kind == "Region" else
                         cindex.index.name(f"{kind}:{p}") for p in sorted(codes))

    if place == 1.0:
        return [f"in {named('Country', other.countries)}, another country"]
    if place and other.regions:
        return [f"in {named('Region', other.regions)}, another region"]
    if place:  # the same country, its region unknown
        return [f"in {named('Country', other.countries & me.countries)} too (its region is not known)"]
    if alone and other.regions & me.regions:
        return [f"in {named('Region', other.regions & me.regions)} too"]
    return []


def network_reasons(cindex: ClusterIndex, me: Profile, other: Profile, paths: list[Path]) -> list[str]:
    """The members the two clusters share, and the projects their other organisations share, counted over all their
    members (a member list gives a cluster several), with the path through the newest; else that they have partners
    in common."""
    index, mine = cindex.index, set(me.rows)
    both = [r for r in other.rows if r in mine]
    theirs = [r for r in other.rows if r not in mine]
    reasons = []
    if both:
        names = first_few(both, 3, lambda r: index.name(index.keys[r]))
        reasons.append(f"{'they share a member' if len(both) == 1 else f'they share {len(both)} members'}: {names}")
        paths.append(Path((me.key, index.keys[both[0]], other.key), f"{index.name(index.keys[both[0]])} is a member "
                          "of both"))
    common = np.intersect1d(index.incidence[list(me.rows)].indices, index.incidence[theirs].indices) if theirs else []
    if not len(common):
        return reasons or common_partners(cindex, me, other.key, theirs, paths)
    newest = max(common, key=lambda j: (index.G.nodes[index.projects[j]].get("start_date") or "", index.projects[j]))
    p = index.projects[newest]
    x = next(x for x in me.rows if index.incidence[x, newest])
    y = next(y for y in theirs if index.incidence[y, newest])
    paths.append(Path((me.key, index.keys[x], p, index.keys[y], other.key),
                      f"{index.name(index.keys[x])} and {index.name(index.keys[y])} both in {index.name(p)}"))
    return [*reasons, f"their organisations share {len(common)} project{'s' * (len(common) > 1)}, the newest "
                      f"{index.name(p)}"]


def common_partners(cindex: ClusterIndex, me: Profile, other_key: str, theirs: list[int], paths: list[Path]
                    ) -> list[str]:
    """The organisations both clusters' organisations have shared a project with, where they share none themselves:
    how many, the first few by the projects they share with both, and the path through the first. The reason had
    been "their organisations have partners in common", naming none and counting none."""
    index, mine = cindex.index, list(me.rows)
    shared = index.shared  # organisation x organisation: shared projects
    with_me, with_them = np.asarray(shared[mine].sum(axis=0)).ravel(), np.asarray(shared[theirs].sum(axis=0)).ravel()
    both = [z for z in np.flatnonzero((with_me > 0) & (with_them > 0)) if z not in me.rows and z not in theirs]
    if not both:
        return ["their organisations have partners in common"]
    both.sort(key=lambda z: (-min(with_me[z], with_them[z]), reading_order(index.name(index.keys[z]))))
    z = both[0]
    x = next(x for x in mine if shared[x, z])
    y = next(y for y in theirs if shared[y, z])
    p = _newest_shared(cindex, x, z)
    q = _newest_shared(cindex, z, y)
    paths.append(Path((me.key, index.keys[x], p, index.keys[z], q, index.keys[y], other_key),
                      f"{index.name(index.keys[z])} shares {index.name(p)} with {index.name(index.keys[x])} and "
                      f"{index.name(q)} with {index.name(index.keys[y])}"))
    names = first_few(both, 3, lambda r: index.name(index.keys[r]))
    return [f"their organisations have {len(both)} partner{'s' * (len(both) > 1)} in common: {names}"]


def _newest_shared(cindex: ClusterIndex, a: int, b: int) -> str:
    """The newest project organisations `a` and `b` both take part in."""
    index = cindex.index
    both = np.intersect1d(index.incidence[[a]].indices, index.incidence[[b]].indices)
    return index.projects[max(both, key=lambda j: (index.G.nodes[index.projects[j]].get("start_date") or "",
                                                   index.projects[j]))]
