"""Fault injection on the embedded store: reads that would take the server down are refused or stopped, the
server stays (or is restarted) and a load beside them completes; the row cap bounds what crosses the wire.
Real processes and a real server."""

from __future__ import annotations

import subprocess
import sys

import psutil
import pytest

from graph.errors import QueryTimeout, QueryTooLarge
from graph.store.falkordb_server import ServerLimits, default_limits
from graph.store.falkordb_server import process_alive as alive
from graph.store.falkordb_store import FalkorDBStore
from graph.store.reads import counts
from tests import store_processes
from tests.store_processes import ROOT, _load_beside, cli

loaded_store = store_processes.loaded_store  # a stopped store holding the seeds (a fixture)


def test_a_huge_range_is_refused_in_one_line_while_a_load_beside_it_completes(tmp_path):
    db = tmp_path / "range.db"
    store = FalkorDBStore(db)
    try:
        pid = store.server_pid
        load = _load_beside(db, tmp_path)
        refused = cli(db, "query", "UNWIND range(1,2000000000) AS x RETURN count(x)")
        assert refused.returncode == 1
        *before, said = refused.stderr.strip().splitlines()
        assert said == ("Error: the query makes a range of 2,000,000,000 values, more than a query may hold "
                        "(1,024 MiB); it was not run")
        # the one line a read may say before it: the load beside it had taken its lock by then (on a busy machine)
        assert all(line.startswith("Note: a load is running on this store (started ") for line in before), before
        assert load.wait(timeout=300) == 0, (tmp_path / "load.err").read_text()
        assert store.server_pid == pid and alive(pid)
        assert counts(store)[0]["Cluster"] > 20
    finally:
        store.close()


def test_a_query_over_its_memory_capacity_is_stopped_by_the_database_and_the_server_stays(tmp_path):
    store = FalkorDBStore(tmp_path / "memory.db", limits=ServerLimits(query_memory=64 * 2**20,
                                                                       server_memory=default_limits().server_memory))
    try:
        store.write("CREATE (:Award {id: 'first'})")
        pid = store.server_pid
        with pytest.raises(QueryTooLarge, match=r"more memory than a query may use \(64 MiB\)"):
            # a time limit far above the few seconds the query needs: on a busy machine the default 10 s
            # could stop it first, and this test is about the memory limit
            store.read("WITH 20000000 AS n UNWIND range(1, n) AS x RETURN collect(x)", timeout_s=300)
        assert store.server_pid == pid and store.read("RETURN 1").rows == [[1]]
        store.write("CREATE (:Award {id: 'written after'})")
        assert store.read("MATCH (a:Award) RETURN count(a)").rows == [[2]]
    finally:
        store.close()


def test_a_read_the_database_cannot_stop_is_stopped_by_restarting_the_server(tmp_path):
    store = FalkorDBStore(tmp_path / "reduce.db")
    try:
        store.write("CREATE (:Award {id: 'kept'})")
        pid = store.server_pid
        with pytest.raises(QueryTimeout, match="the embedded server was restarted"):
            store.read("RETURN size(reduce(s = '', x IN range(1, 400000) | s + 'xxxxxxxxxxxxxxxxxxxx'))",
                       timeout_s=1)
        assert not alive(pid) and store.server_pid != pid
        assert "time limit" in store.restarted  # what the app's notice says
        assert store.read("MATCH (a:Award) RETURN a.id").rows == [["kept"]]
        load = cli(store.db_path, "load", "seeds")
        assert load.returncode == 0, load.stderr
    finally:
        store.close()


CAPPED_READ = """
import sys
from graph.store.falkordb_store import FalkorDBStore
store = FalkorDBStore(sys.argv[1])
store.write("CREATE (:Award {id: 'a'})")
result = store.read("UNWIND range(1, 3000000) AS x RETURN x, 'a row of some length' AS t", row_cap=5, timeout_s=120)
print(result.rows, result.truncated, store.read("RETURN 1").rows)
status = open("/proc/self/status").read()  # VmHWM: this program's peak (ru_maxrss counts the forking parent's)
print(int(status.split("VmHWM:")[1].split()[0]) // 1024)
store.close()
"""


def test_the_row_cap_bounds_what_crosses_the_wire(tmp_path):
    ran = subprocess.run([sys.executable, "-c", CAPPED_READ, str(tmp_path / "cap.db")], cwd=ROOT,
                         capture_output=True, text=True, timeout=600)
    assert ran.returncode == 0, ran.stderr
    rows, peak_mb = ran.stdout.splitlines()
    assert rows == str([[i, "a row of some length"] for i in range(1, 6)]) + " True [[1]]"
    assert int(peak_mb) < 400, f"the client held {peak_mb} MB for 5 rows of 3,000,000"  # a full read: ~1.3 GB


