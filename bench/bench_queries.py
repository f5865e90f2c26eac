"""Latency of every shipped saved query on the seed data plus the full CORDIS extract (embedded store).

Loads seeds, NUTS and the shared CORDIS extract into a fresh store in a temporary folder, writes one
metric (degree) so `metrics/top-organisations` has something to rank, then runs each query with its
example parameters: a few warm-up runs, then RUNS timed runs; prints p50 / p95 in milliseconds.
Target (issue 4): p95 < 100 ms for each query.

    .venv/bin/python bench/bench_queries.py [--runs 30] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.store import cypher  # noqa: E402
from graph.store.falkordb_store import FalkorDBStore  # noqa: E402
from loaders.cordis import load_cordis  # noqa: E402
from loaders.entity_resolution import link_and_write  # noqa: E402
from loaders.nuts import load_nuts  # noqa: E402
from loaders.seeds import load_seeds  # noqa: E402
from queries.catalogue import load_catalogue  # noqa: E402
from queries.runner import bind_params  # noqa: E402


def _load(store: FalkorDBStore, data: Path) -> None:
    started = time.perf_counter()
    load_seeds(store)
    load_nuts(store, data / "gisco-nuts")
    load_cordis(store, data / "cordis-horizon-europe")
    link_and_write(store)
    degrees = store.read("MATCH (o:Organisation)-[r:PARTICIPATES_IN]->() RETURN o.id, count(r)", row_cap=10**9)
    store.write(cypher.set_property("Organisation", "degree"),
                {"rows": [{"id": i, "value": n} for i, n in degrees.rows]})
    print(f"loaded seeds + NUTS + CORDIS in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    catalogue = load_catalogue(None)
    overrides = {"metrics/top-organisations": {"metric": "degree"}}
    with tempfile.TemporaryDirectory() as folder:
        store = FalkorDBStore(Path(folder) / "bench.db", "bench")
        store.setup_schema()
        _load(store, args.data)
        print(f"{'query':<36} {'rows':>6} {'p50 ms':>8} {'p95 ms':>8}  target p95 < 100 ms")
        worst = 0.0
        for name, query in sorted(catalogue.queries.items()):
            params = bind_params(query, {**query.example, **overrides.get(name, {})})
            for _ in range(3):
                result = store.read(query.cypher, params, timeout_s=30)
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                store.read(query.cypher, params, timeout_s=30)
                times.append((time.perf_counter() - started) * 1000)
            p50 = statistics.median(times)
            p95 = statistics.quantiles(times, n=20)[18]
            worst = max(worst, p95)
            flag = "" if p95 < 100 else "  MISSED"
            print(f"{name:<36} {len(result.rows):>6} {p50:>8.1f} {p95:>8.1f}{flag}")
        print(f"worst p95: {worst:.1f} ms")
        store.close()


if __name__ == "__main__":
    main()
