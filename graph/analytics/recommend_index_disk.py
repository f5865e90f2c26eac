"""The recommender's index kept on disk per data version and code version, shared by every process.

Building a `RecommenderIndex` over the 10x set (220,030 organisations, 57,680 projects) takes 12-20 CPU
seconds (incidence, co-participation, tie matrices, sector profiles), and every process paid it again
on its first Partners visit after a restart. Here the index is kept as a file beside the analytics
inputs (`graph.analytics.cache`: the same folder, store tag and atomic pickle files):

* name: `<store tag>-idx-<digest>.recommend.pickle`, the digest of the key below;
* key: the version of the graph it was built from (the data version, with the time window when the
  caller sliced one), `FORMAT`, and `CODE`: a digest of the source of every `graph.*` module the
  builder uses (found by following `recommend_index`'s names), with the Python, numpy and scipy
  versions. A change to how the index is built or scored on (another helper's edit, a new
  attribute, a library upgrade) never reads an older file: it is rebuilt;
* what: the index's attributes except its graph `G` (the analytics inputs, already on disk in their
  own file and in memory), with the key and the graph's size; `load` attaches the caller's graph
  again, and refuses a file whose key or graph size differs, or that cannot be read (damaged, cut
  short, another format): the caller rebuilds it;
* kept: the newest `KEPT` index files of each store (one per data version and window used).
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import networkx as nx
import numpy as np
import scipy

from graph.analytics.cache import read_pickle, store_tag, write_pickle
from graph.analytics.projection_spec import Projection
from graph.analytics.recommend_index import RecommenderIndex
from graph.store.contract import GraphStore

__all__ = ["FORMAT", "CODE", "KEPT", "Loaded", "file_prefix", "index_file", "load", "save", "index_for", "builds"]

#: Bumped when what the file holds changes shape.
FORMAT = 1
KEPT = 4
_SUFFIX = ".recommend.pickle"
_BUILDS = [0]  # indexes built by `index_for` in this process (tests read it through `builds()`)


def _modules_used(root: str) -> list[ModuleType]:
    """`root` and every `graph.*` module its names come from, followed transitively (the builder's own code)."""
    seen: dict[str, ModuleType] = {}
    todo = [root]
    while todo:
        name = todo.pop()
        if name in seen or not name.startswith("graph."):
            continue
        module = seen[name] = importlib.import_module(name)
        for value in vars(module).values():
            origin = value.__name__ if isinstance(value, ModuleType) else getattr(value, "__module__", None)
            if isinstance(origin, str):
                todo.append(origin)
    return [seen[name] for name in sorted(seen)]


def _code_digest() -> str:
    digest = hashlib.sha256(f"{sys.version_info[:2]}|{np.__version__}|{scipy.__version__}".encode())
    for module in _modules_used(RecommenderIndex.__module__):
        digest.update(module.__name__.encode())
        digest.update(Path(inspect.getsourcefile(module)).read_bytes())
    return digest.hexdigest()[:16]


#: What the index's code was when this process imported it (see the module docstring).
CODE = _code_digest()


@dataclass(frozen=True)
class Loaded:
    """An index and where it came from: "disk" (read back) or "built" (and written)."""

    index: RecommenderIndex
    source: str
    seconds: float


def _key(version: str, projection: Projection | None) -> tuple:
    return FORMAT, CODE, version, repr(projection)


def file_prefix(store: GraphStore) -> str:
    """How the names of `store`'s index files start (whatever their version)."""
    return f"{store_tag(store)}-idx-"


def index_file(store: GraphStore, cache_dir: Path | str, version: str, projection: Projection | None = None) -> Path:
    """The file holding `store`'s recommender index for the graph of `version` (and `projection`)."""
    digest = hashlib.sha256(repr(_key(version, projection)).encode()).hexdigest()[:16]
    return Path(cache_dir) / f"{file_prefix(store)}{digest}{_SUFFIX}"


def _size(graph: nx.MultiDiGraph) -> tuple[int, int]:
    return graph.number_of_nodes(), graph.number_of_edges()


def load(path: Path, graph: nx.MultiDiGraph, version: str, projection: Projection | None = None
         ) -> RecommenderIndex | None:
    """The index at `path` with `graph` attached, or None when the file is missing, unreadable or not this
    key's (another data version, format or code) or was built from a graph of another size."""
    held = read_pickle(path)
    if not isinstance(held, dict) or held.get("key") != _key(version, projection) \
            or held.get("graph_size") != _size(graph) or not isinstance(held.get("state"), dict):
        return None
    index = RecommenderIndex.__new__(RecommenderIndex)
    index.__dict__.update(held["state"])
    index.G = graph
    return index


def save(store: GraphStore, path: Path, index: RecommenderIndex, version: str,
         projection: Projection | None = None) -> None:
    """Write `index` (without its graph) atomically; the oldest index files of this store beyond `KEPT` go.
    A folder that cannot be written leaves the index in memory only."""
    state = {name: value for name, value in vars(index).items() if name != "G"}
    try:
        write_pickle(path, {"key": _key(version, projection), "graph_size": _size(index.G), "state": state})
        mine = sorted(path.parent.glob(f"{file_prefix(store)}*{_SUFFIX}"), key=lambda p: p.stat().st_mtime)
        for old in mine[:-KEPT]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def index_for(store: GraphStore, cache_dir: Path | str, graph: nx.MultiDiGraph, version: str,
              projection: Projection | None = None) -> Loaded:
    """The recommender index of `graph` (the store's analytics inputs at `version`): read from disk, or built
    and written."""
    started = time.perf_counter()
    path = index_file(store, cache_dir, version, projection)
    index = load(path, graph, version, projection)
    if index is not None:
        return Loaded(index, "disk", time.perf_counter() - started)
    index = RecommenderIndex(graph, projection)
    _BUILDS[0] += 1
    save(store, path, index, version, projection)
    return Loaded(index, "built", time.perf_counter() - started)


def builds() -> int:
    """How many indexes `index_for` built (not read) in this process."""
    return _BUILDS[0]
