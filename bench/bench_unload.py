"""`unload` of each load a store holds, step by step, and the load again after it: how long taking a load out
costs, and that loading the same files again gives the store its counts back.

Run: `.venv/bin/python bench/bench_unload.py [--db FILE [--graph NAME]] [--cordis DIR] [--nuts DIR]
[--user user:NAME=MAPPING ...]`

- Without `--db`: the bundled sample (`load sample`: seeds, NUTS 2021 + 2024, the CORDIS extract) loaded through
  the load pipeline into a fresh store in a temporary folder, as `bench/bench_load_scale.py` does.
- With `--db FILE`: the store FILE (and its `FILE.aof` folder) copied into a temporary folder first; the original
  is never opened. The loads are read from its load log; each is loaded again from `--cordis`, `--nuts` (default:
  the bundled sample's folders: the log names files, not where they were) or, for your own table, `--user
  user:NAME=MAPPING`. A user load given no mapping is not unloaded, and the table says how to add it.

For each load (seeds, nuts, cordis, then user loads), as `cluster-explorer unload` runs it (`run_unload`): each of
`graph.store.unload.unload_source`'s steps (timed from its `progress` calls), the derived facts made again (and
which: `loaders.unload_due`) and the compaction;
then `run_load` of the same files, and the store's nodes per label and relationships per type
compared with those before the unload. A count that differs is printed and the script exits with status 1.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_load_cordis import fresh_store  # noqa: E402
from bench_load_scale import print_table  # noqa: E402

import loaders.pipeline as pipeline  # noqa: E402
from graph.store.falkordb_store import FalkorDBStore  # noqa: E402
from graph.store.reads import counts, last_loads  # noqa: E402
from loaders.sample import SAMPLE_CORDIS, SAMPLE_NUTS  # noqa: E402
from loaders.unload_due import DERIVED_STEPS  # noqa: E402

#: `unload_source`'s steps in its order (graph/store/unload.py); a step it gains is shown as `step N`.
STEPS = ("relationships only it brought, but PART_OF", "places other loads held back written", "nodes other loads "
         "reach kept", "PART_OF of nodes that stay kept", "relationships only it brought", "its source off shared "
         "relationships", "nodes only it brought", "values other loads gave restored", "its source off shared nodes",
         "activity of organisations left without participation", "its Source nodes", "its load log entries")
ORDER = ("seeds", "nuts", "cordis")


def timed_unload(store: FalkorDBStore, source: str) -> tuple[list[tuple[str, str]], object]:
    """`run_unload(store, source)` with each step, the derived facts and the compaction timed."""
    marks: list[float] = []
    spent: dict[str, float] = {}
    real_unload, real_derive = pipeline.unload_source, pipeline.derive_facts

    def unload(on, name, progress):
        marks.append(time.perf_counter())
        return real_unload(on, name, lambda done, total: marks.append(time.perf_counter()))

    def derive(*args, **kwargs):
        steps = kwargs.get("steps")
        spent["steps"] = ", ".join(s for s in DERIVED_STEPS if steps is None or s in steps) or "none"
        started = time.perf_counter()
        try:
            return real_derive(*args, **kwargs)
        finally:
            spent["derive"] = time.perf_counter() - started

    pipeline.unload_source, pipeline.derive_facts = unload, derive
    try:
        started = time.perf_counter()
        summary, _ = pipeline.run_unload(store, source)
        total = time.perf_counter() - started
    finally:
        pipeline.unload_source, pipeline.derive_facts = real_unload, real_derive
    steps = [b - a for a, b in zip(marks, marks[1:], strict=False)]
    rows = [(f"unload {source}", f"{total:.2f} s: {summary.nodes_removed:,} nodes and "
             f"{summary.relationships_removed:,} relationships removed, {int(summary.nodes_kept):,} nodes and "
             f"{summary.relationships_kept:,} relationships kept")]
    rows += [(f"  {i}. {STEPS[i - 1] if i <= len(STEPS) else f'step {i}'}", f"{s:.2f} s")
             for i, s in enumerate(steps, start=1)]
    rows += [("  steps in all", f"{sum(steps):.2f} s"),
             ("  derived facts made again", f"{spent['derive']:.2f} s ({spent['steps']})"),
             ("  compaction and the rest", f"{total - sum(steps) - spent['derive']:.2f} s")]
    return rows, summary


def _described(found: tuple[dict[str, int], dict[str, int]]) -> str:
    labels, types = found
    return (f"{sum(labels.values()):,} nodes, {sum(types.values()):,} relationships ("
            + ", ".join(f"{k} {v:,}" for k, v in sorted({**labels, **types}.items())) + ")")


def _differences(before: tuple[dict, dict], after: tuple[dict, dict]) -> str:
    merged_before, merged_after = {**before[0], **before[1]}, {**after[0], **after[1]}
    return ", ".join(f"{k} {merged_before.get(k, 0):,} -> {merged_after.get(k, 0):,}"
                     for k in sorted(set(merged_before) | set(merged_after))
                     if merged_before.get(k, 0) != merged_after.get(k, 0))


def unload_and_reload(store: FalkorDBStore, source: str, path: Path | None, kind: str) -> tuple[list, bool]:
    """The rows of one load's unload and load again; whether the counts came back the same."""
    before = counts(store)
    rows, _ = timed_unload(store, source)
    started = time.perf_counter()
    report = pipeline.run_load(store, kind, path)
    reload_s = time.perf_counter() - started
    after = counts(store)
    rows.append((f"load {source} again", f"{reload_s:.2f} s ({report.summary.created:,} nodes created)"))
    differs = _differences(before, after)
    rows.append(("  counts after it", "the same as before the unload" if not differs else f"DIFFER: {differs}"))
    return rows, not differs


