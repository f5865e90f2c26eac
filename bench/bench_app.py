"""How fast the app answers at 1x (seeds + NUTS + the CORDIS extract), in a real headless Chromium.

Starts the app as `./dev run` does (`python -m app_pages.serve app.py`: the warm-up of
`app_pages.startup` runs while Streamlit starts) on a store holding the seed data, NUTS and the
CORDIS extract bundled with the project (loaded into a temporary store, or `--db FILE` already holding
them, such as the 10x set), with the store's server stopped, then measures, each time from the request to what the user
waits for:

* the **first Explore visit** right after the app answers its health check (the warm-up may still be
  running: the visit then waits for it), the warm-up's own steps (from the app's log), and **warm
  visits** (new tabs);
* a **focus visit** (`?explore_focus=` a cluster not asked for before: a new neighbourhood read);
* a **cap change** in an open page ("Max nodes" to a new value: a new view read and drawn), and a **new focus
  chosen in an open page** (searched by id, the first hit picked: from the pick to the network drawn again);
* **warm Explore visits again** after those pages: the first warm visits come while the warm-up may still read the
  recommender index and the analytics inputs back (`app_pages.serve`; at 10x ~6 CPU s beside the visits, its line
  from the app's log is printed with the warm-up's), these come after it;
* **Overview** (to "Sources loaded") and **Queries** (a saved query's rows);
* **Partners** (a cluster's partner clusters) and the **Map** (its caption, once the places are drawn): the
  first of each reads the analytics inputs (from the cache on disk, or built by a narrow read);
* **8 sessions at once** opening Explore with 8 different focuses (p50 / p95), with the CPU seconds
  the app, its store server and the browser spent meanwhile (where the time goes on a 2-core machine;
  read while the tabs are open: a closed tab's process takes its count along), and the kB sent each tab;
* the app's **memory** (resident set of the Streamlit process) at the end.

The load average is printed beside the table: on a shared machine every time is inflated by it.

"Drawn" is the network page's own stamp (`window.ceDrawnAt`, set at vis-network's first drawing).
Run: `.venv/bin/python bench/bench_app.py [--db FILE] [--runs 3] [--sessions-only]` (one table);
`--db FILE --server-side`: the store's part of the first views alone (no browser), as the 10x row says;
`--db FILE --analytics`: Partners and the Map after a restart (`bench/bench_app_analytics.py`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_explore import CHROMIUM_ARGS, start_app  # noqa: E402
from bench.proc_stats import cpu_split, rss_mb  # noqa: E402
from graph.store.falkordb_server import StorePaths  # noqa: E402
from graph.store.falkordb_store import FalkorDBStore  # noqa: E402
from loaders.cordis import load_cordis  # noqa: E402
from loaders.nuts import load_nuts  # noqa: E402
from loaders.sample import SAMPLE_CORDIS, SAMPLE_NUTS  # noqa: E402
from loaders.seeds import load_seeds  # noqa: E402

WAIT_MS = 300_000
QUERY_PAGE = "queries?queries_name=labels/valid-on"


def store_server_pid(db: Path) -> int:
    try:
        return int(json.loads(StorePaths(db).note.read_text())["pid"])
    except (OSError, ValueError, KeyError):
        return 0


def warm_up_line(log: Path) -> str:
    """The app's own report of its warm-up (`app_pages.startup`), or what its log says instead."""
    text = log.read_text() if log.exists() else ""
    found = re.findall(r"warm-up .*", text)
    read_back = re.findall(r"recommender index read back .*", text)  # the warm visits right after the first share
    return (found[-1] if found else "no warm-up line in the app's log") + (f"; {read_back[-1]}" if read_back else "")


def drawn(page, started: float) -> float:
    frame = page.wait_for_selector("iframe[title='Network view']", timeout=WAIT_MS).content_frame()
    frame.wait_for_selector("body[data-drawn]", timeout=WAIT_MS)
    return frame.evaluate("window.ceDrawnAt") / 1000 - started


def visit(context, url: str, path: str) -> float:
    page = context.new_page()
    started = time.time()
    page.goto(f"{url}/{path}", timeout=WAIT_MS)
    seconds = drawn(page, started)
    page.close()
    return seconds


def page_ready(context, url: str, path: str, text: str) -> float:
    page = context.new_page()
    started = time.time()
    page.goto(f"{url}/{path}", timeout=WAIT_MS)
    page.get_by_text(text, exact=False).first.wait_for(timeout=WAIT_MS)
    seconds = time.time() - started
    page.close()
    return seconds


