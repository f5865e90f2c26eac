"""Partner recommendation: who should a consortium invite to its next project, and why.

A request names a focal consortium (organisation or cluster keys) and optional requirements. Every
organisation of the graph is scored on components, each in [0, 1]; the total is the weighted sum of
the softened components (`soften`; `Weights`, tuned on a validation split, see docs/analytics.md):

* network proximity from the consortium in the organisation collaboration graph: Adamic-Adar and
  resource allocation (networkx's `adamic_adar_index` / `resource_allocation_index`, summed over
  the consortium's members) and personalised PageRank restarting at the consortium;
* thematic fit: cosine of IDF-weighted sector profiles (EuroSciVoc fields with their parents, call
  topics) with the consortium's profile and the requested sectors;
* complementarity: a country the consortium lacks; a wanted place: a country or region the request asks for;
* experience: projects taken part in and coordinated; SMEs when the request wants a share of them;
  quality label (ESCA bronze / silver / gold).

The consortium's members are never candidates; their existing partners are left out too unless
`exclude_existing=False`, since a tool that proposes known partners tells the user nothing new.
Everything that does not depend on the request is precomputed once in a `RecommenderIndex`, so a
request over the CORDIS graph takes well under a second.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import scipy.sparse as sp

from graph.analytics.projections import Projection, incidence, organisation_groups
from graph.errors import NotFound, ParameterError

__all__ = ["Weights", "Requirements", "Path", "Candidate", "RecommenderIndex", "recommend", "components",
           "link_scores", "soften", "LABEL_LEVELS"]

LABEL_LEVELS = {"esca-bronze": 1, "esca-silver": 2, "esca-gold": 3}
SOFTNESS = 0.01
_LABEL_NAMES = {1: "ESCA Bronze", 2: "ESCA Silver", 3: "ESCA Gold"}


@dataclass(frozen=True)
class Weights:
    """How much each component counts in the total.

    The first six are tuned on the validation split of bench/eval_recommend.py (coordinate ascent on
    MRR); the last three only act when a request asks for places, SMEs or a label, which the
    evaluation's requests never do, so they are set by hand, high enough that a stated requirement
    reorders the list.
    """

    adamic_adar: float = 0.5
    resource_allocation: float = 0.25
    pagerank: float = 1.0
    thematic: float = 1.0
    complementarity: float = 0.0
    experience: float = 1.0
    wanted_place: float = 2.0
    sme: float = 1.0
    label: float = 0.5


@dataclass(frozen=True)
class Requirements:
    """What the new project needs: sector ids, places (country or NUTS codes) to add or avoid,
    a wanted share of SMEs (0-1) and a minimum quality label ("esca-bronze" ... "esca-gold")."""

    sectors: tuple[str, ...] = ()
    add_places: tuple[str, ...] = ()
    avoid_places: tuple[str, ...] = ()
    sme_share: float | None = None
    min_label: str | None = None


@dataclass(frozen=True)
class Path:
    """A connection from the consortium to a candidate: node keys in order, and the same in words."""

    nodes: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Candidate:
    """A recommended partner: total score, the weighted components summing to it, reasons and paths."""

    key: str
    name: str
    score: float
    components: dict[str, float] = field(default_factory=dict)
    reasons: tuple[str, ...] = ()
    paths: tuple[Path, ...] = ()


def soften(values: np.ndarray) -> np.ndarray:
    """log(1 + x / SOFTNESS) / log(1 + 1 / SOFTNESS): [0, 1] onto [0, 1], steep near 0.

    Summing softened components is a product of the raw ones in disguise: a candidate that is
    somewhat close *and* somewhat on topic beats one that is only extremely close. Tuned on a
    500-query validation split (cut 2023-01-01), mean MRR was 0.214 with it and 0.206 without.
    """
    return np.log1p(values / SOFTNESS) / math.log1p(1 / SOFTNESS)


def _scaled(values: np.ndarray) -> np.ndarray:
    top = values.max() if values.size else 0.0
    return values / top if top > 0 else np.zeros_like(values, dtype=float)


class RecommenderIndex:
    """What every request reuses: incidence, collaboration graph, sector profiles, places, labels."""

    def __init__(self, G: nx.MultiDiGraph, projection: Projection | None = None):
        self.G = G
        inc = incidence(G, projection or Projection())
        self.keys, self.projects, self.incidence = inc.organisations, inc.projects, inc.matrix
        self.index = {k: i for i, k in enumerate(self.keys)}
        shared = sp.csr_array(self.incidence @ self.incidence.T)
        shared.setdiag(0)
        shared.eliminate_zeros()
        self.shared = shared
        self.adjacency = sp.csr_array((shared > 0).astype(float))
        self.degree = np.asarray(self.adjacency.sum(axis=1)).ravel()
        strength = np.asarray(shared.sum(axis=1)).ravel()
        self.walk = sp.csr_array(sp.diags_array(np.divide(1.0, strength, out=np.zeros_like(strength),
                                                          where=strength > 0)) @ shared).T.tocsr()
        self.n_projects = np.asarray(self.incidence.sum(axis=1)).ravel()
        self.n_coordinated = inc.coordinated
        self._sectors(G)
        groups = organisation_groups(G, self.keys, Projection(kind="country"))
        country = [""] * len(self.keys)
        for group, members in groups.items():
            for m in members:
                country[self.index[m]] = group.split(":", 1)[1]
        self.country = np.array(country, dtype=str)  # numpy strings: places are matched in C, not Python
        self.place = np.array([G.nodes[k].get("nuts_code") or c for k, c in zip(self.keys, country, strict=True)],
                              dtype=str)
        self.sme = np.array([bool(G.nodes[k].get("sme")) or "SME" in (G.nodes[k].get("labels") or ())
                             for k in self.keys])
        self.label = np.array([self._label(k) for k in self.keys])

    def _sectors(self, G: nx.MultiDiGraph) -> None:
        """Organisation x sector TF-IDF rows (unit length); a field counts for its parents too."""
        parents: dict[str, list[str]] = {}
        rows, cols, keys = [], [], {}
        for j, p in enumerate(self.projects):
            for s in {v for _, v, t in G.out_edges(p, data="type") if t == "ACTIVE_IN"}:
                todo = [s]
                while todo:
                    x = todo.pop()
                    rows.append(j)
                    cols.append(keys.setdefault(x, len(keys)))
                    if x not in parents:
                        parents[x] = [v for _, v, t in G.out_edges(x, data="type") if t == "PART_OF"]
                    todo += parents[x]
        self.sector_keys = list(keys)
        self.sector_index = keys
        tags = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=(len(self.projects), len(keys)))
        tags.sum_duplicates()
        tags.data[:] = 1.0
        counts = sp.csr_array(self.incidence @ tags)
        self.sector_counts = counts
        df = np.bincount(counts.indices, minlength=len(keys))
        self.idf = np.log((1 + len(self.keys)) / (1 + df)) + 1
        tfidf = counts.copy()
        tfidf.data = 1 + np.log(tfidf.data)
        tfidf = sp.csr_array(tfidf @ sp.diags_array(self.idf))
        norms = np.sqrt(np.asarray(tfidf.multiply(tfidf).sum(axis=1)).ravel())
        self.profile = sp.csr_array(sp.diags_array(np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0))
                                    @ tfidf)

    def _label(self, key: str) -> int:
        holders = [key] + [u for u, _, t in self.G.in_edges(key, data="type") if t == "SAME_AS"]
        return max([LABEL_LEVELS.get(v.split(":", 1)[1], 0) for h in holders
                    for _, v, t in self.G.out_edges(h, data="type") if t == "HAS_LABEL"] or [0])

    def name(self, key: str) -> str:
        attrs = self.G.nodes[key] if key in self.G else {}
        return str(attrs.get("acronym") or attrs.get("name") or key.split(":", 1)[-1])

    def resolve(self, focal: list[str] | tuple[str, ...]) -> list[int]:
        """Row numbers of the organisations `focal` stands for: itself, a cluster's SAME_AS and members."""
        rows: set[int] = set()
        for key in focal:
            if key not in self.G:
                raise NotFound(f"{key!r} is not in the graph; give node keys like Organisation:pic:999984253")
            linked = {key} | {v for _, v, t in self.G.out_edges(key, data="type") if t == "SAME_AS"}
            linked |= {u for u, _, t in self.G.in_edges(key, data="type") if t == "MEMBER_OF"}
            rows |= {self.index[k] for k in linked if k in self.index}
        return sorted(rows)


