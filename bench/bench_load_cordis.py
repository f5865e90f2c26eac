"""How fast the shared CORDIS extract loads into a fresh embedded store, and where the time goes.

Run: `.venv/bin/python bench/bench_load_cordis.py [cordis folder] [nuts folder]`. Prints a table of
measured figures: parse and write rates, the end-to-end load (NUTS first, as the CLI does), a re-run
(every node unchanged), the writer's phases, and batched against row-by-row writing of participations.
Targets: the extract loads in under 15 s (>= 20,000 participation rows/s end to end); batched writing is
>= 100x faster than one row per query.
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from falkordb.helpers import stringify_param_value  # noqa: E402

import loaders.cordis as cordis_module  # noqa: E402
from graph import cypher  # noqa: E402
from graph.falkordb_store import FalkorDBStore  # noqa: E402
from graph.operations import write_records  # noqa: E402
from graph.records import check_records  # noqa: E402
from loaders.cordis import cordis_files, read_cordis  # noqa: E402
from loaders.csv_tables import gc_paused  # noqa: E402
from loaders.nuts import load_nuts  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
SAMPLE = 2000
DIFF = "writer: created/updated/unchanged diff reads (node_states)"


class TimedStore:
    """A FalkorDBStore that adds up the time spent in each kind of statement (first line names it)."""

    def __init__(self, store: FalkorDBStore):
        self.store, self.kind, self.location = store, store.kind, store.location
        self.spent: dict[str, float] = defaultdict(float)

    def _timed(self, method, query, *args, **kwargs):
        start = time.perf_counter()
        try:
            return method(query, *args, **kwargs)
        finally:
            self.spent[_phase(query)] += time.perf_counter() - start

    def read(self, query, params=None, **kwargs):
        return self._timed(self.store.read, query, params, **kwargs)

    def write(self, query, params=None):
        return self._timed(self.store.write, query, params)

    def setup_schema(self):
        self.store.setup_schema()

    def clear(self):
        self.store.clear()

    def close(self):
        self.store.close()


def _phase(query: str) -> str:
    if "properties(n) AS props" in query:
        return DIFF
    if "RETURN n.id AS id" in query:
        return "writer: endpoint existence reads"
    if "MERGE (n:" in query:
        return "writer: node upserts (" + query.split("MERGE (n:")[1].split(" ")[0] + ")"
    if "]->(b)" in query:
        return "writer: relationship upserts (" + query.split("[r:")[1].split(" ")[0] + ")"
    return "other"


def fresh_store(folder: Path, name: str) -> FalkorDBStore:
    store = FalkorDBStore(folder / f"{name}.db", name, default_timeout_s=300)
    store.setup_schema()
    return store


def count_rows(paths) -> int:
    """CSV records (not physical lines: objectives and addresses span several)."""
    total = 0
    for path in paths:
        with open(path, newline="", encoding="utf-8", errors="replace") as f:
            header = f.readline()
            delimiter = ";" if header.count(";") > header.count(",") else ","
            total += sum(1 for _ in csv.reader(f, delimiter=delimiter))
    return total


def main() -> None:
    cordis = Path(sys.argv[1]) if len(sys.argv) > 1 else SHARED / "cordis-horizon-europe"
    nuts = Path(sys.argv[2]) if len(sys.argv) > 2 else SHARED / "gisco-nuts"
    files = cordis_files(cordis)
    parsed: dict[str, object] = {}

    def timed_read(paths):  # the parse inside the real load, timed where it runs
        start = time.perf_counter()
        parsed["records"] = read_cordis(paths)
        parsed["seconds"] = time.perf_counter() - start
        return parsed["records"]

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        timed = TimedStore(fresh_store(folder, "bench"))
        start = time.perf_counter()
        load_nuts(timed, nuts)
        nuts_s = time.perf_counter() - start
        timed.spent.clear()
        cordis_module.read_cordis = timed_read
        start = time.perf_counter()
        report = cordis_module.load_cordis(timed, cordis)
        end_to_end = time.perf_counter() - start
        parse_s, (nodes, rels, _) = parsed["seconds"], parsed["records"]
        phases = dict(timed.spent)
        start = time.perf_counter()
        rerun = cordis_module.load_cordis(timed, cordis)
        rerun_s = time.perf_counter() - start
        rerun_parse_s = parsed["seconds"]
        rerun_diff = timed.spent[DIFF] - phases.get(DIFF, 0.0)
        timed.close()

        parts = [r for r in rels if r.type == "PARTICIPATES_IN"]
        with gc_paused():  # as in the load
            start = time.perf_counter()
            stringify_param_value([r.row() for r in parts])
            serialise_s = time.perf_counter() - start
            start = time.perf_counter()
            check_records(nodes, rels)
            validate_s = time.perf_counter() - start

        # batched against row-by-row: the same 2,000 participations into two stores holding the nodes
        sample = [r.row() for r in parts[:SAMPLE]]
        statement = cypher.upsert_relationships("PARTICIPATES_IN", "Organisation", "Project")
        timings = {}
        for mode in ("batched", "row by row"):
            store = fresh_store(folder, mode.replace(" ", "_"))
            write_records(store, [n for n in nodes if n.label in ("Organisation", "Project")], [])
            start = time.perf_counter()
            if mode == "batched":
                store.write(statement, {"rows": sample})
            else:
                for row in sample:
                    store.write(statement, {"rows": [row]})
            timings[mode] = time.perf_counter() - start
            store.close()

    n_parts, source_rows = len(parts), count_rows(files.values())
    write_s = end_to_end - parse_s
    records = report.summary.nodes + report.summary.relationships
    table = [
        ("NUTS load first (both versions)", f"{nuts_s:.2f} s"),
        ("parse: CSV records in the CORDIS files", f"{source_rows:,} ({n_parts:,} participations)"),
        ("parse: time", f"{parse_s:.2f} s"),
        ("parse: rows per s (all files / participations)",
         f"{source_rows / parse_s:,.0f} / {n_parts / parse_s:,.0f} rows/s"),
        ("write: records (nodes + relationships)", f"{records:,}"),
        ("write: time (places check, validation, upserts, load log)", f"{write_s:.2f} s"),
        ("write: records per s / participations per s",
         f"{records / write_s:,.0f} / {n_parts / write_s:,.0f} per s"),
        ("end to end: CORDIS load after NUTS", f"{end_to_end:.2f} s"),
        ("end to end: participation rows per s", f"{n_parts / end_to_end:,.0f} rows/s (target >= 20,000)"),
        ("end to end incl. NUTS", f"{end_to_end + nuts_s:.2f} s (target < 15 s)"),
        ("re-run: total / of which parse", f"{rerun_s:.2f} s / {rerun_parse_s:.2f} s"),
        ("re-run: summary", f"{rerun.summary.unchanged:,} nodes unchanged, {rerun.summary.created} created, "
                            f"{rerun.summary.updated} updated"),
        ("re-run: diff reads (properties of every node)", f"{rerun_diff:.2f} s"),
    ]
    table += [(phase, f"{spent:.2f} s") for phase, spent in sorted(phases.items(), key=lambda kv: -kv[1])]
    table += [
        ("writer: per-record checks (graph.records.check_records)", f"{validate_s:.2f} s"),
        ("client-side parameter text for all participations", f"{serialise_s:.2f} s (part of their upserts)"),
        (f"{SAMPLE:,} participations, batched (1 query)", f"{timings['batched']:.3f} s"),
        (f"{SAMPLE:,} participations, row by row ({SAMPLE:,} queries)", f"{timings['row by row']:.3f} s"),
        ("batched vs row by row", f"{timings['row by row'] / timings['batched']:.0f}x faster (target >= 100x)"),
    ]
    width = max(len(k) for k, _ in table)
    print(f"{'measure':<{width}}  value")
    print(f"{'-' * width}  {'-' * 40}")
    for key, value in table:
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
