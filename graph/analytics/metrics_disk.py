"""Metric results kept on disk per data version, projection and settings, shared by every process.

The Metrics page's first *Compute* on the bundled sample (27,000 organisations) cost 8.6 s: the projection
1.3-1.9 s, betweenness 3.2 s, communities and the rest; every restart, every other session and every return to
a choice paid it again although nothing had changed. Here the results are kept beside the analytics inputs, as
`graph.analytics.kept_files` keeps what is built from them (the same folder, store tag and atomic pickle files):

* name: `<store tag>-met-<digest>.metrics.pickle`;
* key: the data version, `FORMAT`, the projection (`Projection`: kind, time window, programmes, sectors,
  countries, roles, NUTS level) with the options that change a value (seed, pivots, where estimates start,
  engine, weight), and a digest of the source of every `graph.*` module `compute_all`, `project` and this module
  use, with the Python, numpy and scipy versions: a change to how a metric is computed never reads an older file;
  Options left out count as `metrics.compute`'s defaults (the app gives no seed, the CLI `--seed 0`: one file);
* what: the projection's node keys and names (in its node order), how many organisations taking part a region or country
  projection left out (of how many), the full names of those shown by acronym (the
  CLI prints full names), each node's other names (`other_names`: `--find CEA` finds the CEA by its short name), its
  number of links, and a `MetricResult` per metric computed so far on it, as pickled
  bytes with their BLAKE2 digest. One file per projection and
  settings, whatever metrics were chosen: metrics asked for later are computed (the projection derived then,
  and only then) and added to it, so any choice among those computed reads the file alone, no projection;
* a file that cannot be read, was changed (a byte anywhere), is of another key (another data version: a load,
  an unload, a re-derivation since) or of another shape is not used: the results are computed again and the file
  rewritten. The data version alone says a file is current (`graph.analytics.kept_files`), so a read-back needs
  no analytics inputs: `metrics_for` takes them as a function, called only when something is computed (the
  CLI's second `metrics compute` on the sample: 2.4-2.6 -> 1.7-2.0 CPU s and 217 -> 113 MB at load 9-11);
* kept: the newest `KEPT` files of each store (a few projections used per data version).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from inspect import Parameter, signature
from pathlib import Path
from typing import Any

import networkx as nx

from graph.analytics.kept_files import KeptFiles
from graph.analytics.metrics import MetricResult, compute, compute_all
from graph.analytics.projection_spec import Projection
from graph.analytics.projections import project
from graph.store.contract import GraphStore

__all__ = ["FORMAT", "KEPT", "KeptMetrics", "metrics_file", "metrics_for", "node_names", "full_names", "other_names",
           "builds"]

#: Bumped when what the file holds changes shape (4: `other_names`).
FORMAT = 4
KEPT = 8
_FILES = KeptFiles("met", ".metrics.pickle", FORMAT, (compute_all.__module__, project.__module__, __name__), KEPT,
                   checked=True)


@dataclass(frozen=True)
class KeptMetrics:
    """The results of the metrics asked for on one projection, with what the page shows of the projection (its
    nodes' names and size), so that results read back need no projection derived.

    `number_of_nodes` and `number_of_edges` answer as the projection's own (what `metrics.notes` and the
    empty-projection check ask). `source`: "disk" (every result read back), "built" (every one computed) or
    "both" (some read, the others computed and added to the file). `full_names`: the name of each node `names`
    shows by its acronym (`full_name`). `other_names`: the names a node has besides the shown one (`other_names`),
    which `--find` and *Find in the ranking* match too.
    """

    spec: Projection
    names: dict[Any, str]
    links: int
    results: dict[str, MetricResult]
    source: str
    full_names: dict[Any, str] = field(default_factory=dict)
    left_out: tuple[int, int] | None = None  # a region or country projection's: organisations left out, of how many
    other_names: dict[Any, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    country_alone: str | None = None  # a `--region` projection's: who it leaves out, placed in a country alone
    members_said: str | None = None  # a cluster projection's: how many clusters have members (`member_lists`)

    def full_name(self, key: Any) -> str:
        """A node's name, else its key (as the CLI prints it); the acronym the page shows is not a name."""
        return str(self.full_names.get(key, self.names.get(key, key)))

    def number_of_nodes(self) -> int:
        return len(self.names)

    def number_of_edges(self) -> int:
        return self.links


_DEFAULTS = {name: p.default for name, p in signature(compute).parameters.items()
             if p.kind is Parameter.KEYWORD_ONLY and not name.startswith("_")}


def _key(spec: Projection, options: dict[str, Any]) -> tuple:
    """What besides the data version decides every value: the projection and the options of `compute`, those not
    given at their default (`seed=0` given or not is one key: the app and the CLI share a file)."""
    return spec, tuple(sorted({**_DEFAULTS, **options}.items()))


def metrics_file(store: GraphStore, cache_dir: Path | str, version: str, spec: Projection,
                 **options: Any) -> Path:
    """The file holding the results on `store`'s projection `spec` of data `version`, computed with `options`."""
    return _FILES.path(store, cache_dir, version, _key(spec, options))


def node_names(projected: nx.Graph) -> dict[Any, str]:
    """Each node's name as the Metrics page shows it (acronym, else name, else key), in the projection's order."""
    return {key: data.get("acronym") or data.get("name") or key for key, data in projected.nodes(data=True)}


