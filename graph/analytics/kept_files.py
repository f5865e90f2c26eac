"""What is built from the analytics inputs, kept on disk per data version and code version, shared by every process.

The recommender's index (`graph.analytics.recommend_index_disk`), the partner clusters' profiles
(`graph.analytics.cluster_profiles_disk`) and the Metrics page's results (`graph.analytics.metrics_disk`) are made
from the analytics inputs in seconds to a minute, and a restarted process made them again although nothing had
changed.
A `KeptFiles` is one such kind of file, beside the inputs (`graph.analytics.cache`: the same folder, store tag
and atomic pickle files):

* name: `<store tag>-<tag>-<digest><suffix>`, the digest of the key below;
* key: the version of the graph it was built from (the data version, with the time window when the caller
  sliced one), the kind's `FORMAT`, the projection, and its code: a digest of the source of every `graph.*`
  module the builder uses (found by following the names of the `roots` modules), with the Python, numpy and
  scipy versions. A change to how the thing is built (another helper's edit, a library upgrade) never reads
  an older file: it is rebuilt;
* what: the state the caller gives (never the graph, which has its own file), with the key. Whether the file is
  current is the data version's to say alone (`graph.store.load_log.data_version`: the load log's stamps, with
  each load's derived-facts version, and the store's counts of nodes and relationships, three cheap reads): a
  load, an unload, a re-derivation or any write that adds or removes a node or relationship makes another key,
  so a read needs no graph (the CLI's read-back of metrics loads no analytics inputs). Files were also checked
  against the size of the graph read: that cost every metrics read-back the inputs' file, and could only differ
  for a graph that was not its version's. The one way a graph and its version can disagree, inputs read from the
  store while a load ran (`graph.analytics.cache.settled`), is refused at the write instead: what is built from
  such a graph is used, never kept. A write that changes properties only changes neither the version nor a size
  (as `data_version` says); a metrics write-back is one, and sets properties no analytic reads. A file of another
  key, or that cannot be read (damaged, cut short, another format, another shape), is not used: the caller
  builds again and the file is rewritten. A `checked` kind (a small file: the profiles' 3 MB at 10x) holds its
  state as pickled bytes with their BLAKE2 digest, so a byte changed anywhere is found; the index (1 GB at 10x)
  is not hashed, which would cost a second per read;
* kept: the newest `kept` files of each kind and store (one per data version and window used).
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import pickle
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import networkx as nx
import numpy as np
import scipy

from graph.analytics.cache import keep, read_pickle, settled, store_tag
from graph.memory import gc_paused
from graph.store.contract import GraphStore

__all__ = ["modules_used", "code_digest", "KeptFiles", "builds"]

_BUILT: dict[str, int] = {}  # things built (not read) in this process, by kind (tests read it through `builds()`)


def modules_used(root: str) -> list[ModuleType]:
    """`root` and every `graph.*` module its names come from, followed transitively (the builder's own code)."""
    seen: dict[str, ModuleType] = {}
    todo = [root]
    while todo:
        name = todo.pop()
        if name in seen or not name.startswith("graph."):
            continue
        module = seen[name] = importlib.import_module(name)
        for value in vars(module).values():
            origin = value.__name__ if isinstance(value, ModuleType) else getattr(value, "__module__", None)
            if isinstance(origin, str):
                todo.append(origin)
    return [seen[name] for name in sorted(seen)]


def code_digest(*roots: str) -> str:
    """A digest of the source of the modules `roots` use, and of the Python, numpy and scipy versions."""
    digest = hashlib.sha256(f"{sys.version_info[:2]}|{np.__version__}|{scipy.__version__}".encode())
    modules = {m.__name__: m for root in roots for m in modules_used(root)}
    for name in sorted(modules):
        digest.update(name.encode())
        digest.update(Path(inspect.getsourcefile(modules[name])).read_bytes())
    return digest.hexdigest()[:16]


class KeptFiles:
    """One kind of file kept beside the analytics inputs (see the module docstring)."""

    def __init__(self, tag: str, suffix: str, format: int, roots: tuple[str, ...], kept: int = 4,
                 checked: bool = False):
        self.tag, self.suffix, self.format, self.kept, self.checked = tag, suffix, format, kept, checked
        self.code = code_digest(*roots)

    def key(self, version: str, projection: object = None) -> tuple:
        return self.format, self.code, version, repr(projection)

    def prefix(self, store: GraphStore) -> str:
        """How the names of `store`'s files of this kind start (whatever their version)."""
        return f"{store_tag(store)}-{self.tag}-"

    def path(self, store: GraphStore, cache_dir: Path | str, version: str, projection: object = None) -> Path:
        """The file of this kind holding what was built from `store`'s graph of `version` (and `projection`)."""
        digest = hashlib.sha256(repr(self.key(version, projection)).encode()).hexdigest()[:16]
        return Path(cache_dir) / f"{self.prefix(store)}{digest}{self.suffix}"

    def read(self, path: Path, version: str, projection: object = None) -> dict | None:
        """The state kept at `path`, or None when the file is missing, unreadable or not this key's (of another data
        `version` among others: no graph is needed to tell, see the module docstring)."""
        held = read_pickle(path)
        if not isinstance(held, dict) or held.get("key") != self.key(version, projection):
            return None
        state = held.get("state")
        if self.checked:
            state = _unpacked(state, held.get("digest"))
        return state if isinstance(state, dict) else None

    def write(self, store: GraphStore, path: Path, state: dict, graph: nx.Graph, version: str,
              projection: object = None) -> None:
        """Write `state`, built from `graph`, atomically; the oldest files of this kind and store beyond `kept` go.
        A folder that cannot be written leaves the thing in memory only (`cache.keep` says why), and so does a
        `graph` read while a load ran (not `cache.settled`: not `version`'s graph, whatever it is)."""
        if not settled(graph):
            return
        try:
            held = {"key": self.key(version, projection), "state": state}
            if self.checked:
                held["state"] = pickle.dumps(state, protocol=5)
                held["digest"] = hashlib.blake2b(held["state"]).hexdigest()
            if not keep(path, held):
                return
            mine = sorted(path.parent.glob(f"{self.prefix(store)}*{self.suffix}"), key=lambda p: p.stat().st_mtime)
            for old in mine[:-self.kept]:
                old.unlink(missing_ok=True)
        except OSError:
            pass

    def read_or_build(self, store: GraphStore, cache_dir: Path | str, graph: nx.Graph, version: str,
                      build: Callable[[], Any], state_of: Callable[[Any], dict], restore: Callable[[dict], Any],
                      projection: object = None, held_as_read: bool = False) -> tuple[Any, str, float]:
        """(thing, "disk" or "built", seconds): `restore(state)` of the file of this key, else `build()`, whose
        `state_of` is written. A state `restore` refuses (raises or returns None) counts as no file.
        `held_as_read`: a built thing is returned as `restore` of the state written, so that it is held in memory
        as a read-back one is (the index shares its sparsity patterns so), without a second `state_of`."""
        started = time.perf_counter()
        path = self.path(store, cache_dir, version, projection)
        state = self.read(path, version, projection)
        if state is not None:
            try:
                thing = restore(state)
            except (KeyError, TypeError, AttributeError, ValueError):  # a file of another shape
                thing = None
            if thing is not None:
                return thing, "disk", time.perf_counter() - started
        thing = build()
        self.counted()
        state = state_of(thing)
        self.write(store, path, state, graph, version, projection)
        return (restore(state) if held_as_read else thing), "built", time.perf_counter() - started

    def counted(self) -> None:
        """Count one thing of this kind built (not read) in this process, for a caller that builds on its own."""
        _BUILT[self.tag] = _BUILT.get(self.tag, 0) + 1

    def builds(self) -> int:
        """How many things of this kind were built (not read) in this process."""
        return _BUILT.get(self.tag, 0)


def _unpacked(payload: object, digest: object) -> object:
    """The state pickled in `payload` when `digest` is its BLAKE2 digest, else None (a damaged file)."""
    if not isinstance(payload, bytes) or digest != hashlib.blake2b(payload).hexdigest():
        return None
    try:
        with gc_paused():
            return pickle.loads(payload)
    except Exception:  # whatever a damaged pickle raises (KeyError, struct.error ...), the file is not used
        return None


def builds() -> dict[str, int]:
    """How many things of each kind were built (not read) in this process, by tag."""
    return dict(_BUILT)
