"""A read from another process while a load holds the store says so, once, without waiting for it.

The Nordic try-out: `query` and `load csv --check` ran on a store while `load sample` loaded it, and answered from
the half-loaded store without a word. A load holds the store's load lock and writes its process id and start into
it (`graph.store.locks.load_lock`); here a second real process holds the lock as a load does, and the CLI and the
app read the same store.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from graph.store.falkordb_server import StorePaths
from tests.cli_invoke import ROOT, cli_env, invoke

GRAPH = "reads_during_a_load"
#: A process holding the load lock as a load does (`load_lock`), until its input closes.
HOLD = ("import sys\nfrom pathlib import Path\nfrom graph.store.locks import load_lock\n"
        "with load_lock(Path(sys.argv[1]), 'the store'):\n    print('held', flush=True)\n    sys.stdin.read()\n")
SAID = "a load is running on this store (started "
MEMBERS = "Name;Org nr\nCobotti Solutions Oy;3120001-7\n"
MAPPING = """name = "members"
[[nodes]]
file = "members.csv"
separator = ";"
label = "Organisation"
id = "Org nr"
name = "Name"
"""


@pytest.fixture
def load_held(embedded_server):
    """The pid of another process that holds the store's load lock, as a running load does."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(StorePaths(embedded_server).load_lock)], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    yield holder
    holder.stdin.close()
    holder.wait(timeout=30)


def said_once(result, pid: int) -> None:
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if SAID in line]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Note: a load is running on this store (started ")
    assert lines[0].endswith(f" by PID {pid}): answers may miss what it has not written yet.")


def test_reads_and_a_check_say_a_load_is_running_without_waiting_for_it(embedded_server, tmp_path, load_held):
    env = cli_env(embedded_server, GRAPH)
    (tmp_path / "members.csv").write_text(MEMBERS, encoding="utf-8")
    (tmp_path / "members.toml").write_text(MAPPING, encoding="utf-8")
    for command in (["status"], ["query", "MATCH (n) RETURN count(n) AS n"], ["queries", "run", "provenance/loads"],
                    ["load", "csv", str(tmp_path / "members.toml"), "--check"]):
        said_once(invoke(env, *command), load_held.pid)


def test_once_the_load_ends_or_dies_nothing_is_said(embedded_server, load_held):
    env = cli_env(embedded_server, GRAPH)
    said_once(invoke(env, "status"), load_held.pid)
    load_held.kill()  # killed half-way: its lock goes with it, its name stays written in the file
    load_held.wait(timeout=30)
    assert SAID not in invoke(env, "status").stderr


def test_the_app_says_a_load_is_running_above_its_pages(embedded_server, load_held, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.setenv("CLUSTER_EXPLORER_DB", str(embedded_server))
    monkeypatch.setenv("CLUSTER_EXPLORER_GRAPH", GRAPH)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    try:
        at.switch_page("app_pages/queries.py").run()
        assert not at.exception, [e.value for e in at.exception]
        banners = [i.value for i in at.info if i.value.startswith("A load is running on this store (started ")]
        assert banners == [banners[0]] and f"by PID {load_held.pid}): answers may miss what it has not written " \
            "yet. This page shows the store as it stands" in banners[0]
    finally:
        st.cache_resource.clear()
