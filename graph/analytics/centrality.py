"""The engines behind the metrics that are more than a one-line call: networkx or python-igraph, exact
or from pivots, in the conventions of networkx (see `graph.analytics.metrics` for the why).

Every function takes the projection `G`, its igraph copy (`IGraphCopy`, made once per run) and the
engine's name, and returns `{node: value}` scaled as networkx would.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np
from scipy import sparse
from scipy.sparse.linalg import eigsh

from graph.analytics.levels import dependencies, search
from graph.analytics.projections_compact import CompactProjection
from graph.seeded_igraph import seeded

#: Graphs of at most this many nodes get a dense eigenvector solve.
SMALL = 64

__all__ = ["IGraphCopy", "pivots", "components", "betweenness", "closeness", "eigenvector", "communities"]


class IGraphCopy:
    """The networkx graph (or compact projection) as igraph, and as scipy matrices, each built on first use and
    shared by the metrics of one run."""

    def __init__(self, G: nx.Graph | CompactProjection, weight: str):
        self.nodes = list(G)
        self._G, self._weight, self._graph = G, weight, None
        self._weighted = self._adjacency = self._parts = None

    @property
    def graph(self) -> ig.Graph:
        if self._graph is None and isinstance(self._G, CompactProjection):
            self._graph = self._G.to_igraph(self._weight)
        if self._graph is None:
            index = {v: i for i, v in enumerate(self.nodes)}
            # iter(): list() of the view itself first asks its length, which networkx counts by walking every edge
            edges = list(iter(self._G.edges(data=self._weight, default=1)))
            self._graph = ig.Graph(n=len(self.nodes), edges=[(index[u], index[v]) for u, v, _ in edges])
            self._graph.es["weight"] = [float(w) for _, _, w in edges]
        return self._graph

    @property
    def weighted(self) -> sparse.csr_array:
        """The symmetric matrix of edge weights (a pair listed twice sums, as in igraph), for eigenvector
        centrality. Built from int32 indices: from int64 ones scipy took three times as long."""
        if self._weighted is None:
            if isinstance(self._G, CompactProjection):
                rows, cols = self._G.rows, self._G.cols
                weights = self._G.newman if self._weight == "newman" else self._G.weight
            else:
                rows, cols = np.array(self.graph.get_edgelist(), dtype=np.int64).reshape(-1, 2).T
                weights = self.graph.es["weight"]
            rows, cols = np.asarray(rows, dtype=np.int32), np.asarray(cols, dtype=np.int32)
            weights = np.asarray(weights, dtype=float)
            ends = (np.concatenate([rows, cols]), np.concatenate([cols, rows]))
            self._weighted = sparse.csr_array((np.concatenate([weights, weights]), ends), shape=(len(self.nodes),) * 2)
        return self._weighted

    @property
    def adjacency(self) -> sparse.csr_array:
        """The symmetric 0/1 adjacency matrix (hops: no weights; a pair listed twice is still one link), for the
        searches from pivots; it shares the index arrays of `weighted`."""
        if self._adjacency is None:
            matrix = self.weighted
            self._adjacency = sparse.csr_array((np.ones(matrix.nnz), matrix.indices, matrix.indptr), shape=matrix.shape)
        return self._adjacency

    @property
    def parts(self) -> tuple[np.ndarray, np.ndarray]:
        """The connected components as igraph finds them: each node's component, and each component's size."""
        if self._parts is None:
            found = self.graph.connected_components()
            self._parts = np.array(found.membership), np.array(found.sizes())
        return self._parts

    def values(self, array: Iterable[float]) -> dict[Any, float]:
        return dict(zip(self.nodes, (float(x) for x in array), strict=True))


def pivots(G: nx.Graph, k: int, seed: int) -> list:
    """The sources networkx's `betweenness_centrality(G, k, seed=seed)` draws, so both engines agree."""
    return random.Random(seed).sample(list(G), k)


def components(G: nx.Graph | CompactProjection, ig_graph: IGraphCopy) -> list[set]:
    """Connected components in networkx's order (by first node); from igraph for a compact projection."""
    if not isinstance(G, CompactProjection):
        return list(nx.connected_components(G))
    found = ig_graph.graph.connected_components()
    return [{ig_graph.nodes[i] for i in members} for members in found]


