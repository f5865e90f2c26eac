"""The session's sweep of store servers left running: a process killed with its store open leaves one, found and
stopped; a server still serving a store outside the session's folder, or one started before, is left alone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from graph.store.falkordb_store import FalkorDBStore
from tests.server_sweep import left_servers, stop_left_servers, store_servers

ROOT = Path(__file__).resolve().parents[1]


def _open_and_get_killed(db: Path) -> None:
    """A process that opens the store, says so, and is killed with SIGKILL: its server outlives it."""
    opener = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\nfrom graph.store.falkordb_store import FalkorDBStore\n"
        f"FalkorDBStore({str(db)!r}, 'g')\nprint('open', flush=True)\ntime.sleep(600)")],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert opener.stdout.readline().strip() == "open"
    opener.send_signal(signal.SIGKILL)
    opener.wait()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].split()[0]
    return status != "Z"


def test_a_server_left_by_a_killed_process_is_found_and_stopped(tmp_path):
    before = set(store_servers())
    _open_and_get_killed(tmp_path / "left" / "store.db")

    left = left_servers(before, tmp_path)
    assert list(left.values()) == [tmp_path / "left"]
    assert stop_left_servers(before, tmp_path) == [tmp_path / "left"]
    pid = next(iter(left))
    deadline = time.monotonic() + 60  # a safety net: a loaded machine takes a while to end a killed process
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid)
    assert left_servers(before, tmp_path) == {}


def test_servers_outside_the_folder_or_started_before_are_left_alone(tmp_path):
    open_before = FalkorDBStore(tmp_path / "before" / "store.db", "g")
    try:
        before = set(store_servers())
        elsewhere = FalkorDBStore(tmp_path / "elsewhere" / "store.db", "g")
        try:
            assert left_servers(before, tmp_path / "before") == {}  # started before the sweep's record
            assert stop_left_servers(before, tmp_path / "other") == []  # none under that folder
            for store in (open_before, elsewhere):  # both still serve
                store.setup_schema()
                assert store.read("MATCH (n) RETURN count(n)").rows == [[0]]
        finally:
            elsewhere.close()
    finally:
        open_before.close()
