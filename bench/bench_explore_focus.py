"""Where the time of a large focused Explore view goes: NTNU at depth 3 with "Max nodes" 5,000 (both caps reached).

Loads the bundled sample (`cluster-explorer load sample`: seeds, NUTS, the CORDIS extract) into a temporary store, or
takes `--db`, and draws the view the page draws for the focus `--focus` (NTNU, Norway's university of science and
technology, by default): `graph.views.store_views.explore_view` read from the store, split by statement (the
neighbours level by level, the nodes and the relationships among them with the properties drawn) and the networkx
graph built from them; then `graph.views.render.to_html` with a new layout (`graph.views.layout.positions` apart) and
with the layout cached; then what a download of the view reads on its click (every property:
`graph.views.store_graph.with_all_properties`). Each figure is the median of `--runs`. `--python-parser` reads the
store's replies with the Python parser instead of hiredis (`graph.store.falkordb_stream`), as before hiredis parsed
them.

`--browser` measures the visit instead, as a user waits for it: the app started as `./dev run` does, each visit a new
tab of headless Chromium, from the request to vis-network's first drawing (`bench.bench_app.visit`): views not drawn
before (Max nodes 5,000, 4,999, ...: a new read and drawing each) and the same view again (the app's caches: what is
left is Streamlit, the page crossing to the browser and vis-network's drawing).

Run: `.venv/bin/python bench/bench_explore_focus.py [--db FILE] [--runs 3] [--python-parser] [--browser]` (one table)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402

from graph.store import falkordb_stream  # noqa: E402
from graph.store import view_cypher as q  # noqa: E402
from graph.store.falkordb_store import FalkorDBStore  # noqa: E402
from graph.views import filters, layout, render, store_graph, store_views  # noqa: E402

NTNU = "Organisation:pic:999977851"  # NORGES TEKNISK-NATURVITENSKAPELIGE UNIVERSITET NTNU
READS = {q.NEIGHBOURS: "neighbours, level by level", q.NODES_DRAWN: "nodes, the properties drawn",
         q.EDGES_DRAWN: "relationships among them, the properties drawn"}


class TimedStore:
    """The store, with the time of each read noted by statement (the bench's own wrapper; the store is real)."""

    def __init__(self, store: FalkorDBStore):
        self.store, self.spent = store, defaultdict(lambda: [0.0, 0.0])

    def read(self, query, params=None, **options):
        started, cpu = time.perf_counter(), time.process_time()
        try:
            return self.store.read(query, params, **options)
        finally:
            spent = self.spent[READS.get(query, "other reads (resolve the focus, counts)")]
            spent[0] += time.perf_counter() - started
            spent[1] += time.process_time() - cpu


class Clock:
    """Wall and this process's CPU seconds of a block (CPU: what the machine's other jobs change least)."""

    def __enter__(self) -> Clock:
        self.started, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.figures = [time.perf_counter() - self.started, time.process_time() - self.cpu]


def one_run(store: FalkorDBStore, focus: str, depth: int, cap: int) -> tuple[dict[str, list[float]], nx.MultiDiGraph]:
    """{stage: [wall s, CPU s]} of one view, and the view."""
    timed = TimedStore(store)
    chosen = filters.Filters(filters.DEFAULT_KINDS)
    with Clock() as read:
        view = store_views.explore_view(timed, chosen, (focus,), depth, cap)
    figures = {"store read, in all": read.figures, **timed.spent}
    figures["networkx graph built (the read's rest)"] = [
        read.figures[i] - sum(spent[i] for spent in timed.spent.values()) for i in (0, 1)]
    layout._CACHE.clear()
    with Clock() as new:
        render.to_html(view, focus=(focus,), max_nodes=cap)
    with Clock() as cached:
        render.to_html(view, focus=(focus,), max_nodes=cap)
    figures["to_html, new layout"] = new.figures
    figures["to_html, cached layout (pyvis page)"] = cached.figures
    figures["layout alone (new)"] = [new.figures[i] - cached.figures[i] for i in (0, 1)]
    figures["read + to_html, new layout"] = [read.figures[i] + new.figures[i] for i in (0, 1)]
    with Clock() as export:
        store_graph.with_all_properties(store, view)
    figures["an export's read of every property (on a download's click)"] = export.figures
    return figures, view


def measure(store: FalkorDBStore, focus: str, depth: int, cap: int, runs: int, parser: str) -> None:
    one_run(store, focus, depth, cap)  # the server's caches and the template warm, as in a running app
    results = [one_run(store, focus, depth, cap) for _ in range(runs)]
    view = results[-1][1]
    print(f"Explore of {focus} ({view.nodes[focus].get('name', '') if focus in view else 'not found'}) at depth "
          f"{depth}, Max nodes {cap:,}: {view.number_of_nodes():,} nodes, {view.number_of_edges():,} relationships; "
          f"nodes cut: {store_views.was_cut(view)}, relationships cut: {store_views.edges_were_cut(view)}; replies "
          f"parsed by {parser}\n")
    print(f"| stage | wall, median of {runs} | worst | this process's CPU, median |")
    print("|---|---:|---:|---:|")
    for name in results[0][0]:
        walls = [figures.get(name, [0.0, 0.0])[0] for figures, _ in results]
        cpus = [figures.get(name, [0.0, 0.0])[1] for figures, _ in results]
        print(f"| {name} | {statistics.median(walls):.2f} s | {max(walls):.2f} s | {statistics.median(cpus):.2f} s |")
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} (2 cores)")


