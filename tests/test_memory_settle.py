"""What a cache keeps for long is moved out of the cyclic collector's sight, and garbage that was frozen is
collected by the next settle (graph/memory.py): full collections then walk what pages make, not the 10x graph."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
import weakref
from pathlib import Path

from graph.memory import gc_paused, long_lived, settle, settle_later, settled

ROOT = Path(__file__).resolve().parents[1]


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
    settled()  # the settle runs on its own thread after the caller has used what was built
    assert gc.is_tracked(made) and not _tracked(made) and not _tracked(made[-1])
    assert gc.get_freeze_count() >= 5001


def test_a_later_settle_leaves_the_caller_alone_until_it_runs():
    settled()
    made = [{"i": i} for i in range(100)]
    settle_later(delay_s=600)  # not before ten minutes
    assert _tracked(made)  # the caller's page run goes on with the collector as it was
    settle_later(delay_s=0)  # asked again: one settle, the earlier one cancelled
    settled()
    assert not _tracked(made)


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


def test_the_settle_waits_for_a_build_still_running():
    settled()
    started, release = threading.Event(), threading.Event()

    def slow_build():
        started.set()
        release.wait(60)
        return [_Node() for _ in range(10)]

    builder = threading.Thread(target=lambda: made.append(long_lived(slow_build)))
    made = []
    builder.start()
    started.wait(60)
    early = [{"i": i} for i in range(10)]
    settle_later(delay_s=0)  # asked while the build runs: put off until it ends
    assert _tracked(early)
    release.set()
    builder.join(60)
    settled()
    assert not _tracked(early) and not _tracked(made[0])


def test_a_build_at_interpreter_shutdown_is_returned_without_a_settle():
    script = ("import atexit\n"
              "from graph.memory import long_lived\n"
              "atexit.register(lambda: print('built', long_lived(lambda: 42)))\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0 and done.stdout.strip() == "built 42", done.stderr  # no thread can start then
