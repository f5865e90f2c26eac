"""Pausing Python's cyclic garbage collector while bulk work builds objects that all stay alive.

A CORDIS load builds about two million small objects that live until it ends, and reading the whole
graph back (`graph.store.reads.to_networkx`) builds as many: the collector kept scanning them while
finding nothing to free (measured: 0.8 s of a 10 s load; 4-7 s of an 8-12 s read of the full extract,
more on each repeat as the heap grew).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]


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
