"""Time the `--region` filter of the projections: the participations kept under a region, against none.

`metrics compute --region SE11` (and the Metrics page's region filter) keeps a participation only when its
organisation is placed in the region. The placing was found again on every participation: a scan of all the
organisation's edges each time, so a university in 500 projects was scanned 500 times over its 500 edges; it is
now found once per organisation (`graph.analytics.incidence.participations`). The table gives the participations
kept under each region, the projection under it (with its note on those placed in their country alone), and
the participations with no region filter, for comparison.

Run: .venv/bin/python bench/bench_region_filter.py [--db FILE] [--region SE11 --region FI1 ...] [--runs 3]
(without `--db` the bundled sample is loaded into a temporary store first, 15-30 s; a 10x store as README's
Benchmarks section says).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.analytics.incidence import participations  # noqa: E402
from graph.analytics.inputs import read_inputs  # noqa: E402
from graph.analytics.projections import Projection, project  # noqa: E402
from graph.store.falkordb_store import FalkorDBStore  # noqa: E402
from loaders.pipeline import run_sample  # noqa: E402


def _median_seconds(call, runs: int) -> float:
    spent = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        spent.append(time.perf_counter() - started)
    return statistics.median(spent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a store to read (default: the sample loaded into a temporary one)")
    parser.add_argument("--region", action="append", help="a region code (repeatable; default SE11, FI1, NO0A)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = FalkorDBStore(args.db or Path(folder) / "sample.db", "cluster_explorer")
        if args.db is None:
            store.setup_schema()
            list(run_sample(store))
        G = read_inputs(store)
        store.close()
    rows = [("no region filter: participations", f"{_median_seconds(lambda: participations(G), args.runs):.3f} s")]
    for region in args.region or ["SE11", "FI1", "NO0A"]:
        spec = Projection(regions=(region,))
        kept = participations(G, spec)
        rows.append((f"--region {region}: participations ({len(kept):,} projects kept)",
                     f"{_median_seconds(lambda spec=spec: participations(G, spec), args.runs):.3f} s"))
        rows.append((f"--region {region}: organisation projection, its note included",
                     f"{_median_seconds(lambda spec=spec: project(G, spec), args.runs):.3f} s"))
    width = max(len(name) for name, _ in rows)
    print(f"graph: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges; medians of {args.runs} runs")
    print(f"{'measure':<{width}}  value")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
