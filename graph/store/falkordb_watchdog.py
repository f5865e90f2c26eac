"""The watchdog of the embedded store's reads, and what a restart it makes means to the server's other clients.

FalkorDB folds constant expressions while it plans a query, outside the query's time limit, and cannot
interrupt them: a `reduce` that grows a string ran 200 s with a 3 s limit, and meanwhile the server
answered nobody (a load beside it waited). So each read carries a `Watchdog`: past its limit plus a grace
of max(`GRACE_MIN_S`, the limit) the server is killed (`restart_server`) and the next call starts it again.
No acknowledged write is lost: the append-only file is fsynced on each.

Every other client of that server loses its connection at that moment: a load beside the read, another
process opening the store. `restart_server` notes the killed server's pid beside the store
(`<db>.stopped-servers`, one pid a line) before it kills it, so such a client can tell "stopped by a
watchdog" (`stopped_by_watchdog`: wait for the restarted server and send the same statement again) from a
server that died of something else (a full disk: the write fails and says so). Sending a write again is safe
because every write the project sends is idempotent: the writer's and the load log's `UNWIND ... MERGE`,
the derived facts' and metrics' `SET`; a write the server applied before it was killed changes nothing the
second time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import psutil

from graph.errors import ClusterExplorerError, QueryTimeout, QueryTooLarge, StoreUnavailable
from graph.store.falkordb_process import forget, kill, note_of_server, read_note
from graph.store.falkordb_watcher import off_watcher, watch
from graph.store.locks import file_lock

__all__ = ["GRACE_MIN_S", "HUNG", "MEMORY", "Watchdog", "note_stopped", "restart_server", "stopped_by_watchdog",
           "why_restarted", "RESENDS"]

#: A read the database has not stopped by its limit plus max(GRACE_MIN_S, its limit) restarts the server.
GRACE_MIN_S = 5.0
#: The word noted beside the pid of a server restarted because it stopped answering.
HUNG = "hung"
#: How many watchdog restarts in a row one call sits out (each sends its statement again) before it gives up.
RESENDS = 3
#: The word noted beside the pid of a server restarted because a read made it grow past its memory limit.
MEMORY = "memory"
#: How often a read's watchdog looks at the server's memory: at the 0.6 GB/s a cross product grows, 60 MB a look.
MEMORY_POLL_S = 0.1


def _stopped_file(db: Path) -> Path:
    return db.with_name(db.name + ".stopped-servers")


def _noted(db: Path, pid: int) -> list[str] | None:
    """The words noted beside the server `pid` of `db` when a watchdog or hang guard killed it (`[]`, `["hung"]`);
    None when none did."""
    try:
        lines = [line.split() for line in _stopped_file(db).read_text().splitlines()]
    except OSError:
        return None
    return next((words[1:] for words in reversed(lines) if words and words[0] == str(pid)), None)  # the latest


def stopped_by_watchdog(db: Path, pid: int) -> bool:
    """Whether the server `pid` of `db` was killed by a read's watchdog or a hang guard (not dead of something
    else)."""
    return _noted(db, pid) is not None


def why_restarted(db: Path, pid: int) -> str:
    """In a user's words, why the server `pid` of `db` had to be started again (the app's notice says it)."""
    noted = _noted(db, pid)
    if noted == [HUNG]:
        return "was restarted because it had stopped answering (a hang of the database; no saved data is lost)"
    if noted == [MEMORY]:
        return ("was restarted to stop a read that made it grow past the memory it may use (no saved data is "
                "lost)")
    if noted is not None:
        return "was restarted to stop a read that ran past its time limit, which the database could not stop"
    return "had stopped (it crashed or was killed)"


def note_stopped(db: Path, pid: int, why: str = "") -> None:
    """Note beside `db` that its server `pid` is being killed on purpose, so its clients send their call again."""
    with open(_stopped_file(db), "a") as stopped:  # one short append: whole even when two watchdogs fire at once
        stopped.write(f"{pid} {why}\n" if why else f"{pid}\n")


def restart_server(db: Path, pid: int, why: str = "") -> None:
    """Kill the server `pid` of `db` (a read it cannot interrupt; `why=HUNG`: a server that stopped answering,
    `graph.store.falkordb_hang`) so the next call starts a fresh one.

    The kill does not wait for the store's lock: a process opening the store holds it while its first ping
    waits on the busy server, and that wait ends only with the kill. The note of the server is forgotten under
    the lock afterwards (unless a new server was started meanwhile).
    """
    if (found := note_of_server(db, pid)) is None:
        return  # already stopped or restarted
    paths = found[0]  # where the store is now: its folder may have been moved (`mv`) since this process opened it
    note_stopped(paths.db, pid, why)
    kill(pid)
    with file_lock(paths.lock):
        note = read_note(paths)
        if note is not None and int(note.get("pid", 0)) == pid:
            forget(paths, note)


class Watchdog:
    """`with Watchdog(db, pid, timeout_s, memory_limit) as dog:` restarts the server `pid` of `db` if the block
    outlives the limit plus the grace, or if the server grows past `memory_limit` bytes meanwhile (a read the
    database does not count against its query capacity, `MATCH (a), (b) RETURN a, b`, took the server to 22 GB
    and the machine's out-of-memory killer ended it); `dog.fired` says whether it did, `dog.error` what to say."""

    def __init__(self, db: Path, pid: int, timeout_s: float, memory_limit: int | None = None):
        self.db, self.pid, self.fired, self.memory_limit = db, pid, "", memory_limit
        self._deadline = time.monotonic() + timeout_s + max(GRACE_MIN_S, timeout_s)
        self._server, self._watcher = None, None  # the server's process: looked up at the first look at its memory

    def due(self, now: float) -> float | None:
        """On the process's watcher (`falkordb_watcher`): fire once the time is up or the server too big, else
        when to look again."""
        if now >= self._deadline:
            self.fired = "time"
        elif not self.memory_limit or (server := self._process()) is None:
            return self._deadline
        elif _resident(server) > self.memory_limit:
            self.fired = MEMORY
        else:
            return min(now + MEMORY_POLL_S, self._deadline)
        off_watcher(lambda: restart_server(self.db, self.pid, MEMORY if self.fired == MEMORY else ""),
                    "store-read-watchdog")  # it kills and takes the store's lock: not on the watcher
        return None

    def _process(self):
        if self._server is None:
            self._server = _process(self.pid) or False  # False: gone or unreadable, the time limit alone
        return self._server or None

    def error(self, timeout_s: float, reconnect: Callable[[int], object]) -> ClusterExplorerError:
        """What the read that made this watchdog fire says, once `reconnect(pid)` connected its store to a new server;
        a store whose folder was moved away gets none (`falkordb_check.refuse_if_gone`), and the read says so too."""
        try:
            reconnect(self.pid)
            gone = ""
        except StoreUnavailable as refused:
            gone = str(refused)
        done, then = ("stopped", f". {gone[0].upper()}{gone[1:]}") if gone else ("restarted", "")
        if self.fired == MEMORY:
            return QueryTooLarge(f"the query made the store's server grow past the memory it may use "
                                 f"({self.memory_limit // 2**20:,} MiB, CLUSTER_EXPLORER_SERVER_MEMORY_MB), so the "
                                 f"server was {done} (no saved data is lost); narrow the query down{then}")
        return QueryTimeout(f"the query ran past its time limit of {timeout_s:g} s and the database did not stop it, "
                            f"so the embedded server was {done} (no saved data is lost); narrow the query down{then}")

    def __enter__(self) -> Watchdog:
        first = min(time.monotonic() + MEMORY_POLL_S, self._deadline) if self.memory_limit else self._deadline
        try:
            self._watcher = watch(self, first)
        except RuntimeError as e:  # "can't create new thread at interpreter shutdown": no guard, so no read
            raise StoreUnavailable(f"this process is shutting down, so no read of the store {self.db} is started "
                                   f"now ({e})") from e
        return self

    def __exit__(self, *exc: object) -> None:
        if self._watcher is not None:
            self._watcher.forget(self)


def _process(pid: int):
    """The server's process, for its resident memory; None when it is gone or cannot be read."""
    try:
        return psutil.Process(pid)
    except psutil.Error:
        return None


def _resident(process) -> int:
    try:
        return process.memory_info().rss
    except psutil.Error:
        return 0
