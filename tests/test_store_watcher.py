"""The embedded store's calls are watched by one thread per process (`graph/store/falkordb_watcher.py`), not by a
thread each: a thousand guarded calls start none, and the guards still fire once their time passes (a real server
stopped with SIGSTOP, as in `tests/test_store_hang.py`). A forked child watches its calls with a thread of its own."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from graph.errors import QueryTimeout
from graph.store import falkordb_hang, falkordb_watchdog
from graph.store.falkordb_process import process_alive
from graph.store.falkordb_store import FalkorDBStore


@pytest.fixture
def store(tmp_path):
    opened = FalkorDBStore(tmp_path / "store.db", "g")
    opened.write("MERGE (:Award {id: 'before'})")
    yield opened
    opened.close()


def _threads() -> list[str]:
    return sorted(thread.name for thread in threading.enumerate())


def test_a_thousand_guarded_calls_start_no_thread(store):
    started: list[str] = []

    def note_start(frame, event, arg):  # the first event of each thread started meanwhile (threading.setprofile)
        started.append(threading.current_thread().name)
        sys.setprofile(None)

    before = _threads()
    threading.setprofile(note_start)
    try:
        for i in range(500):
            store.write("MERGE (a:Award {id: $id})", {"id": str(i)})  # each under a hang guard
            store.read("MATCH (a:Award {id: $id}) RETURN a.id", {"id": str(i)})  # each under a watchdog
    finally:
        threading.setprofile(None)
    assert started == []
    assert _threads() == before and "store-watcher" in before  # the one watcher, started by the store's open
    assert store.read("MATCH (a:Award) RETURN count(a)").rows == [[501]]


def test_after_them_a_write_to_a_stopped_server_is_still_restarted(monkeypatch, store):
    monkeypatch.setattr(falkordb_hang, "CHECK_S", 0.3)
    monkeypatch.setattr(falkordb_hang, "PING_TIMEOUT_S", 1.0)
    for i in range(1000):
        store.write("MERGE (a:Award {id: $id})", {"id": str(i)})
    stopped = store.server_pid
    os.kill(stopped, signal.SIGSTOP)
    store.write("MERGE (:Award {id: 'after'})")
    assert not process_alive(stopped) and store.server_pid != stopped
    assert store.restarted.startswith("was restarted because it had stopped answering")
    assert store.read("MATCH (a:Award) RETURN count(a)").rows == [[1002]]


def test_a_read_of_a_stopped_server_past_its_limit_and_grace_is_stopped_by_a_restart(monkeypatch, store):
    monkeypatch.setattr(falkordb_watchdog, "GRACE_MIN_S", 0.5)
    stopped = store.server_pid
    os.kill(stopped, signal.SIGSTOP)
    with pytest.raises(QueryTimeout, match="ran past its time limit of 0.5 s .* the embedded server was restarted"):
        store.read("MATCH (a:Award) RETURN a.id", timeout_s=0.5)
    assert not process_alive(stopped) and store.server_pid != stopped
    assert store.read("MATCH (a:Award) RETURN a.id").rows == [["before"]]


FORKED = """
import os, sys, threading, time
from graph.store import falkordb_watcher

class Guard:
    def __init__(self):
        self.fired = threading.Event()
    def due(self, now):
        self.fired.set()

parent = Guard()
falkordb_watcher.watch(parent, time.monotonic())
assert parent.fired.wait(10), "the parent's watcher did not call"
child = os.fork()
if child == 0:
    guard = Guard()
    falkordb_watcher.watch(guard, time.monotonic() + 0.2)
    names = [t.name for t in threading.enumerate()]
    os._exit(0 if guard.fired.wait(10) and names.count("store-watcher") == 1 else 1)
print(os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]))
"""


def test_a_forked_child_watches_with_a_watcher_of_its_own():
    done = subprocess.run([sys.executable, "-W", "ignore::DeprecationWarning", "-c", FORKED], capture_output=True,
                          text=True, timeout=60, cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0"
