"""The embedded store's files repaired conservatively, backed up and restored (the `store` commands).

What is damaged is found by `graph.store.falkordb_check` (see there for the files that make a store). Each
step here runs with no server using the files, under the store's lock, and keeps a copy of whatever it
changes: a repair never makes a store worse than it found it.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from itertools import count
from pathlib import Path

from graph.errors import StoreBusy, StoreDamaged, StoreUnavailable
from graph.store import falkordb_hang
from graph.store.falkordb_check import check_files
from graph.store.falkordb_config import StorePaths, default_limits, server_binaries
from graph.store.falkordb_manifest import manifest_rebuilt
from graph.store.falkordb_process import forget, kill, probe_client, read_note, running_socket, stop_unnoted
from graph.store.falkordb_server import start_server, stop_server, stopped_unused
from graph.store.locks import file_lock

__all__ = ["check_files", "repair", "restore", "one_of_the_store_files"]


def _not_running(db: Path, doing: str) -> None:
    stop_unnoted(StorePaths(db))  # under the lock: a server whose start was cut before it was noted
    if running_socket(db) and not stopped_unused(db):
        raise StoreBusy(f"the store {db} is in use (its server runs); stop the app and other commands, "
                        f"then {doing} again")


def _keep_copy(path: Path, stamp: str) -> Path:
    copy = _aside(path, stamp)
    (shutil.copytree if path.is_dir() else shutil.copy2)(path, copy)
    return copy


def repair(db: Path) -> list[str]:
    """Repair conservatively; returns what was done. Keeps a copy of every file or folder it changes.

    A truncated or corrupt append-only file is cut to its last whole command (`redis-check-aof --fix`);
    a missing manifest is written from the folder's files (`falkordb_manifest`), else the folder is rebuilt from
    the `.db` snapshot (writes after it are lost). Files that pass the checker are tried by a start of the server:
    one it dies reading (a write corrupted inside its value) is rebuilt from the snapshot too."""
    paths, stamp = StorePaths(db), time.strftime("repair-%Y%m%d-%H%M%S")
    with file_lock(paths.lock):
        _not_running(db, "repair")
        found = check_files(db)
        unread = _load_failure(paths) if found.sound else None
        if found.sound and unread is None:
            return [f"{db}: nothing to repair"]
        done = [f"the server could not read the append-only files, which pass its check ({unread})"] if unread else []
        if found.cut_at:
            copy = _keep_copy(paths.aof_dir, stamp)
            done.append(f"kept a copy of the append-only folder as {copy.name}")
            subprocess.run(["redis-check-aof", "--fix", str(paths.manifest)], executable=server_binaries()[0],
                           input="y\n", capture_output=True, text=True)
            done += [f"cut {name} to its first {good:,} bytes of {(copy / name).stat().st_size:,}: the writes in "
                     "the rest are lost (run the last load or `metrics compute --write` again)"
                     for name, good in found.cut_at.items()]
        elif rebuilt := manifest_rebuilt(paths, lambda folder: _keep_copy(folder, stamp)):  # before the snapshot
            done += rebuilt
        elif db.exists():
            if paths.aof_dir.exists():
                done.append(f"moved the damaged append-only folder to {_keep_copy(paths.aof_dir, stamp).name}")
                shutil.rmtree(paths.aof_dir)
            done.append(f"kept a copy of the snapshot as {_keep_copy(db, stamp).name}")
            try:
                _rebuild_from_snapshot(paths, "repair")
            except (StoreUnavailable, StoreDamaged) as e:  # what it moved is said: the next open blamed the user
                raise StoreDamaged(f"the repair of {db} could not rebuild the append-only folder from the snapshot "
                                   f"({e.reason or e}); it had {'; '.join(done)}. Restore a backup "
                                   "(`cluster-explorer store restore BACKUP`), or move the kept files back") from e
            done.append(f"rebuilt the append-only folder from the snapshot in {db.name} (writes after it are lost)")
        else:
            raise StoreDamaged(f"the store {db} cannot be repaired here: {'; '.join(found.problems)} and there "
                               "is no .db snapshot to rebuild from. Restore a backup: `cluster-explorer store restore`")
        if not (after := check_files(db)).sound:
            raise StoreDamaged(f"the repair of {db} did not make it sound: {'; '.join(after.problems)}")
        return done


def _load_failure(paths: StorePaths) -> str | None:
    """Why the server dies reading files that pass the checker ("Diverged applying GRAPH.EFFECT": `status` said
    "damaged", `store check` "sound" and `repair` "nothing to repair"), or None when it reads them (then stopped)."""
    try:
        start_server(paths, default_limits())
    except StoreDamaged as e:
        return e.reason or str(e)
    stop_server(paths.db)
    return None


def _rebuild_from_snapshot(paths: StorePaths, doing: str) -> None:
    """Start the server on the `.db` snapshot alone, turn on the append-only file (written from memory), stop.

    A server that stops answering (`falkordb_hang.PING_TIMEOUT_S` for one command) or whose rewrite fails is
    stopped, and `doing` (the command) is to be run again: the files it started from are kept beside the store."""
    import redis

    socket_path = start_server(paths, default_limits(), appendonly=False)
    client = probe_client(socket_path, falkordb_hang.PING_TIMEOUT_S)
    try:
        client.config_set("appendonly", "yes")
        while not paths.manifest.exists() or _rewriting(client.info("persistence")):
            time.sleep(0.05)
    except (redis.RedisError, OSError) as e:
        pid = int((read_note(paths) or {}).get("pid", 0))
        with_hung = " (it had stopped answering)" if isinstance(e, redis.TimeoutError) else f": {e}"
        kill(pid)
        forget(paths, read_note(paths) or {})
        raise StoreUnavailable(f"the server writing the append-only folder of {paths.db} from its snapshot failed"
                               f"{with_hung} and was stopped; run `cluster-explorer store {doing}` again",
                               reason=with_hung.strip(" ():")) from e  # `restore` names the backup, not its copy
    finally:
        client.close()
    stop_server(paths.db)


def _rewriting(info: dict) -> bool:
    if info.get("aof_last_bgrewrite_status") == "err":
        raise OSError("the rewrite of the append-only file failed (see the server's log)")
    return bool(info.get("aof_rewrite_in_progress") or info.get("aof_rewrite_scheduled"))


def _store_files(db: Path) -> list[Path]:
    paths = StorePaths(db)
    return [db, paths.aof_dir, paths.note, paths.lock, paths.load_lock]


def one_of_the_store_files(db: Path, path: Path) -> bool:
    """Whether `path` is one of the store's own files or inside one (a backup or restore must not touch them)."""
    return any(path == f or path.is_relative_to(f) for f in _store_files(db))