def in_the_browser(db: Path, focus: str, depth: int, cap: int, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    from bench.bench_app import visit
    from bench.bench_explore import CHROMIUM_ARGS, start_app
    from tests.app_process import stop_app

    server, url = start_app(db)
    path = f"explore?explore_focus={focus}&explore_depth={depth}&explore_cap={{}}"
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            visit(context, url, "explore")  # the default view first, as a user's first page
            new = [visit(context, url, path.format(cap - i)) for i in range(runs)]
            again = [visit(context, url, path.format(cap)) for _ in range(runs)]
            browser.close()
    finally:
        stop_app(server)
    print(f"Explore of {focus} at depth {depth}, Max nodes {cap:,} and below, in headless Chromium (new tab each)\n")
    print("| visit | request to drawn network, each | median |\n|---|---|---:|")
    for name, seconds in (("a view not drawn before", new), ("the same view again (cached)", again)):
        print(f"| {name} | {', '.join(f'{s:.2f}' for s in seconds)} s | {statistics.median(seconds):.2f} s |")
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} (2 cores)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="a store holding the sample (else one is loaded into a temporary file)")
    parser.add_argument("--focus", default=NTNU)
    parser.add_argument("--depth", type=int, default=3)
    parser.add_argument("--cap", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--python-parser", action="store_true", help="parse the store's replies in Python, not hiredis")
    parser.add_argument("--browser", action="store_true", help="the visit in headless Chromium, request to drawing")
    args = parser.parse_args()
    if args.python_parser:
        falkordb_stream.hiredis = None
    parsed_by = "Python" if falkordb_stream.hiredis is None else "hiredis"
    with tempfile.TemporaryDirectory(prefix="bench-explore-focus-") as folder:
        db = args.db.resolve() if args.db else Path(folder) / "store.db"
        if not args.db:  # as a user loads it
            subprocess.run([sys.executable, "-c", "from cli import main; main()", "--db", str(db), "load", "sample"],
                           cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        if args.browser:
            return in_the_browser(db, args.focus, args.depth, args.cap, args.runs)
        store = FalkorDBStore(db, "cluster_explorer")
        try:
            measure(store, args.focus, args.depth, args.cap, args.runs, parsed_by)
        finally:
            store.close()


if __name__ == "__main__":
    main()
