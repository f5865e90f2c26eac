"""igraph draws from one process-wide random source; this module lends it a seeded one for one call.

Layouts and community detection must give the same answer for the same input (their results are cached
and compared), but Streamlit runs sessions on threads: without the lock, one thread could put the shared
source back while another is still drawing from its seeded copy.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import igraph as ig

__all__ = ["seeded"]

_LOCK = threading.RLock()


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """Inside the block igraph draws from `random.Random(seed)`; afterwards from Python's `random` again."""
    with _LOCK:
        ig.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            ig.set_random_number_generator(random)
