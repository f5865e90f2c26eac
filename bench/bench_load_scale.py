"""The load at the sizes a user meets: the bundled sample as `./dev run` loads it, and a synthetic set N times it.

Run: `.venv/bin/python bench/bench_load_scale.py [--scale 10] [--seed 12] [--skip-sample] [--skip-scale]
[--sample-runs 3]`
(also `bench/bench_load_cordis.py --scale 10`). Prints a table per measurement:

- **sample**: `load sample` (seeds, NUTS 2021 + 2024, the CORDIS extract, activity recount, entity
  resolution) into a fresh embedded store, through the one load pipeline. Target < 15 s. Measured
  `--sample-runs` times (default 3), each load against the floor replayed right after it; medians and ranges.
- **N x synthetic** (`bench/synth_cordis.py`, made from the extract's own distributions, not committed):
  NUTS, then `load cordis` of the set through the pipeline. Target < 90 s for 10x. Then `load nuts` again
  into that store: a load that writes no participation, so the activity recount is skipped.
- For each, the **floor**: the load's own write statements (parameter text made ahead) replayed back to
  back into a fresh store; the end-to-end time against it (target within 1.5x).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_load_cordis import STATE, TimedStore, fresh_store  # noqa: E402
from synth_cordis import make  # noqa: E402

import loaders.cordis as cordis_module  # noqa: E402
from graph.store.reads import counts  # noqa: E402
from loaders.pipeline import run_load, run_sample  # noqa: E402
from loaders.sample import SAMPLE_NUTS  # noqa: E402


def replay_all(folder: Path, writes: list[tuple[str, dict | None]], nuts: Path | None = None,
               name: str | None = None) -> float:
    """Seconds for a fresh store (holding the NUTS regions when `nuts` is given) to run `writes` back to back,
    their parameter text made ahead: the server's share alone, which no saving in Python goes below."""
    store = fresh_store(folder, name or f"replay{len(writes)}")
    if nuts is not None:
        run_load(store, "nuts", nuts)
    texts = [store.inline_parameters(q, p) for q, p in writes]
    start = time.perf_counter()
    for query in texts:
        store.write(query)
    seconds = time.perf_counter() - start
    store.close()
    return seconds


def _timed_parse(parsed: dict) -> None:
    """Time `read_cordis` (its seconds) and note when it ended and when the CORDIS load began waiting for it."""
    real, load = cordis_module.read_cordis, cordis_module.load_cordis

    def timed(paths):
        start = time.perf_counter()
        try:
            return real(paths)
        finally:
            parsed["ended"] = time.perf_counter()
            parsed["seconds"] = parsed.get("seconds", 0.0) + parsed["ended"] - start

    def load_timed(*args, **kwargs):
        parsed["cordis_began"] = time.perf_counter()
        return load(*args, **kwargs)
    cordis_module.read_cordis, cordis_module.load_cordis = timed, load_timed


def _phases(timed: TimedStore) -> list[tuple[str, str]]:
    return [(f"  {phase}", f"{spent:.2f} s") for phase, spent in sorted(timed.spent.items(), key=lambda kv: -kv[1])
            if spent >= 0.05]


@dataclass
class SampleRun:
    """One `load sample` into a fresh store, and the floor of its writes replayed right after it."""

    total: float
    parse: float
    recount: float
    floor: float
    parse_left: float  # of the parse, what ran after the seeds' and NUTS' writes: the CORDIS load waited for it
    compaction: float
    second: float
    phases: list[tuple[str, str]]
    nodes: int
    relationships: int
    loaded: str
    skipped: str

    @property
    def ratio(self) -> float:
        return self.total / self.floor

    @property
    def least(self) -> float:
        """The least a load can take whose CORDIS parse must end before its first CORDIS write (a bad file writes
        nothing): the floor, the parse left after the seeds' and NUTS' writes, the compaction; no other client work."""
        return self.floor + self.parse_left + self.compaction


def sample_run(folder: Path, run: int, parsed: dict) -> SampleRun:
    timed = TimedStore(fresh_store(folder, f"sample{run}"))
    parsed.clear()
    start = time.perf_counter()
    reports = run_sample(timed, progress=None)
    total = time.perf_counter() - start
    labels, types = counts(timed)
    start = time.perf_counter()
    again = run_sample(timed)
    second = time.perf_counter() - start
    writes = list(timed.sent)
    timed.close()
    parse_left = max(0.0, parsed.get("ended", 0.0) - parsed.get("cordis_began", parsed.get("ended", 0.0)))
    return SampleRun(total, parsed.get("seconds", 0.0), timed.spent.get("derive: activity recount", 0.0),
                     replay_all(folder, writes, name=f"replay-sample{run}"), parse_left,
                     timed.spent.get("compaction after the load (store.compact)", 0.0), second, _phases(timed),
                     sum(labels.values()), sum(types.values()),
                     ", ".join(r.load.source for r in reports if not r.skipped),
                     ", ".join(r.load.source for r in again if r.skipped))


def _spread(values: list[float], unit: str = " s", digits: int = 2) -> str:
    """`median (min-max)` of several runs; the value alone for one."""
    if len(values) == 1:
        return f"{values[0]:.{digits}f}{unit}"
    return (f"{statistics.median(values):.{digits}f}{unit} median ({min(values):.{digits}f}-{max(values):.{digits}f}"
            f" over {len(values)} runs)")


