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

`python -m bench.bench_app_analytics --db FILE [--runs 3] [--code DIR] [--pages TEXT]`:
**first visits after the warm-up**, server side, without a browser. Each visit is a fresh process
that does what `python -m app_pages.serve` does
before Streamlit serves (`startup.begin()`, then `serve.settle_after`: the warm-up, which reads the index back, and
the collector's settle two seconds later), waits for all of it, then opens one page in `streamlit.testing`
(AppTest): the Map, Partners for a cluster, Metrics with *Compute* pressed, an Explore link focused on a
cluster, and that link again opened the moment the default Explore view is drawn (while the rest of the
warm-up still runs). Two states of the cache
folder: *first start* (empty: the sample just loaded, as `./dev run` leaves it) and *restart* (what those pages
kept on disk). `--code DIR` runs the visits on another checkout's code (the "before" of a change), with a cache
folder of its own. The table gives the median and range of the wall seconds of the page's run(s), the app's CPU
seconds (every thread), the memory the start left (the app and the store's server, before the visit), the
warm-up's own seconds and the load average; for Metrics, *again*: *Compute* pressed a second time in the same
session (the same choice returned to). *restart* is after a Map, a Partners and a Metrics visit. `--pages Metrics`
runs only the visits whose name holds that text.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.bench_app import cluster_keys, page_ready, store_server_pid, warm_up_line
from bench.bench_explore import CHROMIUM_ARGS, start_app
from bench.proc_stats import cpu_split, rss_mb

ROOT = Path(__file__).resolve().parents[1]
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


#: name -> (page, query parameters ({focal} and {other}: cluster keys), button to press, opened during the warm-up)
FIRST_VISITS = {"Map": ("map", {}, None, False),
                "Partners (a cluster's partner clusters)": ("partners", {"partners_focal": "{focal}"}, None, False),
                "Metrics, Compute pressed": ("metrics", {}, "metrics_compute", False),
                "Explore link (a focus)": ("explore", {"explore_focus": "{other}"}, None, False),
                "Explore link during the warm-up": ("explore", {"explore_focus": "{other}"}, None, True)}


def first_visit(code: Path, db: Path, name: str, focal: str, other: str) -> dict:
    """In this fresh process: the app's warm-up as `app_pages.serve` does it, then the visit `name` (`FIRST_VISITS`)."""
    import threading

    os.environ.update(CLUSTER_EXPLORER_DB=str(db), CLUSTER_EXPLORER_GRAPH="cluster_explorer")
    from streamlit.testing.v1 import AppTest

    from app_pages import serve, startup

    page, params, button, during = FIRST_VISITS[name]
    started = time.perf_counter()
    views = startup.begin()
    back = threading.Thread(target=serve.settle_after, args=(views,), daemon=True)  # as `serve.main` starts it
    back.start()
    if during:
        while "explore" not in startup.timings() and views.is_alive():
            time.sleep(0.01)
    else:
        back.join()
        from graph.memory import settled

        settled()  # and the collector's settle (graph.memory) two seconds after the last build: all done
    held = rss_mb(os.getpid())  # what the start left in memory, before the visit
    at = AppTest.from_file(str(code / "app.py"), default_timeout=3600)
    at.switch_page(f"app_pages/{page}.py")
    at.query_params.update({k: v.format(focal=focal, other=other) for k, v in params.items()})
    wall, cpu = time.perf_counter(), time.process_time()
    at.run()
    if button:
        at.button(key=button).click().run()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    again = None
    if button:  # the same choice pressed again in the same session (what a return to it costs)
        again = time.perf_counter()
        at.button(key=button).click().run()
        again = time.perf_counter() - again
    views.join()
    back.join()
    warm_up = startup.timings().get("total", time.perf_counter() - started)
    return {"wall": wall, "cpu": cpu, "again": again, "mb": held, "warm_up": warm_up,
            "steps": {k: round(v, 1) for k, v in startup.timings().items() if k != "total"},
            "errors": [str(e.value)[:200] for e in at.exception], "load": os.getloadavg()[0]}


def first_visits(db: Path, runs: int, code: Path, pages: str = "") -> None:
    """`runs` fresh processes per page and state of the cache folder; one table (see the module's docstring)."""
    from bench.bench_app import cluster_keys

    focal, other = cluster_keys(db, 2)
    cache = db.with_name(f"{db.name}.bench-cache-{code.name}")
    env = {**os.environ, "PYTHONPATH": str(code), "CLUSTER_EXPLORER_CACHE_DIR": str(cache)}
    env.pop("NEO4J_URI", None)
    print(f"store {db}, code {code}, focal {focal}, link {other}; load average {os.getloadavg()[0]:.1f} at the start")
    print("| page | cache folder | wall s: median (range) | again s | app CPU s | MB before it | warm-up s (its steps) "
          "| load |")
    print("|---|---|---:|---:|---:|---:|---|---:|")
    chosen = [name for name in FIRST_VISITS if pages.lower() in name.lower()]

    def visit(name: str) -> dict:
        out = subprocess.run([sys.executable, __file__, "--one", name, "--db", str(db), "--code", str(code),
                              "--focal", focal, "--other", other], cwd=code, env=env, capture_output=True, text=True)
        if out.returncode:
            raise SystemExit(out.stderr[-3000:])
        return json.loads(out.stdout.strip().splitlines()[-1])

    for state in ("first start", "restart"):
        if state == "restart":  # what the Map, Partners and Metrics keep on disk, made once (not timed)
            for name in list(FIRST_VISITS)[:3]:
                visit(name)
        for name in chosen:
            found = []
            for _ in range(runs):
                if state == "first start":
                    shutil.rmtree(cache, ignore_errors=True)
                found.append(visit(name))
            walls = [r["wall"] for r in found]
            errors = {e for r in found for e in r["errors"]}
            cpu, held = (statistics.median(r[k] for r in found) for k in ("cpu", "mb"))
            again = [r["again"] for r in found if r["again"] is not None]
            print(f"| {name} | {state} | {statistics.median(walls):.2f} ({min(walls):.2f}-{max(walls):.2f}) "
                  f"| {f'{statistics.median(again):.2f}' if again else '-'} | {cpu:.2f} | {held:.0f} "
                  f"| {statistics.median(r['warm_up'] for r in found):.1f} {found[-1]['steps']} "
                  f"| {min(r['load'] for r in found):.1f}-{max(r['load'] for r in found):.1f} |"
                  + (f" errors: {sorted(errors)}" if errors else ""), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="First visits after the app's warm-up (AppTest; see the docstring)")
    parser.add_argument("--db", type=Path, required=True, help="a store file holding the bundled sample")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose code runs the visits")
    parser.add_argument("--pages", default="", help="only the visits whose name holds this text (e.g. Metrics)")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # a single visit, in this process
    parser.add_argument("--focal", help=argparse.SUPPRESS)
    parser.add_argument("--other", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(first_visit(args.code.resolve(), args.db.resolve(), args.one, args.focal, args.other)))
    else:
        first_visits(args.db.resolve(), args.runs, args.code.resolve(), args.pages)


if __name__ == "__main__":
    main()
