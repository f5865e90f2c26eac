"""The partner clusters' profiles kept on disk per data version and code version, shared by every process.

`ClusterIndex` (graph/analytics/cluster_profiles.py) profiles every cluster of the graph: sectors, programmes,
places and the sector neighbours they are compared by. At 10x (1,314 clusters, 57,680 projects) that is 5 CPU
seconds, which every process paid again after a restart although the data had not changed. Here the profiles
are kept beside the recommender index they are built over, the way `graph.analytics.recommend_index_disk`
keeps the index (`graph.analytics.kept_files`: same folder, store tag, atomic pickle files):

* name: `<store tag>-cls-<digest>.clusters.pickle`;
* key: the data version (with the time window when the caller sliced one), `FORMAT`, the projection, and a
  digest of the source of every `graph.*` module `cluster_profiles` uses (the index's builder among them);
* what: the profiles, the sector neighbours and the programmes' IDF, without the graph and the index (the
  caller's, attached again on reading), as pickled bytes with their digest; a damaged file (a byte changed
  anywhere), or one of another key (another data version among others) or shape, is rebuilt;
* kept: the newest `KEPT` files of each store.
"""

from __future__ import annotations

from pathlib import Path

from graph.analytics.cluster_profiles import ClusterIndex
from graph.analytics.kept_files import KeptFiles
from graph.analytics.projection_spec import Projection
from graph.analytics.recommend_index import RecommenderIndex
from graph.analytics.recommend_sectors import SectorNeighbours
from graph.store.contract import GraphStore

__all__ = ["FORMAT", "KEPT", "profiles_file", "profiles_for", "builds"]

FORMAT = 1
KEPT = 4
_FILES = KeptFiles("cls", ".clusters.pickle", FORMAT, (ClusterIndex.__module__,), KEPT, checked=True)
_NOT_KEPT = {"G", "index", "neighbours"}  # the caller's graph and index; the neighbours are kept on their own


def profiles_file(store: GraphStore, cache_dir: Path | str, version: str, projection: Projection | None = None
                  ) -> Path:
    """The file holding the cluster profiles over `store`'s index of `version` (and `projection`)."""
    return _FILES.path(store, cache_dir, version, projection)


def _state(clusters: ClusterIndex) -> dict:
    neighbours = {k: v for k, v in vars(clusters.neighbours).items() if k not in ("_G", "_projects_of")}
    return {"clusters": {k: v for k, v in vars(clusters).items() if k not in _NOT_KEPT}, "neighbours": neighbours}


def _restored(state: dict, index: RecommenderIndex) -> ClusterIndex:
    """The profiles of `state` over `index` (and its graph); a state of another shape raises KeyError."""
    neighbours = SectorNeighbours.__new__(SectorNeighbours)
    neighbours.__dict__.update(state["neighbours"], _G=index.G, _projects_of=None)
    clusters = ClusterIndex.__new__(ClusterIndex)
    clusters.__dict__.update(state["clusters"], G=index.G, index=index, neighbours=neighbours)
    for name in ("keys", "_profiles", "norms", "idf", "with_sectors", "sector_df"):
        getattr(clusters, name)  # AttributeError: a file of an older shape, rebuilt
    for name in ("same", "keys", "column", "count", "together", "tagged_projects"):
        getattr(neighbours, name)
    return clusters


def profiles_for(store: GraphStore, cache_dir: Path | str, index: RecommenderIndex, version: str,
                 projection: Projection | None = None) -> ClusterIndex:
    """The profiles of every cluster over `index` (the store's recommender index of `version`): read from disk,
    or built and written."""
    clusters, _, _ = _FILES.read_or_build(store, cache_dir, index.G, version, lambda: ClusterIndex(index), _state,
                                          lambda state: _restored(state, index), projection)
    return clusters


def builds() -> int:
    """How many cluster profiles `profiles_for` built (not read) in this process."""
    return _FILES.builds()
