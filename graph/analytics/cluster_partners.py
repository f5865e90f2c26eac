"""Partner clusters for a cluster partnership project: who, why, and the nodes that connect them.

Clusters look for partner clusters differently from how organisations look for project partners (the
IoT4Industry partners were clusters of neighbouring sectors in other regions, sharing programmes and
labels). For one or more focal clusters (or organisations), every other cluster of the graph
(`graph.analytics.cluster_profiles`) is scored on five parts, each in [0, 1]:

* `sectors`: soft cosine of the sector profiles, where two different sectors count by how close they
  are (`SectorNeighbours`: how often projects and clusters work in both). The same sector gives
  "both work in Automation"; a neighbouring one "works in robotics, next to Automation";
* `projects`: the clusters' organisations' shared projects and common partners (Adamic-Adar on the
  collaboration graph), scaled by the best candidate's;
* `programmes`: programmes both belong to or are funded by, weighted by rarity (IDF over clusters);
* `places`: 1 for another country, 0.5 for another region of the same country, 0 for the same region:
  a partnership joins regions;
* `label`: ESCA level / 3.

The total is the weighted sum (`ClusterWeights`). A focal set whose organisations took part in no
project of the index gets `COLD_START_NOTE`: its ranking rests on sectors, places and programmes only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from graph.analytics.cluster_partner_reasons import network_reasons, place_reasons, sector_reason
from graph.analytics.cluster_profiles import ClusterIndex, Profile
from graph.analytics.cluster_requirements import asked_reasons, meeting
from graph.analytics.recommend import Candidate
from graph.analytics.recommend_cold import member_clusters
from graph.analytics.recommend_links import link_scores
from graph.analytics.recommend_reasons import Path
from graph.collation import reading_order
from graph.errors import NotFound
from graph.store.schema import is_cluster

__all__ = ["COLD_START_NOTE", "ClusterWeights", "ClusterCandidate", "ClusterRanking", "ClusterIndex",
           "partner_clusters", "cluster_scores", "is_cluster", "known_by"]

COLD_START_NOTE = "no shared projects yet: ranked by sectors, region and programmes"
#: Why a partner-cluster ranking is empty: nothing it reads ties the focal nodes to another cluster ...
NOTHING_LINKS = "nothing links the focal nodes to others (no shared sector, programme or project)"
#: ... or the requirements left out every cluster it ranked (an ESCA Gold asked, which none of them holds, had been
#: told that nothing links them).
REQUIREMENTS_LEFT_OUT = "the requirements left out every cluster the ranking reached (the note says how many, and why)"
_LABELS = {1: "ESCA Bronze", 2: "ESCA Silver", 3: "ESCA Gold"}


@dataclass(frozen=True)
class ClusterWeights:
    """How much each part counts. `sectors`, `projects` and `programmes` were chosen by grid search on the
    validation cut (2023-07-01) of bench/eval_cluster_partners.py (hand-set first: 2, 1, 1); places and
    labels, which the hold-out cannot judge, are set by hand to break ties. `asked_sectors` acts only when a request
    names sectors (`graph.analytics.cluster_requirements`): set by hand as high as shared projects, so that how much a
    candidate works in the sector asked orders those that work in it."""

    sectors: float = 0.5
    projects: float = 4.0
    programmes: float = 1.0
    places: float = 0.5
    label: float = 0.25
    asked_sectors: float = 4.0


#: A partner cluster has the shape of any recommended partner: total score, parts, reasons and paths.
ClusterCandidate = Candidate


@dataclass(frozen=True)
class ClusterRanking:
    """The ranked candidates and what the ranking rests on when the focal set has no history."""

    candidates: list[ClusterCandidate]
    note: str | None = None
    #: Why there is no candidate (None when there are): the requirements left out every cluster ranked, or none was
    why_none: str | None = None


def _self_similarity(cindex: ClusterIndex, sectors: dict[str, float]) -> float:
    """The soft-cosine norm of an IDF-weighted sector profile (`ClusterIndex.weighted`)."""
    return math.sqrt(sum(wa * wb * cindex.neighbours.closeness(a, b) for a, wa in sectors.items()
                         for b, wb in sectors.items()))


def _sector_fit(cindex: ClusterIndex, mine: dict[str, float], mine_norm: float, theirs: dict[str, float],
                theirs_norm: float):
    """Soft cosine of two IDF-weighted sector profiles (`ClusterIndex.weighted`; closeness as the similarity of two
    sectors), and the pair (mine, theirs) to say: the one adding most to the plain cosine, a pair of fields common
    among clusters only when no other adds anything ("both work in Automation", not its rarer neighbour robotics;
    not "both work in governance" beside a field few clusters share)."""
    if not mine or not theirs or not mine_norm or not theirs_norm:
        return 0.0, None
    total, best, best_pair = 0.0, (False, 0.0), None
    idf = {x: cindex.sector_idf(x) for x in (*mine, *theirs)}
    common = {x for x in idf if cindex.common(x)}
    for s, ws in mine.items():
        for t, wt in theirs.items():
            closeness = cindex.neighbours.closeness(s, t)
            if not closeness:
                continue
            total += ws * wt * closeness
            plain = ws * wt * closeness / (idf[s] * idf[t] or 1.0)
            said = (not (s in common and t in common), plain)
            if plain > 0 and said > best:
                best, best_pair = said, (s, t)
    return min(1.0, total / (mine_norm * theirs_norm)), best_pair


def _merged(profiles: list[Profile]) -> Profile:
    """One profile for a focal set: the strongest weight of each sector and programme, every place."""
    if len(profiles) == 1:
        return profiles[0]
    merged = Profile(profiles[0].key, sorted({r for p in profiles for r in p.rows}))
    for p in profiles:
        for s, w in p.sectors.items():
            if w > merged.sectors.get(s, 0.0):
                merged.sectors[s], merged.sector_paths[s] = w, p.sector_paths[s]
        for g, w in p.programmes.items():
            merged.programmes[g] = max(w, merged.programmes.get(g, 0.0))
        merged.member_of |= p.member_of
        merged.regions |= p.regions
        merged.countries |= p.countries
    return merged


def _place(focal: Profile, other: Profile, twins_of=lambda code: (code,)) -> float:
    """1 for another country, 0.5 for another region of the same, 0 for the same place or one inside the other: a
    NUTS 1 region is a French région (Auvergne-Rhône-Alpes, FRK), and Axelera in FRK26 had been ranked "in another
    region" than Minalogic in FRK. `twins_of` (`RecommenderIndex.twins_of`) gives a NUTS 2021/2024 twin's codes: a
    cluster in NL33 is in NL36's Zuid-Holland, not "in another region"."""
    if not other.countries and not other.regions:
        return 0.0
    if other.countries and focal.countries and not other.countries & focal.countries:
        return 1.0
    near = any(a.startswith(twins_of(b)) or b.startswith(twins_of(a)) for a in focal.regions for b in other.regions
               if min(len(a), len(b)) >= 3)
    return 0.0 if near or not focal.regions else 0.5


