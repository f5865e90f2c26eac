"""How often Python hands the interpreter from one thread to another while a load runs.

A load keeps two Python threads busy beside the database server: the writer's worker sends a batch and waits for
the server's answer while this thread builds the next batch (`graph.store.writer`), and the bundled sample's
CORDIS parse runs beside the seeds' and NUTS' writes (`loaders.pipeline.run_sample`). When the server answers,
the waiting thread needs the interpreter back, and the busy one lets go of it only every
`sys.getswitchinterval()` seconds (5 ms by default). That is a few hand-overs per batch, each up to 5 ms during
which the server has nothing to do. Measured on the CORDIS extract's 95 write statements: 5.1 s in the worker
against a floor of 4.0 s with the default, 4.3 s at 0.5 ms (`bench/bench_load_scale.py`).
`quick_switches` shortens the interval for the block and puts the earlier one back after it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["quick_switches", "LOAD_SWITCH_INTERVAL_S"]

#: The interval during a load: short enough that the server rarely waits on Python, long enough that the two
#: threads do not spend their time handing over (0.1 ms was no faster than 0.5 ms).
LOAD_SWITCH_INTERVAL_S = 0.0005


@contextmanager
def quick_switches(interval_s: float = LOAD_SWITCH_INTERVAL_S) -> Iterator[None]:
    """Hand the interpreter between threads at most every `interval_s` seconds for the block (never less often
    than it was), then as before."""
    before = sys.getswitchinterval()
    if before <= interval_s:  # already as short: left alone (a value read back and set again can lose 1 us)
        yield
        return
    sys.setswitchinterval(interval_s)
    try:
        yield
    finally:
        sys.setswitchinterval(before)
