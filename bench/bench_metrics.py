"""Time every metric on the CORDIS organisation collaboration graph, next to python-igraph alone.

The "ours" column is `graph.analytics.metrics.compute_all`
with its defaults (auto engine, 256 pivots for betweenness and closeness, seed 0), including the
one-off copy of the graph into igraph. The "igraph" column times the same computation called
directly on a ready igraph graph: the same pivots for the two estimates, the same weights. With
`--networkx`, networkx's own time for the same metric is added (several minutes). Finally the
recommender: building its index, and requests for seeded random organisations.

First, the data source: today's path (`to_networkx` of the whole store, then the projection and
the recommender's index) against the cached path of `graph.analytics.cache`: cold (the data version,
the narrow read, the cache file written, then the same projection and index) and warm (the file read
back, as a restarted server or another CLI process does). With `--db` the store holding the extract
(for example loaded with `cluster-explorer --db /tmp/x.db load nuts ...` then `load cordis ...`) is
used as it is; otherwise the CORDIS extract is loaded into a temporary store first.

Run: .venv/bin/python bench/bench_metrics.py [--db FILE] [--data DIR] [--networkx] [--no-whole-read]
[--cache DIR] [--suite-only]
(`--no-whole-read` skips today's path, a read of every node and property into networkx: at 10x it needs
several GB and minutes, and the app no longer takes it). For the 10x set of README's figures:
`--db FILE --no-whole-read --suite-only`, FILE loaded as README's Benchmarks section says; `--cache DIR` keeps
the analytics cache between runs (the second run starts warm). Above `COMPACT_FROM_EDGES` partner pairs
(10x) the projection is kept as arrays (`graph.analytics.projections_compact`) and igraph is what runs, so
the igraph-alone comparison is left out; the peak RSS of the process is printed with the suite.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import tempfile
import time
import warnings
from pathlib import Path

import igraph as ig
import networkx as nx
import numpy as np
from eval_recommend import DATA

from graph.analytics import cache
from graph.analytics.consortium import CallRules, check_consortium
from graph.analytics.metrics import METRICS, compute, compute_all, notes
from graph.analytics.projections import CompactProjection, Projection, project
from graph.analytics.recommend import RecommenderIndex, Requirements, recommend
from graph.store.falkordb_store import FalkorDBStore
from graph.store.reads import to_networkx


def timed(call):
    started = time.perf_counter()
    result = call()
    return result, time.perf_counter() - started


def igraph_calls(P: nx.Graph, k: int, seed: int) -> tuple[dict, float]:
    """igraph's own calls for each metric, and the time to copy the graph into igraph."""
    nodes = list(P)
    index = {v: i for i, v in enumerate(nodes)}

    def convert():
        edges = list(P.edges(data="weight"))
        g = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v, _ in edges])
        g.es["weight"] = [float(w) for _, _, w in edges]
        return g

    g, seconds = timed(convert)
    pivots = [index[v] for v in random.Random(seed).sample(nodes, k)]
    return {
        "degree": lambda: g.degree(),
        "weighted_degree": lambda: g.strength(weights="weight"),
        "betweenness": lambda: g.betweenness(directed=False, sources=pivots),
        "closeness": lambda: g.distances(source=pivots),
        "eigenvector": lambda: g.eigenvector_centrality(weights="weight"),
        "pagerank": lambda: g.pagerank(weights="weight"),
        "clustering": lambda: g.transitivity_local_undirected(mode="zero"),
        "core_number": lambda: g.coreness(),
        "community": lambda: g.community_multilevel(weights="weight"),
    }, seconds


def open_extract(db: Path | None, data: Path, scratch: Path) -> FalkorDBStore:
    """The store to measure: `db` as it is, or the CORDIS extract loaded into a scratch store."""
    if db is not None:
        return FalkorDBStore(db, default_timeout_s=600)
    from loaders.cordis import load_cordis

    store = FalkorDBStore(scratch / "cordis.db", "cordis", default_timeout_s=600)
    store.setup_schema()
    load_cordis(store, data)
    return store


def _path(read_graph, index: bool = True) -> tuple[nx.MultiDiGraph, nx.Graph, list[float]]:
    """The graph `read_graph()` gives, its organisation projection, and the times of the read, the
    projection and the recommender's index (0 when `index` is False)."""
    graph, read = timed(read_graph)
    projected, derived = timed(lambda: project(graph, Projection()))
    _, indexed = timed(lambda: RecommenderIndex(graph)) if index else (None, 0.0)
    return graph, projected, [read, derived, indexed]