def full_names(projected: nx.Graph) -> dict[Any, str]:
    """The name (else the key) of each node whose shown name (`node_names`) is another: those shown by acronym."""
    return {key: data.get("name") or key for key, data in projected.nodes(data=True)
            if data.get("acronym") and data.get("acronym") != (data.get("name") or key)}


def other_names(projected: nx.Graph) -> dict[Any, tuple[tuple[str, str], ...]]:
    """Each node's names besides the one `node_names` shows, as (what, name): its full name or acronym (the one not
    shown), short name and aliases. CORDIS names the CEA `COMMISSARIAT A L ENERGIE ATOMIQUE ET AUX ENERGIES
    ALTERNATIVES`, with the short name CEA: `--find CEA` had listed OCEAN and LABOCEA, not the CEA. Read from the
    projection's node data (the analytics inputs carry them), once per projection; nodes without any are left out.

    >>> g = nx.Graph()
    >>> g.add_node("Organisation:pic:1", name="COMMISSARIAT A L ENERGIE", short_name="CEA", aliases=["CEA", "C.E.A."])
    >>> other_names(g)
    {'Organisation:pic:1': (('short name', 'CEA'), ('also', 'C.E.A.'))}
    """
    found = {}
    for key, data in projected.nodes(data=True):
        shown = data.get("acronym") or data.get("name") or key
        aliases = data.get("aliases") or ()
        named = [("name", data.get("name")), ("acronym", data.get("acronym")), ("short name", data.get("short_name")),
                 *(("also", alias) for alias in ([aliases] if isinstance(aliases, str) else aliases))]
        seen, kept = {str(shown).casefold()}, []
        for what, name in named:
            if name not in (None, "") and str(name).casefold() not in seen:
                seen.add(str(name).casefold())
                kept.append((what, str(name)))
        if kept:
            found[key] = tuple(kept)
    return found


def _counts(left_out: Any) -> bool:
    return left_out is None or (isinstance(left_out, tuple) and len(left_out) == 2
                                and all(isinstance(n, int) for n in left_out))


def _checked(state: dict | None) -> dict | None:
    """`state` when it has the shape `metrics_for` writes, else None (a file of another shape: computed again)."""
    if state is None or not isinstance(state.get("names"), dict) or not isinstance(state.get("links"), int) \
            or not isinstance(state.get("full_names"), dict) or not _counts(state.get("left_out")) \
            or not isinstance(state.get("other_names"), dict) \
            or not isinstance(state.get("country_alone", 0), str | None) \
            or not isinstance(state.get("members_said", 0), str | None):
        return None
    results = state.get("results")
    if not isinstance(results, dict) or not all(isinstance(r, MetricResult) and r.metric == m
                                                for m, r in results.items()):
        return None
    return state


def metrics_for(store: GraphStore, cache_dir: Path | str, inputs: nx.MultiDiGraph | Callable[[], nx.MultiDiGraph],
                version: str, spec: Projection, chosen: Iterable[str], *,
                projected: Callable[[], nx.Graph] | None = None, progress: Callable[[int, int], None] | None = None,
                **options: Any) -> KeptMetrics:
    """The `chosen` metrics on the projection `spec` of `inputs` (the store's analytics inputs of `version`, or a
    function giving them: called only when something is computed, a read-back needs none).

    Read from the file of this key when it holds them all; else the missing ones are computed on `projected()`
    (default: `project(inputs, spec)`; the app passes its projection held in memory) with `options` (those of
    `metrics.compute`) and `progress`, and the file is rewritten with them added (unless `inputs` were read while
    a load ran: `cache.settled`).
    """
    chosen = list(dict.fromkeys(chosen))
    key = _key(spec, options)
    path = _FILES.path(store, cache_dir, version, key)
    state = _checked(_FILES.read(path, version, key)) or {"names": None, "full_names": {}, "links": 0,
                                                                   "results": {}, "left_out": None, "other_names": {},
                                                                   "country_alone": None, "members_said": None}
    missing = [m for m in chosen if m not in state["results"]]
    source = "disk"
    if missing or state["names"] is None:  # (no metric chosen and no file: the projection's names and size still)
        source = "both" if len(missing) < len(chosen) else "built"
        inputs = inputs() if callable(inputs) else inputs
        graph = projected() if projected else project(inputs, spec)
        if progress:
            progress(0, len(missing))
        computed = compute_all(graph, missing, progress=progress, **options)  # an unknown metric is refused here
        _FILES.counted()
        state = {"names": node_names(graph), "full_names": full_names(graph), "links": graph.number_of_edges(),
                 "results": {**state["results"], **computed}, "left_out": getattr(graph, "graph", {}).get("left_out"),
                 "other_names": other_names(graph), "country_alone": getattr(graph, "graph", {}).get("country_alone"),
                 "members_said": getattr(graph, "graph", {}).get("members_said")}
        _FILES.write(store, path, state, inputs, version, key)
    return KeptMetrics(spec, state["names"], state["links"], {m: state["results"][m] for m in chosen}, source,
                       state["full_names"], state["left_out"], state["other_names"], state["country_alone"],
                       state["members_said"])


def builds() -> int:
    """How many times `metrics_for` computed metrics (not read them all back) in this process."""
    return _FILES.builds()
