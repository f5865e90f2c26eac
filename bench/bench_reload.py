"""A re-load of changed CORDIS files at scale: what taking off what they no longer give costs (`loaders.reload_gone`).

Run: `.venv/bin/python bench/bench_reload.py [--scale 1] [--seed 12] [--drop 1.0]`

The N x synthetic set of `bench/synth_cordis.py` is made and loaded (NUTS, then `load cordis`) into a fresh store;
then the same set without its last `--drop` % of projects (their participation and side-table rows; the
organisations only they named go with them) is loaded through `run_load`, as `load cordis` runs it. Timed: the
whole re-load; of it, the read of everything the source's files are on and the diff with the new records
(`graph.store.retire.gone`), the marking (`retire`), the unload's steps over what is marked (`take_off`); and a
second run of the same files (the log alone says nothing is to be taken off: `reload_due`). The store's counts
are compared with those of the smaller set loaded alone into another fresh store: a difference is printed and the
script exits with status 1.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_load_cordis import fresh_store  # noqa: E402
from bench_load_scale import print_table  # noqa: E402
from synth_cordis import SIDE_TABLES, make  # noqa: E402

import loaders.reload_gone as reload_gone  # noqa: E402
from graph.store.reads import counts  # noqa: E402
from loaders.pipeline import run_load  # noqa: E402
from loaders.sample import SAMPLE_NUTS  # noqa: E402


def smaller_copy(source: Path, out: Path, drop_percent: float) -> int:
    """`source`'s files without the last `drop_percent` % of its projects; how many projects were dropped."""
    out.mkdir(parents=True, exist_ok=True)
    with (source / "projects.csv").open(encoding="utf-8", newline="") as f:
        ids = [row["id"] for row in csv.DictReader(f)]
    gone = set(ids[len(ids) - int(len(ids) * drop_percent / 100):])
    for path in source.iterdir():
        column = "id" if path.name == "projects.csv" else "projectID"
        with path.open(encoding="utf-8", newline="") as f, (out / path.name).open("w", encoding="utf-8",
                                                                                    newline="") as w:
            reader = csv.DictReader(f)
            writer = csv.DictWriter(w, reader.fieldnames or [], lineterminator="\n")
            writer.writeheader()
            keep = path.name not in ("projects.csv", "organizations.csv", *SIDE_TABLES)
            writer.writerows(row for row in reader if keep or row.get(column) not in gone)
    return len(gone)


def _counts(store) -> tuple[dict[str, int], dict[str, int]]:
    """Nodes per label and relationships per type, the load log left out (the earlier load's entry stays in it)."""
    labels, types = counts(store)
    return {k: v for k, v in labels.items() if k != "Load"}, types


def _timed(spent: dict[str, float], name: str, real):
    def run(*args, **kwargs):
        started = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - started
    return run


def reload_figures(folder: Path, scale: int, seed: int, drop: float) -> tuple[list[tuple[str, str]], bool]:
    data, smaller = folder / f"synthetic-{scale}x", folder / f"synthetic-{scale}x-smaller"
    made = make(data, scale, seed)
    dropped = smaller_copy(data, smaller, drop)
    store = fresh_store(folder, "reload")
    run_load(store, "nuts", SAMPLE_NUTS)
    started = time.perf_counter()
    run_load(store, "cordis", data)
    first = time.perf_counter() - started
    spent: dict[str, float] = {}
    real = {name: getattr(reload_gone, name) for name in ("gone", "retire", "take_off", "reload_due")}
    for name, function in real.items():
        setattr(reload_gone, name, _timed(spent, name, function))
    try:
        started = time.perf_counter()
        report = run_load(store, "cordis", smaller)
        reload_s = time.perf_counter() - started
        again_spent = dict(spent)
        started = time.perf_counter()
        run_load(store, "cordis", smaller)
        again_s = time.perf_counter() - started
    finally:
        for name, function in real.items():
            setattr(reload_gone, name, function)
    got = _counts(store)
    store.close()
    alone = fresh_store(folder, "alone")
    run_load(alone, "nuts", SAMPLE_NUTS)
    started = time.perf_counter()
    run_load(alone, "cordis", smaller)
    alone_s = time.perf_counter() - started
    want = _counts(alone)
    alone.close()
    said = [note for note in report.load.notes if "no longer in" in note]
    check = spent.get("reload_due", 0.0) - again_spent.get("reload_due", 0.0)
    removal = sum(again_spent.get(name, 0.0) for name in ("gone", "retire", "take_off"))
    return [
        (f"{scale}x synthetic (seed {seed}): projects / participation rows",
         f"{made['projects']:,} / {made['participations']:,}; {dropped:,} projects dropped ({drop} %)"),
        (f"{scale}x: load cordis (first)", f"{first:.1f} s"),
        (f"{scale}x: load cordis of the smaller set over it (re-load), end to end", f"{reload_s:.1f} s"),
        ("  of which: the log read (is a removal due)", f"{again_spent.get('reload_due', 0.0) * 1000:.0f} ms"),
        ("  of which: read what the source's files are on, diff with the new records", f"{again_spent['gone']:.1f} s"),
        ("  of which: mark what is no longer given", f"{again_spent['retire']:.1f} s"),
        ("  of which: the unload's steps over it", f"{again_spent['take_off']:.1f} s"),
        ("  the removal in all", f"{removal:.1f} s ({removal / reload_s:.0%} of the re-load)"),
        ("  its note", said[0] if said else "none"),
        (f"{scale}x: the same files again (nothing to take off: the log read only)",
         f"{again_s:.1f} s, of which the log read {check * 1000:.0f} ms"),
        (f"{scale}x: the smaller set loaded alone into a fresh store (after NUTS)", f"{alone_s:.1f} s"),
        ("store after the re-load == the smaller set alone (counts per label and type, the log aside)",
         "yes" if got == want else f"NO: {got} != {want}"),
    ], got == want


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--drop", type=float, default=1.0, help="percent of the projects the new files leave out")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench_reload_") as folder:
        table, same = reload_figures(Path(folder), args.scale, args.seed, args.drop)
    print_table(table)
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
