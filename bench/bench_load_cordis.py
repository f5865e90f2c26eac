"""How fast the CORDIS extract (bundled with the project) loads into a fresh embedded store, and where the time goes.

Run: `.venv/bin/python bench/bench_load_cordis.py [cordis folder] [nuts folder]` (default: the bundled
sample; `--sample` / `--scale 10`: the sample as `load sample` loads it and a synthetic set 10x the
extract, with their write floors, see `bench_load_scale.py`). Prints a table of
measured figures: parse and write rates, the end-to-end load (NUTS first, as the CLI does), a re-run
(everything unchanged, nothing written), the writer's phases, and batched against row-by-row writing of
participations. Targets: the extract loads in under 15 s (>= 20,000 participation rows/s end to end);
batched writing is >= 100x faster than one row per query.

The last lines say how far the embedded store itself lets these targets be reached: the load's own
writes replayed with nothing else to do (no Python-side saving goes below it), and the batched / row by
row comparison for ever leaner statements, down to a bare CREATE between nodes found by internal id.

The writer sends its upserts from a worker thread, so the upsert phases below are the time that thread
waited for the server; they overlap the main thread's work (change detection, parameter text).
"""

from __future__ import annotations

import csv
import io
import math
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from falkordb.helpers import stringify_param_value  # noqa: E402

import loaders.cordis as cordis_module  # noqa: E402
from graph.memory import gc_paused  # noqa: E402
from graph.store import cypher  # noqa: E402
from graph.store.falkordb_store import FalkorDBStore, parameter_text  # noqa: E402
from graph.store.records import check_records  # noqa: E402
from graph.store.writer import write_records  # noqa: E402
from loaders.common import read_text  # noqa: E402
from loaders.cordis import cordis_files, read_cordis  # noqa: E402
from loaders.nuts import load_nuts  # noqa: E402
from loaders.sample import SAMPLE_CORDIS, SAMPLE_NUTS  # noqa: E402

SAMPLE = 2000
REPEATS = 3
STATE = "writer: store state reads (counts, what the store holds, value comparisons)"


class TimedStore:
    """A FalkorDBStore that adds up the time spent in each kind of statement, and counts the writes."""

    def __init__(self, store: FalkorDBStore):
        self.store, self.kind, self.location = store, store.kind, store.location
        self.spent: dict[str, float] = defaultdict(float)
        self.writes = 0
        self.sent: list[tuple[str, dict | None]] = []  # every write, to replay it into a fresh store
        self._inlined: dict[str, str] = {}  # parameter text made ahead -> the phase of its statement

    def _timed(self, phase, method, query, *args, **kwargs):
        start = time.perf_counter()
        try:
            return method(query, *args, **kwargs)
        finally:
            self.spent[phase] += time.perf_counter() - start

    def read(self, query, params=None, **kwargs):
        return self._timed(_phase(query), self.store.read, query, params, **kwargs)

    def write(self, query, params=None):
        self.writes += 1
        self.sent.append((query, params))
        phase = self._inlined.pop(query, None) or _phase(query)
        return self._timed(phase, self.store.write, query, params)

    def inline_parameters(self, query, params):
        text = self.store.inline_parameters(query, params)
        self._inlined[text] = _phase(query)
        return text

    def setup_schema(self):
        self.store.setup_schema()

    def compact(self, progress=None):
        """The pipeline's compaction after a load: part of the load a user waits for, timed on its own."""
        return self._timed("compaction after the load (store.compact)", self.store.compact, progress)

    def clear(self):
        self.store.clear()

    def close(self):
        self.store.close()


def _phase(query: str) -> str:
    if "coordinated_partners" in query:
        return "derive: activity recount"
    if "collect(" in query or " AS props" in query or " AS count" in query or " AS digest" in query:
        return STATE
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


def replay(folder: Path, nuts: Path, writes: list[tuple[str, dict | None]]) -> float:
    """Seconds the server needs for the load's own write statements, parameter text made ahead and sent
    back to back into a fresh store holding the NUTS regions: what no Python-side saving can go below."""
    store = fresh_store(folder, "replay")
    load_nuts(store, nuts)
    start = time.perf_counter()
    for query, params in writes:
        store.write(query, params)
    seconds = time.perf_counter() - start
    store.close()
    return seconds