def _aside(path: Path, stamp: str) -> Path:
    """A free name beside `path` for keeping it: `<name>.before-<stamp>`, numbered when taken."""
    names = (path.with_name(f"{path.name}.before-{stamp}{f'-{n}' if n > 1 else ''}") for n in count(1))
    return next(name for name in names if not name.exists())


def restore(db: Path, source: Path) -> list[str]:
    """Replace the store with a backup made by `backup`; the current files are kept beside it, never deleted.

    The backup is read into a store of its own first (a folder beside the store): one the server cannot read
    fails there, and the store is left as it was."""
    source, paths = source.expanduser().resolve(), StorePaths(db)
    if source.is_dir():  # the folder `backup` was given
        source = source / db.name
    if not source.is_file():
        raise StoreUnavailable(f"no backup file at {source}")
    if one_of_the_store_files(db, source):
        raise StoreUnavailable(f"{source} is one of the store's own files, not a backup; restore a file that "
                               "`cluster-explorer store backup` wrote")
    if not source.read_bytes()[:5] == b"REDIS":
        raise StoreDamaged(f"{source} is not a backup made by `cluster-explorer store backup`")
    stamp = time.strftime("restore-%Y%m%d-%H%M%S")
    with file_lock(paths.lock):
        _not_running(db, "restore")
        staging = db.with_name(f".{db.name}.{stamp}")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        try:
            built = StorePaths(staging / db.name)
            shutil.copy2(source, built.db)
            try:
                _rebuild_from_snapshot(built, "restore")
            except (StoreUnavailable, StoreDamaged) as e:
                why = f"the server could not read it ({e.reason})" if e.reason else str(e)
                raise StoreDamaged(f"{source} cannot be restored: {why}; the store {db} is as it was") from e
            done = []
            for path in (db, paths.aof_dir):
                if path.exists():
                    moved = _aside(path, stamp)
                    path.rename(moved)
                    done.append(f"kept the current {path.name} as {moved.name}")
            built.db.rename(db)
            built.aof_dir.rename(paths.aof_dir)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        done.append(f"restored {db} from {source}")
        return done