def _store(args: argparse.Namespace, folder: Path) -> tuple[FalkorDBStore, str]:
    """The store measured (a copy, or the sample loaded now) and how it came to be."""
    if args.db is None:
        store = fresh_store(folder, "unload")
        started = time.perf_counter()
        pipeline.run_sample(store)
        return store, f"the sample, loaded in {time.perf_counter() - started:.1f} s"
    copy = folder / args.db.name
    shutil.copy2(args.db, copy)
    if Path(f"{args.db}.aof").is_dir():
        shutil.copytree(f"{args.db}.aof", f"{copy}.aof")
    return FalkorDBStore(copy, args.graph, default_timeout_s=600), f"a copy of {args.db} (graph {args.graph})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None, help="a store to copy and measure (default: the sample)")
    parser.add_argument("--graph", default="cluster_explorer", help="the graph's name in --db")
    parser.add_argument("--cordis", type=Path, default=SAMPLE_CORDIS, help="where cordis is loaded again from")
    parser.add_argument("--nuts", type=Path, default=SAMPLE_NUTS, help="where nuts is loaded again from")
    parser.add_argument("--user", action="append", default=[], metavar="user:NAME=MAPPING",
                        help="the mapping a user load is loaded again from")
    args = parser.parse_args(argv)
    users = dict(given.split("=", 1) for given in args.user)
    paths = {"seeds": (None, "seeds"), "nuts": (args.nuts, "nuts"), "cordis": (args.cordis, "cordis"),
             **{name: (Path(mapping), "csv") for name, mapping in users.items()}}
    same = True
    with tempfile.TemporaryDirectory(prefix="bench-unload-", dir="/tmp") as tmp:
        store, made = _store(args, Path(tmp))
        try:
            logged = list(dict.fromkeys(load["source"] for load in last_loads(store, limit=10**6)))
            sources = [s for s in ORDER if s in logged] + sorted(s for s in logged if s not in ORDER)
            table = [("store", made), ("  counts", _described(counts(store))), ("  loads", ", ".join(sources))]
            for source in sources:
                if source not in paths:
                    table.append((f"unload {source}", f"not measured: give `--user {source}=MAPPING` to load it "
                                                      "again after"))
                    continue
                rows, kept = unload_and_reload(store, source, *paths[source])
                table += rows
                same = same and kept
        finally:
            store.close()
    print_table(table)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