def changes_in_open_page(context, url: str, path: str, changes: list, change) -> list[float]:
    """Open `path` once and draw it; then for each of `changes`, `change(page, item)` makes it in that page and
    returns when it began: the seconds from then to the network drawn again."""
    if not changes:  # --sessions-only
        return []
    page = context.new_page()
    page.goto(f"{url}/{path}", timeout=WAIT_MS)
    drawn(page, time.time())
    times = [_redrawn(page, change(page, item)) for item in changes]
    page.close()
    return times


def _set_cap(page, cap: int) -> float:
    box = page.get_by_label("Max nodes")
    started = time.time()
    box.fill(str(cap))
    box.press("Enter")
    return started


def _add_focus(page, focus: str) -> float:
    """Search for `focus` by its id and add the first hit to the focus (the search's own run is not counted)."""
    box = page.get_by_label("Search nodes to focus on")
    box.fill(focus.partition(":")[2])
    box.press("Enter")
    page.get_by_text("Running...").first.wait_for(state="hidden", timeout=WAIT_MS)
    page.get_by_label("Nodes to focus on").last.click()  # the multiselect opens on its hits
    option = page.get_by_role("option").first
    option.wait_for(timeout=WAIT_MS)
    started = time.time()
    option.click()
    page.keyboard.press("Escape")
    return started


def _redrawn(page, started: float) -> float:
    """Seconds from `started` to the network view drawn again (its frame may be replaced meanwhile)."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < deadline:
        handle = page.query_selector("iframe[title='Network view']")
        try:
            frame = handle.content_frame() if handle else None
            if frame and frame.evaluate("window.ceDrawnAt || 0") / 1000 > started:
                return frame.evaluate("window.ceDrawnAt") / 1000 - started
        except Exception:  # the frame is replaced while we look
            pass
        page.wait_for_timeout(20)
    raise TimeoutError("the network was not drawn again")


def concurrent(context, url: str, focuses: list[str], received: list[int]) -> list[float]:
    """Seconds to a drawn network per session, the bytes each received over its WebSocket added to `received`.
    The tabs stay open (the caller closes them): a closed tab's process, and its CPU count, go."""
    pages = [context.new_page() for _ in focuses]
    starts = []
    for page, focus in zip(pages, focuses, strict=True):
        page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: received.append(len(frame))))
        starts.append(time.time())
        page.goto(f"{url}/explore?explore_focus={focus}", wait_until="commit", timeout=WAIT_MS)
    return [drawn(page, started) for page, started in zip(pages, starts, strict=True)]


def cluster_keys(db: Path, n: int) -> list[str]:
    store = FalkorDBStore(db, "cluster_explorer")
    rows = store.read("MATCH (c:Cluster) RETURN c.kind, c.id ORDER BY c.id LIMIT $n", {"n": n}).rows
    store.close()
    return [f"{kind}:{node_id}" for kind, node_id in rows]