def batched_vs_row_by_row(store: FalkorDBStore, statement: str, rows: list[dict]) -> tuple[float, float]:
    """Best of REPEATS seconds for `rows` written by `statement` in one query, and in one query per row
    (the PARTICIPATES_IN relationships deleted before each)."""
    best = [math.inf, math.inf]
    for _ in range(REPEATS):
        for mode in (0, 1):
            store.write("MATCH ()-[r:PARTICIPATES_IN]->() DELETE r")
            start = time.perf_counter()
            for batch in ([rows] if mode == 0 else [[row] for row in rows]):
                store.write(statement, {"rows": batch})
            best[mode] = min(best[mode], time.perf_counter() - start)
    return best[0], best[1]


def leaner_writes(store: FalkorDBStore, sample: list[dict]) -> list[tuple[str, float, float]]:
    """The same comparison for statements that do less than the writer's, down to the least a relationship
    write can do (FalkorDB-only `id()` seeks, for this measurement only): how far the ratio can go at all."""
    internal = dict(store.read("MATCH (n) WHERE n:Organisation OR n:Project RETURN n.id, id(n)", row_cap=10**6).rows)
    by_index = "UNWIND $rows AS row MATCH (a:Organisation {id: row.start}) MATCH (b:Project {id: row.end}) "
    ladder = [
        ("MERGE by key, SET the properties (no sources)", sample,
         by_index + "MERGE (a)-[r:PARTICIPATES_IN {key: row.key}]->(b) SET r += row.props"),
        ("MERGE by key, SET the properties, nodes sought by internal id",
         [{**row, "a": internal[row["start"]], "b": internal[row["end"]]} for row in sample],
         "UNWIND $rows AS row MATCH (a) WHERE id(a) = row.a MATCH (b) WHERE id(b) = row.b "
         "MERGE (a)-[r:PARTICIPATES_IN {key: row.key}]->(b) SET r += row.props"),
        ("CREATE, no key, no properties, rows {start, end}",
         [{"start": row["start"], "end": row["end"]} for row in sample],
         by_index + "CREATE (a)-[:PARTICIPATES_IN]->(b)"),
        ("CREATE by internal id, no key, no properties, rows {a, b}",
         [{"a": internal[row["start"]], "b": internal[row["end"]]} for row in sample],
         "UNWIND $rows AS row MATCH (a) WHERE id(a) = row.a MATCH (b) WHERE id(b) = row.b "
         "CREATE (a)-[:PARTICIPATES_IN]->(b)"),
    ]
    return [(name, *batched_vs_row_by_row(store, statement, rows)) for name, rows, statement in ladder]


def count_rows(paths) -> int:
    """CSV records (not physical lines: objectives and addresses span several); compressed files too."""
    total = 0
    for path in paths:
        f = io.StringIO(read_text(path)[0], newline="")
        header = f.readline()
        delimiter = ";" if header.count(";") > header.count(",") else ","
        total += sum(1 for _ in csv.reader(f, delimiter=delimiter))
    return total


