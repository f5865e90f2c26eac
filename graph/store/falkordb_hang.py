"""A server that stops answering: found by a PING beside a call that has waited long, and restarted.

FalkorDB can deadlock: a test run's `load seeds` into a fresh store waited 5 minutes on a server whose main
thread sat in `Globals_AddGraph`, blocked on a lock no thread held, every other thread idle (FalkorDB's
issue #2129 reports hangs of this kind, open). The server answered nobody: not that write, not a PING, not
the next process opening the store (`falkordb_process.answers` takes a server that does not answer in time
for a busy one and never kills it), and the client has no socket timeout, on purpose (a slow write must not
be sent twice). So each write, and each first PING of a new client, carries a `HangGuard`: after
`CHECK_S` it PINGs the server on a connection of its own, and a server that does not answer within
`PING_TIMEOUT_S` is hung, not busy (FalkorDB answers PINGs while it runs reads on its worker threads, holds
them back while a write runs, seconds at most for ours, and answers "loading" while it reads its files).
The guard restarts it as a read's watchdog does (`falkordb_watchdog.restart_server`: noted, killed, no
acknowledged write lost), so the call fails and is sent again to the new server. Reads have their own limit
and watchdog, which restarts a hung server too.
"""

from __future__ import annotations

import math
import time
from pathlib import Path

from graph.store.falkordb_process import note_of_server, probe_client
from graph.store.falkordb_watchdog import HUNG, restart_server
from graph.store.falkordb_watcher import off_watcher, watch

__all__ = ["CHECK_S", "PING_TIMEOUT_S", "HangGuard", "hung"]

#: A call waiting this long has its server PINGed (then again each time this long passes).
CHECK_S = 60.0
#: A server that does not answer a PING within this long is hung. FalkorDB answers no PING while it runs a write
#: (a write of 300,000 nodes held one back 1.5 s); ours run in batches, far shorter: a wide margin all the same.
PING_TIMEOUT_S = 120.0


def hung(socket_path: str, timeout_s: float) -> bool:
    """Whether the server on `socket_path` accepts a connection but does not answer a PING within `timeout_s`
    (a server that refuses connections is gone, not hung: the call fails by itself)."""
    import redis

    client = probe_client(socket_path, timeout_s)
    try:
        client.ping()
        return False
    except redis.BusyLoadingError:
        return False  # reading its files: it answers
    except redis.TimeoutError:
        return True
    except (redis.RedisError, OSError):
        return False
    finally:
        client.close()


class HangGuard:
    """`with HangGuard(db, pid):` restarts the server `pid` of `db` if it stops answering while the block runs;
    `guard.fired` says whether it did. The process's watcher (`falkordb_watcher`) keeps its time: the block
    starts no thread, and only a call still running `CHECK_S` after it began has its server PINGed."""

    def __init__(self, db: Path, pid: int):
        self.db, self.pid, self.fired = db, pid, False
        self._done, self._watcher = False, None

    def due(self, now: float) -> float:
        off_watcher(self._check, "store-hang-guard")  # the PING may wait PING_TIMEOUT_S: not on the watcher
        return math.inf  # `_check` says when next

    def _check(self) -> None:
        if (found := note_of_server(self.db, self.pid)) is None:  # found where a moved folder is now
            return  # stopped or restarted meanwhile: the call fails by itself
        if not hung(found[1]["socket"], PING_TIMEOUT_S):
            self._watcher.again(self, time.monotonic() + CHECK_S)
        elif not self._done:
            self.fired = True
            restart_server(self.db, self.pid, HUNG)

    def __enter__(self) -> HangGuard:
        try:
            self._watcher = watch(self, time.monotonic() + CHECK_S)
        except RuntimeError:  # at interpreter shutdown no thread starts: the call runs unguarded
            pass
        return self

    def __exit__(self, *exc: object) -> None:
        self._done = True
        if self._watcher is not None:
            self._watcher.forget(self)