def betweenness(G: nx.Graph, ig_graph: IGraphCopy, engine: str, k: int | None, seed: int) -> dict:
    n = len(G)
    if engine == "networkx":
        return nx.betweenness_centrality(G, k=k, seed=seed if k else None)
    index = {v: i for i, v in enumerate(ig_graph.nodes)}
    if k is None:
        raw = np.array(ig_graph.graph.betweenness(directed=False))
        return ig_graph.values(raw * 2 / ((n - 1) * (n - 2)) if n > 2 else raw)
    sources = [index[s] for s in pivots(G, k, seed)]
    membership, sizes = ig_graph.parts
    summed = dependencies(ig_graph.adjacency, sources, sizes[membership[sources]])
    # igraph counts each (pivot, target) pair once; networkx counts it from both ends, then rescales.
    raw = 2 * np.array(ig_graph.graph.betweenness(directed=False, sources=sources)) if summed is None else summed
    scale = np.full(n, 1 / (k * (n - 2)))
    scale[sources] = 1 / ((k - 1) * (n - 2))
    return ig_graph.values(raw * scale)


def closeness(G: nx.Graph, ig_graph: IGraphCopy, engine: str, k: int | None, seed: int) -> dict:
    """networkx's closeness (Wasserman-Faust scaling for disconnected graphs), exact or from pivots.

    With pivots: a node's mean distance to the pivots in its component stands for its mean distance
    to the whole component; components no bigger than `k` are computed exactly.
    """
    n = len(G)
    if k is None:
        if engine == "networkx":
            return nx.closeness_centrality(G)
        parts = ig_graph.graph.connected_components()
        reach = np.array(parts.sizes(), dtype=float)[parts.membership]
        return ig_graph.values(np.nan_to_num(np.array(ig_graph.graph.closeness())) * (reach - 1) / max(n - 1, 1))
    if engine == "networkx":
        return _closeness_networkx(G, k, seed)
    return ig_graph.values(_closeness_igraph(ig_graph, k, seed))


def _closeness_networkx(G: nx.Graph, k: int, seed: int) -> dict:
    n = len(G)
    rng = random.Random(seed)
    values: dict[Any, float] = {}
    for component in sorted((sorted(c, key=str) for c in nx.connected_components(G)), key=len, reverse=True):
        size = len(component)
        if size <= k:
            sub = G.subgraph(component)
            values.update({v: c * (size - 1) / (n - 1) for v, c in nx.closeness_centrality(sub).items()})
            continue
        pivots = rng.sample(component, k)
        rows = [nx.single_source_shortest_path_length(G, p) for p in pivots]
        chosen = set(pivots)
        for v in component:
            mean = sum(r[v] for r in rows) / (k - 1 if v in chosen else k)
            values[v] = (size - 1) / (n - 1) / mean if mean else 0.0
    return values


def _closeness_igraph(ig_graph: IGraphCopy, k: int, seed: int) -> np.ndarray:
    """The networkx engine's estimate with whole-graph arrays: one closeness call for every node of the
    components of at most `k` nodes (each igraph call builds the whole graph's adjacency list, so one call
    per component cost minutes on 3,000 small components), then the distances from the pivots of each larger
    component: level by level for the largest (`graph.analytics.levels`), igraph's searches for the others.
    The pivots are drawn as the networkx engine draws them (components by size, members sorted by key)."""
    graph, n = ig_graph.graph, len(ig_graph.nodes)
    membership, sizes = ig_graph.parts
    reach = sizes[membership]
    values = np.zeros(n)
    small = np.flatnonzero(reach <= k)
    own = np.nan_to_num(np.array(graph.closeness(vertices=small.tolist()), dtype=float))  # NaN: a lone node
    values[small] = own * (reach[small] - 1) / (n - 1)
    rng = random.Random(seed)
    for rank, part in enumerate(np.argsort(-sizes, kind="stable")):
        if sizes[part] <= k:
            break
        members = sorted(np.flatnonzero(membership == part).tolist(), key=lambda i: str(ig_graph.nodes[i]))
        pivots = rng.sample(members, k)
        found = search(ig_graph.adjacency, pivots, np.full(k, sizes[part])) if rank == 0 else None
        if found is None:
            total = np.array(graph.distances(source=pivots, target=members), dtype=float).sum(axis=0)
        else:
            total = found[0][members].sum(axis=1, dtype=np.int64).astype(float)
        mean = total / np.where(np.isin(members, pivots), k - 1, k)
        values[members] = np.divide(sizes[part] - 1, (n - 1) * mean, out=np.zeros(len(members)), where=mean > 0)
    return values


