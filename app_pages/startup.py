"""The app's warm-up: what every first visit would wait for, done once when the app's process starts.

Not a page. A first visit used to pay for three things no visitor should wait for: starting the
embedded FalkorDB server (2.5 s), importing what the pages use (pandas, networkx, pyvis, igraph, scipy:
about 4 s on a busy machine) and reading and drawing the default Explore view. `begin()` does them on
a background thread as soon as the process starts (`python -m app_pages.serve`, which `./dev run` and
`cluster-explorer app` use), in two parallel steps because the server's start is mostly waiting:

1. open the store (`common.store()`, the process's one `st.cache_resource`) while importing the modules;
2. then count what the Overview shows and draw the default Explore view (`common.node_counts()`,
   `explore_draw.draw_default()`: caches shared by every session).

A visit arriving meanwhile does not do the work twice: Python's import lock and Streamlit's per-key
compute lock make it wait for the warm-up's result. Failures are only logged: the page that needs the
store then says why, as it always did. `timings()` reports each step (the bench prints them).
"""

from __future__ import annotations

import importlib
import logging
import threading
import time

__all__ = ["begin", "timings", "MODULES"]

#: Modules the pages import, heaviest first: imported by the warm-up so that no visit waits for them.
MODULES = ("pandas", "app_pages.common", "app_pages.explore_draw", "app_pages.widgets", "app_pages.analytics_cache",
           "graph.analytics.metrics", "graph.views.exports", "queries.runner", "loaders.seeds")

_LOG = logging.getLogger(__name__)
_LOCK = threading.Lock()
_THREAD: threading.Thread | None = None
_TIMINGS: dict[str, float] = {}
_OPENED = threading.Event()


def begin() -> threading.Thread:
    """Start the warm-up once per process; later calls return the same (maybe finished) thread."""
    global _THREAD
    with _LOCK:
        if _THREAD is None:
            _THREAD = threading.Thread(target=_warm, name="cluster-explorer-warm-up", daemon=True)
            _THREAD.start()
        return _THREAD


def timings() -> dict[str, float]:
    """Seconds each finished step took (`store`, `imports`, `overview`, `explore`, `total`), for the log."""
    return dict(_TIMINGS)


def _timed(step: str, work) -> bool:
    """Run one step, noting its time; False (and a log line) when it failed."""
    started = time.perf_counter()
    try:
        work()
        return True
    except Exception as e:  # noqa: BLE001 - the page that needs it reports the error to the user
        _LOG.warning("warm-up: %s failed (%s); the first page that needs it will say why", step, e)
        return False
    finally:
        _TIMINGS[step] = time.perf_counter() - started


def _open_store() -> None:
    from app_pages import common

    common.store()
    _OPENED.set()


def _import_all() -> None:
    for name in MODULES:
        importlib.import_module(name)


def _warm() -> None:
    started = time.perf_counter()
    opening = threading.Thread(target=_timed, args=("store", _open_store), name="cluster-explorer-open-store",
                               daemon=True)
    opening.start()  # mostly waits for the server process: the imports run meanwhile
    imported = _timed("imports", _import_all)
    opening.join()
    if imported and _OPENED.is_set():
        from app_pages import common, explore_draw

        _timed("overview", common.node_counts)
        _timed("explore", explore_draw.draw_default)
    _TIMINGS["total"] = time.perf_counter() - started
    _LOG.info("warm-up done in %.2f s: %s", _TIMINGS["total"], {k: round(v, 2) for k, v in _TIMINGS.items()})
