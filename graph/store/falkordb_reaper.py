"""Stops a store's server once all its clients are gone without closing: killed with -9, or by the kernel.

The server runs detached and is stopped by its last client closing (`falkordb_server.release_server`). A client
killed with -9 (or by the out-of-memory killer) closes nothing: its connections vanish with it, and the server,
holding the whole graph in memory, ran on until a later command on the store found it unused. Each server now has
a reaper beside it, started with it (`start_reaper`): every `IDLE_CHECK_S` seconds it counts the server's clients;
having seen none `IDLE_CHECKS` times in a row, it stops the server under the store's lock as the last client would
have (`stopped_unused`: the clients counted again there, so an open racing it wins; a snapshot saved first), and
exits. It exits as well once the server is gone (stopped by its last client, killed, or replaced by a restart).

A reaper looks only while it holds the store's lock (skipping a look when another process holds it), so a client
closing never counts the look as another client and leaves the server running; between looks it holds no
connection. It never starts anything, nor makes a file: a lock file gone (the store's folder deleted while its
server ran) skips the look, where taking the lock had made the file and its folder again.

A server whose store folder was deleted (`rm -rf` of a test's or a user's folder while it ran) has no note any more,
and no open can find it again: a reaper that left when the note went left it running, holding its graph in memory,
for good (seen after a killed test run: an hour, until stopped by hand). The reaper now keeps watching it through
its socket (given at its start), and once it has had no client for `IDLE_CHECKS` looks, kills it (its files are
gone, so there is nothing to save) and removes its run folder (`stop_orphan`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

__all__ = ["IDLE_CHECK_S", "IDLE_CHECKS", "start_reaper", "clients_of", "watch", "folder_deleted", "stop_orphan"]

#: Seconds between two looks at the server's clients (`CLUSTER_EXPLORER_IDLE_CHECK_S` changes it: the tests).
IDLE_CHECK_S = 30.0
#: Looks in a row that found no client before the server is stopped (a client opening meanwhile holds its
#: connection from its open under the lock on, so one look would do; two leave a margin).
IDLE_CHECKS = 2


#: Where `graph` is found from: `python -m` looks in its working directory, installed or not.
_PROJECT = Path(__file__).resolve().parents[2]


def start_reaper(db: Path, pid: int, socket_path: str) -> None:
    """Start the reaper of server `pid` of store `db`, detached: it outlives the command that started the server.
    It is given the server's socket: the store's folder may be deleted before its first look at the note."""
    subprocess.Popen([sys.executable, "-m", "graph.store.falkordb_reaper", str(db), str(pid), socket_path],
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True, close_fds=True, cwd=_PROJECT)


def clients_of(socket_path: str) -> int | None:
    """How many clients the server on `socket_path` has besides this look; None when it does not answer."""
    import redis

    from graph.store.falkordb_process import probe_client

    probe = probe_client(socket_path, 10)
    try:
        me = str(probe.client_id())
        return len([c for c in probe.client_list() if str(c.get("id")) != me])
    except (redis.RedisError, OSError):
        return None
    finally:
        probe.close()


def _sleep_while_running(pid: int, every_s: float) -> None:
    """Wait `every_s` seconds, or less once server `pid` is gone: a reaper leaves with its server (each command
    that starts and stops one had left its reaper waiting up to 30 s), at the cost of a look at /proc a second."""
    from graph.store.falkordb_process import is_server

    deadline = time.monotonic() + every_s
    while (left := deadline - time.monotonic()) > 0 and is_server(pid):
        time.sleep(min(left, 1.0))


def folder_deleted(pid: int) -> bool:
    """Whether the working directory of process `pid`, its store's folder, was deleted while it ran."""
    try:
        return os.readlink(f"/proc/{pid}/cwd").endswith(" (deleted)")
    except OSError:
        return False


def stop_orphan(pid: int, note: dict) -> None:
    """Kill server `pid`, whose store's folder is gone, and remove its run folder (socket, pid and log)."""
    from graph.store.falkordb_process import kill

    kill(pid)
    run_dir = Path(note.get("socket", "")).parent
    if run_dir.name.startswith("cluster-explorer-"):
        shutil.rmtree(run_dir, ignore_errors=True)


def watch(db: Path, pid: int, every_s: float, socket_path: str) -> None:
    """Look at server `pid` every `every_s` seconds until it is gone; stop it after `IDLE_CHECKS` looks without a
    client. Found where the store is now (`note_of_server`: a moved folder takes its note along); a server whose
    store's folder was deleted is watched through its last note (`stop_orphan`)."""
    from graph.store.falkordb_process import is_server, note_of_server
    from graph.store.falkordb_server import stopped_unused
    from graph.store.locks import file_lock

    idle, note = 0, {"socket": socket_path}
    while True:
        _sleep_while_running(pid, every_s)
        if not is_server(pid):
            return  # stopped by its last client, or killed
        if (found := note_of_server(db, pid)) is None:
            if not folder_deleted(pid):
                return  # another server noted (a restart): not ours to watch
            idle = idle + 1 if clients_of(note["socket"]) == 0 else 0  # no open can find it: no lock to take
            if idle >= IDLE_CHECKS:
                return stop_orphan(pid, note)
            continue
        paths, note = found
        with contextlib.ExitStack() as held:
            try:  # not made again: the store's folder may have been deleted since its note was read
                free = held.enter_context(file_lock(paths.lock, wait=False, create=False))
            except FileNotFoundError:
                idle = 0
                continue
            if not free:  # no look while an open or a close is under way: the closing client would count this
                idle = 0  # look as a client and leave the server running
                continue
            idle = idle + 1 if clients_of(note["socket"]) == 0 else 0
            if idle >= IDLE_CHECKS:
                stopped_unused(paths.db)  # counts the clients again, and stops the server as its last client would
                idle = 0


if __name__ == "__main__":
    watch(Path(sys.argv[1]), int(sys.argv[2]), float(os.environ.get("CLUSTER_EXPLORER_IDLE_CHECK_S", IDLE_CHECK_S)),
          sys.argv[3])