def cluster_scores(cindex: ClusterIndex, focal: list[str], weights: ClusterWeights = ClusterWeights(),
                   exclude: set[str] = frozenset()) -> tuple[Profile, list[tuple]]:
    """Every candidate cluster's score, best first: (score, key, parts, weighted terms, best sector pair,
    shared programmes). Candidates linked to the focal set by nothing but a place or a label are left out;
    so are the focal clusters, their CORDIS records and `exclude`."""
    for key in focal:
        if key not in cindex.G:
            raise NotFound(f"{key!r} is not in the graph; give node keys like Cluster:automation-smaland")
    me = _merged([cindex.profile(f) for f in focal])
    keys = _others(cindex, focal, exclude)
    network = np.zeros(len(keys))
    if me.rows:
        aa = link_scores(cindex.index, me.rows, "adamic_adar")
        direct = np.asarray(cindex.index.shared[me.rows].sum(axis=0)).ravel()
        mine = set(me.rows)
        network = np.array([_tie(aa, direct, cindex.profile(c).rows, mine) for c in keys])
    network = network / network.max() if network.size and network.max() > 0 else network
    my_sectors = cindex.weighted(me.sectors)
    mine_norm, norms = _self_similarity(cindex, my_sectors), cindex.norms
    focal_idf = sum(cindex.idf.get(g, 0.0) * w for g, w in me.programmes.items()) or 1.0
    found = []
    for c, net in zip(keys, network, strict=True):
        other = cindex.profile(c)
        theirs = cindex.weighted(other.sectors)
        if c not in norms:  # once per index, shared by every request (setdefault computed it every time)
            norms[c] = _self_similarity(cindex, theirs)
        fit, pair = _sector_fit(cindex, my_sectors, mine_norm, theirs, norms[c])
        shared_progs = {g: cindex.idf.get(g, 0.0) * min(w, other.programmes[g])
                        for g, w in me.programmes.items() if g in other.programmes}
        if not (fit or net or shared_progs):
            continue  # nothing but a place or a label in common: no reason to propose it
        found.append(_scored(c, weights, me, other, fit, float(net), sum(shared_progs.values()) / focal_idf, pair,
                             shared_progs, cindex.index.twins_of))
    found.sort(key=lambda x: (-x[0], x[1]))
    return me, found


