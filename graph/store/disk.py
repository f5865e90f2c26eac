"""Writes that say plainly when the store's disk is full, instead of "connection closed".

FalkorDB keeps an append-only file fsynced on every write; when the file cannot grow, the server exits
rather than answer (its fsync-always policy), so the client only sees the connection go. Neo4j says
"No space left on device". Either way the load stopped part-way: `DiskFull` says to free space and
run the same load again, which completes it.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from graph.errors import ClusterExplorerError, DiskFull, StoreUnavailable
from graph.store.contract import GraphStore

__all__ = ["write", "disk_full", "DISK_RESERVE"]

_DISK_FULL = ("no space left on device", "enospc", "disk full", "disk is full")
#: Free space below which a store lost during a write is taken to have run out of disk, beyond the write's size.
DISK_RESERVE = 16 * 1024 * 1024


def _out_of_disk(store: GraphStore, error: ClusterExplorerError, size: int) -> bool:
    """Whether `error` comes from a full disk: the database says so (Neo4j), or the embedded server was
    lost and its disk has less room than the write needed (FalkorDB, whose append-only file is fsynced
    on every write, exits on a short write rather than answer)."""
    if any(sign in str(error).lower() for sign in _DISK_FULL):
        return True
    folder = getattr(store, "db_path", None)
    if folder is None or not isinstance(error, StoreUnavailable):
        return False
    try:
        return shutil.disk_usage(Path(folder).parent).free < 2 * size + DISK_RESERVE
    except OSError:
        return False


def disk_full(store: GraphStore, error: ClusterExplorerError, size: int = 0) -> DiskFull | None:
    """`error`, from a write of `size` characters or a read after it, as `DiskFull` if the disk is full."""
    if isinstance(error, DiskFull) or not _out_of_disk(store, error, size):
        return None
    return DiskFull(f"the disk holding the store ({store.location}) is full; free space and run the same load "
                    f"again to complete it ({error})")


def write(store: GraphStore, query: str, params: dict[str, Any] | None) -> None:
    """`store.write`, with a full disk said plainly: `DiskFull`, whose message says what to do."""
    try:
        store.write(query, params)
    except ClusterExplorerError as e:
        full = disk_full(store, e, len(query))
        if full is None:
            raise
        raise full from e
