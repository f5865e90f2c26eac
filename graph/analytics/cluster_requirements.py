"""A project's requirements applied to partner clusters, as they apply to partner organisations.

The Partners page and `recommend` take places to avoid, a minimum quality label, places to add and sectors.
The organisation ranking (`graph.analytics.recommend`) used them; the partner-cluster ranking ignored every one,
so "avoid Sweden" and "at least ESCA Gold" still listed the same ten Swedish Bronze clusters. Here a place to avoid
and a minimum label leave clusters out (hard requirements, as for organisations), and a place to add or a sector
asked for adds its weight (`places`, `sectors` of `ClusterWeights`) to the clusters that have it, with a reason.
"""

from __future__ import annotations

import dataclasses

from graph.analytics.cluster_profiles import ClusterIndex, Profile
from graph.analytics.recommend import Requirements
from graph.analytics.recommend_index import LABEL_LEVELS, label_name, sector_key
from graph.analytics.recommend_sectors import sector_display

__all__ = ["meeting", "asked_reasons"]


def _within(profile: Profile, places: tuple[str, ...]) -> list[str]:
    """The places of `places` (country or NUTS codes) the cluster is in: a code its countries or regions start with."""
    held = profile.countries | profile.regions
    return [p for p in places if any(h.startswith(p) for h in held)]


def _sectors_held(cindex: ClusterIndex, profile: Profile, sectors: tuple[str, ...]) -> list[str]:
    """The asked sector ids (as stored, without `Sector:`) the cluster works in: one of its sectors, or a project of
    one of its organisations in it or in a field below it (as `asked_sector` judges an organisation; the profile
    keeps its top sectors only). Ids and the Partners page's `Sector:` keys alike (`sector_key`): the page's had been
    read as `Sector:Sector:...`, in no cluster."""
    index, held = cindex.index, []
    for s in sectors:
        key = cindex.neighbours.canonical(sector_key(s))
        column = index.sector_index.get(key)
        if key in profile.sectors or (column is not None and profile.rows
                                      and index.sector_counts[profile.rows, column].sum() > 0):
            held.append(s)
    return held


def _named(cindex: ClusterIndex, sectors: list[str] | tuple[str, ...], between: str = ", ") -> str:
    """The sectors by name, a seed sector and the field of its name (one sector to the ranking) once."""
    first = {}
    for s in sectors:
        first.setdefault(cindex.neighbours.canonical(sector_key(s)), sector_display(cindex.G, sector_key(s)))
    return between.join(first.values())


def meeting(cindex: ClusterIndex, found: list[tuple], requirements: Requirements | None,
            weights) -> tuple[list[tuple], str | None]:
    """The scored clusters (`cluster_scores`' tuples) that meet `requirements`, boosted and sorted again, and a
    sentence on those left out (None when none was)."""
    if requirements is None:
        return found, None
    level = LABEL_LEVELS.get(requirements.min_label or "", 0)
    kept, avoided, unlabelled, placed, active = [], 0, 0, 0, 0
    for _, key, parts, terms, pair, shared in found:
        other = cindex.profile(key)
        if _within(other, requirements.avoid_places):
            avoided += 1
            continue
        if other.label < level:
            unlabelled += 1
            continue
        terms = dict(terms)
        if _within(other, requirements.add_places):
            terms["asked places"], placed = weights.places, placed + 1
        if requirements.sectors and _sectors_held(cindex, other, requirements.sectors):
            terms["asked sectors"], active = weights.sectors, active + 1
        kept.append((sum(terms.values()), key, parts, terms, pair, shared))
    kept.sort(key=lambda x: (-x[0], x[1]))
    left = [f"{avoided} cluster(s) in a place to avoid"] * bool(avoided) + [
        f"{unlabelled} cluster(s) without the {label_name(requirements.min_label or '')} label or better"
    ] * bool(unlabelled)
    said = [f"left out as required: {' and '.join(left)}"] * bool(left)
    if requirements.add_places and not placed:  # the ranking is then as without them: said, not silent
        said.append(f"no candidate cluster is in {', '.join(requirements.add_places)}, so the places to add ranked "
                    "none higher")
    if requirements.sectors and not active:
        said.append("no candidate cluster works in the sectors asked, so they ranked none higher")
    if requirements.sme_share is not None:
        said.append("a wanted share of SMEs ranks organisations, not partner clusters (rank organisations to use it)")
    return kept, "; ".join(said) or None


def asked_reasons(cindex: ClusterIndex, candidates: list, requirements: Requirements | None) -> list:
    """Each candidate with a reason for each requirement it meets that ranked it higher."""
    if requirements is None:
        return candidates
    out = []
    for c in candidates:
        other, extra = cindex.profile(c.key), []
        if places := _within(other, requirements.add_places):
            extra.append(f"in {', '.join(places)}, as asked")
        if requirements.sectors and (sectors := _sectors_held(cindex, other, requirements.sectors)):
            extra.append(f"works in {_named(cindex, sectors)}, as asked")
        elif requirements.sectors:  # ranked for the rest: said, as for organisations (`recommend_reasons`)
            extra.append(f"no project in {_named(cindex, requirements.sectors, ' or ')}, the sector(s) "
                         "asked")
        out.append(dataclasses.replace(c, reasons=(*extra, *c.reasons)) if extra else c)
    return out
