"""Consortium gaps: what a partial consortium lacks for a call's rules, and who fills each gap.

A call asks for at least N countries, a share of SMEs and some roles: `coordinator` (an organisation
that has coordinated a project) or a sector the consortium must cover (a EuroSciVoc field or seed
sector id such as `esv:/29/105/357/3103` or `automation`, or its name: `consortium_rules.role_sectors`).
`check_consortium` compares the consortium (organisations and clusters, each counting as one partner) with the
rules (an SME share judged on the partners whose SME status is known: `consortium_rules.sme_rule`) and, for each
rule not met, ranks the candidates that would fix it with the partner recommender restricted to them
(`recommend(..., only=mask)`), so a gap's list is as well-connected and on-topic as the plain list.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from graph.analytics.consortium_rules import role_sectors, sme_rule
from graph.analytics.recommend import (
    Candidate,
    Requirements,
    candidate,
    history_note,
    limits,
    recommend,
    scored,
)
from graph.analytics.recommend_cold import focal_places
from graph.analytics.recommend_index import RecommenderIndex, label_name
from graph.analytics.ungrouped import countryless_said
from graph.store.search_text import fold

__all__ = ["CallRules", "Gap", "ConsortiumCheck", "check_consortium"]


@dataclass(frozen=True)
class CallRules:
    """What the call requires of the whole consortium."""

    min_countries: int = 0
    sme_share: float | None = None
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gap:
    """A rule the consortium does not meet yet: what it has, what is missing, and who fills it."""

    rule: str  # the key a caller holds: "countries", "sme_share", "role:coordinator", "role:<sector>" (`role_sectors`)
    text: str  # the words, which may change with the sectors' names
    missing: int
    candidates: tuple[Candidate, ...] = ()
    pool: int = 0  # organisations of the graph that would fill it, ranked or not
    left_out: str = ""  # what leaves out every one of them, when the ranking offers none (`_left_out`)

    def unfilled(self) -> str:
        """Why no candidate is shown (the CLI and the Partners page say it): none would fill the gap, or what left
        out those that would (the ranking offers every organisation it may, however weakly linked)."""
        if not self.pool:
            return ("no organisation in the graph fills it (of those taking part in projects, the ones the ranking "
                    "ranks)")
        return f"no candidate: {self.pool:,} organisation(s) taking part in projects would fill it, but {self.left_out}"


@dataclass(frozen=True)
class ConsortiumCheck:
    gaps: list[Gap]
    met: list[str] = field(default_factory=list)
    note: str | None = None


def _one_per_country(index: RecommenderIndex, focal: list[str], req: Requirements, fills: np.ndarray,
                     k: int) -> tuple[Candidate, ...]:
    """Up to `k` candidates of countries the consortium lacks, best first: the best of each new country, then,
    when fewer countries than `k` are there to add, the next best of any of them. Picked from the whole ranking:
    the best of each country was taken from the `k` best alone, so two of one country among them left the list a
    candidate short (`-k 3` gave 2 of a pool of 21,034)."""
    found = scored(index, focal, req, only=fills)
    order = found.order()
    firsts, others, seen = [], [], set()
    for y in order:
        (others if index.country[y] in seen else firsts).append(y)
        seen.add(index.country[y])
        if len(firsts) == k:
            break
    chosen = set(firsts + others[:k - len(firsts)])
    return tuple(candidate(index, focal, req, found, y) for y in order if y in chosen)


def check_consortium(index: RecommenderIndex, focal: list[str], rules: CallRules, *, k: int = 5,
                     requirements: Requirements | None = None) -> ConsortiumCheck:
    """The gaps of the consortium `focal` (node keys) against `rules`, each with `k` candidates (fewer only when
    fewer organisations fill it); an SME share is judged on the partners whose SME status is known
    (`graph.analytics.consortium_rules.sme_rule`), a role's sector read by `role_sectors`."""
    req = requirements or Requirements()
    rows = index.resolve(focal)
    G, gaps, met = index.G, [], []
    fixes: dict[str, tuple[str, np.ndarray]] = {}  # gap rule -> (words, which organisations fix it)
    asked: list[set[str]] = []  # the sectors of each role's gap

    def rank(only: np.ndarray, extra: Requirements = req) -> tuple[Candidate, ...]:
        return tuple(recommend(index, focal, extra, k=k, only=only))

    countries = set().union(*(focal_places(index, [f])[1] for f in focal))
    have = ", ".join(sorted(countries)) or "none known"
    if rules.min_countries > len(countries):
        missing = rules.min_countries - len(countries)
        new_country = ~np.isin(index.country, list(countries)) & (index.country != "")
        fixes["countries"] = ("a new country", new_country)
        gaps.append(Gap("countries", f"{len(countries)} countr{'ies' if len(countries) != 1 else 'y'} ({have}); "
                        f"the call asks for {rules.min_countries}: {missing} more"
                        + ("" if new_country.any() else countryless_said(index.country)), missing,
                        _one_per_country(index, focal, req, new_country, k)))
    elif rules.min_countries:
        met.append(f"{len(countries)} countries ({have}), at least {rules.min_countries} asked")
    if rules.sme_share is not None:
        said, missing = sme_rule(index, focal, rules.sme_share)
        if missing:
            extra = Requirements(**{**req.__dict__, "sme_share": rules.sme_share})
            fixes["sme_share"] = ("an SME", index.sme)
            gaps.append(Gap("sme_share", said, missing, rank(index.sme.copy(), extra)))
        else:
            met.append(said)
    for role in rules.roles:
        if fold(role) == "coordinator":
            if rows and index.n_coordinated[rows].sum():
                met.append("a partner that has coordinated projects")
            else:
                fixes["role:coordinator"] = ("a coordinator", index.n_coordinated > 0)
                gaps.append(Gap("role:coordinator", "no partner has coordinated a project yet: 1 coordinator",
                                1, rank(index.n_coordinated > 0)))
            continue
        rule, name, sectors = role_sectors(index, role)
        columns = [index.sector_index[s] for s in sectors]
        active = np.asarray(index.sector_counts[:, columns].sum(axis=1)).ravel() > 0
        own = {x for f in focal for _, s, t in G.out_edges(f, data="type") if t == "ACTIVE_IN"
               for x in (s, index.same_sector.get(s, s))}
        if active[rows].any() or own & set(sectors):
            met += [f"works in {name}"] * (f"works in {name}" not in met)  # `Hydrogen` and `Sector:Hydrogen`: once
            continue
        if rule in fixes or set(sectors) in asked:  # the same sector asked twice (`Laser`, `laser`)
            continue
        asked.append(set(sectors))
        extra = Requirements(**{**req.__dict__, "sectors": (*req.sectors, *(s.split(":", 1)[1] for s in sectors))})
        fixes[rule] = (f"works in {name}", active)
        gaps.append(Gap(rule, f"no partner works in {name}: 1 partner that does", 1, rank(active, extra)))
    outside = np.ones(len(index.country), dtype=bool)
    outside[rows] = False  # the consortium's own members fill nothing
    gaps = [replace(gap, pool=int((fixes[gap.rule][1] & outside).sum()),
                    left_out="" if gap.candidates else _left_out(index, rows, req, fixes[gap.rule][1] & outside))
            for gap in gaps]
    return ConsortiumCheck([_also(index, gap, fixes) for gap in gaps], met, history_note(index, focal))


