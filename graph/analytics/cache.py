"""Projection inputs cached on disk next to the store, keyed by the data version, shared by every process.

Metrics, communities, the recommender and the map's aggregates all start from the same narrow read
(`graph.analytics.inputs.read_inputs`). Reading it costs seconds and grows with the data, so it is
made once per data version and kept as a file:

* where: `<db file>.cache/` beside the embedded store, or `CLUSTER_EXPLORER_CACHE_DIR` when set
  (the place for Neo4j; default `data/cache`). One file per store and graph, named
  `<store tag>-<data version>.inputs.pickle`; older versions' files are removed when a new one is written.
* what: a pickle (protocol 5) of `{"format", "version", "location", "graph"}`, the graph being the
  narrow networkx graph. Pickle because the projections work on that graph and pickle rebuilds it
  faster than anything that rebuilds it from tables; only files this module wrote are ever read, from
  a folder beside the store that only its owner should be able to write.
* when: the first request after a load (any process: CLI or app) finds no file for the new data
  version, reads the store and writes the file atomically (a temporary file, then `os.replace`), so a
  reader never sees half a file and two writers just write the same thing twice. A restart with
  unchanged data reuses the file. When a load starts or finishes while the read runs, the result is used once
  but not stored, since it may mix two versions; its graph says so (`settled` is False), so that nothing built
  from it is kept under the version either (`graph.analytics.kept_files`).
* when it cannot be written (a full disk, a read-only folder): what was made is used from memory, and the
  reason is said once per folder on stderr (`not_kept` gives it to the app); a writer killed mid-write leaves
  its temporary file, named with its process id, and the next write into the folder removes it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from graph.analytics.inputs import NODE_LABELS, NODE_PROPERTIES, REL_PROPERTIES, data_version, read_inputs
from graph.analytics.projections import Projection, project
from graph.memory import gc_paused
from graph.settings import DEFAULT_CACHE_DIR
from graph.store.contract import GraphStore
from graph.store.falkordb_process import process_alive

__all__ = ["Inputs", "FORMAT", "cache_dir_for", "store_tag", "read_pickle", "write_pickle", "keep", "not_kept",
           "cache_file", "is_cached", "cached_versions", "projection_inputs", "settled", "projection", "data_version"]

#: Bumped whenever what the file holds changes shape: files of another format are rebuilt.
FORMAT = 1
_ANY_SHAPE = ".inputs.pickle"
#: What the narrow read reads, in the file's name: a release that reads more (new dates, say) never takes a file
#: of an older shape for its own, whatever the data version.
_SHAPE = hashlib.sha256(repr((NODE_LABELS, NODE_PROPERTIES, REL_PROPERTIES)).encode()).hexdigest()[:8]
_SUFFIX = f".{_SHAPE}{_ANY_SHAPE}"
#: A temporary file of `write_pickle`: `.<name>.<writer's pid>.<random>.tmp`.
_TEMPORARY = re.compile(r"^\..+\.(\d+)\.[^.]+\.tmp$")
_NOT_KEPT: dict[Path, str] = {}  # folder -> why this process could not write there last (said once)
#: The graph attribute (`graph.graph`) marking inputs read from the store while its data version changed.
_UNSETTLED = "unsettled_read"


@dataclass(frozen=True)
class Inputs:
    """The narrow graph of one data version, where it is cached, and whether this call read the store."""

    version: str
    graph: nx.MultiDiGraph
    path: Path
    source: str  # "cache": read from the file; "store": read from the store (and the file written)
    seconds: float


def cache_dir_for(store: GraphStore, configured: Path | str | None = None) -> Path:
    """The cache folder: `configured` when given, else `<db file>.cache` for the embedded store, else
    `data/cache`."""
    if configured:
        return Path(configured).expanduser()
    db_path = getattr(store, "db_path", None)
    return Path(f"{db_path}.cache") if db_path is not None else DEFAULT_CACHE_DIR


def store_tag(store: GraphStore) -> str:
    """Tells stores sharing a folder apart: the location, and the graph's name inside an embedded file."""
    where = f"{store.location}#{getattr(store, 'graph_name', '')}"
    return hashlib.sha256(where.encode()).hexdigest()[:12]


def cache_file(store: GraphStore, cache_dir: Path | str, version: str) -> Path:
    """The file holding `store`'s inputs at data `version`."""
    return Path(cache_dir) / f"{store_tag(store)}-{version}{_SUFFIX}"


