"""The analytics cache in the app: the narrow graph the Metrics, Partners and Map pages start from.

Not a page. `graph.analytics.cache` keeps the inputs on disk per data version; here they are also
held in memory, once per process and data version, shared by every session (`st.cache_resource`).
The inputs are made on a worker thread: `rebuild_after_load` (called by the router on every run)
starts it as soon as a load has made the file on disk stale, so the work is done before anyone opens
an analytics page; `prepare` (the app's warm-up, `app_pages.startup`) reads them back or builds them at the
start; a page that asks before it is ready says so (`st.status`) and waits.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import networkx as nx
import streamlit as st

from app_pages import common
from graph.analytics import cache, metrics_disk
from graph.analytics.projections import Projection, project
from graph.memory import long_lived
from graph.store.contract import GraphStore

_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="analytics-cache")


def _folder(store: GraphStore) -> Path:
    return cache.cache_dir_for(store, common.settings().cache_dir)


@st.cache_resource(max_entries=2, show_spinner=False)
def _inputs_of(_store: GraphStore, location: str, version: str, folder: str) -> Future:
    """The build of one data version's inputs, started once per process (the Future holds the result)."""
    return _WORKER.submit(long_lived, cache.projection_inputs, _store, Path(folder), version=version)  # graph.memory


def _current() -> tuple[GraphStore, str, Future]:
    store = common.store()
    version = common.data_version_now()
    where = f"{store.location}#{getattr(store, 'graph_name', '')}"
    return store, version, _inputs_of(store, where, version, str(_folder(store)))


def rebuild_after_load() -> None:
    """Start rebuilding in the background when the analytics were cached before and a load made that stale.

    Costs a few count queries per run; reads nothing large until a load has happened.
    """
    store = common.store()
    folder = _folder(store)
    versions = cache.cached_versions(store, folder)
    if versions and common.data_version_now() not in versions:
        _current()


def prepare(small: bool) -> cache.Inputs | None:
    """The warm-up's: the current data's inputs, read back from disk or built, when the analytics were used on this
    store before (a file of them is there, maybe of older data) or it is `small` (the bundled sample's narrow read:
    2 CPU s); None on a large store no analytics page was used on (at 10x the inputs hold 1.3 GB in memory)."""
    store = common.store()
    return building().result() if small or cache.cached_versions(store, _folder(store)) else None


def building() -> Future:
    """The current data version's inputs as they are being made (or made), for background work starting from them."""
    return _current()[2]


def inputs() -> cache.Inputs:
    """The inputs of the current data version, waiting (and saying why) while they are being made."""
    store, version, build = _current()
    if not build.done():
        label = ("Reading the analytics cache…" if cache.is_cached(store, _folder(store), version)
                 else "Rebuilding the analytics cache after a load (a narrow read of the store)…")
        with st.status(label) as status:
            build.exception()
            status.update(label="Analytics cache ready", state="complete", expanded=False)
    if build.exception() is not None:
        _inputs_of.clear()  # try again on the next run instead of keeping the failure
    if why := cache.not_kept(_folder(store)):  # a full or read-only cache folder: said, not a traceback
        st.caption(common.sentence(why))
    return build.result()


@st.cache_resource(max_entries=4, show_spinner="Linking the chosen nodes by the projects they share…")
def _projection(_graph: nx.MultiDiGraph, version: str, spec: Projection) -> nx.Graph:
    return long_lived(project, _graph, spec)


def projection(current: cache.Inputs, spec: Projection) -> nx.Graph:
    """The projection `spec` of the cached inputs, derived once per data version and spec."""
    return _projection(current.graph, current.version, spec)


def metrics(current: cache.Inputs, spec: Projection, chosen: list[str]) -> metrics_disk.KeptMetrics:
    """The `chosen` metrics on the projection `spec` of the cached inputs: read back from the file kept for this data
    version, projection and settings when it holds them (no projection derived, no progress bar), else computed on
    the projection held in memory, with a progress bar, and added to the file (`graph.analytics.metrics_disk`)."""
    store, scale, bar = common.store(), common.settings(), []

    def progress(done: int, total: int) -> None:
        if not bar:  # made when there is something to compute: results read back show none
            bar.append(common.progress_bar(f"Computing on {spec.describe()}"))
        bar[0](done, total)

    return metrics_disk.metrics_for(store, _folder(store), current.graph, current.version, spec, chosen,
                                    projected=lambda: projection(current, spec), progress=progress,
                                    exact_max_nodes=scale.metrics_exact_nodes, sample_size=scale.metrics_pivots)
