"""Fault injection on the embedded store: real processes, real files, a real server; each case asserts the
message the user gets and the state the store is left in.

Here: processes opening one store at once (one server), a killed server (restarted by the next open), loads
serialised. Damaged files, backup and restore: tests/test_store_safety_files.py; reads that would take the
server down: tests/test_store_safety_reads.py.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from graph.errors import StoreBusy
from graph.store.falkordb_server import process_alive as alive
from graph.store.falkordb_store import FalkorDBStore
from graph.store.reads import counts
from tests import store_processes
from tests.store_processes import ROOT, _load_beside, cli, wait_for

loaded_store = store_processes.loaded_store  # a stopped store holding the seeds (a fixture)


OPENER = """
import sys, time
from graph.store.falkordb_store import FalkorDBStore
store = FalkorDBStore(sys.argv[1])
store.write("MERGE (:Award {id: $id})", {"id": sys.argv[2]})
deadline = time.monotonic() + 120
while store.read("MATCH (a:Award) RETURN count(a)").rows[0][0] < int(sys.argv[3]):
    assert time.monotonic() < deadline
    time.sleep(0.05)
print(store.server_pid, store.read("MATCH (a:Award) RETURN count(a)").rows[0][0])
store.close()
"""


def test_six_processes_opening_one_fresh_store_at_once_share_one_server(tmp_path):
    db = tmp_path / "fresh.db"
    openers = [subprocess.Popen([sys.executable, "-c", OPENER, str(db), f"p{i}", "6"], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(6)]
    outputs = [p.communicate(timeout=300) for p in openers]
    assert all(p.returncode == 0 for p in openers), [err for _, err in outputs]
    pids = {out.split()[0] for out, _ in outputs}
    assert len(pids) == 1, f"{len(pids)} servers were started for one file"
    assert {out.split()[1] for out, _ in outputs} == {"6"}  # every process saw every other's write
    wait_for(lambda: not alive(int(pids.pop() if pids else 0) or 0), "the server to stop after its last client")
    reopened = FalkorDBStore(db)
    try:
        assert reopened.read("MATCH (a:Award) RETURN count(a)").rows == [[6]]
    finally:
        reopened.close()


def test_a_killed_server_is_started_again_by_the_next_open_and_by_the_open_store(loaded_store):
    store = FalkorDBStore(loaded_store)
    try:
        expected, pid = counts(store), store.server_pid
        os.kill(pid, signal.SIGKILL)
        wait_for(lambda: not alive(pid), "the server to die")
        status = cli(loaded_store, "status")
        assert status.returncode == 0, status.stderr
        assert counts(store) == expected and store.restarted == "had stopped (it crashed or was killed)"
        assert store.server_pid != pid
    finally:
        store.close()


def test_a_second_load_waits_for_the_first_and_says_so(tmp_path):
    db = tmp_path / "serial.db"
    store = FalkorDBStore(db)
    try:
        with store.load_lock():
            with pytest.raises(StoreBusy, match="another load, unload or backup is using"):
                with store.load_lock(wait=False):
                    pass
            second = _load_beside(db, tmp_path)
            wait_for(lambda: "waiting" in (tmp_path / "load.err").read_text(), "the second load to say it waits")
            assert second.poll() is None
            assert "another load, unload or backup is using" in (tmp_path / "load.err").read_text()
        assert second.wait(timeout=300) == 0
        assert counts(store)[0]["Cluster"] > 20
    finally:
        store.close()
