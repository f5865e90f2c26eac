"""A project's requirements applied to partner clusters, as they apply to partner organisations.

The Partners page and `recommend` take places to avoid, a minimum quality label, places to add and sectors.
The organisation ranking (`graph.analytics.recommend`) used them; the partner-cluster ranking ignored every one,
so "avoid Sweden" and "at least ESCA Gold" still listed the same ten Swedish Bronze clusters. Here a place to avoid
and a minimum label leave clusters out (hard requirements, as for organisations), and a place to add adds its weight
(`places` of `ClusterWeights`) to the clusters in it, with a reason.

A sector asked for filters and weighs: the clusters that work in it (their own sector, or projects of their own or
of their members in it or in a field below it) come first, ordered among themselves by their score plus
`asked_sectors` times how much they work in it (log-scaled projects, the most of any candidate being 1), and each
says how much ("works in robotics, as asked: 12 of its members' projects, through ..."). A flat boost of 0.5 had left
a Finnish robotics cluster's `--sector robotics` list nearly as without it, against shared projects weighted 4.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

from graph.analytics.cluster_profiles import ClusterIndex, Profile
from graph.analytics.recommend import Requirements
from graph.analytics.recommend_index import LABEL_LEVELS, label_name, sector_key
from graph.analytics.recommend_sectors import sector_bridged
from graph.collation import reading_order

__all__ = ["meeting", "asked_reasons", "Basis", "sector_basis"]


def _within(profile: Profile, places: tuple[str, ...]) -> list[str]:
    """The places of `places` (country or NUTS codes) the cluster is in: a code its countries or regions start with."""
    held = profile.countries | profile.regions
    return [p for p in places if any(h.startswith(p) for h in held)]


@dataclass(frozen=True)
class Basis:
    """What a candidate cluster's work in the sectors asked rests on: `held`, the sectors asked that are its own
    (`own`: an ACTIVE_IN of its own, or a project of its own record) or that members of its own have a project in
    (`through`, their keys); `shared`, members with such a project that the focal set has too: their project is the
    focal set's own work, so they alone make no candidate work in the sector. `own_projects`, `member_projects`: how
    many distinct projects in the sectors asked its own record and those members took part in."""

    held: tuple[str, ...] = ()
    own: tuple[str, ...] = ()
    through: tuple[str, ...] = ()
    shared: tuple[str, ...] = ()
    own_projects: int = 0
    member_projects: int = 0

    @property
    def projects(self) -> int:
        return self.own_projects + self.member_projects


def asked_projects(cindex: ClusterIndex, sectors: tuple[str, ...]) -> np.ndarray:
    """The index's project columns in one of `sectors` or in a field below one (sorted), as `sector_counts` counts
    them: a project in soft robotics is in robotics; a seed sector stands for the field of its name."""
    G, fields = cindex.G, set()
    todo = [cindex.neighbours.canonical(sector_key(s)) for s in sectors]
    while todo:
        field = todo.pop()
        if field not in fields and field in G:
            fields.add(field)
            todo += [u for u, _, t in G.in_edges(field, data="type") if t == "PART_OF"]
    fields |= {seed for seed, to in cindex.neighbours.same.items() if to in fields}
    tagged = {u for f in fields for u, _, t in G.in_edges(f, data="type") if t == "ACTIVE_IN"}
    return np.array(sorted(j for j, p in enumerate(cindex.index.projects) if p in tagged), dtype=int)


def _projects_in(cindex: ClusterIndex, rows, asked: np.ndarray) -> np.ndarray:
    """The projects of `asked` (columns) the organisations of `rows` took part in."""
    if not rows or not len(asked):
        return np.zeros(0, dtype=int)
    return np.intersect1d(cindex.index.incidence[sorted(rows)].indices, asked)


def sector_basis(cindex: ClusterIndex, profile: Profile, sectors: tuple[str, ...], mine=frozenset(),
                 asked: np.ndarray | None = None) -> Basis:
    """On what the cluster of `profile` works in each sector asked (ids as stored or the Partners page's `Sector:`
    keys, `sector_key`), `mine` being the focal set's index rows: one of its own sectors, or a project in it or in a
    field below it (as `asked_sector` judges an organisation) of its record or of a member the focal set does not
    share. A member of both clusters had made Energy Cluster Denmark "work in Robotteknologi, as asked" for Odense
    Robotics, by Odense Robotics' own members' projects. `asked`: `asked_projects` of `sectors`, computed when not
    given."""
    index, G = cindex.index, cindex.G
    body = cindex.linked(profile.key)
    own_sectors = {cindex.neighbours.canonical(s) for n in body for _, s, t in G.out_edges(n, data="type")
                   if t == "ACTIVE_IN"}
    own_rows = {index.index[n] for n in body if n in index.index}
    held, own, through, shared = [], [], set(), set()
    for s in sectors:
        key = cindex.neighbours.canonical(sector_key(s))
        column = index.sector_index.get(key)
        rows = [] if column is None or not profile.rows else [
            r for r, n in zip(profile.rows, index.sector_counts[profile.rows, column].toarray(), strict=True) if n]
        members = {r for r in rows if r not in own_rows and r not in mine}
        if key in own_sectors or any(r in own_rows and r not in mine for r in rows):
            held.append(s)
            own.append(s)
        elif members:
            held.append(s)
            through |= members
        else:
            shared |= {r for r in rows if r in mine}
    asked = asked_projects(cindex, sectors) if asked is None else asked
    of_its_own = _projects_in(cindex, own_rows - set(mine), asked)
    of_members = np.setdiff1d(_projects_in(cindex, through, asked), of_its_own)
    return Basis(tuple(held), tuple(own), *(tuple(sorted(index.keys[r] for r in x)) for x in (through, shared)),
                 len(of_its_own), len(of_members))


def _some(cindex: ClusterIndex, keys) -> str:
    names = sorted((cindex.index.name(k) for k in keys), key=reading_order)
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def _named(cindex: ClusterIndex, sectors: list[str] | tuple[str, ...], between: str = ", ") -> str:
    """The sectors by name, a seed sector and the field of its name (one sector to the ranking) once; a word bridged to
    a field of another name with that field: "Robotiikka (robotics)" (`sector_bridged`)."""
    first = {}
    for s in sectors:
        first.setdefault(cindex.neighbours.canonical(sector_key(s)), sector_bridged(cindex.G, sector_key(s)))
    return between.join(first.values())


def meeting(cindex: ClusterIndex, found: list[tuple], requirements: Requirements | None,
            weights, mine=frozenset()) -> tuple[list[tuple], str | None]:
    """The scored clusters (`cluster_scores`' tuples) that meet `requirements`, boosted and sorted again, and a
    sentence on those left out (None when none was); `mine`: the focal set's index rows (`sector_basis`)."""
    if requirements is None:
        return found, None
    level = LABEL_LEVELS.get(requirements.min_label or "", 0)
    kept, avoided, unlabelled, placed, active = [], 0, 0, 0, 0
    asked = asked_projects(cindex, requirements.sectors) if requirements.sectors else None
    bases = {key: sector_basis(cindex, cindex.profile(key), requirements.sectors, mine, asked)
             for _, key, *_ in found} if requirements.sectors else {}
    most = math.log1p(max((b.projects for b in bases.values() if b.held), default=0))
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
        if key in bases and bases[key].held:  # at least half the weight for working in it, the rest by how much
            how_much = math.log1p(bases[key].projects) / most if most else 1.0
            terms["asked sectors"], active = weights.asked_sectors * (1 + how_much) / 2, active + 1
        kept.append((sum(terms.values()), key, parts, terms, pair, shared))
    kept.sort(key=lambda x: (not (x[1] in bases and bases[x[1]].held), -x[0], x[1]))  # those in the sector first
    left = [f"{avoided} cluster(s) in a place to avoid"] * bool(avoided) + [
        f"{unlabelled} cluster(s) without the {label_name(requirements.min_label or '')} label or better"
    ] * bool(unlabelled)
    said = [f"left out as required: {' and '.join(left)}"] * bool(left)
    if requirements.add_places and not placed:  # the ranking is then as without them: said, not silent
        said.append(f"no candidate cluster is in {', '.join(requirements.add_places)}, so the places to add ranked "
                    "none higher")
    if requirements.sectors and not active:  # the list is then as without them: said, not passed off as filtered
        said.append(f"no candidate cluster works in the sectors asked ({_named(cindex, requirements.sectors, ' or ')}"
                    f"): none of the {len(found)} clusters ranked, nor their members, has a project in "
                    f"{'it' if len(requirements.sectors) == 1 else 'them'}, so they ranked none higher and the list "
                    "is as without them")
    elif requirements.sectors:
        said.append(f"{active} of the {len(found)} clusters ranked work in "
                    f"{_named(cindex, requirements.sectors, ' or ')}, as asked: they come first, by how much they do")
    if requirements.sme_share is not None:
        said.append("a wanted share of SMEs ranks organisations, not partner clusters (rank organisations to use it)")
    return kept, "; ".join(said) or None


def _works_in(cindex: ClusterIndex, basis: Basis) -> str:
    """"works in robotics, as asked", how many projects of its own and of its members, and the members it rests on:
    ": 3 projects of its own; 12 of its members' projects, through X, Y" (": robotics through X" for those of several
    sectors asked that rest on members only)."""
    by = [s for s in basis.held if s not in basis.own]
    said = f"works in {_named(cindex, basis.held)}, as asked"
    how = [f"{_count(basis.own_projects)} of its own"] * bool(basis.own_projects)
    if basis.through:
        members = f"{basis.member_projects} of its members' projects, "
        how.append(f"{members * bool(basis.member_projects)}{_named(cindex, by) + ' ' if basis.own and by else ''}"
                   f"through {_some(cindex, basis.through)}")
    elif basis.own and not basis.own_projects:
        how.append("its own sector")
    return f"{said}: {'; '.join(how)}" if how else said


def _count(projects: int) -> str:
    return f"{projects} project{'s' * (projects != 1)}"


def _shared(cindex: ClusterIndex, shared: tuple[str, ...], focal) -> str:
    """The members of `shared` named with why they do not count: members of a focal cluster too, or the consortium
    itself (an organisation asked for is a member of the candidate)."""
    index, itself = cindex.index, [k for k in shared if any(k in cindex.linked(f) for f in focal)]
    members = [k for k in shared if k not in itself]
    of = [f for f in focal if set(index.resolve([f])) & {index.index[k] for k in members}]
    return "; ".join([f"{_some(cindex, members)}, member(s) of {_some(cindex, of)} too"] * bool(members)
                     + [f"{_some(cindex, itself)}, the consortium itself"] * bool(itself))


def asked_reasons(cindex: ClusterIndex, candidates: list, requirements: Requirements | None,
                  focal: tuple[str, ...] | list[str] = ()) -> list:
    """Each candidate with a reason for each requirement it meets that ranked it higher; a sector it works in through
    members only names them, and one that only members shared with `focal` (the focal set's nodes) work in is said
    so, not counted."""
    if requirements is None:
        return candidates
    index = cindex.index
    mine = frozenset(index.resolve(list(focal)))
    asked = asked_projects(cindex, requirements.sectors) if requirements.sectors else None
    out = []
    for c in candidates:
        other, extra = cindex.profile(c.key), []
        if places := _within(other, requirements.add_places):
            extra.append(f"in {', '.join(places)}, as asked")
        basis = sector_basis(cindex, other, requirements.sectors, mine, asked) if requirements.sectors else Basis()
        if basis.held:
            extra.append(_works_in(cindex, basis))
        elif basis.shared:  # only members of the focal set too: their projects are its own work, not the candidate's
            extra.append(f"in {_named(cindex, requirements.sectors, ' or ')}, the sector(s) asked, only through "
                         f"{_shared(cindex, basis.shared, focal)}: not ranked higher for it")
        elif requirements.sectors:  # ranked for the rest: said, as for organisations (`recommend_reasons`)
            extra.append(f"no project in {_named(cindex, requirements.sectors, ' or ')}, the sector(s) "
                         "asked")
        out.append(dataclasses.replace(c, reasons=(*extra, *c.reasons)) if extra else c)
    return out
