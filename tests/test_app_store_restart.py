"""The app's notice when the embedded store's server had to be started again says why: a crash or kill, or the
watchdog stopping a read the database could not stop (`graph.store.falkordb_watchdog.why_restarted`)."""

from __future__ import annotations

import os
import signal

import pytest

from graph.store.falkordb_server import process_alive as alive
from graph.store.falkordb_store import FalkorDBStore
from tests.app_graph import app_on_graph
from tests.store_processes import wait_for
from tests.test_app import open_page


@pytest.fixture
def own_store(tmp_path):
    """A store of its own (this test kills its server), with one node, that the app is pointed at."""
    db = tmp_path / "restart.db"
    store = FalkorDBStore(db)
    store.write("MERGE (:Award {id: 'kept', name: 'Kept award'})")
    with app_on_graph(db, None, tmp_path / "queries"):
        yield store
    store.close()


def test_after_a_killed_server_the_next_page_says_it_had_stopped_and_started_from_its_files(own_store):
    at = open_page()
    assert not at.toast  # nothing to say while the server runs
    pid = own_store.server_pid
    os.kill(pid, signal.SIGKILL)
    wait_for(lambda: not alive(pid), "the server to die")
    at.run()
    notices = [t.value for t in at.toast]
    assert notices == ["The store's server had stopped (it crashed or was killed); it was started again from the "
                       "store's files on disk, which keep every saved write."], notices
    assert own_store.read("MATCH (a:Award) RETURN a.id").rows == [["kept"]]
    at.run()
    assert not at.toast  # said once
