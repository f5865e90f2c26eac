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
  an asked sector: a project in one of the sectors the request names (or in a field below one);
* tie strength (`graph.analytics.recommend_ties`): Adamic-Adar over recency-weighted ties, common
  partners met in small projects (Newman's weights), and the candidate's recent activity;
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

import numpy as np

from graph.analytics.recommend_cold import (
    COLD_START_NOTE,
    cold_places,
    cold_reasons,
    consortium_profile,
    in_programmes,
    is_cold,
    nearby,
)
from graph.analytics.recommend_index import LABEL_LEVELS, RecommenderIndex, in_asked_sectors, label_level
from graph.analytics.recommend_links import link_scores
from graph.analytics.recommend_notes import history_note, places_note
from graph.analytics.recommend_reasons import Path, paths, reasons, sme_short
from graph.analytics.recommend_ties import scaled, tie_components, tie_reasons
from graph.errors import ParameterError

__all__ = ["Weights", "Requirements", "Path", "Candidate", "RecommenderIndex", "recommend", "components",
           "limits", "link_scores", "soften", "Scored", "scored", "candidate", "LABEL_LEVELS", "COLD_START_NOTE",
           "history_note", "places_note"]

SOFTNESS = 0.01
#: The pull of a project in an asked sector: fitted on the validation split alone with the nine fitted weights held
#: (`bench/eval_recommend.py --fit-asked-sector`). `--sector robotics --country Germany` had ranked four German
#: organisations with no robotics project first ("works in genetics, like the consortium"): a cosine of whole
#: profiles barely tells a broad profile without the sector from one with it.
ASKED_SECTOR = 1.0


@dataclass(frozen=True)
class Weights:
    """How much each component counts in the total.

    The first nine are fitted on the validation split of bench/eval_recommend.py (a listwise logistic
    regression, scaled to sum to 4; docs/analytics.md says how and why). The next three only act when a
    request asks for places, SMEs or a label, which the evaluation's requests never do, so they are set by
    hand, high enough that a stated requirement reorders the list. `asked_sector` acts when a request names
    sectors, as the evaluation's "with fields" requests do: fitted on their validation split (`ASKED_SECTOR`).
    `nearby` and `programme` only act for a consortium without any project (cold start, `history_note`), which no
    evaluation query is.
    """

    adamic_adar: float = 0.08
    resource_allocation: float = 0.47
    pagerank: float = 0.46
    thematic: float = 0.85
    complementarity: float = 0.0
    experience: float = 0.73
    recent_ties: float = 0.41
    small_projects: float = 0.64
    recent_activity: float = 0.36
    wanted_place: float = 2.0
    sme: float = 1.0
    label: float = 0.5
    asked_sector: float = ASKED_SECTOR
    nearby: float = 1.0
    programme: float = 1.0


@dataclass(frozen=True)
class Requirements:
    """What the new project needs: sector ids, places (country or NUTS codes) to add or avoid,
    a wanted share of SMEs (0-1) and a minimum quality label ("esca-bronze" ... "esca-gold")."""

    sectors: tuple[str, ...] = ()
    add_places: tuple[str, ...] = ()
    avoid_places: tuple[str, ...] = ()
    sme_share: float | None = None
    min_label: str | None = None

    def __post_init__(self) -> None:  # refused at once, whichever ranking (organisations or clusters) follows
        if self.min_label and self.min_label not in LABEL_LEVELS:  # "ESCA Gold", "gold": the level they name
            object.__setattr__(self, "min_label", label_level(self.min_label))
        both = sorted(set(self.add_places) & set(self.avoid_places))
        if both:
            raise ParameterError(f"{', '.join(both)} is both a place to add and one to avoid; give it once")


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


def limits(index: RecommenderIndex, rows: list[int], req: Requirements,
           exclude_existing: bool = True) -> list[tuple[str, np.ndarray]]:
    """Whom the ranking may offer, limit by limit in the order it applies them (`consortium`, `known partners`,
    `places to avoid`, `label`), each a mask over the organisations: `components` takes them all, and a consortium
    gap with no candidate says which one left out everyone who would fill it (`graph.analytics.consortium`)."""
    outside = np.ones(len(index.keys), dtype=bool)
    outside[rows] = False
    found = [("consortium", outside)]
    if exclude_existing and rows:
        unknown = np.ones(len(index.keys), dtype=bool)
        unknown[index.adjacency[rows].indices] = False
        found.append(("known partners", unknown))
    if req.avoid_places:
        found.append(("places to avoid", ~np.logical_or.reduce([index.in_place(place) for place in req.avoid_places])))
    if req.min_label:
        found.append(("label", index.label >= LABEL_LEVELS[req.min_label]))
    return found


def components(index: RecommenderIndex, focal, requirements: Requirements = Requirements(),
               exclude_existing: bool = True) -> tuple[list[int], np.ndarray, dict[str, np.ndarray]]:
    """Consortium rows, the candidate mask and every component (in [0, 1]) for every organisation."""
    req = requirements
    rows = index.resolve(list(focal))
    n = len(index.keys)
    allowed = np.logical_and.reduce([mask for _, mask in limits(index, rows, req, exclude_existing)])
    parts = {m: scaled(np.where(allowed, link_scores(index, rows, m), 0.0))
             for m in ("adamic_adar", "resource_allocation", "pagerank")}
    target = consortium_profile(index, focal, rows, req.sectors)
    parts |= tie_components(index.ties, index.degree, rows, allowed)
    parts["thematic"] = scaled(np.where(allowed, index.profile @ target, 0.0))
    known = set(index.country[rows]) | cold_places(index, focal)[1]  # a member of no place: its cluster's
    new_country = (~np.isin(index.country, [c for c in known if c]) & (index.country != "")).astype(float)
    parts["complementarity"] = new_country
    parts["wanted_place"] = np.zeros(n)
    for place in req.add_places:
        parts["wanted_place"][index.in_place(place)] = 1.0
    experience = np.log1p(index.n_projects) + np.log1p(index.n_coordinated)
    parts["experience"] = scaled(experience)
    short = req.sme_share is not None and sme_short(index, rows, req.sme_share)
    parts["sme"] = index.sme.astype(float) if short else np.zeros(n)
    parts["label"] = index.label / 3.0
    parts["asked_sector"] = in_asked_sectors(index, req.sectors)
    cold = is_cold(index, rows)
    parts["nearby"] = nearby(index, focal) if cold else np.zeros(n)
    parts["programme"] = in_programmes(index, focal) if cold else np.zeros(n)
    return rows, allowed, parts


@dataclass(frozen=True)
class Scored:
    """One request's scores of every organisation (-inf where it may not be offered), with the consortium's rows,
    the raw components and the weighted terms a `Candidate` is made of: `recommend` cuts them at `k`, and a
    consortium gap picks from them in its own way (the best of each new country) without cutting first."""

    rows: list[int]
    parts: dict[str, np.ndarray]
    terms: dict[str, np.ndarray]
    score: np.ndarray
    target: np.ndarray  # the sector profile candidates were compared with, for the reasons

    def order(self) -> list[int]:
        """Every organisation that may be offered, best first."""
        return [int(y) for y in np.argsort(-self.score, kind="stable") if math.isfinite(self.score[y])]


def scored(index: RecommenderIndex, focal, requirements: Requirements | None = None, *,
           weights: Weights = Weights(), exclude_existing: bool = True, only: np.ndarray | None = None) -> Scored:
    """The scores `recommend` ranks by, for every organisation; `only` narrows whom it may offer."""
    req = requirements or Requirements()
    rows, allowed, parts = components(index, focal, req, exclude_existing)
    if only is not None:
        allowed = allowed & only
    terms = {c: getattr(weights, c) * soften(values) for c, values in parts.items()}
    target = consortium_profile(index, focal, rows, req.sectors)
    return Scored(rows, parts, terms, np.where(allowed, sum(terms.values()), -np.inf), target)


def candidate(index: RecommenderIndex, focal, requirements: Requirements | None, found: Scored, y: int) -> Candidate:
    """The organisation of row `y` as a candidate: its score, weighted components, reasons and paths."""
    req, rows, terms = requirements or Requirements(), found.rows, found.terms
    return Candidate(index.keys[y], index.name(index.keys[y]), float(found.score[y]),
                     {c: float(t[y]) for c, t in terms.items() if t[y]},
                     tuple(reasons(index, rows, y, req, found.parts, found.target,
                                   any(str(k).startswith("Cluster:") for k in focal),
                                   tie_reasons(index, rows, y, terms) + cold_reasons(index, focal, y, found.parts))),
                     tuple(paths(index, rows, y)))


def recommend(index: RecommenderIndex, focal, requirements: Requirements | None = None, *, k: int = 10,
              weights: Weights = Weights(), exclude_existing: bool = True,
              only: np.ndarray | None = None) -> list[Candidate]:
    """The `k` best partner candidates for the consortium `focal` (node keys), best first.

    Examples
    --------
    >>> import networkx as nx
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
    found = scored(index, focal, requirements, weights=weights, exclude_existing=exclude_existing, only=only)
    best = np.argsort(-found.score, kind="stable")[:k]
    return [candidate(index, focal, requirements, found, int(y)) for y in best if math.isfinite(found.score[y])]