def _scored(key: str, weights: ClusterWeights, me: Profile, other: Profile, sectors: float = 0.0,
            projects: float = 0.0, programmes: float = 0.0, pair=None, shared_progs: dict | None = None,
            twins_of=lambda code: (code,)) -> tuple:
    """A candidate as the rankings keep it: (score, key, parts, weighted terms, best sector pair, shared
    programmes); its place and label parts from the two profiles."""
    parts = {"sectors": sectors, "projects": projects, "programmes": programmes, "places": _place(me, other, twins_of),
             "label": other.label / 3}
    terms = {name: getattr(weights, name) * v for name, v in parts.items()}
    return sum(terms.values()), key, parts, terms, pair, shared_progs or {}


def _others(cindex: ClusterIndex, focal: list[str], exclude: set[str] = frozenset()) -> list[str]:
    """The clusters that may be proposed: not the focal ones, their CORDIS records, nor `exclude`."""
    taken = set().union(*(cindex.linked(f) for f in focal)) | set(exclude)
    return [c for c in cindex.keys if c not in taken]


def _by_place_alone(cindex: ClusterIndex, me: Profile, focal: list[str], weights: ClusterWeights) -> list[tuple]:
    """When nothing but a place links the focal set to other clusters: the clusters of its countries, those of
    other regions first (a partnership joins regions), then by label, then by name; scored as `cluster_scores`."""
    found = [_scored(c, weights, me, cindex.profile(c), twins_of=cindex.index.twins_of)
             for c in _others(cindex, focal) if cindex.profile(c).countries & me.countries]
    found.sort(key=lambda x: (-x[0], reading_order(cindex.index.name(x[1])), x[1]))
    return found


def _nothing_shared_note(cindex: ClusterIndex, me: Profile, names: str, found: list) -> str:
    what = ("add ACTIVE_IN (sectors) or MEMBER_OF (programmes) that other clusters have, to rank by what they do "
            "(docs/mapping.md)")
    if not found:
        return f"no other cluster shares a sector, a neighbouring sector, a programme or projects with {names}; {what}"
    countries = ", ".join(sorted((cindex.index.name(f"Country:{c}") for c in me.countries), key=reading_order))
    return (f"no other cluster shares a sector, a neighbouring sector, a programme or projects with {names}: these "
            f"are the clusters of {countries}, by place alone (other regions first); {what}")


