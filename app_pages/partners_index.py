"""The Partners page's recommender index: once per data version (and time window), shared by every session and
process, kept on disk (graph/analytics/recommend_index_disk.py) so a restart with unchanged data reads it back.

Not a page. The index is read or built on a worker thread, and in the background before anyone asks for it:

* `rebuild_after_load()` (the router, every run): when Partners was used on this store before (an index file
  is in its cache folder) and the current data version's index is not on disk, its build starts, after the
  analytics inputs it starts from, so after a load the index is ready by the next Partners visit;
* `prepare(small)` (the warm-up of `app_pages.startup`, after the analytics inputs): after a restart with
  unchanged data, the index on disk and the inputs are read back before anyone opens Partners, and the index
  built when none of this data is on disk but Partners was used on the store before (a load while the app was
  stopped) or the store is small (1 CPU s and 84 MB on disk for the bundled sample); `profiled` then waits
  for the cluster profiles queued behind it;
* `recommender(current)`: the page's index, waiting (and saying why, `st.status`) while it is read or built;
  `clusters(index, version)`: the partner clusters' profiles over it, queued behind every index read or built
  (5 CPU s at 10x when built), so a restart or a load leaves them made too, with the page's filter choices.
  The profiles are kept on disk per data version like the index (graph/analytics/cluster_profiles_disk.py): a
  restart with unchanged data reads them back (0.7 CPU s at 10x). The filter choices are not: made in 0.5 CPU s,
  they took 1.0 s to read back from a file (23 MB of names).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import networkx as nx
import streamlit as st

from app_pages import analytics_cache, common, widgets
from graph.analytics import cluster_profiles_disk, recommend_index_disk
from graph.analytics.cache import Inputs, cache_dir_for
from graph.analytics.cluster_partners import ClusterIndex
from graph.analytics.recommend import RecommenderIndex
from graph.memory import long_lived
from graph.store.contract import GraphStore

__all__ = ["building", "rebuild_after_load", "prepare", "profiled", "recommender", "clusters", "forget"]

#: One worker: what it queues runs in order (the cluster profiles after the index they are built from).
_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cluster-explorer-recommender")


def _folder(store: GraphStore) -> Path:
    return cache_dir_for(store, common.settings().cache_dir)


def _where(store: GraphStore) -> str:
    return f"{store.location}#{getattr(store, 'graph_name', '')}"


def _here() -> tuple[GraphStore, str, str]:
    """The app's store, with what keys its indexes and profiles (`_where`) and its cache folder, made once per call
    of this module's functions and passed down."""
    store = common.store()
    return store, _where(store), str(_folder(store))


def _made(store: GraphStore, graph_of: Callable[[], nx.MultiDiGraph], where: str, version: str, folder: str
          ) -> recommend_index_disk.Loaded:
    """On the worker: the index read or built, then the cluster profiles queued behind it."""
    # graph.memory: the wait for the inputs counts as building, so their settle comes after the index
    loaded = long_lived(lambda: recommend_index_disk.index_for(store, Path(folder), graph_of(), version))
    _clusters_of(store, loaded.index, where, version, folder)
    return loaded


@st.cache_resource(max_entries=2, show_spinner=False)
def _index_of(_store: GraphStore, _graph_of: Callable[[], nx.MultiDiGraph], where: str, version: str,
              folder: str) -> Future:
    """The read or build of one version's index, started once per process (the Future holds a `Loaded`)."""
    return _WORKER.submit(_made, _store, _graph_of, where, version, folder)


@st.cache_resource(max_entries=2, show_spinner=False)
def _clusters_of(_store: GraphStore, _index: RecommenderIndex, where: str, version: str, folder: str) -> Future:
    """The profiles of every cluster over one version's index (read from disk, or built: 5 CPU s at 10x), made
    once per process."""
    return _WORKER.submit(long_lived, cluster_profiles_disk.profiles_for, _store, Path(folder), _index, version)


def building(graph_of: Callable[[], nx.MultiDiGraph], version: str) -> Future:
    """The Future of the index of `version` (its graph given by `graph_of`, called on the worker thread)."""
    store, where, folder = _here()
    return _index_of(store, graph_of, where, version, folder)


def _start(version: str) -> Future:
    """Read or build `version`'s index (the current data's, all years) once the analytics inputs are there, with
    the choices the page offers (`widgets.options_of`) made first."""
    inputs = analytics_cache.building()

    def graph() -> nx.MultiDiGraph:
        made = inputs.result()
        widgets.options_of(made.graph, made.version)
        return made.graph

    return building(graph, version)


def rebuild_after_load() -> None:
    """After a load, when Partners was used on this store before: build the new data version's index in the
    background (the router calls this on every run; a glob and a stat until then)."""
    store = common.store()
    folder = _folder(store)
    version = common.data_version_now()
    if any(folder.glob(f"{recommend_index_disk.file_prefix(store)}*")) \
            and not recommend_index_disk.index_file(store, folder, version).is_file():
        _start(version)


def prepare(small: bool) -> Future | None:
    """The warm-up's (`app_pages.startup`): the current data's index read back from disk, or built when Partners was
    used on this store before or it is `small` (a large store never used for Partners builds nothing: 41 CPU s and
    1 GB on disk at 10x); None when nothing was started."""
    store = common.store()
    used = any(_folder(store).glob(f"{recommend_index_disk.file_prefix(store)}*"))
    return _start(common.data_version_now()) if small or used else None


def profiled(index: RecommenderIndex, version: str) -> Future:
    """The making of the cluster profiles over `index` (queued behind it by `_made`), without waiting for it."""
    store, where, folder = _here()
    return _clusters_of(store, index, where, version, folder)


def _waited(build: Future, label: str, done: str, clear) -> object:
    """`build`'s result, in an `st.status` saying `label` while it runs and `done` after (what is ready, as two
    boxes both titled "Ready" did not say); a failure is raised, not kept."""
    if not build.done():
        with st.status(label) as status:
            build.exception()
            status.update(label=done, state="complete", expanded=False)
    if build.exception() is not None:
        clear()  # try again on the next run instead of keeping the failure
    return build.result()


def recommender(current: Inputs) -> RecommenderIndex:
    """The index over `current` (the analytics inputs, maybe windowed), waiting and saying why while it is made."""
    store, _, folder = _here()
    on_disk = recommend_index_disk.index_file(store, folder, current.version).is_file()
    label = ("Reading the partner search's prepared figures from disk…" if on_disk else
             "Preparing the partner search for this data (once after a load, or for a new time window)…")
    done = "Partner search ready (read from disk)" if on_disk else "Partner search ready"
    return _waited(building(lambda: current.graph, current.version), label, done, _index_of.clear).index


def clusters(index: RecommenderIndex, version: str) -> ClusterIndex:
    """The profiles of every cluster over `index` (of data `version`), waiting and saying so while they are made."""
    return _waited(profiled(index, version),
                   "Summing up each cluster (sectors, programmes, places)…", "Clusters summed up", _clusters_of.clear)


def forget() -> None:
    """Forget the indexes and profiles held in memory (what a restart does); the files stay."""
    _index_of.clear()
    _clusters_of.clear()
