"""What a cache keeps for long is moved out of the cyclic collector's sight, and garbage that was frozen is
collected by the next settle (graph/memory.py): full collections then walk what pages make, not the 10x graph."""

from __future__ import annotations

import gc
import weakref

from graph.memory import gc_paused, long_lived, settle


class _Node:
    """An object that can sit in a reference cycle and be watched through a weak reference."""

    def __init__(self):
        self.other = self


def _tracked(thing) -> bool:
    """Whether the collector's generations 0-2 hold `thing` (frozen objects are in none of them)."""
    return any(o is thing for o in gc.get_objects())


def test_what_long_lived_builds_is_frozen_and_returned_whole():
    made = long_lived(lambda n: [{"i": i} for i in range(n)], 5000)
    assert [d["i"] for d in made] == list(range(5000))
    assert gc.is_tracked(made) and not _tracked(made) and not _tracked(made[-1])
    assert gc.get_freeze_count() >= 5001


def test_a_frozen_cycle_dropped_later_is_collected_by_the_next_settle():
    cycle = _Node()
    gone = weakref.ref(cycle)
    settle()
    del cycle
    gc.collect()
    assert gone() is not None  # frozen: a full collection does not see it (why settle unfreezes first)
    settle()
    assert gone() is None


def test_garbage_made_before_a_settle_is_collected_not_frozen():
    cycle = _Node()
    gone = weakref.ref(cycle)
    del cycle
    with gc_paused():  # the collector off: only settle's own collection can free it
        settle()
        assert gone() is None
