"""A missing manifest written again from the files of the append-only folder, before any older snapshot is used.

The manifest (`appendonly.aof.manifest`, 104 bytes) names the folder's base file and its incremental files; the
files themselves hold every acknowledged write. With the manifest gone, `store repair` rebuilt the folder from the
`.db` snapshot beside it, which a server killed with -9 had not brought up to date: a whole load was lost
while the folder that held it was moved aside (a store-safety try-out). Here the manifest is written from the
files present (Redis' own format: the base file with the highest sequence number, then the incremental files in
order) and kept only if the store then checks sound (`redis-check-aof` reads every file it names); else nothing
changed and the repair goes on from the snapshot.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from graph.store.falkordb_check import check_files, manifest_files
from graph.store.falkordb_config import StorePaths

__all__ = ["manifest_rebuilt"]

_BASE = re.compile(r"appendonly\.aof\.(\d+)\.base\.(?:rdb|aof)")
_INCR = re.compile(r"appendonly\.aof\.(\d+)\.incr\.aof")


def _numbered(folder: Path, pattern: re.Pattern) -> list[tuple[int, str]]:
    return sorted((int(m.group(1)), p.name) for p in folder.iterdir() if (m := pattern.fullmatch(p.name)))


def manifest_rebuilt(paths: StorePaths, keep: Callable[[Path], Path]) -> list[str]:
    """Write the missing or damaged manifest of `paths` (one naming no file) from its folder's files (`keep` copies
    the folder first); what was done, or [] when the manifest names files, the folder holds no base file, or the
    written one does not check sound (a damaged one is then left out: the copy keeps it)."""
    if paths.manifest.exists() and manifest_files(paths.manifest):
        return []
    if not paths.aof_dir.is_dir() or not (bases := _numbered(paths.aof_dir, _BASE)):
        return []
    state = "damaged" if paths.manifest.exists() else "missing"
    base_seq, base = bases[-1]
    increments = _numbered(paths.aof_dir, _INCR)
    copy = keep(paths.aof_dir)
    paths.manifest.write_text(f"file {base} seq {base_seq} type b\n"
                              + "".join(f"file {name} seq {seq} type i\n" for seq, name in increments))
    if not check_files(paths.db).sound:
        paths.manifest.unlink()
        return []
    return [f"kept a copy of the append-only folder as {copy.name}",
            f"wrote its {state} manifest again from the files in {paths.aof_dir.name} ({base} and {len(increments)} "
            "incremental file(s)): every write they hold is kept"]
