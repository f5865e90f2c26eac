"""Sectors as the recommenders compare them: seed sectors bridged to EuroSciVoc fields, and neighbouring sectors.

`equivalent_sectors` (in `graph.store.sector_fields`, shared with Explore's sector filter) links a seed sector
(`Sector:automation`, "Automation") to the EuroSciVoc field of its name (`Sector:esv:...`, "automation"): nothing
in the data links the two, and without the link a seed cluster would share no sector with any CORDIS organisation.

Two sectors are *neighbours* when the same projects (or seed clusters) work in both: `SectorNeighbours`
holds the Ochiai coefficient |A ∩ B| / sqrt(|A| |B|) of the sets of projects and clusters active in each,
counted on the projects of the recommender's index only, so a temporal hold-out sees no later tag.
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx
import numpy as np
import scipy.sparse as sp

from graph.store.schema import is_cluster
from graph.store.search_text import fold
from graph.store.sector_fields import equivalent_sectors

__all__ = ["equivalent_sectors", "SectorNeighbours", "sector_display", "sector_bridged"]


def sector_display(G: nx.MultiDiGraph, key: str) -> str:
    """How reasons and notes name the sector `key`: its stored name, written as the seed sector of that name writes
    it where a seed sector and the EuroSciVoc field of its name are one sector to the ranking ("Agriculture" for the
    field "agriculture"). Cluster mode said "both work in Agriculture" and an organisation's reason "works in
    agriculture" of the same sector; a seed bridged to a field of another name ("Manufacturing", "manufacturing
    engineering") keeps its own.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("Project:p", "Sector:esv:1", type="ACTIVE_IN")
    >>> G.add_node("Sector:esv:1", kind="Sector", name="agriculture")
    >>> G.add_node("Sector:agriculture", kind="Sector", name="Agriculture")
    >>> sector_display(G, "Sector:esv:1"), sector_display(G, "Sector:agriculture")
    ('Agriculture', 'Agriculture')
    """
    def name(k: str) -> str:
        return str((G.nodes[k] if k in G else {}).get("name") or k.split(":", 1)[-1])

    same = equivalent_sectors(G)
    field, given = same.get(key, key), name(key)
    seeds = sorted(seed for seed, to in same.items() if to == field)
    return next((name(seed) for seed in seeds if fold(name(seed)) == fold(given)), given)


def sector_bridged(G: nx.MultiDiGraph, key: str) -> str:
    """`sector_display`, followed by the EuroSciVoc field the sector stands for when that field's name is another
    word than its own: "Robotiikka (robotics)", a member list's Finnish word (`graph.store.sector_words`), where a
    reason had said "works in Robotiikka" of a candidate ranked by its projects in robotics, a word the user may not
    have known it bridged to. A field's own name, or a seed sector of the field's name ("Automation"), or one the field
    only extends ("Manufacturing", "manufacturing engineering"), is said alone.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("Project:p", "Sector:esv:1", type="ACTIVE_IN")
    >>> G.add_node("Sector:esv:1", kind="Sector", name="robotics")
    >>> G.add_node("Sector:Robotiikka", kind="Sector", name="Robotiikka")
    >>> G.add_node("Sector:robotics", kind="Sector", name="Robotics")
    >>> [sector_bridged(G, key) for key in ("Sector:Robotiikka", "Sector:robotics", "Sector:esv:1")]
    ['Robotiikka (robotics)', 'Robotics', 'Robotics']
    """
    said, field = sector_display(G, key), equivalent_sectors(G).get(key)
    if field is None:
        return said
    field_name = str(G.nodes[field].get("name") or "")
    return f"{said} ({field_name})" if field_name and fold(said) not in fold(field_name) else said


class SectorNeighbours:
    """How close two sectors are (1 for the same sector), from the projects and clusters active in both."""

    def __init__(self, G: nx.MultiDiGraph, projects: list[str], same: dict[str, str]):
        self.same = same
        actors: list[set[str]] = []
        for p in projects:
            tags = {same.get(s, s) for _, s, t in G.out_edges(p, data="type") if t == "ACTIVE_IN"}
            if tags:
                actors.append(tags)
        self.tagged_projects = [p for p in projects
                                if any(t == "ACTIVE_IN" for _, _, t in G.out_edges(p, data="type"))]
        for key, attrs in G.nodes(data=True):
            if is_cluster(attrs):
                tags = {same.get(s, s) for _, s, t in G.out_edges(key, data="type") if t == "ACTIVE_IN"}
                if len(tags) > 1:
                    actors.append(tags)
        self.keys = sorted({s for tags in actors for s in tags})
        self.column = {s: j for j, s in enumerate(self.keys)}
        rows = [i for i, tags in enumerate(actors) for _ in tags]
        cols = [self.column[s] for tags in actors for s in tags]
        incidence = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=(len(actors), len(self.keys)))
        self.count = np.asarray(incidence.sum(axis=0)).ravel()
        #: {(i, j): projects and clusters in both}: a dict, since a sparse matrix's lookup of one entry costs ~50 us
        pairs = sp.coo_array(incidence.T @ incidence)
        cells = zip(pairs.row.tolist(), pairs.col.tolist(), strict=True)
        self.together = dict(zip(cells, pairs.data.tolist(), strict=True))
        self._projects_of: dict[str, set[str]] | None = None
        self._G = G

    def canonical(self, sector: str) -> str:
        return self.same.get(sector, sector)

    def closeness(self, a: str, b: str) -> float:
        """1 for the same sector; else the Ochiai coefficient of the projects and clusters working in both."""
        a, b = self.canonical(a), self.canonical(b)
        if a == b:
            return 1.0
        i, j = self.column.get(a), self.column.get(b)
        if i is None or j is None:
            return 0.0
        both = self.together.get((i, j), 0.0)
        return float(both / math.sqrt(self.count[i] * self.count[j])) if both else 0.0

    def shared_count(self, a: str, b: str) -> int:
        i, j = self.column.get(self.canonical(a)), self.column.get(self.canonical(b))
        return int(self.together.get((i, j), 0)) if i is not None and j is not None else 0

    def example(self, a: str, b: str) -> str | None:
        """The newest project tagged with both sectors, for a path; None when only clusters link them."""
        if self._projects_of is None:
            self._projects_of = defaultdict(set)
            for p in self.tagged_projects:
                for _, s, t in self._G.out_edges(p, data="type"):
                    if t == "ACTIVE_IN":
                        self._projects_of[self.canonical(s)].add(p)
        both = self._projects_of.get(self.canonical(a), set()) & self._projects_of.get(self.canonical(b), set())
        return max(both, key=lambda p: (self._G.nodes[p].get("start_date") or "", p)) if both else None
