"""One thread per process watches every running call of the embedded store: the hang guards of writes and opens
(`falkordb_hang`) and the watchdogs of reads (`falkordb_watchdog`).

Each guard had started a thread of its own, per statement: `load sample`'s writer spent 0.26 s in `Thread.start`
alone (a new thread waits for the interpreter while the main thread is busy in Python), and every read of the
app started one. Now a guard hands the time it is next due to this watcher when its call begins and takes it back
when the call ends (a dict entry under a lock; the watcher is woken only when that time is its nearest). The
watcher sleeps until the nearest (a `threading.Condition` with a timeout) and calls that guard's `due(now)`,
which says when it is due again (`math.inf`: when it says so itself, through `again`) or None (done). What may
block (a PING that waits up to 120 s, a restart that kills a server and takes the store's lock) runs on a thread
of its own (`off_watcher`), so one hung server never holds back the memory looks of another store's read: such
work is rare, a call past its limit.

The watcher starts with the first guarded call of a process, and belongs to that process id: a child forked from
a process that had one has no watcher thread (only the forking thread survives a fork) and starts its own, as
does a process whose watcher ended (none should). At interpreter shutdown no thread starts, so `watch` refuses
then as `Thread.start` did for each guard (a guard keeps its outcome: a write runs unguarded, a read is refused),
even while the watcher still runs.
"""

from __future__ import annotations

import math
import os
import threading
import time
import traceback
from collections.abc import Callable
from typing import Protocol

__all__ = ["Guard", "Watcher", "watch", "off_watcher"]


class Guard(Protocol):
    def due(self, now: float) -> float | None:
        """Called on the watcher's thread once `now` passed the time it was due: when it is due next, `math.inf`
        for not until `Watcher.again`, None when it needs no more watching."""


class Watcher:
    """The watching thread of one process and the times its guards are due (by `time.monotonic`)."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self._due: dict[Guard, float] = {}
        self._wake = threading.Condition(threading.Lock())
        self._until = math.inf  # when the thread wakes next unless woken
        self.thread = threading.Thread(target=self._run, name="store-watcher", daemon=True)
        self.thread.start()

    def serves_this_process(self) -> bool:
        return self.pid == os.getpid() and self.thread.is_alive()

    def add(self, guard: Guard, at: float) -> None:
        with self._wake:
            self._due[guard] = at
            if at < self._until:
                self._wake.notify()

    def again(self, guard: Guard, at: float) -> bool:
        """Watch `guard` again from `at`, unless its call has ended meanwhile (False then)."""
        with self._wake:
            if guard not in self._due:
                return False
            self._due[guard] = at
            if at < self._until:
                self._wake.notify()
            return True

    def forget(self, guard: Guard) -> None:
        """`guard`'s call has ended (in a forked child the parent's watcher is not this process's: nothing to do)."""
        if self.pid == os.getpid():
            with self._wake:
                self._due.pop(guard, None)

    def _run(self) -> None:
        while True:
            with self._wake:
                now = time.monotonic()
                due = [guard for guard, at in self._due.items() if at <= now]
                if not due:
                    self._until = min(self._due.values(), default=math.inf)
                    self._wake.wait(None if self._until == math.inf else self._until - now)
                    continue
                self._until = now
            for guard in due:
                try:
                    next_at = guard.due(now)
                except Exception:  # one guard's failure ends its watching, as it ended its own thread, not others'
                    traceback.print_exc()
                    next_at = None
                with self._wake:
                    if guard in self._due:  # its call still runs
                        if next_at is None:
                            del self._due[guard]
                        else:
                            self._due[guard] = next_at


_watcher: Watcher | None = None
_starting = threading.Lock()


def _after_fork_in_child() -> None:
    global _starting
    _starting = threading.Lock()  # a thread of the parent may have held it at the fork


os.register_at_fork(after_in_child=_after_fork_in_child)


def watch(guard: Guard, at: float) -> Watcher:
    """Have this process's watcher call `guard.due` once `at` (`time.monotonic`) has passed; the watcher, to
    `forget` the guard when its call ends. RuntimeError at interpreter shutdown, when no thread starts."""
    global _watcher
    if getattr(threading, "_SHUTTING_DOWN", False):  # set by the interpreter's exit, before the atexit calls
        raise RuntimeError("can't create new thread at interpreter shutdown")
    watcher = _watcher
    if watcher is None or not watcher.serves_this_process():
        with _starting:
            if _watcher is None or not _watcher.serves_this_process():
                _watcher = Watcher()
            watcher = _watcher
    watcher.add(guard, at)
    return watcher


def off_watcher(work: Callable[[], None], name: str) -> None:
    """Run `work` on a thread of its own (on the watcher's own when none starts: at interpreter shutdown)."""
    try:
        threading.Thread(target=work, name=name, daemon=True).start()
    except RuntimeError:
        work()