def link_scores(index: RecommenderIndex, rows: list[int], method: str) -> np.ndarray:
    """Classic link-prediction scores of every organisation, summed over the consortium `rows`.

    `method`: common_neighbours, adamic_adar, resource_allocation (networkx's definitions on the
    organisation collaboration graph), preferential_attachment, or pagerank (personalised,
    alpha 0.85, restarting at the consortium, weights = shared projects, as `nx.pagerank`).
    """
    A, deg = index.adjacency, index.degree
    start = np.zeros(len(index.keys))
    start[rows] = 1.0
    if method == "preferential_attachment":
        return deg * deg[rows].sum()
    if method == "pagerank":
        if not rows:
            return np.zeros(len(index.keys))
        restart = start / start.sum()
        rank, dangling = restart.copy(), index.degree == 0
        for _ in range(200):
            new = 0.85 * (index.walk @ rank + rank[dangling].sum() * restart) + 0.15 * restart
            done = np.abs(new - rank).sum() < 1e-8  # far below any gap that changes a ranking
            rank = new
            if done:
                break
        return rank
    scale = {"common_neighbours": np.ones_like(deg),
             "adamic_adar": np.divide(1.0, np.log(np.maximum(deg, 2)), out=np.zeros_like(deg), where=deg > 1),
             "resource_allocation": np.divide(1.0, deg, out=np.zeros_like(deg), where=deg > 0)}[method]
    return A @ (scale * (A @ start))


