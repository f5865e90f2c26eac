"""A command killed at the very start of its store's server: the server is real, the command kills itself (-9) at a
set step of the start, and the next command must find and stop what it left. Real processes and servers."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from graph.store.falkordb_config import StorePaths
from graph.store.falkordb_server import process_alive
from tests import store_processes
from tests.store_processes import ROOT, cli, daemon_in, servers_in, wait_for

loaded_store = store_processes.loaded_store  # a stopped store holding the seeds (a fixture)

#: The command, killed (-9) by itself at a step of its server's start, named by `sys.argv[2]`: `daemonized`, once
#: the server has forked into the background and before its pid is read (the ~20 ms that the note of the pid
#: left open); `spawned`, as soon as `redis-server` runs, before it has forked (its daemon then comes up alone).
KILLED_AT = """
import os, signal, subprocess, sys
from graph.store import falkordb_server

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

class Spawned:
    @staticmethod
    def run(command, **kwargs):
        subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        die()

if sys.argv[2] == "daemonized":
    falkordb_server.wait_started = die
else:
    falkordb_server.subprocess = Spawned
from graph.store.falkordb_store import FalkorDBStore
FalkorDBStore(sys.argv[1])
"""


@pytest.mark.parametrize("step", ["daemonized", "spawned"])
def test_a_server_whose_command_was_killed_before_it_was_noted_is_stopped_by_the_next_command(loaded_store, step):
    """The server's pid was noted some 20 ms after its start: a command killed (-9) inside that gap left the server
    running unnoted, the next command started a second one over the same files, and the first stayed for good with
    the store in its memory. The note is now written before the start (its socket, no pid yet); the next command,
    under the store's lock, finds the server by that socket, stops it, and opens the store with one server."""
    folder, note = loaded_store.parent, StorePaths(loaded_store).note
    killed = subprocess.run([sys.executable, "-c", KILLED_AT, str(loaded_store), step], cwd=ROOT, timeout=120)
    assert killed.returncode == -9
    wait_for(lambda: daemon_in(folder), "the left server to run as a daemon")
    left = daemon_in(folder)
    intent = json.loads(note.read_text())
    assert "pid" not in intent and intent["socket"].encode() in open(f"/proc/{left}/cmdline", "rb").read()

    status = cli(loaded_store, "status")
    assert status.returncode == 0, status.stderr
    assert "Cluster" in status.stdout
    assert not process_alive(left)
    wait_for(lambda: not servers_in(folder), "the last client's exit to stop the one server", limit_s=30)
    assert not note.exists()
