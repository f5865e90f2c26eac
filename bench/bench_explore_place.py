"""What a place-filtered Explore view holds at "Max nodes" 1,000, and how long the store read takes.

A programme officer filtering by a country looks for its organisations and clusters; kept by internal id, Sweden's
view on the sample had held 720 projects and 2 organisations. This prints, for a few place filters, the time of
`store_views.explore_view` (the read the app caches; no drawing), the node kinds it holds and how many of its
organisations and clusters are of the place's country.
Run on a store already loaded (`cluster-explorer --db /tmp/x/ce.db load sample`):
`.venv/bin/python bench/bench_explore_place.py /tmp/x/ce.db [--runs 5]`
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.store.falkordb_store import FalkorDBStore  # noqa: E402
from graph.views import store_views  # noqa: E402
from graph.views.filters import ACTOR_KINDS, Filters  # noqa: E402

CASES = {"Sweden": Filters(places=("Country:SE",)), "Sweden + Automation": Filters(places=("Country:SE",),
         sectors=("Sector:automation",)), "Norway": Filters(places=("Country:NO",)),
         "Region SE22": Filters(places=("Region:SE22",))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cap", type=int, default=1000)
    args = parser.parse_args()
    store = FalkorDBStore(args.db.resolve(), "cluster_explorer")
    try:
        store_views.explore_view(store, CASES["Sweden"], cap=args.cap)  # the store's first read, not measured
        print(f"| filter | view read (s) of {args.runs} runs | nodes | cut | actors of the country | kinds |")
        for name, filters in CASES.items():
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                view = store_views.explore_view(store, filters, cap=args.cap)
                times.append(time.perf_counter() - started)
            country = filters.places[0].split(":", 1)[1][:2]
            own = sum(d.get("kind") in ACTOR_KINDS and d.get("country") == country for _, d in view.nodes(data=True))
            kinds = Counter(d.get("kind") for _, d in view.nodes(data=True))
            median = sorted(times)[len(times) // 2]
            print(f"| {name} | {min(times):.3f} min, {median:.3f} median | {view.number_of_nodes():,} | "
                  f"{store_views.was_cut(view)} | {own} | {', '.join(f'{k} {n}' for k, n in kinds.most_common())} |")
    finally:
        store.close()


if __name__ == "__main__":
    main()
