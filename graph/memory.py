"""Keeping Python's cyclic garbage collector off objects that stay alive: paused during bulk builds, and blind
to what a long-lived cache holds.

A CORDIS load builds about two million small objects that live until it ends, and reading the whole
graph back (`graph.store.reads.to_networkx`) builds as many: the collector kept scanning them while
finding nothing to free (measured: 0.8 s of a 10 s load; 4-7 s of an 8-12 s read of the full extract,
more on each repeat as the heap grew). `gc_paused` stops it for such a block.

The app holds what it builds once per data version for every session (the analytics inputs, the recommender
index, a time window's slice, a projection): at 10x, 1.9 million objects that the collector tracks. Each full
collection walks them all, 0.7-1.7 s, and the app's page runs triggered one every ~2 s (measured in the 10x
Chromium bench: nearly every visit paid one, about 1 CPU s of a 1.8-3 s Explore visit). `long_lived` builds such
a thing and, two seconds later on a thread of its own (after the page run that waited for it: the collection
holds the interpreter ~1 s at 10x, and a Partners visit after a restart paid it, 4.1 -> 5.1 s), collects once and
moves every object then alive to the permanent generation (`gc.freeze`), which full collections skip.
Frozen objects are still freed by reference counting; one in a reference cycle that
becomes garbage later (an older data version's graph, dropped from its cache) waits for the next `settle`,
which unfreezes and collects first, so what is frozen stays bounded by what the caches held at the last one.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["gc_paused", "long_lived", "settle", "settle_later", "settled", "SETTLE_DELAY_S"]

#: How long after a build its settle waits (`settle_later`): past the page run that waited for the build.
SETTLE_DELAY_S = 2.0

_SETTLING = threading.Lock()
_TIMER_LOCK = threading.Lock()
_TIMER: threading.Timer | None = None
_BUILDING = 0  # `long_lived` builds running: the settle waits for the last (`_settle_when_idle`)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block (reference counting still frees what is dropped)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def settle() -> None:
    """Collect what is garbage now, the frozen objects included, then freeze every object alive (one full
    collection: 0.7-1 s at 10x, paid once per thing built instead of on every later page run)."""
    with _SETTLING:
        gc.unfreeze()
        gc.collect()
        gc.freeze()


def settle_later(delay_s: float = SETTLE_DELAY_S) -> None:
    """`settle()` on a thread of its own `delay_s` from now, once for several calls in a row, and not while a
    `long_lived` build runs: a page waiting for what was just built shows its result first (the settle's
    collection holds the interpreter ~1 s at 10x), and a chain of builds (the inputs, then the index) pays one."""
    global _TIMER
    with _TIMER_LOCK:
        if _TIMER is not None:
            _TIMER.cancel()
        timer = threading.Timer(delay_s, _settle_when_idle, (delay_s,))
        timer.daemon = True
        timer.name = "cluster-explorer-settle"
        try:
            timer.start()
        except RuntimeError:  # the interpreter is shutting down: no thread can start, and nothing needs a settle
            return
        _TIMER = timer


def _settle_when_idle(delay_s: float) -> None:
    """The timer's work: `settle()`, or, while a `long_lived` build runs (the index waiting for its inputs), later."""
    with _TIMER_LOCK:
        busy = _BUILDING > 0
    if busy:
        settle_later(max(delay_s, 0.1))
    else:
        settle()


def settled(timeout_s: float | None = None) -> None:
    """Wait until the settle `settle_later` last asked for has run (tests and benches look after it)."""
    while True:
        with _TIMER_LOCK:
            timer = _TIMER
        if timer is None:
            return
        timer.join(timeout_s)
        with _TIMER_LOCK:
            if _TIMER is timer:  # not asked again meanwhile (a busy timer asks again)
                return


def long_lived[**P, T](make: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """`make(*args, **kwargs)`, a thing a cache keeps for long, then `settle_later()` so later full collections
    skip it."""
    global _BUILDING
    with _TIMER_LOCK:
        _BUILDING += 1
    try:
        return make(*args, **kwargs)
    finally:
        with _TIMER_LOCK:
            _BUILDING -= 1
        settle_later()