def _sector_row(index: RecommenderIndex, sector: str) -> int:
    key = sector if sector.startswith("Sector:") else f"Sector:{sector}"
    if key not in index.sector_index:
        raise NotFound(f"sector {sector!r} is in no project of the graph; give ids like esv:/25/67/425")
    return index.sector_index[key]


def _target(index: RecommenderIndex, focal: list[str], rows: list[int], sectors: tuple[str, ...]) -> np.ndarray:
    """The profile candidates are compared with: the consortium's projects' sectors (and the sectors
    its non-participating members, such as seed clusters, are ACTIVE_IN), plus the requested sectors,
    each part of unit length."""
    own = np.asarray(index.profile[rows].sum(axis=0)).ravel() if rows else np.zeros(len(index.sector_keys))
    for key in focal:
        for _, s, t in index.G.out_edges(key, data="type"):
            if t == "ACTIVE_IN" and s in index.sector_index and key not in index.index:
                own[index.sector_index[s]] += index.idf[index.sector_index[s]]
    asked = np.zeros_like(own)
    for s in sectors:
        asked[_sector_row(index, s)] = index.idf[_sector_row(index, s)]
    target = own / (np.linalg.norm(own) or 1) + asked / (np.linalg.norm(asked) or 1)
    return target / (np.linalg.norm(target) or 1)


def components(index: RecommenderIndex, focal, requirements: Requirements = Requirements(),
               exclude_existing: bool = True) -> tuple[list[int], np.ndarray, dict[str, np.ndarray]]:
    """Consortium rows, the candidate mask and every component (in [0, 1]) for every organisation."""
    req = requirements
    rows = index.resolve(list(focal))
    n = len(index.keys)
    allowed = np.ones(n, dtype=bool)
    allowed[rows] = False
    if exclude_existing and rows:
        allowed[index.adjacency[rows].indices] = False
    for place in req.avoid_places:
        allowed &= ~np.char.startswith(index.place, place)
    if req.min_label:
        if req.min_label not in LABEL_LEVELS:
            raise ParameterError(f"unknown label {req.min_label!r}; choose from {', '.join(LABEL_LEVELS)}")
        allowed &= index.label >= LABEL_LEVELS[req.min_label]
    parts = {m: _scaled(np.where(allowed, link_scores(index, rows, m), 0.0))
             for m in ("adamic_adar", "resource_allocation", "pagerank")}
    target = _target(index, list(focal), rows, req.sectors)
    parts["thematic"] = _scaled(np.where(allowed, index.profile @ target, 0.0))
    known = set(index.country[rows]) | {index.G.nodes[f].get("country") for f in focal}
    new_country = (~np.isin(index.country, [c for c in known if c])).astype(float)
    parts["complementarity"] = new_country
    parts["wanted_place"] = np.zeros(n)
    for place in req.add_places:
        parts["wanted_place"][np.char.startswith(index.place, place)] = 1.0
    experience = np.log1p(index.n_projects) + np.log1p(index.n_coordinated)
    parts["experience"] = _scaled(experience)
    short = req.sme_share is not None and index.sme[rows].sum() < req.sme_share * (len(rows) + 1)
    parts["sme"] = index.sme.astype(float) if short else np.zeros(n)
    parts["label"] = index.label / 3.0
    return rows, allowed, parts


def _shared(index: RecommenderIndex, a: int, b: int) -> list[str]:
    """Projects `a` and `b` both took part in, newest first."""
    common = np.intersect1d(index.incidence[[a]].indices, index.incidence[[b]].indices)
    projects = [index.projects[j] for j in common]
    return sorted(projects, key=lambda p: (index.G.nodes[p].get("start_date") or "", p), reverse=True)


