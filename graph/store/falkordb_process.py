"""The running server of one store, as other processes see it: its note, whether it answers, killing a dead one.

The running server is noted in `<db>.server.json`; a note whose socket refuses connections is a dead one, and
a dead server's process and run folder are removed so that it cannot keep the store's files. Apart from the
start and stop (`graph.store.falkordb_server`) because the repairs ask "is it running?" without starting one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import time
from pathlib import Path

from graph.store.falkordb_config import StorePaths

__all__ = ["running_socket", "process_alive", "is_server", "read_note", "answers", "probe_client", "forget", "kill",
           "note_of_server", "stop_unnoted"]


def read_note(paths: StorePaths) -> dict | None:
    """The note of the server last started for the store (pid, socket, log), or None."""
    try:
        return json.loads(paths.note.read_text())
    except (OSError, ValueError):
        return None


def note_of_server(db: Path, pid: int) -> tuple[StorePaths, dict] | None:
    """The store's paths and note of the server `pid` of `db`, found where the store is now; None when `pid` is not
    that store's server (any more). A folder moved (`mv`) while its server runs takes the note along and the
    server's working directory follows it: a read's watchdog that looked only at `db` found no note and left a
    runaway read running after a move."""
    try:
        folder = Path(os.readlink(f"/proc/{pid}/cwd")) if is_server(pid) else None
    except OSError:
        folder = None
    for paths in (StorePaths(db), *([StorePaths(folder / db.name)] if folder else [])):
        note = read_note(paths)
        if note is not None and int(note.get("pid", 0)) == pid:
            return paths, note
    return None


def probe_client(socket_path: str, timeout_s: float | None = None, connect_timeout_s: float | None = None):
    """A client of the server on `socket_path` that sends each command once: redis-py's default retries a timeout
    10 times with backoff, which made a 5 s probe of a hung server take over a minute."""
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return redis.Redis(unix_socket_path=socket_path, socket_timeout=timeout_s,
                       socket_connect_timeout=connect_timeout_s or timeout_s, retry=Retry(NoBackoff(), 0))


def answers(socket_path: str, pid: int = 0) -> bool:
    """Whether the server on `socket_path` is there: it answers, is loading its files, or is busy but alive."""
    import redis

    client = probe_client(socket_path, 5, connect_timeout_s=2)
    try:
        while True:
            try:
                return bool(client.ping())
            except redis.BusyLoadingError:
                time.sleep(0.1)
    except redis.TimeoutError:
        return is_server(pid)  # a busy server is no dead one: never kill it
    except (redis.RedisError, OSError):
        return False
    finally:
        client.close()


def _serves(note: dict, db: Path) -> bool | None:
    """Whether the live server of `note` keeps the files of `db` (None: no live server to ask). A note copied with
    the store's folder (`cp -a`) names the server of the folder it was copied from: a command on the copy wrote
    into the original store. The server works in its store's folder, and its process's working directory follows
    that folder when it is moved (`mv`: the same files, the same server, which must stay the only one)."""
    pid = int(note.get("pid", 0))
    try:
        folder = Path(os.readlink(f"/proc/{pid}/cwd")) if is_server(pid) else None
    except OSError:
        folder = None
    if folder is None:
        return None
    return folder == db.resolve().parent and Path(note.get("db", db.name)).name == db.name


def running_socket(db: Path) -> str | None:
    """The socket of the server running for `db`, or None (a note whose server is gone is removed; a note of
    another store's server, copied with the folder, is removed and that server left alone)."""
    paths = StorePaths(db)
    note = read_note(paths)
    if note is None or not note.get("pid"):  # none, or a start under way (or cut: `stop_unnoted`, under the lock)
        return None
    if _serves(note, Path(db)) is False:
        paths.note.unlink(missing_ok=True)
        return None
    if answers(note["socket"], int(note.get("pid", 0))):
        return note["socket"]
    kill(int(note.get("pid", 0)))  # a zombie or a server that refuses connections must not keep the files
    forget(paths, note)
    return None


def stop_unnoted(paths: StorePaths) -> None:
    """Kill the server of a start that was cut before its pid was noted, and forget it. Caller holds the lock, so a
    note without a pid (written before the start) is no start under way: the command making it was killed within the
    ~20 ms between the server's start and its note. That server ran unnoted for good, and a second one was started
    over the same files. It is found by the socket the note names, which its command line holds before and after it
    daemonizes; it had no client (no note named it), and its append-only file holds every acknowledged write."""
    note = read_note(paths)
    if note is None or note.get("pid") or not note.get("socket"):
        return
    while found := _servers_on(note["socket"]):  # again: one killed while it forked may have left its daemon
        for pid in found:
            kill(pid)
    forget(paths, note)


def _servers_on(socket_path: str) -> list[int]:
    """The live redis-servers started with the socket `socket_path` (a unique temporary folder's)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and socket_path.encode() in (proc / "cmdline").read_bytes() \
                    and is_server(int(proc.name)):
                found.append(int(proc.name))
        except OSError:
            continue
    return found


def is_server(pid: int) -> bool:
    """`pid` is a live redis-server (not a process that got the number of a server long gone)."""
    try:
        return process_alive(pid) and b"redis-server" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def remove_leftovers(paths: StorePaths) -> None:
    """Remove the temporary files of servers that died writing them (`temp-rewriteaof-<pid>.aof`, 3.5 MB at the
    sample's size, stayed in the store's folder for good after a server killed during a rewrite). Before a start,
    under the lock: a file of a live process stays."""
    for leftover in [*paths.db.parent.glob("temp-*.aof"), *paths.db.parent.glob("temp-*.rdb")]:
        pid = re.search(r"-(\d+)\.(?:aof|rdb)$", leftover.name)
        if pid and not process_alive(int(pid.group(1))):
            leftover.unlink(missing_ok=True)


def forget(paths: StorePaths, note: dict) -> None:
    """Remove the note of a server that is gone, and its folder of socket, pid and log."""
    paths.note.unlink(missing_ok=True)
    run_dir = Path(note.get("socket", "")).parent
    if run_dir.name.startswith("cluster-explorer-"):
        shutil.rmtree(run_dir, ignore_errors=True)


def kill(pid: int) -> None:
    """Kill `pid` if it is a live redis-server, and wait until it is gone."""
    if pid <= 0 or not is_server(pid):
        return
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        return
    _wait_gone(pid)


def _wait_gone(pid: int, limit_s: float = 30) -> None:
    deadline = time.monotonic() + limit_s
    while process_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)


def process_alive(pid: int) -> bool:
    """`pid` runs and is no zombie (a stopped server's process may linger as one)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False