def is_cached(store: GraphStore, cache_dir: Path | str, version: str | None = None) -> bool:
    """Whether the inputs of the current (or the given) data version are on disk already."""
    return cache_file(store, cache_dir, version or data_version(store)).is_file()


def cached_versions(store: GraphStore, cache_dir: Path | str) -> list[str]:
    """The data versions whose inputs are on disk for `store` (one, except while a new one is written)."""
    prefix = f"{store_tag(store)}-"
    return sorted(f.name[len(prefix):-len(_SUFFIX)] for f in Path(cache_dir).glob(f"{prefix}*{_SUFFIX}"))


def read_pickle(path: Path) -> Any:
    """What `write_pickle` wrote at `path`; None when it is missing or unreadable (another format, a damaged disk):
    the caller then rebuilds it."""
    try:
        with path.open("rb") as file, gc_paused():
            return pickle.load(file)
    except Exception:  # whatever a damaged pickle raises (KeyError, IndexError, struct.error ...): not used
        return None


def write_pickle(path: Path, held: Any) -> None:
    """Write `held` atomically (a temporary file in the same folder, then `os.replace`): a reader never sees half
    a file, and two writers just write the same thing twice. The temporary files of writers killed mid-write go
    first (the index's is 1 GB at 10x, and one stayed for good)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for left in path.parent.glob(".*.tmp"):
        if (writer := _TEMPORARY.match(left.name)) and not process_alive(int(writer.group(1))):
            left.unlink(missing_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            pickle.dump(held, file, protocol=5)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def keep(path: Path, held: Any) -> bool:
    """`write_pickle`, or False when the folder cannot take the file (a full disk, a read-only folder): what was
    made is then used from memory only, and why is said on stderr once per folder (a traceback ended the command)."""
    try:
        write_pickle(path, held)
    except OSError as e:
        why = (f"the analytics cache could not be written in {path.parent} ({e.strerror or e}); what was computed is "
               "used from memory only and computed again by the next process: free space there or give write "
               "permission, or set CLUSTER_EXPLORER_CACHE_DIR to a writable folder (the store is not affected)")
        if _NOT_KEPT.get(path.parent) != why:
            print(why, file=sys.stderr, flush=True)
        _NOT_KEPT[path.parent] = why
        return False
    _NOT_KEPT.pop(path.parent, None)
    return True


def not_kept(folder: Path | str) -> str | None:
    """Why the last write of this process into `folder` failed, or None when it succeeded (or none was tried)."""
    return _NOT_KEPT.get(Path(folder))


def _read(path: Path, version: str) -> nx.MultiDiGraph | None:
    held = read_pickle(path)
    if not isinstance(held, dict) or held.get("format") != FORMAT or held.get("version") != version:
        return None
    return held["graph"]


def _write(store: GraphStore, path: Path, version: str, graph: nx.MultiDiGraph) -> None:
    if not keep(path, {"format": FORMAT, "version": version, "location": store.location, "graph": graph}):
        return
    for older in path.parent.glob(f"{store_tag(store)}-*{_ANY_SHAPE}"):
        if older != path:
            older.unlink(missing_ok=True)


def projection_inputs(store: GraphStore, cache_dir: Path | str, *, version: str | None = None) -> Inputs:
    """The narrow graph of the store's current data: from the cache file, else read and cached.

    `version` saves the data-version reads when the caller has just made them.
    """
    started = time.perf_counter()
    version = version or data_version(store)
    path = cache_file(store, cache_dir, version)
    graph = _read(path, version)
    if graph is not None:
        return Inputs(version, graph, path, "cache", time.perf_counter() - started)
    graph = read_inputs(store)
    if data_version(store) == version:  # no load finished meanwhile: the graph is this version's
        _write(store, path, version, graph)
    else:
        graph.graph[_UNSETTLED] = True
    return Inputs(version, graph, path, "store", time.perf_counter() - started)


def settled(graph: nx.Graph) -> bool:
    """Whether `graph` (analytics inputs, or a slice or copy of them) is known to be its data version's: False for
    inputs read from the store while the data version changed (a load started or finished meanwhile), which
    may mix two versions. What is built from them is used once, never kept under the version."""
    return not graph.graph.get(_UNSETTLED)


def projection(store: GraphStore, spec: Projection, cache_dir: Path | str) -> nx.Graph:
    """The projection `spec` of the store's current data, derived from the cached inputs."""
    return project(projection_inputs(store, cache_dir).graph, spec)