def _left_out(index: RecommenderIndex, rows: list[int], req: Requirements, fills: np.ndarray) -> str:
    """What leaves out every organisation that `fills` a gap, in the order the ranking applies its limits: the
    consortium's known partners, places to avoid, the label asked. (The page had said "nothing links them to the
    consortium" when the label asked was what left everyone out.)"""
    said = {"consortium": "each of them is in the consortium",
            "known partners": "each of them already shares a project with the consortium (known partners are not "
                              "offered)",
            "places to avoid": f"each of them is in a place to avoid ({', '.join(req.avoid_places)})",
            "label": f"none of them holds {label_name(req.min_label or '')} or a higher label, as asked"}
    left = fills.copy()
    for limit, mask in limits(index, rows, req):
        left &= mask
        if not left.any():
            return said[limit]
    return "the ranking leaves them out"


def _also(index: RecommenderIndex, gap: Gap, fixes: dict[str, tuple[str, np.ndarray]]) -> Gap:
    """The gap with each candidate's reasons ending in the other gaps it fills too."""
    found = []
    for c in gap.candidates:
        y = index.index[c.key]
        other = [words for rule, (words, mask) in fixes.items() if rule != gap.rule and mask[y]]
        found.append(replace(c, reasons=(*c.reasons, f"also fills: {', '.join(other)}")) if other else c)
    return replace(gap, candidates=tuple(found))
