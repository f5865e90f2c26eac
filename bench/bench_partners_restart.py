"""Partners' first visit after a restart, without a browser: each visit a fresh Python process running the page in
`streamlit.testing` (AppTest), as docs/app.md's restart figures are taken.

    python -m bench.bench_partners_restart --db FILE [--visits 2] [--focal Cluster:...]

The first visit of a store builds whatever is missing on disk (the analytics inputs, the recommender index, the
partner clusters' profiles; a minute and ~8 GB at 10x) and says so; the later ones are what a
restart with unchanged data costs. Each visit prints its wall time and the CPU seconds of the app's process (every
thread: the page and the worker that reads or builds the index), from the app's start (its first page, Overview,
then Partners) and for the Partners run alone, what was built rather than read, and the load average. A visit
is timed to the ranked partner clusters (the page's results table), not its heading.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def visit(db: Path, focal: str) -> dict:
    """One Partners visit in this (fresh) process: wall and CPU seconds, and what was built instead of read."""
    os.environ.update(CLUSTER_EXPLORER_DB=str(db), CLUSTER_EXPLORER_GRAPH="cluster_explorer")
    from streamlit.testing.v1 import AppTest

    from graph.analytics import recommend_index_disk

    started, cpu = time.perf_counter(), time.process_time()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=3600)
    at.run()  # the app's start and its first page (Overview), as a browser's first request
    page_started, page_cpu = time.perf_counter(), time.process_time()
    at.switch_page("app_pages/partners.py")
    at.query_params.update(partners_focal=focal)
    at.run()
    ended, ended_cpu = time.perf_counter(), time.process_time()
    seconds, cpu, page, page_cpu = ended - started, ended_cpu - cpu, ended - page_started, ended_cpu - page_cpu
    tables = [d.value for d in at.dataframe if "candidate" in d.value.columns]
    try:  # what is kept on disk, by kind (main's code before kept_files counted the index alone)
        from graph.analytics import kept_files
        built = {"index": recommend_index_disk.builds(), "cluster profiles": kept_files.builds().get("cls", 0)}
    except ImportError:
        built = {"index": recommend_index_disk.builds()}
    return {"seconds": seconds, "cpu": cpu, "page": page, "page_cpu": page_cpu,
            "rows": len(tables[0]) if tables else 0, "built": built,
            "errors": [str(e.value) for e in at.exception], "load": os.getloadavg()[0]}


def focal_cluster(db: Path) -> str:
    from bench.bench_app import cluster_keys

    return cluster_keys(db, 1)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--visits", type=int, default=2, help="fresh processes, one visit each")
    parser.add_argument("--focal", default=None, help="the focal cluster (default: the store's first)")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a single visit, in this process
    args = parser.parse_args()
    if args.one:
        print(json.dumps(visit(args.db.resolve(), args.focal)))
        return
    focal = args.focal or focal_cluster(args.db)
    print(f"store {args.db}, focal {focal}, load average {os.getloadavg()[0]:.1f} at the start")
    print("| visit | wall s: start + Overview + Partners | app CPU s | Partners alone: wall s | CPU s "
          "| built (not read) | results | load |\n|---|---:|---:|---:|---:|---|---:|---:|")
    for n in range(args.visits):
        out = subprocess.run([sys.executable, "-m", "bench.bench_partners_restart", "--db", str(args.db), "--one",
                              "--focal", focal], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        built = ", ".join(f"{k} {v}" for k, v in r["built"].items())
        print(f"| {n + 1} | {r['seconds']:.1f} | {r['cpu']:.1f} | {r['page']:.1f} | {r['page_cpu']:.1f} | {built} "
              f"| {r['rows']} {r['errors'] or ''} "
              f"| {r['load']:.1f} |", flush=True)


if __name__ == "__main__":
    main()