def partner_clusters(cindex: ClusterIndex, focal: list[str], *, k: int = 10,
                     weights: ClusterWeights = ClusterWeights(), requirements=None) -> ClusterRanking:
    """The `k` best partner clusters for the focal clusters or organisations `focal`, best first; `requirements`
    (a `Requirements`) leaves out clusters in a place to avoid or below a label, and ranks those in a place to add
    or working in a sector asked for higher (`graph.analytics.cluster_requirements`).

    Examples
    --------
    See tests/test_cluster_partners.py: Automation Småland, a seed cluster without projects, gets
    Automation Region first ("both work in Automation", "both members of S3 Cluster Pilot").
    """
    context = known_by(cindex, focal)
    me, found = cluster_scores(cindex, context, weights)
    note = None if cindex.has_history(focal) else COLD_START_NOTE
    names = ", ".join(cindex.index.name(f) for f in focal)
    if context != focal:
        clusters = [cindex.index.name(c) for c in context if c not in focal]
        note += (f"; as a member of {', '.join(clusters)}, by {'their' if len(clusters) > 1 else 'its'} sectors, "
                 f"programmes and place (the graph knows none of {names}'s own)")
    if not found and (me.sectors or me.programmes or me.rows):
        found = _by_place_alone(cindex, me, focal, weights)
        note = _nothing_shared_note(cindex, me, names, found)
    if not (me.sectors or me.programmes or me.rows):
        note = (f"the graph knows no sector, programme or project of {names}: nothing to rank partner clusters by; "
                "add ACTIVE_IN (sectors), MEMBER_OF (programmes) or PARTICIPATES_IN relationships (docs/mapping.md)")
    ranked = len(found)
    found, left_out = meeting(cindex, found, requirements, weights, frozenset(me.rows))
    note = "; ".join(filter(None, (note, left_out))) or None
    why_none = None if found else REQUIREMENTS_LEFT_OUT if ranked else NOTHING_LINKS
    return ClusterRanking(asked_reasons(cindex, [_candidate(cindex, me, *x) for x in found[:k]], requirements,
                                        context), note, why_none)


def known_by(cindex: ClusterIndex, focal: list[str]) -> list[str]:
    """`focal`, or the clusters its nodes are members of first, then `focal`, when it took part in no project and
    the graph knows no sector or programme of it (a member without projects: Mjärdevi Science Park, of IoT World).
    The clusters then stand in, as they do for partner organisations (`recommend_cold.with_clusters`), and the
    first names the paths; such a member had been told that nothing ranks partner clusters for it."""
    if any(f not in cindex.G for f in focal):
        return focal  # `cluster_scores` says what to give
    mine = _merged([cindex.profile(f) for f in focal])
    if mine.sectors or mine.programmes or mine.rows:
        return focal
    return [*member_clusters(cindex.index, focal), *focal]


def _tie(aa: np.ndarray, direct: np.ndarray, rows: list[int], mine: set[int]) -> float:
    """How much a candidate's organisations (`rows`) work with the focal ones (`mine`): their Adamic-Adar and
    shared projects, and one for each member the two clusters share. A shared member's own projects are not the
    clusters' joint work: counted as such, one member of two clusters made them "share 25 projects"."""
    own = [r for r in rows if r not in mine]
    return float(aa[own].sum() + direct[own].sum()) + len(rows) - len(own)


def _candidate(cindex, me: Profile, score, key, parts, terms, pair, shared_progs) -> ClusterCandidate:
    other = cindex.profile(key)
    name = cindex.index.name(key)
    reasons, paths = [], []
    if pair:
        reasons.append(sector_reason(cindex, me, other, pair, paths))
    if parts["projects"]:
        reasons += network_reasons(cindex, me, other, paths)
    for g in sorted(shared_progs, key=lambda g: -shared_progs[g])[:2]:
        how = "both members of" if g in me.member_of and g in other.member_of else "both have projects funded by"
        reasons.append(f"{how} {cindex.index.name(g)}")
        paths.append(Path((me.key, g, key), f"{how} {cindex.index.name(g)}"))
    reasons += place_reasons(cindex, me, other, parts["places"], alone=not (pair or parts["projects"] or shared_progs))
    if other.label:
        reasons.append(f"holds the {_LABELS[other.label]} label")
    return ClusterCandidate(key, name, float(score), {n: float(v) for n, v in terms.items() if v},
                            tuple(reasons), tuple(paths[:3]))
