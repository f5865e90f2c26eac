"""The families of `bench_store_safety.py` for the gaps the third round closed: a runaway read after the store's folder
was moved, a command killed before its server was noted (after the daemon forked, and before), a clock set back
between two loads of one source.

Held means: the read after the move fails saying the server was stopped and where the store went, within its limit
and grace, and the server is gone; the next command after the killed start stops the left server and leaves none
running after its exit; the later load of the two, started by a clock an hour behind, is listed first and `status`
calls it interrupted.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from bench.store_safety_reads import ROOT, cli
from graph.store.falkordb_process import process_alive
from tests.store_processes import daemon_in, servers_in
from tests.test_store_safety_starts import KILLED_AT

__all__ = ["FAMILIES"]

_RUNAWAY_AFTER_MOVE = """
import os, sys
from graph.store.falkordb_store import FalkorDBStore
store = FalkorDBStore(sys.argv[1])
pid = store.server_pid
os.rename(os.path.dirname(sys.argv[1]), sys.argv[2])
try:
    store.read("RETURN size(reduce(s = '', x IN range(1, 400000) | s + 'xxxxxxxxxxxxxxxxxxxx'))", timeout_s=1)
except Exception as e:
    print(pid, e)
"""

_CLOCK_BACK = """
import datetime as dt, sys
from graph.store import load_log
from graph.store.falkordb_store import FalkorDBStore
store = FalkorDBStore(sys.argv[1])
load_log.now_stamp = lambda: (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).replace(microsecond=0).isoformat()
load_log.start_load(store, "seeds", "b" * 64)
store.close()
"""


def _until(condition, limit_s: float = 60) -> bool:
    deadline = time.monotonic() + limit_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def runaway_read_after_move(folder: Path) -> bool:
    db, moved = folder / "a" / "store.db", folder / "b"
    cli(db, "load", "seeds")
    ran = subprocess.run([sys.executable, "-c", _RUNAWAY_AFTER_MOVE, str(db), str(moved)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    pid, _, said = ran.stdout.partition(" ")
    return ("the embedded server was stopped" in said and "are no longer there" in said and pid.isdigit()
            and not process_alive(int(pid)) and not servers_in(moved))


def killed_before_noted(folder: Path, step: str) -> bool:
    db = folder / "store.db"
    cli(db, "load", "seeds")
    subprocess.run([sys.executable, "-c", KILLED_AT, str(db), step], cwd=ROOT, timeout=120)
    left = daemon_in(folder) if _until(lambda: daemon_in(folder)) else 0
    status = cli(db, "status")
    return bool(left) and status.returncode == 0 and not process_alive(left) and _until(
        lambda: not servers_in(folder), 30)


def clock_set_back(folder: Path) -> bool:
    db = folder / "store.db"
    cli(db, "load", "seeds")
    subprocess.run([sys.executable, "-c", _CLOCK_BACK, str(db)], cwd=ROOT, check=True, timeout=120)
    said = cli(db, "status").stdout.splitlines()
    loads = said[said.index("last loads:") + 1:] if "last loads:" in said else []
    return bool(loads) and "started, not finished" in loads[0] and any(
        line.startswith("interrupted: the seeds load started at") for line in said)


FAMILIES = [
    ("a runaway read after the store's folder was moved: stopped, the store's new place said", runaway_read_after_move),
    *[(f"a command killed (-9) at its server's start ({step}), before the note: the next stops it",
       lambda f, s=step: killed_before_noted(f, s)) for step in ("daemonized", "spawned")],
    ("a clock set back an hour between two loads of one source: the later is later", clock_set_back),
]
