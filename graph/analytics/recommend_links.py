"""Classic link-prediction scores over the organisation collaboration graph, summed over a consortium.

Split from graph/analytics/recommend.py, which ranks partner organisations by them (and by much else); the
partner-cluster ranking (`graph.analytics.cluster_partners`) and the evaluations in bench/ use them too.
"""

from __future__ import annotations

import numpy as np

from graph.analytics.recommend_index import RecommenderIndex

__all__ = ["link_scores"]


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
