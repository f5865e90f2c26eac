"""The app's warm-up (app_pages.startup, app_pages.serve) and the reads a run makes: counts, never times.

* `cluster-explorer app` (`python -m app_pages.serve`) starts the store's server and draws the default
  Explore view before any visit (a real process on a fresh store file; nothing visits it);
* after the warm-up, the first Explore visit reads no view from the store (the warm-up drew the exact
  view the page asks for), and imports none of the heavy modules (the warm-up imported them);
* the data version is read once per run, not once per cached view.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.store import view_cypher
from graph.store.counting import reads_log
from graph.store.falkordb_server import StorePaths
from graph.store.load_log import LOAD_STAMPS
from tests.app_graph import app_on_stores
from tests.conftest import open_fixture_network

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
HEAVY = {"pandas", "numpy", "networkx", "pyvis", "igraph", "scipy", "IPython", "pyarrow", "graph", "app_pages",
         "queries", "loaders"}


def wait_for(condition, what: str, limit_s: float = 240) -> None:
    """Poll `condition` until true (no fixed sleep); fail saying `what` did not happen."""
    deadline = time.monotonic() + limit_s
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {limit_s:.0f} s")
        time.sleep(0.1)


def stop_or_show_where_it_hangs(app: subprocess.Popen, log: Path, limit_s: float = 60) -> None:
    """SIGTERM to the app's process group; an app still running after `limit_s` is made to print every thread's
    stack (SIGABRT with PYTHONFAULTHANDLER set) and the test fails showing them: a slow exit says where it waits."""
    os.killpg(app.pid, signal.SIGTERM)
    try:
        app.wait(timeout=limit_s)
    except subprocess.TimeoutExpired:
        app.send_signal(signal.SIGABRT)
        app.wait(timeout=30)
        pytest.fail(f"the app did not exit within {limit_s:.0f} s of SIGTERM; its log and threads:\n"
                    f"{log.read_text()[-20000:]}")


def first_line(query: str) -> str:
    return " ".join(query.split())[:200]


@pytest.fixture(scope="module")
def startup_store(embedded_server, tmp_path_factory):
    store = open_fixture_network(embedded_server, "startup_tests")
    with app_on_stores(embedded_server, "startup_tests", tmp_path_factory.mktemp("user_queries"), store):
        yield store


def test_cluster_explorer_app_starts_the_store_and_draws_before_any_visit(tmp_path):
    """`cluster-explorer app` (which runs `python -m app_pages.serve`), on a fresh store file, visited by no one."""
    db = tmp_path / "fresh.db"
    log = tmp_path / "app.log"
    env = {**os.environ, "CLUSTER_EXPLORER_QUERIES": str(tmp_path / "queries"), "PYTHONFAULTHANDLER": "1"}
    env.pop("NEO4J_URI", None)
    with log.open("w") as err:
        app = subprocess.Popen([sys.executable, "-m", "cli", "--db", str(db), "app", "--port", "0",
                                "--server.headless", "true", "--server.fileWatcherType", "none"],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
    try:
        wait_for(lambda: "warm-up done" in log.read_text() or app.poll() is not None, "the warm-up")
        assert app.poll() is None, log.read_text()
        note = json.loads(StorePaths(db).note.read_text())  # the store's server runs, started by the warm-up
        os.kill(int(note["pid"]), 0)
        done = next(line for line in log.read_text().splitlines() if "warm-up done" in line)
        assert all(f"'{step}'" in done for step in ("store", "imports", "overview", "explore")), done
        assert "failed" not in log.read_text()
    finally:
        stop_or_show_where_it_hangs(app, log)
    wait_for(lambda: not StorePaths(db).note.exists(), "the store's server stopping with the app")


def test_after_the_warm_up_the_first_explore_visit_reads_no_view(startup_store):
    from app_pages import startup

    startup.warm()  # what the app's start does, finished before the visit
    assert {"store", "imports", "overview", "explore"} <= set(startup.timings())
    before = len(reads_log())
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("app_pages/explore.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.get("iframe"), "the page drew no network"
    queries = [r.query for r in reads_log()[before:]]
    assert first_line(view_cypher.CLUSTER_PARTNERS) not in queries  # the clusters view came from the warm-up
    assert queries.count(first_line(LOAD_STAMPS)) == 1  # the data version: read once for the whole run


def test_the_warm_up_imports_what_the_explore_page_uses(startup_store):
    probe = ("import sys, json\n"
             "from app_pages import startup\n"
             "startup.warm()\n"
             "from streamlit.testing.v1 import AppTest\n"
             "before = set(sys.modules)\n"
             f"at = AppTest.from_file({APP!r}, default_timeout=120)\n"
             "at.switch_page('app_pages/explore.py')\n"
             "at.run()\n"
             "assert not at.exception, [e.value for e in at.exception]\n"
             "print(json.dumps(sorted(set(sys.modules) - before)))\n")
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    imported = json.loads(run.stdout.strip().splitlines()[-1])
    late = [m for m in imported if m.split(".")[0] in HEAVY]
    assert late == [], f"imported by the Explore visit, not by the warm-up: {late}"


def test_cluster_explorer_app_on_a_taken_port_says_so_and_opens_no_store(tmp_path):
    """A second `./dev run` while the first still serves: one line naming the address, exit 1, no warm-up."""
    db = tmp_path / "fresh.db"
    env = {**os.environ, "CLUSTER_EXPLORER_QUERIES": str(tmp_path / "queries")}
    env.pop("NEO4J_URI", None)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "cli", "--db", str(db), "app", "--port", str(port),
                               "--server.headless", "true", "--server.fileWatcherType", "none"],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert f"Error: cannot start the app: 127.0.0.1:{port} is in use" in done.stderr  # as every CLI error starts
    assert "cluster-explorer app --port N" in done.stderr and "--server.port" in done.stderr
    assert "Traceback" not in done.stderr and "warm-up" not in done.stderr
    assert not StorePaths(db).note.exists()  # no store server was started for an app that cannot serve
