"""A load that starts while a read probes the store's load lock has it, and says nothing of another load.

Every rerun of an app page and every CLI read asks whether a load runs (`running_load_note`): where the lock file names
a holder (a killed load's stays written) it takes a shared lock for an instant. A load starting in that instant found
the lock held and said "another load, unload or backup is using" the store, though only a read had looked. Two real
processes: a probe running the real `running_load`, its shared lock held a little longer so that the instant can be
met, and this one loading.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from graph.errors import StoreBusy
from graph.store.locks import PROBE_GRACE_S, load_lock
from tests.store_processes import ROOT

PROBE_HOLDS_S = 0.2  # a real probe: well under a millisecond
PROBE = f"""
import fcntl, sys, time, types
from pathlib import Path
from graph.store import locks

def flock_held_awhile(handle, operation):
    fcntl.flock(handle, operation)
    if operation == fcntl.LOCK_SH | fcntl.LOCK_NB:
        print("held", flush=True)
        time.sleep({PROBE_HOLDS_S})

locks.fcntl = types.SimpleNamespace(LOCK_SH=fcntl.LOCK_SH, LOCK_NB=fcntl.LOCK_NB, LOCK_UN=fcntl.LOCK_UN,
                                    LOCK_EX=fcntl.LOCK_EX, flock=flock_held_awhile)
print(locks.running_load(Path(sys.argv[1])), flush=True)
"""


@pytest.mark.parametrize("wait", [True, False], ids=["load", "load-not-waiting"])
def test_a_load_starting_while_a_read_probes_the_lock_has_it_without_naming_another_load(tmp_path, capsys, wait):
    lock = tmp_path / ".load.lock"
    lock.write_text("4194304 1700000000\n")  # what a killed load leaves: a holder named, so the probe takes the lock
    probe = subprocess.Popen([sys.executable, "-c", PROBE, str(lock)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert probe.stdout.readline().strip() == "held"
        asked = time.monotonic()
        try:
            with load_lock(lock, "store.db", wait=wait):
                waited = time.monotonic() - asked
                holder = lock.read_text().split()[0]
        except StoreBusy as busy:
            pytest.fail(f"refused while only a read looked: {busy}")
    finally:
        said_by_probe = probe.communicate(timeout=60)[0]
    assert "another load" not in capsys.readouterr().err
    assert holder == str(os.getpid()) and said_by_probe.strip() == "None"  # the probe named no load
    assert 0.05 < waited < PROBE_GRACE_S + 0.5  # it did meet the probe's lock, and had it when the probe let go
