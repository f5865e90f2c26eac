"""A store's server stops once all its clients were killed without closing (`graph.store.falkordb_reaper`).

The server runs detached and is stopped by its last client closing; a command killed with -9 (or by the
out-of-memory killer) closes nothing, and its server, holding the whole graph in memory, ran on until a later
command on the store. Real servers and processes; the reaper looks every half second here
(`CLUSTER_EXPLORER_IDLE_CHECK_S`, inherited from the process that starts the server).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from graph.store.falkordb_process import is_server, read_note
from graph.store.falkordb_server import StorePaths
from graph.store.falkordb_store import FalkorDBStore
from tests.store_processes import ROOT, servers_in, wait_for

QUICK = {"CLUSTER_EXPLORER_IDLE_CHECK_S": "0.5"}
#: Opens the store, writes a cluster, says so, and waits to be killed.
HOLDER = ("import sys, time\nfrom graph.store.falkordb_store import FalkorDBStore\n"
          "store = FalkorDBStore(sys.argv[1])\nstore.setup_schema()\n"
          "store.write(\"MERGE (:Cluster {id: 'kept', name: 'Kept'}) RETURN 1\")\n"
          "print(store.server_pid, flush=True)\ntime.sleep(600)\n")


def _holder(db) -> tuple[subprocess.Popen, int]:
    environment = {**{k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}, **QUICK}
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], cwd=ROOT, env=environment,
                              stdout=subprocess.PIPE, text=True)
    return holder, int(holder.stdout.readline())


def test_the_server_of_a_killed_client_stops_and_keeps_its_data(tmp_path):
    db = tmp_path / "store.db"
    holder, pid = _holder(db)
    assert is_server(pid) and read_note(StorePaths(db))["pid"] == pid
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    # stopped as a last client stops it: gone, and forgotten (its note removed just after the process ends)
    wait_for(lambda: not is_server(pid) and read_note(StorePaths(db)) is None,
             "the server of the killed client to stop and be forgotten", limit_s=60)
    assert servers_in(tmp_path) == []
    store = FalkorDBStore(db)
    try:
        assert store.read("MATCH (c:Cluster) RETURN c.id").rows == [["kept"]]
        assert store.server_pid != pid
    finally:
        store.close()


def test_a_server_with_a_live_client_runs_on_after_another_client_was_killed(tmp_path):
    db = tmp_path / "store.db"
    holder, pid = _holder(db)  # its server's reaper looks every half second
    store = FalkorDBStore(db)  # a second client, alive
    try:
        assert store.server_pid == pid
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        time.sleep(3)  # six looks of the reaper
        assert is_server(pid)
        assert store.read("MATCH (c:Cluster) RETURN c.id").rows == [["kept"]]
    finally:
        store.close()
    wait_for(lambda: not is_server(pid), "the server to stop with its last client")
    assert read_note(StorePaths(db)) is None


def test_the_reaper_does_not_make_a_deleted_lock_file_again(tmp_path):
    """A store's folder deleted while its server ran could be made again by the reaper's next look (its lock file,
    taken after the note was read); a missing lock file now skips the look."""
    db = tmp_path / "store.db"
    holder, pid = _holder(db)  # its server's reaper looks every half second
    lock = StorePaths(db).lock
    try:
        assert lock.exists()
        lock.unlink()
        time.sleep(3)  # six looks of the reaper
        assert not lock.exists()
        assert is_server(pid)  # no look counted: the server runs on while its client does
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        os.kill(pid, signal.SIGTERM)
    wait_for(lambda: not is_server(pid), "the server to stop")


def test_a_server_whose_store_folder_was_deleted_stops_with_its_last_client(tmp_path):
    """A store's folder deleted while its server ran took the note with it, and the reaper left on finding no note:
    the server ran on, holding its graph, for good. It now runs while a client uses it, then stops and is cleaned up."""
    folder = tmp_path / "deleted"
    folder.mkdir()
    holder, pid = _holder(folder / "store.db")  # its server's reaper looks every half second
    run_dir = Path(read_note(StorePaths(folder / "store.db"))["socket"]).parent
    try:
        shutil.rmtree(folder)
        time.sleep(3)  # six looks of the reaper: its client is alive
        assert is_server(pid) and run_dir.exists()
        assert not folder.exists()  # nothing made again
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    wait_for(lambda: not is_server(pid), "the server of the deleted store to stop once its client is gone", limit_s=60)
    wait_for(lambda: not run_dir.exists(), "the server's run folder to be removed")
    assert not folder.exists()
