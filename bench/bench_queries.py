"""Latency of every shipped saved query: on seeds + NUTS + the CORDIS extract, or on a store you give.

Without `--db`: loads seeds, NUTS and the bundled CORDIS extract (`loaders/sample_data`) into a fresh store in a
temporary folder, writes one metric (degree) so `metrics/top-organisations` has something to rank, then runs each query
with its example parameters. With `--db FILE` (for example the 10x store of README's Benchmarks; use a
copy, the store is opened as it is and nothing is written): each query with its declared defaults, its
example, and a few realistic values picked from the store (the best-connected organisation, its
strongest partner, a one-project organisation, the largest project and programme, the largest
countries). Each case: a few warm-up runs, then RUNS timed runs; prints p50 / p95 in milliseconds and
the load average. Targets: p95 < 100 ms on the extract (issue 4), < 500 ms at 10x (issue 13).

`--beside DIR` times the same cases with the text of another queries folder too (for example main's
checkout: `--beside ../main/queries`), the two runs of each case taken in turn, so a busy machine slows both
alike: the table gains that text's p95, the store's CPU seconds of each, and their ratio.

    .venv/bin/python bench/bench_queries.py [--runs 30] [--data loaders/sample_data]
    .venv/bin/python bench/bench_queries.py --db /tmp/ten.db --runs 20 --target-ms 500 [--beside ../main/queries]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.errors import ClusterExplorerError  # noqa: E402
from graph.store import cypher  # noqa: E402
from graph.store.falkordb_store import FalkorDBStore  # noqa: E402
from loaders.sample import SAMPLE_DIR  # noqa: E402
from queries.catalogue import load_catalogue  # noqa: E402
from queries.runner import bind_params, folded_params  # noqa: E402


def _load(store: FalkorDBStore, data: Path) -> None:
    from loaders.cordis import load_cordis
    from loaders.entity_resolution import link_and_write
    from loaders.nuts import load_nuts
    from loaders.seeds import load_seeds

    started = time.perf_counter()
    load_seeds(store)
    load_nuts(store, data / "gisco-nuts")
    load_cordis(store, data / "cordis-horizon-europe")
    link_and_write(store)
    degrees = store.read("MATCH (o:Organisation)-[r:PARTICIPATES_IN]->() RETURN o.id, count(r)", row_cap=10**9)
    store.write(cypher.set_property("Organisation", "degree"),
                {"rows": [{"id": i, "value": n} for i, n in degrees.rows]})
    print(f"loaded seeds + NUTS + CORDIS in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def _one(store: FalkorDBStore, query: str, default=None, **params):
    rows = store.read(query, params, timeout_s=120).rows
    return rows[0][0] if rows else default


def realistic(store: FalkorDBStore) -> dict[str, list[dict]]:
    """Parameter sets drawn from the store itself: the heavy cases a user of a large store meets."""
    hub = _one(store, "MATCH (o:Organisation) WHERE o.participations > 0 "
                      "RETURN o.id ORDER BY o.participations DESC, o.id LIMIT 1")
    partner = _one(store, "MATCH (a:Organisation {id: $hub})-[:PARTICIPATES_IN]->(:Project)<-[:PARTICIPATES_IN]-"
                          "(b:Organisation) WHERE b <> a RETURN b.id, count(*) AS n ORDER BY n DESC, b.id LIMIT 1",
                   hub=hub)
    single = _one(store, "MATCH (o:Organisation) WHERE o.participations = 1 RETURN o.id ORDER BY o.id LIMIT 1")
    project = _one(store, "MATCH (p:Project) WITH p ORDER BY p.id DESC LIMIT 1 RETURN p.id")
    big = _one(store, "MATCH (p:Project)<-[r:PARTICIPATES_IN]-() WITH p, count(r) AS n "
                      "RETURN p.id ORDER BY n DESC, p.id LIMIT 1", project)
    programme = _one(store, "MATCH (:Project)-[:FUNDED_BY]->(g:Programme) "
                            "RETURN g.id, count(*) AS n ORDER BY n DESC, g.id LIMIT 1")
    countries = [r[0] for r in store.read("MATCH (o:Organisation) WHERE o.country IS NOT NULL "
                                          "RETURN o.country, count(*) AS n ORDER BY n DESC LIMIT 2").rows]
    big_country, second = (countries + ["SE", "NO"])[:2]
    print(f"realistic values: hub {hub}, its partner {partner}, one-project {single}, project {big}, "
          f"programme {programme}, countries {big_country} {second}", file=sys.stderr)
    return {
        "collaboration/country-pairs": [{"country": big_country, "limit": 20}],
        "collaboration/cross-border": [{"first": big_country, "second": second}],
        "collaboration/path": [{"from": hub, "to": partner}, {"from": single, "to": hub}],
        "organisations/projects": [{"organisation": hub}],
        "organisations/shared-projects": [{"first": hub, "second": partner}],
        "organisations/smes-in-region": [{"area": big_country}],
        "clusters/in-projects": [{"country": "any"}],
        "programmes/projects": [{"programme": programme, "limit": 100}],
        "projects/partners": [{"project": big}],
        "provenance/sources-of": [{"id": hub}],
        "sectors/active-in": [{"term": "energy", "limit": 50}],
        "regions/ranked-by-participations": [{"level": 3, "limit": 25}],
    }


def cases(catalogue, extra: dict[str, list[dict]] | None) -> list[tuple[str, str, dict]]:
    """(query, label, raw parameters): the example alone on the extract; defaults, example and extra at scale."""
    overrides = {"metrics/top-organisations": {"metric": "degree"}}
    found = []
    for name, query in sorted(catalogue.queries.items()):
        if extra is None:
            found.append((name, "example", {**query.example, **overrides.get(name, {})}))
            continue
        if all(p.default is not None for p in query.params):
            found.append((name, "defaults", {}))
        if query.example:
            found.append((name, "example", dict(query.example)))
        found += [(name, "at scale", raw) for raw in extra.get(name, [])]
    return found


def _server_cpu_s(store: FalkorDBStore) -> float:
    """CPU seconds the embedded server has used (user + system), from /proc; 0 where that cannot be read."""
    try:
        fields = Path(f"/proc/{store.server_pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def _timed(store: FalkorDBStore, text: str, params: dict, times: list[float]) -> float:
    started, cpu = time.perf_counter(), _server_cpu_s(store)
    store.read(text, params, timeout_s=120)
    times.append((time.perf_counter() - started) * 1000)
    return _server_cpu_s(store) - cpu


def measure(store: FalkorDBStore, catalogue, found, runs: int, target_ms: float, beside=None) -> None:
    print(f"load average at the start: {os.getloadavg()[0]:.1f}")
    extra = " beside: p95 ms | CPU s (this / beside) | ratio |" if beside else ""
    print(f"| query | parameters | rows | p50 ms | p95 ms | p95 < {target_ms:.0f} ms |{extra}\n"
          f"|---|---|---:|---:|---:|---|{'---:|---:|---:|' if beside else ''}")
    worst = (0.0, "")
    for name, label, raw in found:
        query = catalogue.queries[name]
        params = bind_params(query, raw)
        params |= folded_params(query.cypher, params)  # `$x_folded`, as the runner gives it
        other = beside.queries.get(name) if beside else None
        other = other.cypher if other is not None and other.cypher != query.cypher else None
        times, other_times, cpu, other_cpu = [], [], 0.0, 0.0
        try:
            for _ in range(2):
                result = store.read(query.cypher, params, timeout_s=120)
                if other:
                    store.read(other, params, timeout_s=120)
            for _ in range(runs):
                cpu += _timed(store, query.cypher, params, times)
                if other:
                    other_cpu += _timed(store, other, params, other_times)
        except ClusterExplorerError as e:  # a busy machine: say so and go on with the next case
            print(f"| {name} | {label} | | | | {type(e).__name__} after {len(times)} runs | | | |", flush=True)
            continue
        p50, p95 = statistics.median(times), statistics.quantiles(times, n=20)[18]
        worst = max(worst, (p95, f"{name} ({label})"))
        shown = ", ".join(f"{k}={v}" for k, v in params.items()) or "(none)"
        line = (f"| {name} | {label}: {shown} | {len(result.rows)} | {p50:.1f} | {p95:.1f} | "
                f"{'met' if p95 < target_ms else 'MISSED'} |")
        if beside and other:
            ratio = f"{other_cpu / cpu:.1f}x |" if cpu >= 0.01 else "> 100x |"
            line += f" {statistics.quantiles(other_times, n=20)[18]:.1f} | {cpu:.2f} / {other_cpu:.2f} | {ratio}"
        elif beside:
            line += " (same text) | | |"
        print(line, flush=True)
    print(f"\nworst p95: {worst[0]:.1f} ms ({worst[1]}); load average at the end: {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--data", type=Path, default=SAMPLE_DIR,
                        help="a folder with gisco-nuts/ and cordis-horizon-europe/ (default: the bundled sample)")
    parser.add_argument("--db", type=Path, default=None, help="a store to measure as it is (use a copy)")
    parser.add_argument("--only", default="", help="comma-separated query names to measure (default all)")
    parser.add_argument("--target-ms", type=float, default=None, help="p95 target (100 ms; 500 ms with --db)")
    parser.add_argument("--beside", type=Path, default=None,
                        help="another queries folder (e.g. ../main/queries) whose text is timed beside this one's")
    args = parser.parse_args()
    catalogue = load_catalogue(None)
    target = args.target_ms or (500.0 if args.db else 100.0)
    with tempfile.TemporaryDirectory() as folder:
        if args.db:
            started = time.perf_counter()
            store = FalkorDBStore(args.db, default_timeout_s=120, default_row_cap=1000)
            print(f"store opened in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            found = cases(catalogue, realistic(store))
        else:
            store = FalkorDBStore(Path(folder) / "bench.db", "bench")
            store.setup_schema()
            _load(store, args.data)
            found = cases(catalogue, None)
        only = {n.strip() for n in args.only.split(",") if n.strip()}
        beside = load_catalogue(None, shipped_dir=args.beside) if args.beside else None
        measure(store, catalogue, [c for c in found if not only or c[0] in only], args.runs, target, beside)
        store.close()


if __name__ == "__main__":
    main()
