"""How fast the Explore page draws 200, 1,000 and 3,000 nodes of the CORDIS graph, in a real browser.

Loads the seed data, NUTS and the CORDIS extract bundled with the project (`loaders/sample_data`) into a
temporary embedded store, then measures two things:

* **server side**: the view read from the store (`graph.views.store_views.explore_view`: the most connected
  nodes of the kinds in `KINDS`, capped at N) and `graph.views.render.to_html` for it: with the layout
  cache empty (what a new view costs) and warm;
  plus how meaningful the layout is (mean edge length / mean distance of random pairs: a ring or a
  random scatter gives about 1, a good layout much less);
* **in the browser**: headless Chromium opens `/explore?explore_cap=N&explore_kinds=...` (the kinds of
  `KINDS`: with every kind chosen the page shows the clusters view, ~300 nodes) in a new session and waits
  until vis-network has drawn (`<body data-drawn>`, stamped by the page with `Date.now()`); the time
  from the request to that stamp. The first visit, which also reads the graph from the store, is
  reported apart. Also the interactive case: in an open page, "Max nodes" is changed to a new value
  (nothing cached) and the time to the new drawing is taken.

Targets (issue 6): 1,000 nodes drawn in under 3 s from the request, HTML built in under 0.3 s.
Run: `.venv/bin/python bench/bench_explore.py [--db FILE | --cordis DIR] [--runs 3]` (one table; `--db` takes a
store already loaded, such as the 10x set of README's figures)
"""

from __future__ import annotations

import argparse
import math
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Error as PlaywrightError  # noqa: E402

from graph.store.falkordb_store import FalkorDBStore  # noqa: E402
from graph.store.reads import counts  # noqa: E402
from graph.views import filters, layout, render, store_views  # noqa: E402
from loaders.cordis import load_cordis  # noqa: E402
from loaders.nuts import load_nuts  # noqa: E402
from loaders.sample import SAMPLE_CORDIS, SAMPLE_NUTS  # noqa: E402
from loaders.seeds import load_seeds  # noqa: E402
from tests.app_process import start_on_any_port, stop_app  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
SIZES = (200, 1000, 3000)
#: The kinds the bench draws: not every kind (that shows the clusters view), so "Max nodes" N draws N nodes.
KINDS = ("Cluster", "Organisation", "Region", "Country", "Programme", "Project", "Sector")
KINDS_QUERY = "".join(f"&explore_kinds={k}" for k in KINDS)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def layout_quality(view, pos) -> float:
    """Mean edge length over mean distance between random pairs (lower is better; ~1 means no structure)."""
    edges = [math.dist(pos[u], pos[v]) for u, v in view.edges() if u != v]
    nodes = list(pos)
    rng = random.Random(1)
    pairs = [math.dist(pos[a], pos[b]) for a, b in (rng.sample(nodes, 2) for _ in range(5000))]
    return statistics.mean(edges) / statistics.mean(pairs)


