"""`status` tells a load that is running from one that was interrupted, by the store's load lock.

A load holds the lock of its store file from start to end (`load_lock`, an OS `flock` that goes with its
process), and the loads of one run are marked complete together when it ends. The load log here is written as
loads write it (`started`, or `complete` with its time); the lock is held by a real second process, as a running
`load` holds it, and `status` runs on the command line.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from graph.store.falkordb_server import StorePaths
from graph.store.falkordb_store import FalkorDBStore
from graph.store.records import NodeRecord
from graph.store.writer import write_records
from tests.cli_invoke import ROOT, cli_env, invoke

GRAPH = "status_running_load"
HOLD = ("import sys\nfrom pathlib import Path\nfrom graph.store.locks import file_lock\n"
        "with file_lock(Path(sys.argv[1])):\n    print('held', flush=True)\n    sys.stdin.read()\n")


def logged(source: str, at: str, status: str = "started") -> NodeRecord:
    """The load log's entry of a `source` load started at `at`: not (yet) complete, or complete then."""
    done = {"loaded_at": at, "nodes": 1, "relationships": 0} if status == "complete" else {}
    return NodeRecord("Load", f"{source}@{at}", source, (source,),
                      properties={"source": source, "checksum": at, "status": status, "started_at": at, **done})


@pytest.fixture(scope="module")
def store(embedded_server):
    store = FalkorDBStore(embedded_server, GRAPH)
    store.clear()
    store.setup_schema()
    # a nuts load killed, then a seeds load run to the end, then a run of two loads (`load sample`) begun
    write_records(store, [logged("nuts", "2025-01-01T10:00:00"), logged("seeds", "2025-01-01T12:00:00", "complete"),
                          logged("cordis", "2025-01-02T10:00:00"), logged("csv", "2025-01-02T10:00:00")], [])
    yield store
    store.clear()
    store.close()


def hold_the_load_lock(db) -> subprocess.Popen:
    """A second process holding the load lock of the store file `db`, as a running load does, until its input
    closes or it is killed."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(StorePaths(db).load_lock)], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


@pytest.fixture
def another_process_holds_the_load_lock(embedded_server):
    holder = hold_the_load_lock(embedded_server)
    yield
    holder.stdin.close()
    holder.wait(timeout=30)


def status(embedded_server) -> list[str]:
    ran = invoke(cli_env(embedded_server, GRAPH), "status")
    assert ran.exit_code == 0, ran.stderr
    return ran.stdout.splitlines()


def test_a_started_load_no_process_holds_the_lock_for_is_interrupted(embedded_server, store):
    said = status(embedded_server)
    assert ("interrupted: the cordis load started at 2025-01-02T10:00:00 did not finish; run the same load again "
            "to complete it") in said
    assert len([line for line in said if line.startswith("interrupted:")]) == 3
    assert not [line for line in said if line.startswith("running:")]


def test_while_another_process_holds_the_lock_the_loads_started_since_the_last_complete_one_are_running(
        embedded_server, store, another_process_holds_the_load_lock):
    said = status(embedded_server)
    assert "running: the cordis load started at 2025-01-02T10:00:00 has not finished yet" in said
    assert "running: the csv load started at 2025-01-02T10:00:00 has not finished yet" in said
    # loads run one at a time, and are marked complete when their run ends: one unfinished before was interrupted
    assert ("interrupted: the nuts load started at 2025-01-01T10:00:00 did not finish; run the same load again to "
            "complete it") in said
    assert len([line for line in said if line.startswith(("running:", "interrupted:"))]) == 3


def test_once_the_lock_is_let_go_the_unfinished_load_is_interrupted_again(embedded_server, store):
    with_lock = hold_the_load_lock(embedded_server)
    with_lock.kill()  # a load killed half-way: its lock goes with it
    with_lock.wait(timeout=30)
    assert "interrupted: the cordis load started at 2025-01-02T10:00:00 did not finish; run the same load again " \
           "to complete it" in status(embedded_server)


def test_the_overview_page_tells_running_from_interrupted_as_status_does(embedded_server, store,
                                                                         another_process_holds_the_load_lock,
                                                                         monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.setenv("CLUSTER_EXPLORER_DB", str(embedded_server))
    monkeypatch.setenv("CLUSTER_EXPLORER_GRAPH", GRAPH)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    try:
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert "The cordis load started at 2025-01-02T10:00:00 is running." in [i.value for i in at.info]
        assert [w.value for w in at.warning if "did not finish" in w.value] == [
            "The nuts load started at 2025-01-01T10:00:00 did not finish; run the same load again to complete it."]
        assert at.metric[4].label == "Loads" and at.metric[4].value == "1"  # the completed seeds, not the unfinished
    finally:
        st.cache_resource.clear()  # closes the store the app opened


def test_status_of_an_empty_graph_names_the_graphs_the_file_holds(tmp_path):
    """A mistyped CLUSTER_EXPLORER_GRAPH opened an empty graph beside the loaded one, and status said only "nodes:
    none (run load sample ...)", inviting a second load of everything."""
    db = tmp_path / "store.db"
    assert invoke(cli_env(db, "cluster_explorer"), "load", "seeds").exit_code == 0
    said = invoke(cli_env(db, "cluster_explorr"), "status")
    assert said.exit_code == 0, said.stderr
    assert ("  the store's file holds other graphs: cluster_explorer; this one is 'cluster_explorr' "
            "(CLUSTER_EXPLORER_GRAPH): is it mistyped?") in said.stdout.splitlines()
    assert "other graphs" not in invoke(cli_env(db, "cluster_explorer"), "status").stdout  # a loaded graph: no word


