"""A server that stops answering (FalkorDB can deadlock; SIGSTOP stands in for it here) is restarted by the hang
guard of the write or the open waiting on it, and the call goes through: nothing acknowledged is lost, the store
says why it restarted. A server that is busy but answers is left alone. Real servers and processes."""

from __future__ import annotations

import os
import signal
import time

import pytest

from graph.store import falkordb_hang
from graph.store.falkordb_process import process_alive
from graph.store.falkordb_store import FalkorDBStore


@pytest.fixture
def quick_guard(monkeypatch):
    """The guard's waits made short (60 s and 120 s in use), so a hang is found in about a second."""
    monkeypatch.setattr(falkordb_hang, "CHECK_S", 0.3)
    monkeypatch.setattr(falkordb_hang, "PING_TIMEOUT_S", 1.0)


@pytest.fixture
def store(tmp_path):
    opened = FalkorDBStore(tmp_path / "store.db", "g")
    opened.setup_schema()
    opened.write("MERGE (:Award {id: 'before'})")
    yield opened
    opened.close()


def _hang(pid: int):
    os.kill(pid, signal.SIGSTOP)  # alive, its socket accepting connections, answering nothing


def _gone(pid: int, limit_s: float = 30) -> bool:
    """Whether `pid` is gone within `limit_s` (a busy machine took a moment after the kill to reap it)."""
    deadline = time.monotonic() + limit_s
    while process_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not process_alive(pid)


def _awards(store) -> list[str]:
    return [row[0] for row in store.read("MATCH (a:Award) RETURN a.id ORDER BY a.id").rows]


def test_a_write_to_a_hung_server_restarts_it_and_goes_through(quick_guard, store):
    hung = store.server_pid
    _hang(hung)
    store.write("MERGE (:Award {id: 'after'})")
    assert not process_alive(hung) and store.server_pid != hung
    assert _awards(store) == ["after", "before"]  # the acknowledged write before the hang is kept
    assert store.restarted == ("was restarted because it had stopped answering (a hang of the database; no saved "
                               "data is lost)")


def test_opening_a_store_whose_server_hangs_restarts_it(quick_guard, store):
    hung = store.server_pid
    _hang(hung)
    second = FalkorDBStore(store.db_path, "g")
    try:
        assert not process_alive(hung) and second.server_pid != hung
        assert _awards(second) == ["before"]
        assert _awards(store) == ["before"]  # the first client finds the new server too
    finally:
        second.close()


def test_a_busy_server_that_answers_is_left_alone(quick_guard, monkeypatch, store):
    """A write of 300,000 nodes keeps the server busy for a second or two, longer than the guard's first check,
    and holds back a PING's answer meanwhile (by up to 1.5 s here): an answer within the PING's limit is a busy
    server, not a hung one, and the guard does not restart it. (In use the limit is 120 s: a write of ours
    holds the server far less; with the 1 s of the other tests this write was taken for a hang, and with 10 s on a
    machine at load 15, where the write held the PING longer.)"""
    monkeypatch.setattr(falkordb_hang, "PING_TIMEOUT_S", 60.0)
    running = store.server_pid
    store.write("UNWIND range(1, 300000) AS i MERGE (a:Award {id: toString(i)}) SET a.year = i")
    assert store.server_pid == running and store.restarted is False
    assert store.read("MATCH (a:Award) RETURN count(a)").rows == [[300001]]


def test_a_backup_of_a_hung_server_restarts_it_and_says_so(quick_guard, store, tmp_path):
    from graph.errors import StoreUnavailable
    from graph.store.falkordb_backup import backup

    hung = store.server_pid
    _hang(hung)
    with pytest.raises(StoreUnavailable, match="its server had stopped answering and was restarted .*run the backup "
                                               "again"):
        backup(store.db_path, tmp_path / "backup.rdb")
    assert _gone(hung)  # the guard's thread ends the restart: the backup's call fails as the kill cuts it
    assert _awards(store) == ["before"]  # the store's next call opens the restarted server
    assert backup(store.db_path, tmp_path / "backup.rdb").read_bytes()[:5] == b"REDIS"


def test_a_server_that_does_not_stop_when_asked_is_killed(monkeypatch, store):
    """A stop saves a snapshot first; a server still there `STOP_WAIT_S` after (120 s in use) hangs and is killed
    (its append-only file holds every acknowledged write), so the app's or CLI's exit does not wait forever."""
    from graph.store import falkordb_server
    from graph.store.falkordb_config import StorePaths
    from graph.store.falkordb_process import read_note

    monkeypatch.setattr(falkordb_server, "STOP_WAIT_S", 1.0)
    hung = store.server_pid
    _hang(hung)
    with falkordb_server.file_lock(StorePaths(store.db_path).lock):
        falkordb_server.stop_server(store.db_path)
    assert not process_alive(hung) and read_note(StorePaths(store.db_path)) is None
    store.write("MERGE (:Award {id: 'after'})")  # its client finds it stopped on purpose and sends the write again
    assert _awards(store) == ["after", "before"]


def test_a_restore_whose_server_hangs_stops_it_and_says_to_run_it_again(quick_guard, monkeypatch, tmp_path):
    """`restore` (and `repair`) start a server over the snapshot to write the append-only folder: one that stops
    answering is stopped, the store is left as it was (the backup is read beside it), and a second run restores
    the backup whole."""
    from graph.errors import StoreUnavailable
    from graph.store import falkordb_backup, falkordb_files
    from graph.store.falkordb_config import StorePaths
    from graph.store.falkordb_process import read_note

    db = tmp_path / "store.db"
    first = FalkorDBStore(db, "g")
    first.write("MERGE (:Award {id: 'backed-up'})")
    falkordb_backup.backup(db, tmp_path / "backup.rdb")
    first.write("MERGE (:Award {id: 'later'})")
    first.close()
    started, start = [], falkordb_files.start_server

    def start_then_hang(paths, limits, **how):
        socket = start(paths, limits, **how)
        started.append(int(read_note(paths)["pid"]))
        _hang(started[-1])
        return socket

    with monkeypatch.context() as patched:
        patched.setattr(falkordb_files, "start_server", start_then_hang)
        with pytest.raises(StoreUnavailable) as failed:
            falkordb_files.restore(db, tmp_path / "backup.rdb")
    assert str(failed.value) == (f"{tmp_path / 'backup.rdb'} cannot be restored: the server could not read it (it "
                                 f"had stopped answering); the store {db} is as it was")
    assert not process_alive(started[0]) and read_note(StorePaths(db)) is None
    assert not [p.name for p in tmp_path.iterdir() if "restore" in p.name]  # nothing moved aside, no copy left
    assert _awards_of(db) == ["backed-up", "later"]  # the store as it was
    falkordb_files.restore(db, tmp_path / "backup.rdb")
    assert _awards_of(db) == ["backed-up"]


def _awards_of(db):
    opened = FalkorDBStore(db, "g")
    try:
        return _awards(opened)
    finally:
        opened.close()