def data_source(store: FalkorDBStore, folder: Path, whole: bool = True, keep: bool = False, index: bool = True
                ) -> tuple[nx.MultiDiGraph, nx.Graph, float]:
    """Time today's path (unless `whole` is False) and the cached path, cold (unless `keep`: a cache folder
    given, its file used as it is) and warm; return the narrow graph, its projection and the warm path's time
    to a ready projection."""
    rows = [("to_networkx of the whole store (today)", _path(lambda: to_networkx(store))[2])] if whole else []
    if not keep:
        shutil.rmtree(folder, ignore_errors=True)
    _, versioned = timed(lambda: cache.data_version(store))
    seen: list[cache.Inputs] = []

    def read_cached() -> nx.MultiDiGraph:
        seen.append(cache.projection_inputs(store, folder))
        return seen[-1].graph

    for label in ("cached, cold: narrow read, cache file written", "cached, warm: cache file read back")[keep:]:
        graph, projected, times = _path(read_cached, index)
        rows.append((f"{label} ({seen[-1].source})", times))
    size = seen[-1].path.stat().st_size / 2**20
    print(f"data version (load log and counts): {versioned * 1000:.1f} ms; cache file {size:.1f} MiB")
    print("\n| data source | read (s) | organisation projection (s) | recommender index (s) | total (s) |")
    print("|---|---:|---:|---:|---:|")
    for label, (read, derived, indexed) in rows:
        print(f"| {label} | {read:.2f} | {derived:.2f} | {indexed:.2f} | {read + derived + indexed:.2f} |")
    return graph, projected, times[0] + times[1]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, default=None, help="embedded store holding the extract (used as is)")
    parser.add_argument("--data", type=Path, default=DATA, help="CORDIS extract loaded when --db is not given")
    parser.add_argument("--networkx", action="store_true", help="also time networkx for every metric (slow)")
    parser.add_argument("--no-whole-read", action="store_true", help="skip to_networkx of the whole store (10x)")
    parser.add_argument("--cache", type=Path, default=None, help="analytics cache folder kept between runs")
    parser.add_argument("--suite-only", action="store_true", help="skip the recommender (10x: the suite alone)")
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args(argv)
    print(f"load average at the start: {os.getloadavg()[0]:.1f}")
    warnings.filterwarnings("ignore", message="Some eigenvector centralities are nearly zero")
    with tempfile.TemporaryDirectory() as scratch:
        store = open_extract(args.db, args.data, Path(scratch))
        try:
            G, P, warm = data_source(store, args.cache or Path(scratch) / "cache", whole=not args.no_whole_read,
                                     keep=args.cache is not None, index=not args.suite_only)
        finally:
            store.close()
    print(f"\ngraph read: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} relationships")
    print(f"organisation projection: {P.number_of_nodes():,} nodes, {P.number_of_edges():,} edges")

    ours, ours_total = timed(lambda: compute_all(P))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for text in notes(ours, P):
        print(f"note: {text}")
    print(f"the metric suite: {ours_total:.1f} s; from a warm cache, read and projection included: "
          f"{ours_total + warm:.1f} s; peak RSS {peak:,.0f} MB; load average {os.getloadavg()[0]:.1f}")
    if isinstance(P, CompactProjection) or args.suite_only:  # 10x: no networkx graph; igraph alone is what runs
        print("\n| metric | ours: engine | ours (s) |\n|---|---|---:|")
        for m, r in ours.items():
            print(f"| {m} | {r.engine}{f', estimate k={r.sample_size}' if r.estimate else ''} | {r.seconds:.2f} |")
        print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")
        return
    k = next(r.sample_size for r in ours.values() if r.estimate)
    calls, convert_seconds = igraph_calls(P, k, seed=0)
    reference = {m: timed(calls[m])[1] for m in METRICS}
    slow = {m: compute(P, m, engine="networkx").seconds for m in METRICS} if args.networkx else {}

    print("\n| metric | ours: engine | ours (s) | igraph alone (s) |" + (" networkx (s) |" if slow else ""))
    print("|---|---|---:|---:|" + ("---:|" if slow else ""))
    for m, r in ours.items():
        note = f"{r.engine}, estimate k={r.sample_size}" if r.estimate else r.engine
        print(f"| {m} | {note} | {r.seconds:.2f} | {reference[m]:.2f} |" + (f" {slow[m]:.1f} |" if slow else ""))
    print(f"| igraph copy of the graph | (inside the first igraph metric above) | | {convert_seconds:.2f} |"
          + (" |" if slow else ""))
    igraph_total = sum(reference.values()) + convert_seconds
    print(f"| **total** | | **{ours_total:.2f}** | **{igraph_total:.2f}** |"
          + (f" **{sum(slow.values()):.0f}** |" if slow else ""))
    print(f"\nours / igraph: {ours_total / igraph_total:.2f}x; the metric suite from a warm cache, read and "
          f"projection included: {ours_total + warm:.1f} s")

    index, seconds = timed(lambda: RecommenderIndex(G))
    print(f"\nrecommender index: {len(index.keys):,} organisations, {len(index.projects):,} projects ({seconds:.1f} s)")
    rng = random.Random(0)
    focal = rng.sample(index.keys, args.requests)
    fields = [s.split(":", 1)[1] for s in index.sector_keys if s.startswith("Sector:esv:")]
    plain = [timed(lambda f=f: recommend(index, [f], k=10))[1] for f in focal]
    asked = [timed(lambda f=f: recommend(index, [f], Requirements(sectors=tuple(rng.sample(fields, 3)),
                                                                  add_places=("FI",), sme_share=0.3), k=10))[1]
             for f in focal]
    hubs = [index.keys[i] for i in np.argsort(-index.degree)[:5]]
    hub = [timed(lambda f=f: recommend(index, [f], k=10))[1] for f in hubs]
    rules = CallRules(min_countries=6, sme_share=0.5, roles=("coordinator", fields[0]))
    gaps = [timed(lambda: check_consortium(index, hubs[:2], rules, k=1000))[1] for _ in range(3)]
    print("| request | median (s) | max (s) |\n|---|---:|---:|")
    for label, times in ((f"{args.requests} random organisations", plain),
                         ("the same with 3 fields, a country and an SME share", asked),
                         ("the 5 best-connected organisations", hub),
                         ("the 2 best-connected with call rules (6 countries, coordinator, a field, SME share), "
                          "1,000 per gap, 3 runs", gaps)):
        print(f"| {label} | {statistics.median(times):.3f} | {max(times):.3f} |")
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
