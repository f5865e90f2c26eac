"""The recommender's index: everything a partner request reuses, built once per graph.

Organisation x project incidence, the collaboration graph (shared projects), a random-walk matrix for
personalised PageRank, TF-IDF sector profiles, countries and places, SMEs and quality labels. Built
from the store's graph (`to_networkx`) or the narrow analytics graph (`graph.analytics.inputs`),
which give the same index. See `graph.analytics.recommend` for how requests are scored.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import scipy.sparse as sp

from graph.analytics.projections import Projection, incidence, organisation_groups
from graph.analytics.recommend_ties import build_ties, co_participation
from graph.errors import NotFound, ParameterError
from graph.region_twin_pairs import twin_keys
from graph.store.sector_fields import equivalent_sectors

__all__ = ["LABEL_LEVELS", "RecommenderIndex", "highest_label_held", "one_body", "label_name", "label_level",
           "sector_row", "target_profile", "in_asked_sectors", "sector_key"]

LABEL_LEVELS = {"esca-bronze": 1, "esca-silver": 2, "esca-gold": 3}


def label_name(level: str) -> str:
    """A minimum label as users read it: esca-gold is ESCA Gold (the page, the CLI and the messages say it so)."""
    return level.replace("-", " ").title().replace("Esca", "ESCA")


def label_level(text: str) -> str:
    """The minimum label `text` names, as a person writes it: `esca-gold`, `ESCA Gold`, or `gold` alone (each
    level's word names one label); raises ParameterError listing the levels. `--min-label gold` had been refused."""
    folded = " ".join(str(text).casefold().replace("-", " ").split())
    for level in LABEL_LEVELS:
        if folded in (level.replace("-", " "), level.rpartition("-")[2]):
            return level
    raise ParameterError(f"unknown label {text!r}; choose from {', '.join(LABEL_LEVELS)} (or ESCA Gold, gold ...)")


def highest_label_held(G: nx.MultiDiGraph) -> int:
    """The highest ESCA level (0-3) any node of `G` holds: a minimum label above it matches no one, so the Partners
    page offers the levels up to it (on a store with no label it had offered all three, and matched nothing)."""
    return max([level for name, level in LABEL_LEVELS.items() if f"QualityLabel:{name}" in G
                and any(t == "HAS_LABEL" for _, _, t in G.in_edges(f"QualityLabel:{name}", data="type"))] or [0])


class RecommenderIndex:
    """What every request reuses: incidence, collaboration graph, sector profiles, places, labels."""

    def __init__(self, G: nx.MultiDiGraph, projection: Projection | None = None):
        self.G = G
        inc = incidence(G, projection or Projection())
        self.keys, self.projects, self.incidence = inc.organisations, inc.projects, inc.matrix
        self.index = {k: i for i, k in enumerate(self.keys)}
        self.shared = shared = co_participation(self.incidence)
        self.adjacency = sp.csr_array((shared > 0).astype(float))
        self.degree = np.asarray(self.adjacency.sum(axis=1)).ravel()
        strength = np.asarray(shared.sum(axis=1)).ravel()
        self.walk = sp.csr_array(sp.diags_array(np.divide(1.0, strength, out=np.zeros_like(strength),
                                                          where=strength > 0)) @ shared).T.tocsr()
        self.n_projects = np.asarray(self.incidence.sum(axis=1)).ravel()
        self.n_coordinated = inc.coordinated
        self.ties = build_ties(self.incidence, [str(G.nodes[p].get("start_date") or "") for p in self.projects])
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
        self.label = np.array([self.label_of(k) for k in self.keys])
        self.same_sector = equivalent_sectors(G)  # seed sectors -> EuroSciVoc fields, for focal seed clusters

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

    def label_of(self, key: str) -> int:
        """ESCA level (0-3) held by `key` or a seed cluster SAME_AS it."""
        holders = [key] + [u for u, _, t in self.G.in_edges(key, data="type") if t == "SAME_AS"]
        return max([LABEL_LEVELS.get(v.split(":", 1)[1], 0) for h in holders
                    for _, v, t in self.G.out_edges(h, data="type") if t == "HAS_LABEL"] or [0])

    def twins_of(self, place: str) -> tuple[str, ...]:
        """`place` (a country code or the start of a NUTS code) and the codes of one place with it: a region NUTS 2024
        recoded under its NUTS 2021 name is both (`graph.region_twin_pairs`): CORDIS places some of Zuid-Holland's
        organisations on NL33, a table naming it on NL36, and asking one had left out the other's."""
        if "twin_codes" not in self.__dict__:  # made once, on first use (an index read from disk lacks it too)
            codes: dict[str, tuple[str, ...]] = {}
            for older, newer in twin_keys(self.G.nodes(data=True)).items():
                older, newer = older.split(":", 1)[1], newer.split(":", 1)[1]
                codes[older] = (newer,)
                codes[newer] = codes.get(newer, ()) + (older,)
            self.twin_codes = codes
        return (place, *self.twin_codes.get(place, ()))

    def in_place(self, place: str) -> np.ndarray:
        """Whether each organisation is in `place` or its twin (`twins_of`), by the start of its NUTS code or its
        country code."""
        return np.logical_or.reduce([np.char.startswith(self.place, code) for code in self.twins_of(place)])

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



def one_body(G: nx.MultiDiGraph, key: str) -> set[str]:
    """The node `key` and the nodes it is SAME_AS, either way: one body's records (a seed cluster and its CORDIS
    record), whose projects count together."""
    if key not in G:
        return {key}
    return ({key} | {v for _, v, t in G.out_edges(key, data="type") if t == "SAME_AS"}
            | {u for u, _, t in G.in_edges(key, data="type") if t == "SAME_AS"})


def sector_key(sector: str) -> str:
    """A sector's node key, from its id (the CLI's `esv:/25/69/333`) or its key (the Partners page's `Sector:...`)."""
    return sector if sector.startswith("Sector:") else f"Sector:{sector}"


def sector_row(index: RecommenderIndex, sector: str) -> int:
    key = sector_key(sector)
    key = key if key in index.sector_index else index.same_sector.get(key, key)  # the seeds' `automation`: its field
    if key not in index.sector_index:
        if not index.sector_index:  # no spelling would help: say what to load
            raise NotFound(f"sector {sector!r}: no project of the graph has a sector (no ACTIVE_IN); load CORDIS "
                           "(its EuroSciVoc fields) or map a [[relationships]] table with type = \"ACTIVE_IN\"")
        from graph.analytics.recommend_unbridged import sector_of_no_project  # it imports this module

        raise NotFound(sector_of_no_project(index, sector, key))
    return index.sector_index[key]


def in_asked_sectors(index: RecommenderIndex, sectors: tuple[str, ...] | list[str]) -> np.ndarray:
    """1.0 for each organisation with a project in one of `sectors` or in a field below one (a project in soft
    robotics is in robotics: `sector_counts` counts a field for its parents), else 0.0; zeros when none is asked."""
    if not sectors:
        return np.zeros(len(index.keys))
    columns = sorted({sector_row(index, s) for s in sectors})
    return (np.asarray(index.sector_counts[:, columns].sum(axis=1)).ravel() > 0).astype(float)


def target_profile(index: RecommenderIndex, focal: list[str], rows: list[int], sectors: tuple[str, ...]) -> np.ndarray:
    """The profile candidates are compared with: the consortium's projects' sectors (and the sectors
    its non-participating members, such as seed clusters, are ACTIVE_IN), plus the requested sectors,
    each part of unit length."""
    own = np.asarray(index.profile[rows].sum(axis=0)).ravel() if rows else np.zeros(len(index.sector_keys))
    for key in focal:
        for _, s, t in index.G.out_edges(key, data="type"):
            s = index.same_sector.get(s, s)
            if t == "ACTIVE_IN" and s in index.sector_index and key not in index.index:
                own[index.sector_index[s]] += index.idf[index.sector_index[s]]
    asked = np.zeros_like(own)
    for s in sectors:
        asked[sector_row(index, s)] = index.idf[sector_row(index, s)]
    target = own / (np.linalg.norm(own) or 1) + asked / (np.linalg.norm(asked) or 1)
    return target / (np.linalg.norm(target) or 1)

