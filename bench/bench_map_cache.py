"""The Map's aggregates file (`app_pages/map_cache.py`): its size and read time, as FORMAT 8 wrote them (a pickle of
lists of dicts) and as `app_pages/map_packed.py` packs them, on synthetic aggregates shaped as the 10x store's at
NUTS 3 (58,393 links among 1,165 places; the organisations drawn, each country's 500 most active beside the 2,000 of
all; cluster points), made in memory: no store is needed.

    python -m bench.bench_map_cache [--links 58393] [--places 1165] [--runs 5]
    python -m bench.bench_map_cache --db /tmp/ten.db [--level 3]   # a store's own aggregates (its analytics read)

Prints a table: bytes on disk, the median time to read the file back into the aggregates the page uses, and the
median difference from FORMAT 8's read in the same run (the ways are read in turn, so a busy machine's drift cancels).
"""

from __future__ import annotations

import argparse
import lzma
import pickle
import random
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

from app_pages import map_packed
from graph.memory import gc_paused


def fresh(text: str) -> str:
    """A new string object of `text`, as each `display_name` call makes one (pickle writes each again)."""
    return "".join([text[:1], text[1:]])


def synthetic(links: int, places: int, countries: int = 38, seed: int = 12) -> tuple:
    """Aggregates shaped as `map_cache._compute`'s at NUTS 3 on the 10x store."""
    rng = random.Random(seed)
    codes = [f"{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(countries)]
    country = {code: f"Country:{code}" for code in codes}
    place_rows = []
    for index in range(places):
        code = codes[index % countries]
        place_rows.append({"key": f"Region:{code}{index:03d}", "name": f"{code} region {rng.randrange(10**6)} "
                           + "x" * rng.randrange(4, 24), "kind": "Region", "lat": rng.uniform(35, 70),
                           "lon": rng.uniform(-10, 35), "activity": rng.randrange(1, 20_000),
                           "organisations": rng.randrange(1, 900), "country": country[code]})
    pairs = set()
    while len(pairs) < links:
        a, b = sorted(rng.sample(range(places), 2))
        pairs.add((a, b))
    link_rows = []
    for a, b in sorted(pairs):
        pa, pb = place_rows[a], place_rows[b]
        link_rows.append({"from": pa["key"], "to": pb["key"], "from_name": fresh(pa["name"]),
                          "to_name": fresh(pb["name"]), "from_lon": pa["lon"], "from_lat": pa["lat"],
                          "to_lon": pb["lon"], "to_lat": pb["lat"], "projects": rng.randrange(1, 400),
                          "from_country": pa["country"], "to_country": pb["country"]})
    drawn = [{"key": f"Organisation:{rng.randrange(10**9)}", "name": f"ORGANISATION {index} "
              + "N" * rng.randrange(10, 40), "kind": "Organisation", "lat": rng.uniform(35, 70),
              "lon": rng.uniform(-10, 35), "activity": rng.randrange(1, 900),
              "country": country[codes[index % countries]]}
             for index in range(2_000 + 500 * countries)]
    clusters = [{"key": row["key"], "name": fresh(row["name"]), "lat": row["lat"], "lon": row["lon"], "clusters": 2,
                 "names": [f"Cluster {index}", f"Cluster {index} b"], "country": row["country"]}
                for index, row in enumerate(place_rows[:300])]
    located = Counter({country[c]: 5_000 for c in codes})
    unplaced = (Counter({country[c]: 10 for c in codes} | {None: 5}), {country[codes[0]]: ["14"]})
    no_place = Counter({country[codes[0]]: 3})
    return (place_rows, drawn, located, Counter(located), link_rows, unplaced, (clusters, no_place),
            {country[c]: f"Country {c}" for c in codes})


def of_store(db: str, level: int) -> tuple:
    """The aggregates the Map makes at `level` of the store in `db` (from its analytics read, as the app does)."""
    from app_pages import map_cache
    from graph.analytics.inputs import read_inputs
    from graph.store.falkordb_store import FalkorDBStore

    store = FalkorDBStore(db, "cluster_explorer", default_timeout_s=600)
    try:
        graph = read_inputs(store)
    finally:
        store.close()
    return map_cache._compute(graph, level)


def measure(ways: list, placed: tuple, runs: int) -> list[tuple[str, int, float, float]]:
    """Each way's file size, median read time and median difference from the first way's read of the same run. The
    ways are read in turn within each run, in an order turned each run: measured one after the other, a busy machine's
    drift had read as a difference between them (packed 188-217 ms against 146-180 ms at 10x)."""
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / f"map-{index}.pickle" for index in range(len(ways))]
        for path, (_, write, _) in zip(paths, ways, strict=True):
            path.write_bytes(write(placed))
        times: list[list[float]] = [[] for _ in ways]
        for run in range(runs):
            for index in (range(len(ways)) if run % 2 else reversed(range(len(ways)))):
                name, _, read = ways[index]
                start = time.perf_counter()
                with gc_paused():  # as the app reads them (`graph.analytics.cache.read_pickle`, `map_cache._read`)
                    back = read(paths[index].read_bytes())
                times[index].append(time.perf_counter() - start)
                assert back == placed, f"{name} lost something"
        return [(name, path.stat().st_size, statistics.median(own),
                 statistics.median(b - a for a, b in zip(times[0], own, strict=True)))
                for (name, _, _), path, own in zip(ways, paths, times, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=58_393)
    parser.add_argument("--places", type=int, default=1_165)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", help="an embedded store whose aggregates to measure, in place of synthetic ones")
    parser.add_argument("--level", type=int, default=3)
    args = parser.parse_args()
    placed = of_store(args.db, args.level) if args.db else synthetic(args.links, args.places)
    key = ("version", 3, 2_000, 8, None)
    ways = [
        ("FORMAT 8: pickle of dicts", lambda p: pickle.dumps({"key": key, "placed": p}, protocol=5),
         lambda data: pickle.loads(data)["placed"]),
        ("FORMAT 8 + lzma", lambda p: lzma.compress(pickle.dumps({"key": key, "placed": p}, protocol=5)),
         lambda data: pickle.loads(lzma.decompress(data))["placed"]),
        ("packed (map_packed), zlib", lambda p: pickle.dumps({"key": key, "placed": map_packed.packed(p)}, protocol=5),
         lambda data: map_packed.unpacked(pickle.loads(data)["placed"])),
    ]
    print(f"{len(placed[4]):,} links, {len(placed[0]):,} places, {len(placed[1]):,} organisations drawn\n")
    print(f"| file | bytes | read (median of {args.runs}) | than FORMAT 8's, in the same run (median) |\n"
          "|---|---|---|---|")
    for name, size, seconds, more in measure(ways, placed, args.runs):
        print(f"| {name} | {size:,} ({size / 2**20:.1f} MB) | {seconds * 1000:.0f} ms | {more * 1000:+.0f} ms |")


if __name__ == "__main__":
    main()
