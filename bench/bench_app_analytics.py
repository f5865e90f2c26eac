"""Partners and the Map after a server restart, in a real headless Chromium (`bench_app.py --db FILE --analytics`).

What a restart costs these pages is what issue 13 asks about: "a server restart with unchanged data reuses
the cache". Three app starts on the same store, each as `./dev run` does (`python -m app_pages.serve`):

1. **priming**: a Partners and a Map visit, which build and keep on disk whatever is missing (the analytics
   inputs, the recommender index, the map's aggregates); their times say whether anything was built;
2. **Partners after a restart**: the first visit right after the app answers its health check (the warm-up
   reads the index and inputs back meanwhile; the visit waits for what is left), then warm visits;
3. **Map after a restart** (a fresh process, Partners not visited): the first visit reads the map's file alone,
   then warm visits.

A Partners visit is timed to its results ("Download (CSV)" under the ranked clusters), not its heading; the Map
to its caption (drawn after the map). CPU seconds of the app and the store server per visit, the load average
and the warm-up's own log lines are printed beside the table: on a shared machine every time is inflated by
the load, CPU seconds much less.
"""

from __future__ import annotations

import os
import re
import signal
import statistics
import subprocess
from pathlib import Path

from bench.bench_app import cluster_keys, page_ready, store_server_pid, warm_up_line
from bench.bench_explore import CHROMIUM_ARGS, start_app
from bench.proc_stats import cpu_split, rss_mb

PARTNERS_DONE = "Download (CSV)"
MAP_DONE = "places at"


def _stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def _read_back_line(log: Path) -> str:
    found = re.findall(r"recommender index .*", log.read_text() if log.exists() else "")
    return found[-1] if found else "no read-back (no index of this data version on disk at the start)"


def measure(db: Path, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    focal = cluster_keys(db, 1)[0]
    partners = f"partners?partners_focal={focal}"
    log = db.with_name("bench-app-analytics.log")
    rows, notes = [], []
    load_before = os.getloadavg()[0]
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for phase, visits in (("priming", [("Partners", partners, PARTNERS_DONE, 1), ("Map", "map", MAP_DONE, 1)]),
                              ("restart", [("Partners", partners, PARTNERS_DONE, 1 + runs)]),
                              ("restart", [("Map", "map", MAP_DONE, 1 + runs)])):
            server, url = start_app(db, log)
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            try:
                for name, path, done, count in visits:
                    for n in range(count):
                        before = cpu_split(server.pid, store_server_pid(db))
                        seconds = page_ready(context, url, path, done)
                        cpu = [b - a for a, b in zip(before, cpu_split(server.pid, store_server_pid(db)), strict=True)]
                        label = f"{name}, {phase}: " + ("first visit after the start" if n == 0 else "warm visit")
                        rows.append((label, seconds, cpu))
                        print(f"  {label}: {seconds:.2f} s (app {cpu[0]:.1f} CPU s)", flush=True)
                pages = ", ".join(v[0] for v in visits)
                notes.append(f"{phase} ({pages}): {warm_up_line(log)}; {_read_back_line(log)}; "
                             f"app memory {rss_mb(server.pid):.0f} MB")
            finally:
                context.close()
                _stop(server)
        browser.close()
    print(f"\nstore {db}, focal {focal}; load average: {load_before:.1f} before, {os.getloadavg()[0]:.1f} after")
    for note in notes:
        print(f"- {note}")
    print("\n| what | seconds (median of warm visits) | CPU s per visit: app | store server | browser and bench |")
    print("|---|---:|---:|---:|---:|")
    grouped: dict[str, list] = {}
    for label, seconds, cpu in rows:
        grouped.setdefault(label, []).append((seconds, cpu))
    for label, found in grouped.items():
        seconds = statistics.median(s for s, _ in found)
        app, store, rest = (statistics.median(c[i] for _, c in found) for i in range(3))
        print(f"| {label} | {seconds:.2f} s | {app:.2f} | {store:.2f} | {rest:.2f} |")
