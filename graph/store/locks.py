"""OS-level locks on files beside a store: one for finding or starting its server, one for its loads.

`fcntl.flock` locks belong to an open file and go when the process dies (a `kill -9` leaves none
behind), and they work between threads of one process as between processes.
"""

from __future__ import annotations

import fcntl
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.errors import StoreBusy

__all__ = ["file_lock", "load_lock"]


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


@contextmanager
def load_lock(path: Path, store: str, *, wait: bool = True) -> Iterator[None]:
    """Serialise loads into one store: a second load waits (saying so on stderr) or, with `wait=False`, is refused."""
    with file_lock(path, wait=False) as got:
        if got:
            yield
            return
    if not wait:
        raise StoreBusy(f"another load, unload or backup is using {store}; wait for it to finish, then run this again")
    print(f"another load, unload or backup is using {store}; waiting for it to finish", file=sys.stderr, flush=True)
    with file_lock(path):
        yield
