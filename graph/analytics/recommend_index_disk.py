"""The recommender's index kept on disk per data version and code version, shared by every process.

Building a `RecommenderIndex` over the 10x set (220,030 organisations, 57,680 projects) takes 12-20 CPU
seconds (incidence, co-participation, tie matrices, sector profiles), and every process paid it again
on its first Partners visit after a restart. Here the index is kept as a file beside the analytics
inputs, as `graph.analytics.kept_files` keeps what is built from them (the same folder, store tag and
atomic pickle files):

* name: `<store tag>-idx-<digest>.recommend.pickle`, the digest of the key below;
* key: the version of the graph it was built from (the data version, with the time window when the
  caller sliced one), `FORMAT`, and `CODE`: a digest of the source of every `graph.*` module the
  builder uses (found by following `recommend_index`'s names), with the Python, numpy and scipy
  versions. A change to how the index is built or scored on (another helper's edit, a new
  attribute, a library upgrade) never reads an older file: it is rebuilt;
* what: the index's attributes except its graph `G` (the analytics inputs, already on disk in their
  own file and in memory), with the key; `load` attaches the caller's graph again, and refuses a file
  whose key differs (another data version among others: `kept_files` says why that is enough), or that
  cannot be read (damaged, cut short, another format): the caller rebuilds it. The five organisation x
  organisation matrices (shared projects, adjacency, walk, the two tie matrices) have one sparsity pattern:
  the file holds their index arrays once (`_one_pattern`), a quarter of its size, and a read-back index
  shares them in memory too;
* kept: the newest `KEPT` index files of each store (one per data version and window used).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import numpy as np
import scipy.sparse as sp

from graph.analytics.kept_files import KeptFiles
from graph.analytics.projection_spec import Projection
from graph.analytics.recommend_index import RecommenderIndex
from graph.store.contract import GraphStore

__all__ = ["FORMAT", "CODE", "KEPT", "Loaded", "file_prefix", "index_file", "load", "save", "index_for", "builds"]

#: Bumped when what the file holds changes shape (2: the organisation x organisation matrices share one pattern).
FORMAT = 2
KEPT = 4
_FILES = KeptFiles("idx", ".recommend.pickle", FORMAT, (RecommenderIndex.__module__,), KEPT)
#: What the index's code was when this process imported it (see the module docstring).
CODE = _FILES.code


@dataclass(frozen=True)
class Loaded:
    """An index and where it came from: "disk" (read back) or "built" (and written)."""

    index: RecommenderIndex
    source: str
    seconds: float


def file_prefix(store: GraphStore) -> str:
    """How the names of `store`'s index files start (whatever their version)."""
    return _FILES.prefix(store)


def index_file(store: GraphStore, cache_dir: Path | str, version: str, projection: Projection | None = None) -> Path:
    """The file holding `store`'s recommender index for the graph of `version` (and `projection`)."""
    return _FILES.path(store, cache_dir, version, projection)


def _one_pattern(state: dict) -> dict:
    """`state` with every CSR matrix whose sparsity pattern equals an earlier one's sharing that one's `indices` and
    `indptr` arrays (pickle then writes them once). Values are untouched: only equal arrays are swapped."""
    seen: list[sp.csr_array] = []

    def shared(matrix):
        if not isinstance(matrix, sp.csr_array):
            return matrix
        for first in seen:
            if first.shape == matrix.shape and first.indptr.dtype == matrix.indptr.dtype \
                    and first.indices.dtype == matrix.indices.dtype and np.array_equal(first.indptr, matrix.indptr) \
                    and np.array_equal(first.indices, matrix.indices):
                twin = sp.csr_array(matrix, copy=False)  # a new matrix over the same arrays: `matrix` is left as is
                twin.indices, twin.indptr = first.indices, first.indptr
                return twin
        seen.append(matrix)
        return matrix

    out = {name: shared(value) for name, value in state.items()}
    if dataclasses.is_dataclass(out.get("ties")):
        ties = out["ties"]
        out["ties"] = dataclasses.replace(ties, **{f.name: shared(getattr(ties, f.name))
                                                   for f in dataclasses.fields(ties)})
    return out


def _state(index: RecommenderIndex) -> dict:
    return _one_pattern({name: value for name, value in vars(index).items() if name != "G"})


def _restored(state: dict, graph: nx.MultiDiGraph) -> RecommenderIndex:
    index = RecommenderIndex.__new__(RecommenderIndex)
    index.__dict__.update(state)
    index.G = graph
    return index


def load(path: Path, graph: nx.MultiDiGraph, version: str, projection: Projection | None = None
         ) -> RecommenderIndex | None:
    """The index at `path` with `graph` (the analytics inputs of `version`) attached, or None when the file is
    missing, unreadable or not this key's (another data version, format or code)."""
    state = _FILES.read(path, version, projection)
    return None if state is None else _restored(state, graph)


def save(store: GraphStore, path: Path, index: RecommenderIndex, version: str,
         projection: Projection | None = None) -> None:
    """Write `index` (without its graph) atomically; the oldest index files of this store beyond `KEPT` go.
    A folder that cannot be written leaves the index in memory only."""
    _FILES.write(store, path, _state(index), index.G, version, projection)


def index_for(store: GraphStore, cache_dir: Path | str, graph: nx.MultiDiGraph, version: str,
              projection: Projection | None = None) -> Loaded:
    """The recommender index of `graph` (the store's analytics inputs at `version`): read from disk, or built
    and written."""
    index, source, seconds = _FILES.read_or_build(
        store, cache_dir, graph, version, lambda: RecommenderIndex(graph, projection), _state,
        lambda state: _restored(state, graph), projection,
        held_as_read=True)  # a built index holds each sparsity pattern once, as a read-back does: a quarter less memory
    return Loaded(index, source, seconds)


def builds() -> int:
    """How many indexes `index_for` built (not read) in this process."""
    return _FILES.builds()