def sample_figures(folder: Path, runs: int = 1) -> list[tuple[str, str]]:
    """The sample's figures; with `runs` > 1 the load and its floor are measured that many times, each load
    against the floor replayed right after it (the floor alone moves by a quarter between quiet runs), and the
    medians given. The phases are the first run's."""
    parsed: dict = {}
    _timed_parse(parsed)
    done = [sample_run(folder, run, parsed) for run in range(runs)]
    first = done[0]
    return [
        ("sample: nodes / relationships in the store", f"{first.nodes:,} / {first.relationships:,}"),
        ("sample: load sample end to end (seeds, NUTS, CORDIS, recount, entity resolution)",
         f"{_spread([r.total for r in done])} (target < 15 s)"),
        ("  CORDIS parse (its own thread, beside the seeds and NUTS writes)", _spread([r.parse for r in done])),
        ("  of which activity recount (one statement)", _spread([r.recount for r in done])),
        *first.phases,
        ("sample: floor (its writes replayed into a fresh store)", _spread([r.floor for r in done])),
        ("sample: end to end / floor", f"{_spread([r.ratio for r in done], unit='x')} (target <= 1.5x)"),
        ("  the parse left after the seeds' and NUTS' writes (the CORDIS load waits for it)",
         _spread([r.parse_left for r in done])),
        ("  least with the parse before the first CORDIS write: floor + parse left + compaction / floor",
         f"{_spread([r.least for r in done])} = {_spread([r.least / r.floor for r in done], unit='x')} "
         "(no other client work)"),
        ("sample: second `load sample` (all skipped)",
         f"{_spread([r.second for r in done])}, skipped: {first.skipped}"),
        ("sample: parts loaded the first time", first.loaded),
    ]


def scale_figures(folder: Path, scale: int, seed: int) -> list[tuple[str, str]]:
    data = folder / f"synthetic-{scale}x"
    start = time.perf_counter()
    made = make(data, scale, seed)
    made_s = time.perf_counter() - start
    timed = TimedStore(fresh_store(folder, f"scale{scale}"))
    run_load(timed, "nuts", SAMPLE_NUTS)
    timed.spent.clear()
    timed.sent.clear()
    parsed: dict = {}
    _timed_parse(parsed)
    start = time.perf_counter()
    report = run_load(timed, "cordis", data)
    total = time.perf_counter() - start
    labels, types = counts(timed)
    writes = list(timed.sent)
    state = timed.spent.get(STATE, 0.0)
    recount = timed.spent.get("derive: activity recount", 0.0)
    phases = _phases(timed)
    start = time.perf_counter()  # a load that writes no participation into the big store: no recount
    nuts_again = run_load(timed, "nuts", SAMPLE_NUTS)
    nuts_s = time.perf_counter() - start
    timed.close()
    floor = replay_all(folder, writes, nuts=SAMPLE_NUTS)
    parse = parsed.get("seconds", 0.0)
    rows = made["participations"]
    return [
        (f"{scale}x synthetic (seed {seed}): projects / participation rows / organisations",
         f"{made['projects']:,} / {rows:,} / {made['organisations']:,} (made in {made_s:.1f} s)"),
        (f"{scale}x: in the store: Project / Organisation / PARTICIPATES_IN",
         f"{labels['Project']:,} / {labels['Organisation']:,} / {types['PARTICIPATES_IN']:,}"),
        (f"{scale}x: load cordis end to end (after NUTS; parse, write, recount, entity resolution)",
         f"{total:.1f} s = {rows / total:,.0f} participation rows/s (target < 90 s)"),
        ("  of which parse", f"{parse:.1f} s"),
        ("  of which write (validation, change detection, upserts, load log, derived facts)", f"{total - parse:.1f} s"),
        ("  of which state reads / activity recount", f"{state:.1f} s / {recount:.1f} s"),
        *phases,
        (f"{scale}x: floor (the load's writes replayed into a fresh store holding NUTS)", f"{floor:.1f} s"),
        (f"{scale}x: end to end / floor", f"{total / floor:.2f}x (target <= 1.5x); without the parse "
         f"{(total - parse) / floor:.2f}x"),
        (f"{scale}x: nodes created / relationships created",
         f"{report.summary.created:,} / {report.summary.relationships_created:,}"),
        (f"{scale}x: then `load nuts` again (nothing new; the activity recount skipped)",
         f"{nuts_s:.1f} s; derived: {'; '.join(nuts_again.derived) or 'nothing'}"),
    ]


def print_table(table: list[tuple[str, str]]) -> None:
    width = max(len(k) for k, _ in table)
    print(f"{'measure':<{width}}  value")
    print(f"{'-' * width}  {'-' * 40}")
    for key, value in table:
        print(f"{key:<{width}}  {value}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--skip-sample", action="store_true")
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--sample-runs", type=int, default=3,
                        help="loads of the sample, each against its own floor; medians reported (default 3)")
    args = parser.parse_args(argv)
    table: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_sample:
            table += sample_figures(Path(tmp), args.sample_runs)
        if not args.skip_scale:
            table += scale_figures(Path(tmp), args.scale, args.seed)
    print_table(table)


if __name__ == "__main__":
    main()