def measure(db: Path, runs: int, sessions_only: bool = False) -> None:
    from playwright.sync_api import sync_playwright

    focuses = cluster_keys(db, 8 + 2 * runs)
    log = db.with_name("bench-app.log")
    load_before = os.getloadavg()[0]
    server, url = start_app(db, log)
    count = 0 if sessions_only else runs
    rows = []

    def row(label: str, work) -> list[float]:
        """Run `work` (a list of seconds), noting the CPU seconds each side spent meanwhile."""
        before = cpu_split(server.pid, store_server_pid(db))
        times = work()
        after = cpu_split(server.pid, store_server_pid(db))
        rows.append((label, times, [b - a for a, b in zip(before, after, strict=True)]))
        print(f"  {label}: {', '.join(f'{t:.2f}' for t in times)} s", flush=True)
        return times

    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            row("first Explore visit after a server start", lambda: [visit(context, url, "explore")])
            row("Explore, warm visit (new tab)", lambda: [visit(context, url, "explore") for _ in range(count)])
            row("Explore with a new focus (new tab)",
                lambda: [visit(context, url, f"explore?explore_focus={f}") for f in focuses[8:8 + count]])
            row("Overview", lambda: [page_ready(context, url, "", "Sources loaded") for _ in range(count)])
            row("Queries (labels/valid-on rows)",
                lambda: [page_ready(context, url, QUERY_PAGE, " rows") for _ in range(count)])
            row("Partners (partner clusters of a cluster, to their table; the first reads the analytics inputs)",
                lambda: [page_ready(context, url, f"partners?partners_focal={focuses[0]}", "Download (CSV)")
                         for _ in range(count)])
            row("Map (NUTS 2 places and arcs drawn)",
                lambda: [page_ready(context, url, "map", "places at") for _ in range(count)])
            row("Max nodes changed in an open page (depth 3)",
                lambda: changes_in_open_page(context, url,  # about 290 nodes: the caps below cut it
                                             "explore?explore_focus=Cluster:iot-world&explore_depth=3",
                                             [100 + 7 * i for i in range(count)], _set_cap))
            row("A new focus chosen in an open page (search, then pick the first hit)",
                lambda: changes_in_open_page(context, url, "explore", focuses[8 + count:8 + 2 * count], _add_focus))
            row("Explore, warm visit again after those pages (new tab; the warm-up's read-back done)",
                lambda: [visit(context, url, "explore") for _ in range(count)])
            wall, received = time.perf_counter(), []
            together = sorted(row("8 sessions at once, Explore with 8 focuses",
                                  lambda: concurrent(context, url, focuses[:8], received)))
            wall = time.perf_counter() - wall
            memory = rss_mb(server.pid)
            context.close()  # and the eight tabs
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:  # still serving open browser connections (after a failure)
            os.killpg(server.pid, signal.SIGKILL)
    print(f"\nwarm-up (app's log): {warm_up_line(log)}")
    print(f"load average: {load_before:.1f} before, {os.getloadavg()[0]:.1f} after\n")
    print(f"| what | median of {runs} | worst | CPU s per visit: app | store server | browser and bench |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, times, cpu in rows[:-1]:
        if not times:
            continue
        app, store, rest = (c / len(times) for c in cpu)
        print(f"| {label} | {statistics.median(times):.2f} s | {max(times):.2f} s | {app:.2f} | {store:.2f} "
              f"| {rest:.2f} |")
    app, store, rest = rows[-1][2]
    print(f"| 8 sessions at once, Explore with 8 focuses: p50 / p95 | {statistics.median(together):.2f} s "
          f"| {together[min(len(together) - 1, int(0.95 * len(together)))]:.2f} s | {app:.1f} (all 8) "
          f"| {store:.1f} | {rest:.1f} |")
    print(f"\n8 sessions at once: {wall:.1f} s wall, so at most {2 * wall:.1f} CPU seconds on 2 cores; "
          f"{sum(received) / 8 / 1000:.0f} kB sent to each tab over its WebSocket")
    print(f"app memory (resident, Streamlit process) after these visits: {memory:.0f} MB")


def server_side(db: Path) -> None:
    """The store's part of the first views, without a browser or the app (what the 10x figures are)."""
    from graph.store.load_log import data_version
    from graph.views import filters, render, store_views

    print(f"| step (store {db}) | seconds | load average |\n|---|---:|---:|")

    def timed(label: str, work):
        started = time.perf_counter()
        result = work()
        print(f"| {label} | {time.perf_counter() - started:.2f} | {os.getloadavg()[0]:.1f} |", flush=True)
        return result

    store = timed("open the store (its server started, its files replayed)",
                  lambda: FalkorDBStore(db, "cluster_explorer", default_timeout_s=600))
    try:
        timed("data version", lambda: data_version(store))
        timed("Overview counts", lambda: store_views.node_counts(store))
        options = timed("filter choices", lambda: store_views.filter_options(store))
        chosen = filters.Filters(tuple(k for k in filters.DEFAULT_KINDS if k in options.kinds))
        view = timed("default Explore view read", lambda: store_views.explore_view(store, chosen, (), 1, 1000))
        timed(f"  drawn ({view.number_of_nodes():,} nodes)", lambda: render.to_html(view, max_nodes=1000))
        for focus in cluster_keys(db, 3):
            timed(f"a focus to depth 1 ({focus})", lambda f=focus: store_views.explore_view(store, chosen, (f,), 1))
        view = timed("a focus to depth 2", lambda: store_views.explore_view(store, chosen, (focus,), 2, 1000))
        timed(f"  drawn ({view.number_of_nodes():,} nodes)", lambda: render.to_html(view, max_nodes=1000))
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="a store file already holding seeds + NUTS + CORDIS")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sessions-only", action="store_true", help="the first visit and the 8 sessions alone")
    parser.add_argument("--server-side", action="store_true", help="the store's part of the first views alone")
    parser.add_argument("--analytics", action="store_true",
                        help="Partners and the Map after a restart (bench/bench_app_analytics.py)")
    args = parser.parse_args()
    if args.db and args.analytics:
        from bench.bench_app_analytics import measure as analytics

        analytics(args.db.resolve(), args.runs)
    elif args.db and args.server_side:
        server_side(args.db.resolve())
    elif args.db:
        measure(args.db.resolve(), args.runs, args.sessions_only)
    if args.db:
        return
    with tempfile.TemporaryDirectory(prefix="bench-app-") as folder:
        db = Path(folder) / "store.db"
        store = FalkorDBStore(db, "cluster_explorer")
        store.setup_schema()
        load_seeds(store)
        load_nuts(store, SAMPLE_NUTS)
        load_cordis(store, SAMPLE_CORDIS)
        store.close()  # the app starts the store's server itself, as after a reboot
        measure(db, args.runs, args.sessions_only)


if __name__ == "__main__":
    main()