def main() -> None:
    if "--scale" in sys.argv or "--sample" in sys.argv:  # the sizes a user meets: bench_load_scale.py
        from bench_load_scale import main as scale_main

        scale_main([a for a in sys.argv[1:] if a != "--sample"] + (["--skip-scale"] if "--scale" not in sys.argv
                                                                     else []))
        return
    cordis = Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE_CORDIS
    nuts = Path(sys.argv[2]) if len(sys.argv) > 2 else SAMPLE_NUTS
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
        first_writes = list(timed.sent)
        timed.spent.clear()
        timed.writes = 0
        start = time.perf_counter()
        rerun = cordis_module.load_cordis(timed, cordis)
        rerun_s = time.perf_counter() - start
        rerun_parse_s, rerun_state, rerun_writes = parsed["seconds"], timed.spent[STATE], timed.writes
        timed.close()

        parts = [r for r in rels if r.type == "PARTICIPATES_IN"]
        with gc_paused():  # as in the load
            rows = [r.row() for r in parts]
            encoders = {}
            for name, encode in (("falkordb client", stringify_param_value), ("ours", parameter_text)):
                start = time.perf_counter()
                encode(rows)
                encoders[name] = time.perf_counter() - start
            start = time.perf_counter()
            check_records(nodes, rels)
            validate_s = time.perf_counter() - start

        # batched against row-by-row: the same 2,000 participations into a store holding the nodes, each
        # way REPEATS times (the relationships deleted in between); the best time of each
        sample = [r.row() for r in parts[:SAMPLE]]
        statement = cypher.upsert_relationships("PARTICIPATES_IN", "Organisation", "Project")
        store = fresh_store(folder, "sample")
        write_records(store, [n for n in nodes if n.label in ("Organisation", "Project")], [])
        batched, row_by_row = batched_vs_row_by_row(store, statement, sample)
        leaner = leaner_writes(store, sample)
        store.close()
        server_only = replay(folder, nuts, first_writes)

    n_parts, source_rows = len(parts), count_rows(files.values())
    write_s = end_to_end - parse_s
    s = report.summary
    records = s.nodes + s.relationships
    r = rerun.summary
    table = [
        ("NUTS load first (both versions)", f"{nuts_s:.2f} s"),
        ("parse: CSV records in the CORDIS files", f"{source_rows:,} ({n_parts:,} participations)"),
        ("parse: time", f"{parse_s:.2f} s"),
        ("parse: rows per s (all files / participations)",
         f"{source_rows / parse_s:,.0f} / {n_parts / parse_s:,.0f} rows/s"),
        ("write: records (nodes + relationships)", f"{records:,}"),
        ("write: time (places check, validation, change detection, upserts, load log)", f"{write_s:.2f} s"),
        ("write: records per s / participations per s",
         f"{records / write_s:,.0f} / {n_parts / write_s:,.0f} per s"),
        ("end to end: CORDIS load after NUTS", f"{end_to_end:.2f} s"),
        ("end to end: participation rows per s", f"{n_parts / end_to_end:,.0f} rows/s (target >= 20,000)"),
        ("end to end incl. NUTS", f"{end_to_end + nuts_s:.2f} s (target < 15 s)"),
        ("first load: nodes / relationships created", f"{s.created:,} / {s.relationships_created:,}"),
        ("re-run: total / of which parse", f"{rerun_s:.2f} s / {rerun_parse_s:.2f} s"),
        ("re-run: nodes unchanged / created / updated", f"{r.unchanged:,} / {r.created} / {r.updated}"),
        ("re-run: relationships unchanged / created / updated",
         f"{r.relationships_unchanged:,} / {r.relationships_created} / {r.relationships_updated}"),
        ("re-run: state reads / write statements sent", f"{rerun_state:.2f} s / {rerun_writes} (the load log)"),
    ]
    table += [(phase, f"{spent:.2f} s") for phase, spent in sorted(phases.items(), key=lambda kv: -kv[1])]
    table += [
        ("writer: per-record checks (graph.store.records.check_records)", f"{validate_s:.2f} s"),
        ("parameter text for all participations: falkordb client / ours",
         f"{encoders['falkordb client']:.2f} s / {encoders['ours']:.2f} s (same text)"),
        (f"{SAMPLE:,} participations, batched (1 query; best of {REPEATS})", f"{batched:.3f} s"),
        (f"{SAMPLE:,} participations, row by row ({SAMPLE:,} queries; best of {REPEATS})", f"{row_by_row:.3f} s"),
        ("batched vs row by row", f"{row_by_row / batched:.0f}x faster (target >= 100x)"),
        ("floor: the load's own writes replayed back to back into a fresh store (server only)",
         f"{server_only:.2f} s = at most {n_parts / server_only:,.0f} participation rows/s"),
    ]
    table += [(f"leaner statement: {name}", f"{b:.3f} s batched / {r:.3f} s row by row = {r / b:.0f}x")
              for name, b, r in leaner]
    width = max(len(k) for k, _ in table)
    print(f"{'measure':<{width}}  value")
    print(f"{'-' * width}  {'-' * 40}")
    for key, value in table:
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
