"""What the hold-out evaluations share: their graph (loaded once, cached), the rank of the first answer,
hits@10 / MRR, a paired bootstrap.

Used by bench/eval_recommend.py and bench/eval_cluster_partners.py, so both count ranks and intervals alike:
every method ranks the same candidates, ties broken by one random order per query shared by all methods.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import numpy as np

__all__ = ["cached_graph", "first_rank", "rank_measures", "paired_interval"]


def cached_graph(cache: Path | None, load: Callable, read: Callable, timeout_s: float) -> nx.MultiDiGraph:
    """`load(store)` into a fresh temporary embedded store, then the graph `read(store)` gives; pickled to
    `cache` (and taken from it when present), so a re-run of an evaluation skips the minutes of loading."""
    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())
    from graph.store.falkordb_store import FalkorDBStore

    with tempfile.TemporaryDirectory() as folder:
        store = FalkorDBStore(Path(folder) / "eval.db", "eval", default_timeout_s=timeout_s)
        try:
            store.setup_schema()
            load(store)
            graph = read(store)
        finally:
            store.close()
    if cache:
        cache.write_bytes(pickle.dumps(graph))
    return graph


def first_rank(scores: np.ndarray, answers, tiebreak: np.ndarray) -> int:
    """1-based rank of the best-placed answer: candidates above it, or level with it and earlier in the tie order.

    >>> first_rank(np.array([0.5, 0.9, 0.5]), [2], np.array([1, 0, 2]))
    3
    >>> first_rank(np.array([0.5, 0.9, 0.5]), [0, 2], np.array([1, 0, 2]))
    2
    """
    a = np.asarray(answers)
    best = a[np.lexsort((tiebreak[a], -scores[a]))[0]]
    above = (scores > scores[best]) | ((scores == scores[best]) & (tiebreak < tiebreak[best]))
    return int(above.sum()) + 1


def rank_measures(first: np.ndarray, k: int = 10) -> dict[str, np.ndarray]:
    """Query by query: hit in the top `k` (1 or 0) and reciprocal rank, from the first answers' ranks."""
    first = np.asarray(first, dtype=float)
    return {f"hits@{k}": (first <= k).astype(float), "MRR": 1 / first}


def paired_interval(ours: np.ndarray, theirs: np.ndarray, seed: int, resamples: int = 2000) -> tuple[float, float]:
    """95% bootstrap interval of the mean difference, resampling queries (both methods on the same ones)."""
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(ours), size=(resamples, len(ours)))
    means = (np.asarray(ours) - np.asarray(theirs))[picks].mean(axis=1)
    return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))