def eigenvector(G: nx.Graph, ig_graph: IGraphCopy, engine: str, weight: str) -> dict:
    """Eigenvector centrality of the largest component (unit length, as networkx); 0 elsewhere.

    On a disconnected graph the leading eigenvector lives on one component, and networkx refuses to
    guess which; the largest one (ties: the one whose smallest key sorts first) is the meaningful choice.
    The igraph engine solves it as networkx's `eigenvector_centrality_numpy` does, with ARPACK on the shared
    scipy matrix, the other components' rows zeroed: igraph's own call needed a copy of the component
    (1.7 s at 10x) and took twice as long as scipy's solver on the same matrix. Both engines solve a component
    of at most `SMALL` nodes densely: ARPACK refuses one of two nodes (k >= N - 1) and gains nothing on a few.

    Examples
    --------
    >>> G = nx.path_graph(["a", "b"])
    >>> {v: round(x, 4) for v, x in eigenvector(G, IGraphCopy(G, "weight"), "networkx", "weight").items()}
    {'a': 0.7071, 'b': 0.7071}
    """
    if G.number_of_edges() == 0:
        return dict.fromkeys(G, 0.0)
    if engine == "networkx":
        values = dict.fromkeys(G, 0.0)
        giant = G.subgraph(max(components(G, ig_graph),
                               key=lambda c: (len(c), [-ord(ch) for ch in min(map(str, c))])))
        if len(giant) > SMALL:
            values.update(nx.eigenvector_centrality_numpy(giant, weight=weight))
        else:
            values.update(zip(giant, _leading(nx.to_numpy_array(giant, weight=weight)).tolist(), strict=True))
        return values
    membership, sizes = ig_graph.parts
    largest = np.flatnonzero(sizes == sizes.max())
    if len(largest) > 1:  # ties, as `components` orders them: the same key as the networkx engine's
        smallest = {part: min(str(ig_graph.nodes[i]) for i in np.flatnonzero(membership == part)) for part in largest}
        largest = [max(largest, key=lambda part: [-ord(ch) for ch in smallest[part]])]
    inside = membership == largest[0]
    matrix = ig_graph.weighted
    rows_inside = np.repeat(inside, np.diff(matrix.indptr))
    matrix = sparse.csr_array((np.where(rows_inside, matrix.data, 0.0), matrix.indices, matrix.indptr),
                              shape=matrix.shape)
    if len(G) <= SMALL:  # ARPACK needs rows to spare; a dense solve is instant here
        return ig_graph.values(np.where(inside, _leading(matrix.toarray()), 0.0))
    vector = np.where(inside, np.abs(eigsh(matrix, k=1, which="LA", tol=0)[1][:, 0]), 0.0)
    return ig_graph.values(vector / np.linalg.norm(vector))


def _leading(matrix: np.ndarray) -> np.ndarray:
    """The leading eigenvector of the symmetric `matrix` of one component (rows of others zero), positive and
    of unit length, as networkx scales it."""
    vector = np.abs(np.linalg.eigh(matrix)[1][:, -1])
    return vector / np.linalg.norm(vector)


def communities(G: nx.Graph, ig_graph: IGraphCopy, engine: str, seed: int, weight: str,
                method: str = "louvain") -> tuple[dict, dict]:
    """Louvain (or, on large graphs, Leiden's modularity) communities, numbered by size (0 = largest), and
    their modularity."""
    if engine == "networkx":
        found = nx.community.louvain_communities(G, weight=weight, seed=seed)
        modularity = nx.community.modularity(G, found, weight=weight)
    else:
        with seeded(seed):
            if method == "leiden":
                clustering = ig_graph.graph.community_leiden(objective_function="modularity", weights="weight",
                                                             n_iterations=2)
            else:
                clustering = ig_graph.graph.community_multilevel(weights="weight")
        found = [{ig_graph.nodes[i] for i in members} for members in clustering]
        modularity = clustering.modularity
    ordered = sorted(found, key=lambda c: (-len(c), min(map(str, c))))
    values = {v: i for i, members in enumerate(ordered) for v in members}
    return values, {"modularity": float(modularity), "communities": len(ordered), "method": method}

