"""Bad reads with a real load beside them (issue 11): the runaway `reduce` and the huge result, each run while a
`load seeds` goes into the same store; the read is stopped or capped with its one line, the server is alive (or
restarted by the watchdog, the load sitting it out), and the load completes exactly: the same nodes and
relationships as the load run alone.

The load is made to overlap the read for certain: the test holds the store's load lock, so the load process
opens the store and waits (saying so); the read is started, and only then is the lock let go.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
import redis

from graph.errors import QueryTimeout
from graph.store.falkordb_config import StorePaths
from graph.store.falkordb_server import process_alive as alive
from graph.store.falkordb_store import FalkorDBStore
from graph.store.reads import counts
from tests.store_processes import cli, cli_process, wait_for

REDUCE = "RETURN size(reduce(s = '', x IN range(1, 400000) | s + 'xxxxxxxxxxxxxxxxxxxx'))"
HUGE = "UNWIND range(1, 3000000) AS x RETURN x"
NODE_IDS = "MATCH (n) WHERE NOT n:Load RETURN labels(n)[0] AS label, n.id AS id ORDER BY label, id"


def _contents(store: FalkorDBStore) -> tuple:
    """What a load of the seeds leaves: counts by label and type, and every node's label and id."""
    return counts(store), store.read(NODE_IDS, row_cap=10**6).rows


@pytest.fixture(scope="module")
def seeds_alone(tmp_path_factory) -> tuple:
    db = tmp_path_factory.mktemp("alone") / "alone.db"
    assert cli(db, "load", "seeds").returncode == 0
    store = FalkorDBStore(db)
    try:
        return _contents(store)
    finally:
        store.close()


def _reading(db: Path) -> bool:
    """The server runs a read (a client blocked in `GRAPH.RO_QUERY`): the reduce has begun. A write sent now waits
    behind it, and so does every other client (FalkorDB takes a write's lock on the server's main thread)."""
    client = redis.Redis(unix_socket_path=json.loads(StorePaths(db).note.read_text())["socket"], socket_timeout=5)
    try:
        return any(c.get("cmd") == "graph.RO_QUERY" and "b" in c.get("flags", "") for c in client.client_list())
    finally:
        client.close()


class _Beside:
    """A `load seeds` process held at the store's load lock until `release()`; `finish()` waits for it."""

    def __init__(self, store: FalkorDBStore, tmp_path: Path):
        self.err = tmp_path / "load.err"
        self._hold = store.load_lock()
        self._hold.__enter__()
        self.process = cli_process(store.db_path, "load", "seeds", stderr_file=self.err)
        wait_for(lambda: "waiting" in self.err.read_text() or self.process.poll() is not None,
                 "the load to open the store and wait for it")
        assert self.process.poll() is None, self.err.read_text()

    def release(self) -> None:
        self._hold.__exit__(None, None, None)

    def finish(self) -> str:
        out, _ = self.process.communicate(timeout=600)
        assert self.process.returncode == 0, self.err.read_text()
        assert "Traceback" not in self.err.read_text()
        return out


def _in_process_read(store: FalkorDBStore, query: str, **kw) -> tuple[threading.Thread, list]:
    outcome: list = []

    def run() -> None:
        try:
            outcome.append(store.read(query, **kw))
        except Exception as e:  # noqa: BLE001 - handed to the test thread
            outcome.append(e)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


