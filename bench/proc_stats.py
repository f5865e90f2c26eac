"""CPU seconds and resident memory of a process tree, read from /proc (Linux): what `bench_app.py` prints beside
its wall times, because on a shared machine counts barely move with the load where times do."""

from __future__ import annotations

import os
from pathlib import Path


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB (from /proc)."""
    total = 0
    for task in [pid, *children(pid)]:
        try:
            for line in Path(f"/proc/{task}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def children(pid: int) -> list[int]:
    try:
        found = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
    return found + [g for c in found for g in children(c)]


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one process (all its threads) so far, from /proc; 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def cpu_split(app_pid: int, store_pid: int) -> tuple[float, float, float]:
    """CPU seconds so far of the app's Python process, the store's server, and the rest of this bench's
    processes (the browser, its driver, the bench itself). Counts, unlike times, barely move with the load."""
    tree = {os.getpid(), *children(os.getpid()), store_pid}
    app, store = cpu_seconds(app_pid), cpu_seconds(store_pid)
    return app, store, sum(cpu_seconds(p) for p in tree) - app - store
