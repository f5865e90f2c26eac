"""What the graph knows of each cluster, for ranking partner clusters (`graph.analytics.cluster_partners`).

A cluster is a seed `Cluster` node or a CORDIS organisation that cluster detection marked with the
`Cluster` label (its kind may still be `Organisation`). A seed cluster and the CORDIS record it is
`SAME_AS` are one body: the record is folded into the seed cluster. For each cluster (or any focal
organisation) a `Profile` holds:

* sectors, weighted in (0, 1]: its own `ACTIVE_IN` sectors (1) and the EuroSciVoc fields of the projects
  its organisations (itself, its `SAME_AS` record, its members) took part in, as a share of the most
  frequent one; seed sectors are bridged to fields (`graph.analytics.recommend_sectors`);
* programmes: those it is `MEMBER_OF` (1) and those funding its projects (share of its projects);
* places: NUTS / region ids and countries, from `LOCATED_IN`, `nuts_code` and `country`;
* its ESCA label level, and the index rows of its organisations (for shared projects).

Sectors are compared weighted by their rarity among clusters (`sector_idf`, TF-IDF's inverse document frequency over
the clusters that have sectors): a field nearly every cluster shares (governance, management) says little about fit,
and a Greek circular-economy cluster had come first for a Finnish robotics cluster as "both work in governance".

Only the projects of the recommender's index count, so a hold-out built with `Projection(end=...)` sees
nothing later. The node paths leading from the cluster to each sector are kept, for the reasons' paths.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from graph.analytics.recommend_index import RecommenderIndex, one_body
from graph.analytics.recommend_sectors import SectorNeighbours, equivalent_sectors
from graph.analytics.sparse_rows import columns
from graph.store.schema import cluster_records, is_cluster

__all__ = ["Profile", "ClusterIndex", "sector_name"]

TOP_SECTORS = 20
#: The share of the clusters with sectors from which a sector is common: "both work in governance" is then said to
#: say little about fit (30 of the sample's 128 clusters with sectors work in governance, the most common field).
COMMON_SHARE = 0.2
COMMON_CLUSTERS = 10


@dataclass
class Profile:
    """One cluster's (or organisation's) sectors, programmes, places, label and organisations."""

    key: str
    rows: list[int]
    sectors: dict[str, float] = field(default_factory=dict)
    sector_paths: dict[str, tuple[str, ...]] = field(default_factory=dict)
    programmes: dict[str, float] = field(default_factory=dict)
    member_of: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    label: int = 0


class ClusterIndex:
    """Profiles of every cluster of the graph, built once per recommender index."""

    def __init__(self, index: RecommenderIndex):
        G = self.G = index.G
        self.index = index
        self.neighbours = SectorNeighbours(G, index.projects, equivalent_sectors(G))
        records = cluster_records(G)
        self.keys = sorted(k for k, a in G.nodes(data=True) if is_cluster(a) and k not in records)
        self._profiles: dict[str, Profile] = {}
        self.norms: dict[str, float] = {}  # each profile's soft-cosine norm, filled as candidates are scored
        df = Counter(p for c in self.keys for p in self.profile(c).programmes)
        self.idf = {p: math.log(1 + len(self.keys) / n) for p, n in df.items()}
        #: how many clusters have sectors, and how many of them have each sector
        self.with_sectors = sum(1 for c in self.keys if self.profile(c).sectors)
        self.sector_df = Counter(s for c in self.keys for s in self.profile(c).sectors)

    def sector_idf(self, sector: str) -> float:
        """log((1 + clusters with sectors) / (1 + those with `sector`)): 0 for a sector every cluster has, highest
        for one no cluster has (a focal organisation's own field)."""
        return math.log((1 + self.with_sectors) / (1 + self.sector_df.get(sector, 0)))

    def weighted(self, sectors: dict[str, float]) -> dict[str, float]:
        """A sector profile with each weight times its `sector_idf`: what the soft cosine compares."""
        return {s: w * self.sector_idf(s) for s, w in sectors.items()}

    def common(self, sector: str) -> bool:
        """Whether at least `COMMON_SHARE` of the clusters with sectors, and `COMMON_CLUSTERS` or more, have `sector`:
        shared, it says little about fit (3 of 15 clusters in Automation are not "many clusters")."""
        held = self.sector_df.get(sector, 0)
        return held >= COMMON_CLUSTERS and held >= COMMON_SHARE * self.with_sectors

    def linked(self, key: str) -> set[str]:
        """The node itself and the nodes it is SAME_AS (one body), either way: a CORDIS record chosen as the
        consortium was offered its own seed cluster as a partner ("they share a member: itself")."""
        return one_body(self.G, key)

    def profile(self, key: str) -> Profile:
        if key not in self._profiles:
            self._profiles[key] = self._build(key)
        return self._profiles[key]

    def _build(self, key: str) -> Profile:
        G, index = self.G, self.index
        found = Profile(key, index.resolve([key]), label=index.label_of(key))
        for node in self.linked(key):
            for _, target, t in G.out_edges(node, data="type"):
                kind = G.nodes[target].get("kind")
                if t == "ACTIVE_IN":
                    s = self.neighbours.canonical(target)
                    found.sectors[s] = 1.0
                    found.sector_paths.setdefault(s, (key, target) if node == key else (key, node, target))
                elif t == "MEMBER_OF" and kind == "Programme":
                    found.programmes[target] = 1.0
                    found.member_of.add(target)
                elif t == "LOCATED_IN" and kind == "Region":
                    found.regions.add(target.split(":", 1)[1])
                    found.countries |= self._countries_of(target)
                elif t == "LOCATED_IN" and kind == "Country":
                    found.countries.add(target.split(":", 1)[1])
            attrs = G.nodes[node]
            code = str(attrs.get("nuts_code") or "")
            if len(code) > 2 and not code.endswith("ZZ"):  # "NO" is the country, "NOZZZ" no region ("extra-regio")
                found.regions.add(code)
            if attrs.get("country"):
                found.countries.add(str(attrs["country"]))
        self._from_projects(found)
        return found

    def _from_projects(self, found: Profile) -> None:
        G, index = self.G, self.index
        sectors: Counter[str] = Counter()
        funders: Counter[str] = Counter()
        via: dict[str, tuple[str, ...]] = {}
        projects = {int(j): int(r) for r in found.rows for j in columns(index.incidence, r)}
        for j, r in sorted(projects.items()):
            p = index.projects[j]
            for _, target, t in G.out_edges(p, data="type"):
                if t == "ACTIVE_IN" and target.startswith("Sector:esv:"):
                    s = self.neighbours.canonical(target)
                    sectors[s] += 1
                    org = index.keys[r]
                    via.setdefault(s, (found.key, p, target) if org == found.key else (found.key, org, p, target))
                elif t == "FUNDED_BY" and G.nodes[target].get("kind") == "Programme":
                    funders[target] += 1
        top = max(sectors.values(), default=0)
        for s, n in sectors.most_common(TOP_SECTORS):
            if n / top > found.sectors.get(s, 0.0):
                found.sectors[s] = n / top
                found.sector_paths.setdefault(s, via[s])
        for p, n in funders.items():
            found.programmes.setdefault(p, n / len(projects))

    def _countries_of(self, region: str) -> set[str]:
        """The Country a region is PART_OF, however many levels up."""
        seen, todo = set(), [region]
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            for _, up, t in self.G.out_edges(node, data="type"):
                if t == "PART_OF":
                    todo.append(up)
        return {n.split(":", 1)[1] for n in seen if self.G.nodes[n].get("kind") == "Country"}

    def has_history(self, keys: list[str]) -> bool:
        """Whether any of `keys` (through its organisations) took part in a project of the index."""
        rows = self.index.resolve(keys)
        return bool(rows) and bool(self.index.n_projects[rows].sum())


def sector_name(G: nx.MultiDiGraph, key: str) -> str:
    attrs = G.nodes[key] if key in G else {}
    return str(attrs.get("name") or key.split(":", 1)[-1])