def server_side(store, runs: int) -> list[dict]:
    chosen = filters.Filters(KINDS)
    render.to_html(store_views.explore_view(store, chosen, cap=50))  # compile the template once, as a running app has
    rows = []
    for n in SIZES:
        started = time.perf_counter()
        view = store_views.explore_view(store, chosen, cap=n)
        read = time.perf_counter() - started
        cold, warm = [], []
        for _ in range(runs):
            layout._CACHE.clear()
            started = time.perf_counter()
            html = render.to_html(view, max_nodes=n)
            cold.append(time.perf_counter() - started)
            started = time.perf_counter()
            render.to_html(view, max_nodes=n)
            warm.append(time.perf_counter() - started)
        quality = layout_quality(view, layout.positions(view))
        rows.append({"nodes": view.number_of_nodes(), "edges": view.number_of_edges(), "read": read,
                     "cold": statistics.median(cold),
                     "warm": statistics.median(warm), "quality": quality, "kb": len(html) // 1024})
    return rows


def start_app(db: Path, log: Path | None = None) -> tuple[subprocess.Popen, str]:
    """The app as `./dev run` starts it (`python -m app_pages.serve`: warm-up first), its output in `log`."""
    env = {**os.environ, "CLUSTER_EXPLORER_DB": str(db), "CLUSTER_EXPLORER_GRAPH": "cluster_explorer"}
    env.pop("NEO4J_URI", None)
    log = log or Path(tempfile.mkdtemp(prefix="bench-explore-")) / "app.log"
    try:
        server, url = start_on_any_port([sys.executable, "-m", "app_pages.serve", "app.py", "--server.headless",
                                         "true", "--server.address", "127.0.0.1", "--browser.gatherUsageStats",
                                         "false", "--client.toolbarMode", "viewer", "--server.fileWatcherType",
                                         "none"], log, cwd=ROOT, env=env)
    except RuntimeError as e:
        raise SystemExit(str(e)) from None
    return server, url


def drawn_after(context, url: str, n: int) -> float:
    """Seconds from asking for the page to vis-network's first drawing, in a new tab (a new app session;
    the browser's cache holds Streamlit's own scripts, as it does for anyone who used the app before)."""
    page = context.new_page()
    started = time.time()
    page.goto(f"{url}/explore?explore_cap={n}{KINDS_QUERY}")
    frame = page.wait_for_selector("iframe[title='Network view']", timeout=180_000).content_frame()
    frame.wait_for_selector("body[data-drawn]", timeout=180_000)
    drawn_at = frame.evaluate("window.ceDrawnAt") / 1000
    shown = int(frame.evaluate("document.body.dataset.drawn"))
    page.close()
    if shown != n:
        raise SystemExit(f"asked for {n} nodes, the page drew {shown}")
    return drawn_at - started


def redrawn_after(page, n: int) -> float:
    """Seconds from changing "Max nodes" in an open page to the new network's first drawing."""
    box = page.get_by_label("Max nodes")
    started = time.time()
    box.fill(str(n))
    box.press("Enter")
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        frame = page.query_selector("iframe[title='Network view']")
        frame = frame.content_frame() if frame else None
        try:  # the old frame is replaced while we look
            if frame and frame.evaluate(f"document.body && document.body.dataset.drawn === '{n}'"):
                return frame.evaluate("window.ceDrawnAt") / 1000 - started
        except PlaywrightError:
            pass
        page.wait_for_timeout(20)
    raise SystemExit(f"{n} nodes were not drawn within 180 s")


def in_browser(db: Path, runs: int) -> tuple[float, list[tuple[int, float, float, float]]]:
    from playwright.sync_api import sync_playwright

    server, url = start_app(db)
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            first = drawn_after(context, url, 1000)  # reads the graph from the store, then draws
            results = []
            for n in SIZES:
                times = [drawn_after(context, url, n) for _ in range(runs)]
                page = context.new_page()
                page.goto(f"{url}/explore?explore_cap=100{KINDS_QUERY}")
                page.wait_for_selector("iframe[title='Network view']", timeout=180_000)
                changes = []
                for other in [n + 1 + i for i in range(runs)]:  # a new cap each time: nothing cached
                    changes.append(redrawn_after(page, other))
                page.close()
                results.append((n, statistics.median(times), max(times), statistics.median(changes)))
            context.close()
            browser.close()
        return first, results
    finally:
        stop_app(server)


def measure(store: FalkorDBStore, db: Path, label: str, runs: int) -> None:
    nodes, relationships = (sum(c.values()) for c in counts(store))
    print(f"data: {label} ({nodes:,} nodes, {relationships:,} relationships); kinds drawn: {', '.join(KINDS)}; "
          f"load average {os.getloadavg()[0]:.1f}")
    rows = server_side(store, runs)
    first, browser_rows = in_browser(db, runs)
    print(f"\nfirst visit of Explore after the app starts (1,000 nodes of those kinds): {first:.1f} s; "
          f"load average at the end {os.getloadavg()[0]:.1f}\n")
    print("| nodes | relationships | view read from the store | HTML built, new layout | HTML built, cached layout "
          f"| HTML size | layout: edge / random pair | page request to drawn (median of {runs}) | worst "
          "| cap changed in an open page to drawn (new view) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row, (n, median, worst, change) in zip(rows, browser_rows, strict=True):
        print(f"| {n:,} | {row['edges']:,} | {row['read']:.3f} s | {row['cold']:.3f} s | {row['warm']:.3f} s "
              f"| {row['kb']:,} KB | {row['quality']:.2f} | {median:.2f} s | {worst:.2f} s | {change:.2f} s |")


def stop(store: FalkorDBStore) -> None:
    """Close the store and make sure its database server does not outlive the bench."""
    server_pid = store.server_pid
    store.close()
    for sig in (signal.SIGTERM, signal.SIGKILL):
        time.sleep(2)
        try:
            os.kill(server_pid, sig)
        except ProcessLookupError:
            break


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="a store file already loaded (e.g. the 10x set); else a fresh one")
    parser.add_argument("--cordis", type=Path, default=SAMPLE_CORDIS)
    parser.add_argument("--nuts", type=Path, default=SAMPLE_NUTS)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.db:
        store = FalkorDBStore(args.db.resolve(), "cluster_explorer")
        try:
            measure(store, args.db.resolve(), str(args.db), args.runs)
        finally:
            stop(store)
        return
    cordis = args.cordis if (args.cordis / "projects.csv").exists() else FIXTURES / "cordis"
    nuts = args.nuts if args.nuts.exists() else FIXTURES / "nuts"
    with tempfile.TemporaryDirectory(prefix="bench-explore-") as folder:
        db = Path(folder) / "store.db"
        store = FalkorDBStore(db, "cluster_explorer")
        try:
            store.setup_schema()
            load_seeds(store)
            load_nuts(store, nuts)
            load_cordis(store, cordis)
            measure(store, db, str(cordis), args.runs)
        finally:
            stop(store)


if __name__ == "__main__":
    main()
