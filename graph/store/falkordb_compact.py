"""Compacting the embedded store's append-only files after a load, so the next start reads one snapshot.

The server keeps every acknowledged write in its append-only folder: a base snapshot plus the writes logged
since. A start replays all of it; after a large load the logged writes outweigh the snapshot (the 10x set:
160 MB snapshot + 196 MB of writes, 7.95 s to start on a quiet machine). Redis' `BGREWRITEAOF` writes a new
base snapshot in a forked child while the server keeps answering, then swaps the manifest to it in one
rename; until that rename the old files stay and stay named, so a rewrite killed half-way leaves the store
as it was (a test kills it). Done when `INFO persistence` counts one more rewrite and says it succeeded.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from graph.errors import StoreUnavailable

__all__ = ["rewrite_append_only", "persistence"]

#: How often the rewrite's state is asked for while waiting (seconds).
POLL_S = 0.1
#: Logged writes under this share of the snapshot are left to be replayed (see `rewrite_append_only`).
SMALL_LOG = 0.01


def persistence(connection: Any) -> dict[str, Any]:
    """The server's `INFO persistence` section as a dict."""
    return connection.info("persistence")


def rewrite_append_only(connection: Any, progress: Callable[[int, int], None] | None = None, *,
                        where: str = "the store") -> None:
    """Rewrite the append-only files into one base snapshot and wait until the server says it succeeded.

    `progress(percent, 100)` is called while the child writes (Redis' `current_fork_perc`). A rewrite already
    running (the server starts one itself when the logged writes outgrow the snapshot) is waited for. Nothing
    is rewritten when the writes logged since the snapshot are under `SMALL_LOG` of it (a load that changed
    nothing logs only its completion: replaying that costs nothing, rewriting 187 MB at 10x would cost seconds).
    Raises `StoreUnavailable` when the rewrite fails or the server goes away; the store's files are then as
    they were, every write kept.
    """
    import redis

    try:
        info = _wait_idle(connection)
        base = int(info.get("aof_base_size", 0))
        if int(info.get("aof_current_size", 0)) - base <= base * SMALL_LOG:
            return
        before = int(info.get("aof_rewrites", 0))
        connection.execute_command("BGREWRITEAOF")
        pause = 0.005
        while True:
            info = persistence(connection)
            if int(info.get("aof_rewrites", 0)) > before and not _busy(info):
                break
            if progress is not None:
                progress(int(float(info.get("current_fork_perc", 0) or 0)), 100)
            time.sleep(pause)
            pause = min(pause * 2, POLL_S)
    except (redis.RedisError, OSError) as e:
        raise StoreUnavailable(f"compacting {where} stopped: {e}. The data is kept: the next start replays the "
                               "logged writes (slower), and the next load compacts again") from e
    if info.get("aof_last_bgrewrite_status") != "ok":
        raise StoreUnavailable(f"compacting {where} failed (the server's log says why; a full disk is the usual "
                               "cause). The data is kept: the next start replays the logged writes (slower)")
    if progress is not None:
        progress(100, 100)


def _busy(info: dict[str, Any]) -> bool:
    return bool(int(info.get("aof_rewrite_in_progress", 0)) or int(info.get("aof_rewrite_scheduled", 0)))


def _wait_idle(connection: Any) -> dict[str, Any]:
    """Wait for a rewrite someone else started (a second BGREWRITEAOF would be refused meanwhile); the state then."""
    while _busy(info := persistence(connection)):
        time.sleep(POLL_S)
    return info
