"""Waiting for a starting embedded server: ready, exited (its log says why), or hung while loading its files.

A server loads its snapshot and append-only files before it answers, for seconds on a large store, and was
waited for as long as it lived. A try-out's server deadlocked while loading (its main thread stuck in
FalkorDB's `Globals_AddGraph`): the command hung for twelve minutes holding the store's lock, so `status` hung
behind it. Loading works the processor; a deadlock does not. So a server that has not answered and has used
no processor time for `STALL_S` is hung: `Stalled` is raised for the caller to kill it (and try once more:
the deadlock is intermittent).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import psutil

from graph.errors import StoreDamaged, StoreUnavailable
from graph.store.falkordb_check import server_log_reason
from graph.store.falkordb_config import StorePaths
from graph.store.falkordb_process import probe_client, process_alive

__all__ = ["STALL_S", "Stalled", "wait_started"]

#: A starting server that neither answers nor uses the processor for this long is hung (loading a store ten
#: times the sample keeps it busy throughout).
STALL_S = 30.0


class Stalled(Exception):
    """The server `pid` neither answered nor worked for `STALL_S` while starting."""

    def __init__(self, pid: int):
        super().__init__(pid)
        self.pid = pid


def wait_started(pid_file: Path, socket_path: Path, log_file: Path, paths: StorePaths,
                 stall_s: float = STALL_S, noted: Callable[[int], None] = lambda pid: None) -> int:
    """The pid of the started server once it answers; raises `Stalled` when it hangs, `StoreDamaged` or
    `StoreUnavailable` (with its log's reason) when it exits. `noted(pid)` as soon as the pid is known, before the
    wait: a caller killed while the server reads its files leaves it noted, for the next one to use."""
    deadline, pid = time.monotonic() + 60, 0
    while not pid and time.monotonic() < deadline:  # the daemon writes "<pid>\n" right after it forks
        text = pid_file.read_text() if pid_file.exists() else ""
        pid = int(text) if text.endswith("\n") and text.strip().isdigit() else 0
        if not pid:
            time.sleep(0.02)
    if pid:
        noted(pid)
    worked, since = (_cpu_time(pid) if pid else None), time.monotonic()
    while pid and process_alive(pid):
        if socket_path.exists() and _ready(socket_path):
            return pid
        if (now := _cpu_time(pid)) != worked:
            worked, since = now, time.monotonic()
        elif time.monotonic() - since > stall_s:
            raise Stalled(pid)
        time.sleep(0.05)
    reason, while_loading = server_log_reason(log_file)
    if while_loading:
        raise StoreDamaged(
            f"the store {paths.db} is damaged and was not opened: the server stopped while reading its append-only "
            f"files ({reason}), so they are corrupt inside a write, where the server's check cannot see it. "
            "`cluster-explorer store repair` rebuilds them from the snapshot (writes after it are lost); or restore a "
            "backup with `cluster-explorer store restore BACKUP`. Nothing was changed", reason=reason)
    raise StoreUnavailable(
        f"the embedded FalkorDB server for {paths.db} stopped while starting: {reason}. Run `cluster-explorer store "
        "check` for what is wrong with the store's files", reason=reason)


def _ready(socket_path: Path) -> bool:
    """Whether the server answers a ping (not while it loads its files, and not when it does not answer in 1 s)."""
    import redis

    client = probe_client(str(socket_path), 1, connect_timeout_s=1)
    try:
        return bool(client.ping())
    except (redis.RedisError, OSError):
        return False
    finally:
        client.close()


def _cpu_time(pid: int) -> float | None:
    try:
        times = psutil.Process(pid).cpu_times()
        return times.user + times.system
    except psutil.Error:
        return None