@pytest.fixture(params=["hiredis", "python"])
def reply_parser(request, monkeypatch):
    """Each parser of a capped read's rows: hiredis (a dependency) and the Python one that stands in without it."""
    from graph.store import falkordb_stream

    if request.param == "python":
        monkeypatch.setattr(falkordb_stream, "hiredis", None)
    else:
        assert falkordb_stream.hiredis is not None
    return request.param


@pytest.mark.parametrize("query", [
    "MATCH (c:Cluster) RETURN c ORDER BY c.id",
    "MATCH (c:Cluster)-[r]->(x) RETURN c.id, r, x.id, [1, 2.5, 'x'], {k: c.name} ORDER BY c.id, x.id",
    "MATCH p = (c:Cluster)-[]->() RETURN p ORDER BY c.id",
    "MATCH (c:Cluster) WHERE c.id = 'none' RETURN c",
])
def test_a_capped_read_gives_exactly_the_clients_rows(loaded_store, query, reply_parser):
    from graph.store.falkordb_stream import capped_ro_query

    store = FalkorDBStore(loaded_store)
    try:
        full = store._graph.ro_query(query).result_set
        capped = capped_ro_query(store._graph, query, 10_000, 7).result_set
        assert capped == full[:8]
        assert store.read(query, row_cap=7).truncated == (len(full) > 7)
    finally:
        store.close()


@pytest.mark.parametrize("cap", [30_000, 12_345])
def test_a_reply_of_many_chunks_is_read_whole_or_cut_mid_chunk(loaded_store, reply_parser, cap):
    """Rows spread over many 64 KB reads of the wire (a 5,000-node view's nodes are 10 MB): all of them when the cap
    leaves room, or cut inside a chunk, and the connection answers the next read either way."""
    from graph.store.falkordb_stream import capped_ro_query

    query = "UNWIND range(1, 20000) AS x RETURN x, 'Småland ' + toString(x) AS name, {n: x, l: [x, 'é']} AS m"
    store = FalkorDBStore(loaded_store)
    try:
        full = store._graph.ro_query(query).result_set
        assert capped_ro_query(store._graph, query, 60_000, cap).result_set == full[:cap + 1]
        assert store.read("RETURN 1").rows == [[1]]
    finally:
        store.close()


def test_a_runaway_read_is_still_stopped_after_the_store_folder_was_moved(tmp_path):
    """A folder moved (`mv`) while the app holds its store: the watchdog looked for the server's note at the old path,
    found none and left the runaway read running (200 s, the server answering nobody, a load beside it waiting). It
    finds the note where the server's working directory now is, stops the server and notes it there, so a client of
    the store at its new place sends its call again; the process at the old path is told where the store went."""
    from graph.store.falkordb_config import StorePaths
    from graph.store.falkordb_watchdog import stopped_by_watchdog

    old, moved = tmp_path / "a" / "store.db", tmp_path / "b" / "store.db"
    store = FalkorDBStore(old)
    beside = None
    try:
        store.write("CREATE (:Award {id: 'kept'})")
        pid = store.server_pid
        server = psutil.Process(pid)  # its start time tells it from a process given its pid later
        (tmp_path / "a").rename(tmp_path / "b")
        beside = FalkorDBStore(moved)  # the same server, found at the new place
        assert beside.server_pid == pid
        with pytest.raises(QueryTimeout) as stopped:
            store.read("RETURN size(reduce(s = '', x IN range(1, 400000) | s + 'xxxxxxxxxxxxxxxxxxxx'))", timeout_s=1)
        assert str(stopped.value) == (
            "the query ran past its time limit of 1 s and the database did not stop it, so the embedded server was "
            f"stopped (no saved data is lost); narrow the query down. The files of the store {old} are no longer "
            "there (its folder was moved or renamed, or they were deleted, while this process used it); nothing was "
            "written there: open the store where it is now (set CLUSTER_EXPLORER_DB or --db to it and restart the app "
            "or the command)")
        assert not server.is_running() or server.status() == psutil.STATUS_ZOMBIE
        assert stopped_by_watchdog(moved, pid)
        assert beside.read("MATCH (a:Award) RETURN a.id").rows == [["kept"]]  # sent again to a new server
        assert beside.server_pid != pid and "time limit" in beside.restarted
        assert not old.exists() and not StorePaths(old).aof_dir.exists()
    finally:
        for each in (store, beside):
            if each is not None:
                each.close()
