"""A starting server that hangs while loading its files is given up on, not waited for as long as it lives.

A try-out's server deadlocked while loading a store: the command hung for twelve minutes holding the store's lock,
and `status` hung behind it. `wait_started` tells a hung start (no answer, no processor time for `stall_s`) from a
long load (busy); here real processes stand in for the server's two states: one asleep, one working, neither
answering on the socket.
"""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from graph.errors import StoreUnavailable
from graph.store.falkordb_config import StorePaths
from graph.store.falkordb_start_wait import Stalled, wait_started


def _waiting_for(process: subprocess.Popen, folder, stall_s: float):
    (folder / "server.pid").write_text(f"{process.pid}\n")
    return wait_started(folder / "server.pid", folder / "server.sock", folder / "server.log",
                        StorePaths(folder / "store.db"), stall_s=stall_s)


def test_a_start_that_neither_answers_nor_works_is_stalled(tmp_path):
    asleep = subprocess.Popen(["sleep", "60"])
    try:
        began = time.monotonic()
        with pytest.raises(Stalled) as stalled:
            _waiting_for(asleep, tmp_path, stall_s=1.0)
        # waited the stall time; not until the sleep ended (that would be "stopped while starting", not Stalled)
        assert stalled.value.pid == asleep.pid and time.monotonic() - began >= 1.0
    finally:
        asleep.kill()
        asleep.wait()


def test_a_start_that_works_is_waited_for_until_it_ends(tmp_path):
    """Busy for 3 s (a long load), with a stall time of 1 s: not stalled; it then exits, which is said."""
    busy = subprocess.Popen([sys.executable, "-c", "import time\nend = time.time() + 3\nwhile time.time() < end: pass"])
    try:
        began = time.monotonic()
        with pytest.raises(StoreUnavailable, match="stopped while starting: no log"):
            _waiting_for(busy, tmp_path, stall_s=1.0)
        assert time.monotonic() - began >= 2.5  # waited through the work, past the stall time
    finally:
        busy.kill()
        busy.wait()