def test_a_load_stamped_in_the_future_hides_no_later_interrupted_load(embedded_server):
    """A complete load stamped by a clock that was ahead (a store made on another machine, a clock corrected since)
    counted as later than every load after it: a load of the same source killed since was not called interrupted."""
    from graph.store.load_log import now_stamp

    store = FalkorDBStore(embedded_server, "status_future_stamp")
    try:
        store.clear()
        store.setup_schema()
        started = now_stamp()
        write_records(store, [logged("seeds", "2099-01-01T00:00:00+00:00", "complete"), logged("seeds", started)], [])
        ran = invoke(cli_env(embedded_server, "status_future_stamp"), "status")
        assert ran.exit_code == 0, ran.stderr
        assert (f"interrupted: the seeds load started at {started} did not finish; run the same load again to "
                "complete it") in ran.stdout.splitlines()
    finally:
        store.clear()
        store.close()


def test_a_clock_set_back_between_two_loads_of_one_source_keeps_the_later_load_later(embedded_server, monkeypatch):
    """The log was ordered by time stamps: a load completed, the clock was set back an hour, and a second load of the
    same source (other files) was killed after its start. Its start was stamped before the first load's completion,
    so `status` did not call it interrupted and listed it as the older of the two. Each write of the log now takes
    the next sequence number, which no clock moves."""
    import datetime as dt

    from graph.store import load_log
    from graph.store.reads import last_loads
    from graph.store.writer import WriteSummary

    store = FalkorDBStore(embedded_server, "status_clock_back")
    try:
        store.clear()
        store.setup_schema()
        load_log.start_load(store, "seeds", "a" * 64)
        load_log.record_load(store, "seeds", "a" * 64, WriteSummary(created=3, relationships=1))
        back = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).replace(microsecond=0).isoformat()
        monkeypatch.setattr(load_log, "now_stamp", lambda: back)  # the clock set back, for this load's start only
        load_log.start_load(store, "seeds", "b" * 64)
        monkeypatch.undo()
        assert [(e["checksum"], e["status"]) for e in last_loads(store)] == [("b" * 64, "started"),
                                                                            ("a" * 64, "complete")]
        ran = invoke(cli_env(embedded_server, "status_clock_back"), "status")
        assert ran.exit_code == 0, ran.stderr
        assert (f"interrupted: the seeds load started at {back} did not finish; run the same load again to "
                "complete it") in ran.stdout.splitlines()
    finally:
        store.clear()
        store.close()


def test_a_log_written_before_sequence_numbers_is_read_and_its_entries_come_before_numbered_ones(embedded_server):
    """Entries logged before numbers existed have none: among themselves they are ordered by their stamps as before
    (the module's other tests read such logs), and a numbered entry is later than each of them, whatever its stamp."""
    from graph.store.load_log import interrupted_loads
    from graph.store.reads import last_loads

    store = FalkorDBStore(embedded_server, "status_unnumbered")
    try:
        store.clear()
        store.setup_schema()
        numbered = logged("seeds", "2025-01-01T09:00:00")  # started after the upgrade, by a clock set back
        numbered.properties["seq"] = 1
        write_records(store, [logged("seeds", "2025-01-01T10:00:00", "complete"),
                              logged("nuts", "2025-01-01T08:00:00"), logged("nuts", "2025-01-01T11:00:00", "complete"),
                              numbered], [])
        loads = last_loads(store)
        assert [(e["source"], e["checksum"]) for e in loads] == [
            ("seeds", "2025-01-01T09:00:00"), ("nuts", "2025-01-01T11:00:00"), ("seeds", "2025-01-01T10:00:00"),
            ("nuts", "2025-01-01T08:00:00")]
        assert [(e["source"], e["started_at"]) for e in interrupted_loads(loads)] == [("seeds", "2025-01-01T09:00:00")]
    finally:
        store.clear()
        store.close()


def test_every_other_page_says_a_load_is_running(embedded_server, store, another_process_holds_the_load_lock,
                                                 monkeypatch):
    """The faults try-out: during a CLI load, Explore and Metrics showed the half-loaded store with no notice; only
    the Overview said a load was running."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.setenv("CLUSTER_EXPLORER_DB", str(embedded_server))
    monkeypatch.setenv("CLUSTER_EXPLORER_GRAPH", GRAPH)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    try:
        for page in ("app_pages/queries.py", "app_pages/data.py"):
            at.switch_page(page).run()
            assert not at.exception, [e.value for e in at.exception]
            assert ("A load is running (cordis, csv): this page shows the store as it stands, that load in part; it "
                    "shows the whole once the load ends (reload the page then; the Overview says when).") in [
                i.value for i in at.info], page
    finally:
        st.cache_resource.clear()


def test_no_page_says_a_load_is_running_when_none_holds_the_lock(embedded_server, store, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.setenv("CLUSTER_EXPLORER_DB", str(embedded_server))
    monkeypatch.setenv("CLUSTER_EXPLORER_GRAPH", GRAPH)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    try:
        at.switch_page("app_pages/queries.py").run()
        assert not at.exception and not [i for i in at.info if "A load is running" in i.value]
    finally:
        st.cache_resource.clear()
