"""OS-level locks on files beside a store: one for finding or starting its server, one for its loads.

`fcntl.flock` locks belong to an open file and go when the process dies (a `kill -9` leaves none
behind), and they work between threads of one process as between processes.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.errors import StoreBusy

__all__ = ["file_lock", "load_lock", "running_load"]


@contextmanager
def file_lock(path: Path, *, wait: bool = True, create: bool = True) -> Iterator[bool]:
    """Hold an exclusive `flock` on `path` (created if missing, with its folder; with `create=False` a missing
    file raises FileNotFoundError instead); yields False when busy and `wait` is False."""
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a" if create else "r") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


#: Seconds a load tries again for a lock it found held before it says another load holds it and waits: a read's
#: probe (`running_load` on every page rerun and CLI read, the status read of interrupted loads) holds it for
#: milliseconds, and a load that started in that instant had said "another load, unload or backup is using" the store.
PROBE_GRACE_S = 0.5
_RETRY_EVERY_S = 0.01


@contextmanager
def load_lock(path: Path, store: str, *, wait: bool = True, announce: bool = True) -> Iterator[None]:
    """Serialise loads into one store: a second load waits (saying so on stderr) or, with `wait=False`, is refused;
    a lock held by no more than a probe (`PROBE_GRACE_S`) is had without a word. The holder writes its process id and
    start into the lock file (`announce`; not a probe that only looks), so that reads from other processes can say a
    load is running (`running_load`)."""
    with _lock_within(path, PROBE_GRACE_S) as got:
        if got:
            with _announced(path, announce):
                yield
            return
    if not wait:
        raise StoreBusy(f"another load, unload or backup is using {store}; wait for it to finish, then run this again")
    print(f"another load, unload or backup is using {store}; waiting for it to finish", file=sys.stderr, flush=True)
    with file_lock(path), _announced(path, announce):
        yield


@contextmanager
def _lock_within(path: Path, seconds: float) -> Iterator[bool]:
    """`file_lock(path, wait=False)`, tried again for up to `seconds` while it is held; yields whether it was had."""
    deadline = time.monotonic() + seconds
    while True:
        with file_lock(path, wait=False) as got:
            if got or time.monotonic() >= deadline:
                yield got
                return
        time.sleep(_RETRY_EVERY_S)


@contextmanager
def _announced(path: Path, announce: bool) -> Iterator[None]:
    """`<pid> <start, seconds since the epoch>` in the held lock file, emptied when the load ends."""
    if announce:
        path.write_text(f"{os.getpid()} {time.time():.0f}\n")
    try:
        yield
    finally:
        if announce:
            path.write_text("")


def running_load(path: Path) -> tuple[int, float] | None:
    """The process id and start time of the load holding the lock file `path`, or None when no load holds it.

    Without blocking: the file names a holder (a killed load's stays written), and a shared lock that cannot be had
    says it still holds it; the shared lock, when had, is let go at once (a load starting in that instant tries
    again for `PROBE_GRACE_S` and has it, saying nothing)."""
    try:
        words = path.read_text().split()
    except OSError:
        return None
    if len(words) != 2 or not all(w.isdigit() for w in words):
        return None
    with open(path) as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return int(words[0]), float(words[1])
        fcntl.flock(handle, fcntl.LOCK_UN)
    return None