def _paths(index: RecommenderIndex, rows: list[int], y: int, limit: int = 2) -> list[Path]:
    """Direct shared projects, else the best intermediary (the Adamic-Adar term that counts most)."""
    found = []
    key, name = index.keys[y], index.name(index.keys[y])
    for x in rows:
        xk, xn = index.keys[x], index.name(index.keys[x])
        direct = _shared(index, x, y)
        if direct:
            p = direct[0]
            found.append(Path((xk, p, key), f"{xn} and {name} both partners in {index.name(p)}"))
            continue
        middle = np.intersect1d(index.adjacency[[x]].indices, index.adjacency[[y]].indices)
        if middle.size:
            z = int(middle[np.argmin(index.degree[middle])])
            p1, p2 = _shared(index, x, z)[0], _shared(index, z, y)[0]
            zk, zn = index.keys[z], index.name(index.keys[z])
            found.append(Path((xk, p1, zk, p2, key), f"{name} and {zn} both partners in {index.name(p2)}; "
                              f"{zn} and {xn} in {index.name(p1)}"))
    return sorted(found, key=lambda p: len(p.nodes))[:limit]


def _reasons(index: RecommenderIndex, rows: list[int], y: int, req: Requirements, parts: dict) -> list[str]:
    reasons = []
    for x in rows:
        shared, name = len(_shared(index, x, y)), index.name(index.keys[x])
        middle = np.intersect1d(index.adjacency[[x]].indices, index.adjacency[[y]].indices)
        if shared:
            reasons.append(f"{shared} shared project{'s' * (shared > 1)} with {name}")
        elif middle.size:
            z = index.name(index.keys[int(middle[np.argmin(index.degree[middle])])])
            more = f" and {middle.size - 1} other partner{'s' * (middle.size > 2)} of" if middle.size > 1 \
                else ", a partner of"
            reasons.append(f"worked with {z}{more} {name}")
    target = _target(index, [], rows, req.sectors)
    asked = {index.sector_keys[_sector_row(index, s)] for s in req.sectors}
    mine = index.profile[[y]]
    if parts["thematic"][y] > 0 and mine.nnz:
        fit = mine.data * target[mine.indices]
        fit += np.isin(np.asarray(index.sector_keys, dtype=object)[mine.indices], list(asked))  # asked first
        close = mine.indices[fit >= fit.max() - 1e-12]
        s = int(max(close, key=lambda i: len(index.sector_keys[i])))  # the most specific of equals
        if target[s] > 0:
            like = "as asked" if index.sector_keys[s] in asked else "like the consortium"
            reasons.append(f"works in {index.name(index.sector_keys[s])}, {like}")
    if parts["wanted_place"][y] or parts["complementarity"][y]:
        wanted = [w for w in req.add_places if index.place[y].startswith(w)]
        where = index.name(f"Region:{wanted[0]}" if wanted and len(wanted[0]) > 2 else f"Country:{index.country[y]}")
        reasons.append(f"in {where}, as asked" if wanted else f"adds {where}")
    coordinated, projects = int(index.n_coordinated[y]), int(index.n_projects[y])
    if coordinated:
        reasons.append(f"coordinated {coordinated} project{'s' * (coordinated > 1)}")
    reasons.append(f"took part in {projects} project{'s' * (projects > 1)}")
    if parts["sme"][y]:
        reasons.append(f"an SME (the consortium has {int(index.sme[rows].sum())} of {len(rows)})")
    if index.label[y]:
        reasons.append(f"holds the {_LABEL_NAMES[int(index.label[y])]} label")
    return reasons


def recommend(index: RecommenderIndex, focal, requirements: Requirements | None = None, *, k: int = 10,
              weights: Weights = Weights(), exclude_existing: bool = True) -> list[Candidate]:
    """The `k` best partner candidates for the consortium `focal` (node keys), best first.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for org, projects in {"a": ["p1"], "b": ["p1", "p2"], "c": ["p2"]}.items():
    ...     for p in projects:
    ...         _ = G.add_edge(f"Organisation:{org}", f"Project:{p}", type="PARTICIPATES_IN", role="participant")
    >>> for key in G: G.nodes[key].update(kind=key.split(":")[0], name=key.split(":")[1].upper())
    >>> [c.key for c in recommend(RecommenderIndex(G), ["Organisation:a"])]
    ['Organisation:c']
    >>> recommend(RecommenderIndex(G), ["Organisation:a"])[0].paths[0].text
    'C and B both partners in P2; B and A in P1'
    """
    req = requirements or Requirements()
    rows, allowed, parts = components(index, focal, req, exclude_existing)
    terms = {c: getattr(weights, c) * soften(values) for c, values in parts.items()}
    score = np.where(allowed, sum(terms.values()), -np.inf)
    best = np.argsort(-score, kind="stable")[: min(k, int(allowed.sum()))]
    return [Candidate(index.keys[y], index.name(index.keys[y]), float(score[y]),
                      {c: float(t[y]) for c, t in terms.items() if t[y]},
                      tuple(_reasons(index, rows, int(y), req, parts)), tuple(_paths(index, rows, int(y))))
            for y in best if math.isfinite(score[y])]
