"""Embedded store servers a test run leaves behind: found when the session ends, stopped, and named.

A store's server is a daemon stopped by its last client; a process killed mid-work (the fault tests do it on
purpose) leaves it running, noted beside the store for the next open, which in a test never comes. Once the
test's folder is deleted such a server serves nobody but keeps its memory, and on a CI machine one was seen
after the run. So the session records the servers running when it starts; when it ends, a server started since,
whose folder is under the session's temporary root and whose socket is still there (a server removing its socket
is already stopping), is killed, and the summary names its folder, which names the test that left it.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

__all__ = ["store_servers", "left_servers", "stop_left_servers"]

_SERVER = "redis-server"


def store_servers() -> dict[int, tuple[Path, Path | None]]:
    """The embedded store servers running now: pid -> (its folder, its socket or None)."""
    found: dict[int, tuple[Path, Path | None]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")[0].decode(errors="replace")
            folder = Path(os.readlink(entry / "cwd"))
        except OSError:  # gone meanwhile, or not ours to read
            continue
        program, _, title = command.partition(" ")
        if Path(program).name != _SERVER:
            continue
        socket = title.partition("unixsocket:")[2].strip() or None
        found[int(entry.name)] = (folder, Path(socket) if socket else None)
    return found


def left_servers(before: set[int], root: Path) -> dict[int, Path]:
    """Servers started since `before` was taken, serving a store under `root`, not stopping: pid -> folder."""
    return {pid: folder for pid, (folder, socket) in store_servers().items()
            if pid not in before and folder.is_relative_to(root) and socket is not None and socket.exists()}


def stop_left_servers(before: set[int], root: Path) -> list[Path]:
    """Kill the servers `left_servers` finds (their stores are a test's scratch files); their folders, sorted."""
    left = left_servers(before, root)
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return sorted(left.values())