@pytest.mark.parametrize("where", ["cli", "in-process"])
def test_a_runaway_reduce_is_stopped_by_a_restart_and_a_load_beside_it_completes_exactly(tmp_path, seeds_alone,
                                                                                        where):
    db = tmp_path / "reduce.db"
    store = FalkorDBStore(db)
    try:
        pid = store.server_pid
        beside = _Beside(store, tmp_path)
        try:
            if where == "cli":
                query = cli_process(db, "query", "--timeout", "4", REDUCE, stderr_file=tmp_path / "query.err")
                running = lambda: query.poll() is None  # noqa: E731
            else:
                thread, outcome = _in_process_read(store, REDUCE, timeout_s=2)
                running = thread.is_alive
            wait_for(lambda: not running() or _reading(db), "the server to run the reduce")
            assert running(), "the reduce ended before it began at the server"
        finally:
            beside.release()  # the load's first write waits behind the reduce until the watchdog restarts the server
        if where == "cli":
            query.communicate(timeout=600)
            note, *said = (tmp_path / "query.err").read_text().strip().splitlines()
            assert note.startswith("Note: a load is running on this store")  # the held lock, said as the read began
            assert query.returncode == 1 and said == [
                "Error: the query ran past its time limit of 4 s and the database did not stop it, so the embedded "
                "server was restarted (no saved data is lost); narrow the query down"]
        else:
            thread.join(timeout=600)
            assert isinstance(outcome[0], QueryTimeout) and "the embedded server was restarted" in str(outcome[0])
            assert "\n" not in str(outcome[0])
        out = beside.finish()
        assert ("while this load ran, the store's server was restarted to stop a read that ran past its time limit, "
                "which the database could not stop; the load went on") in out  # it lost its server and sat it out
        assert _contents(store) == seeds_alone  # (this store's connection was lost too: it reconnects)
        assert not alive(pid) and store.server_pid != pid
        status = cli(db, "status")
        assert status.returncode == 0 and "interrupted" not in status.stdout
    finally:
        store.close()


@pytest.mark.parametrize("where", ["cli", "in-process"])
def test_a_huge_result_is_capped_while_a_load_beside_it_completes_exactly(tmp_path, seeds_alone, where):
    db = tmp_path / "huge.db"
    store = FalkorDBStore(db)
    try:
        pid = store.server_pid
        beside = _Beside(store, tmp_path)
        try:
            if where == "cli":
                query = cli_process(db, "query", HUGE, "--limit", "5", "--format", "csv",
                                    stderr_file=tmp_path / "query.err")
            else:
                thread, outcome = _in_process_read(store, HUGE, row_cap=5, timeout_s=120)
        finally:
            beside.release()
        if where == "cli":
            out, _ = query.communicate(timeout=600)
            assert query.returncode == 0 and out.splitlines() == ["x", "1", "2", "3", "4", "5"]
            said = (tmp_path / "query.err").read_text().strip().splitlines()
            *before, last = said
            assert last == "(showing the first 5 rows; raise --limit to see more)"
            # the one line a read may say before it: the load beside it had taken its lock by then
            assert all(line.startswith("Note: a load is running on this store (started ") for line in before), before
        else:
            thread.join(timeout=600)
            assert outcome[0].rows == [[1], [2], [3], [4], [5]] and outcome[0].truncated
        out = beside.finish()
        assert "restarted" not in out
        assert store.server_pid == pid and alive(pid)
        assert _contents(store) == seeds_alone
    finally:
        store.close()


def _held(db: Path) -> bool:
    """The server answers nobody: a write waits behind the reduce, and every client behind it."""
    client = redis.Redis(unix_socket_path=json.loads(StorePaths(db).note.read_text())["socket"], socket_timeout=1)
    try:
        client.ping()
        return False
    except redis.TimeoutError:
        return True
    finally:
        client.close()


def test_a_store_opened_while_a_runaway_read_holds_the_server_opens_once_the_watchdog_restarts_it(tmp_path,
                                                                                                 seeds_alone):
    """The opening process holds the store's lock while its first ping waits on the held server: the watchdog
    must not wait for that lock (it did, and the two waited on each other until the read ended by itself)."""
    db = tmp_path / "open.db"
    store = FalkorDBStore(db)
    try:
        beside = _Beside(store, tmp_path)
        try:
            thread, outcome = _in_process_read(store, REDUCE, timeout_s=10)
            wait_for(lambda: not thread.is_alive() or _reading(db), "the server to run the reduce")
        finally:
            beside.release()
        wait_for(lambda: not thread.is_alive() or _held(db), "the load's first write to hold the server")
        assert thread.is_alive(), "the reduce ended before the load's write waited behind it"
        status = cli_process(db, "status", stderr_file=tmp_path / "status.err")
        thread.join(timeout=600)
        assert isinstance(outcome[0], QueryTimeout) and "the embedded server was restarted" in str(outcome[0])
        status.communicate(timeout=600)
        assert status.returncode == 0, (tmp_path / "status.err").read_text()
        assert "while this load ran, the store's server was restarted to stop a read that ran past" in beside.finish()
        assert _contents(store) == seeds_alone
    finally:
        store.close()
