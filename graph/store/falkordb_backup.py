"""A backup of the embedded store: one consistent file (a snapshot), made while its server runs or not.

The `store backup` command's half of `graph.store.falkordb_files` (repair and restore stay there): it waits for
the load running into the store, if any, so that a backup never holds half a load.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from graph.errors import StoreUnavailable
from graph.store.falkordb_config import StorePaths, default_limits
from graph.store.falkordb_files import one_of_the_store_files
from graph.store.falkordb_hang import HangGuard
from graph.store.falkordb_process import probe_client, read_note
from graph.store.falkordb_server import ensure_server, release_server
from graph.store.locks import load_lock

__all__ = ["backup"]


def backup(db: Path, target: Path) -> Path:
    """A consistent copy of the store in one file (a snapshot), made while its server runs or not; after the load
    running into it, if any (a backup between two of its batches would hold half a load)."""
    import redis

    target = target.expanduser().resolve()
    target = target / db.name if target.is_dir() else target
    if one_of_the_store_files(db, target):
        raise StoreUnavailable(f"{target} is one of the store's own files; back up to a file elsewhere")
    if not target.parent.is_dir():
        raise StoreUnavailable(f"no folder {target.parent} to write the backup into; make it first")
    if not db.exists() and not StorePaths(db).aof_dir.exists():
        raise StoreUnavailable(f"there is no store at {db} to back up")
    with load_lock(StorePaths(db).load_lock, str(db)):
        client = probe_client(ensure_server(db, default_limits()))
        guard = HangGuard(db, int((read_note(StorePaths(db)) or {}).get("pid", 0)))
        partial = target.with_name(f".{target.name}.partial")
        try:
            with guard:  # a server that stops answering is restarted, and this backup fails saying so
                client.save()  # blocking: the snapshot is whole when it returns
            shutil.copy2(db, partial)
            partial.replace(target)  # an earlier backup there is replaced only by a whole one
        except redis.RedisError as e:
            raise StoreUnavailable(f"could not make a snapshot of {db}: " + (
                "its server had stopped answering and was restarted (no saved data is lost); run the backup again"
                if guard.fired else str(e))) from e
        except OSError as e:
            partial.unlink(missing_ok=True)  # a full disk kept a hidden half copy filling it
            raise StoreUnavailable(f"could not write the backup {target}: {e.strerror or e}") from e
        finally:
            release_server(db, client)  # stops the server if we started it and nobody else uses it
    return target
