"""How fast the app answers at 1x (seeds + NUTS + the CORDIS extract), in a real headless Chromium.

Starts `streamlit run app.py` on a store holding the seed data, NUTS and the shared CORDIS extract
(loaded into a temporary store, or `--db FILE` already holding them), then measures, each time from
the request to what the user waits for:

* the **first Explore visit** after the server starts (nothing cached) and **warm visits** (new tabs);
* a **focus visit** (`?explore_focus=` a cluster not asked for before: a new neighbourhood read);
* a **cap change** in an open page ("Max nodes" to a new value: a new view read and drawn);
* **Overview** (to "Sources loaded") and **Queries** (a saved query's rows);
* **8 sessions at once** opening Explore with 8 different focuses (p50 / p95);
* the app's **memory** (resident set of the Streamlit process) at the end.

"Drawn" is the network page's own stamp (`window.ceDrawnAt`, set at vis-network's first drawing).
Run: `.venv/bin/python bench/bench_app.py [--db FILE] [--runs 3]`
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_explore import CHROMIUM_ARGS, start_app  # noqa: E402
from graph.store.falkordb_store import FalkorDBStore  # noqa: E402
from loaders.cordis import load_cordis  # noqa: E402
from loaders.nuts import load_nuts  # noqa: E402
from loaders.seeds import load_seeds  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
WAIT_MS = 180_000


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB (from /proc)."""
    total = 0
    for task in [pid, *children(pid)]:
        try:
            for line in Path(f"/proc/{task}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def children(pid: int) -> list[int]:
    try:
        found = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
    return found + [g for c in found for g in children(c)]


def drawn(page, started: float) -> float:
    frame = page.wait_for_selector("iframe[title='Network view']", timeout=WAIT_MS).content_frame()
    frame.wait_for_selector("body[data-drawn]", timeout=WAIT_MS)
    return frame.evaluate("window.ceDrawnAt") / 1000 - started


def note(label: str, times: list[float]) -> tuple[str, list[float]]:
    print(f"  {label}: {', '.join(f'{t:.2f}' for t in times)} s", flush=True)
    return label, times


def visit(context, url: str, path: str) -> float:
    page = context.new_page()
    started = time.time()
    page.goto(f"{url}/{path}")
    seconds = drawn(page, started)
    page.close()
    return seconds


def page_ready(context, url: str, path: str, text: str) -> float:
    page = context.new_page()
    started = time.time()
    page.goto(f"{url}/{path}")
    page.get_by_text(text, exact=False).first.wait_for(timeout=WAIT_MS)
    seconds = time.time() - started
    page.close()
    return seconds


def cap_change(context, url: str, caps: list[int]) -> list[float]:
    page = context.new_page()
    page.goto(f"{url}/explore?explore_focus=Cluster:iot-world&explore_depth=3")  # about 290 nodes: caps below cut it
    drawn(page, time.time())
    times = []
    for cap in caps:
        box = page.get_by_label("Max nodes")
        started = time.time()
        box.fill(str(cap))
        box.press("Enter")
        deadline = time.monotonic() + WAIT_MS / 1000
        while time.monotonic() < deadline:
            handle = page.query_selector("iframe[title='Network view']")
            try:
                frame = handle.content_frame() if handle else None
                if frame and frame.evaluate("window.ceDrawnAt || 0") / 1000 > started:
                    times.append(frame.evaluate("window.ceDrawnAt") / 1000 - started)
                    break
            except Exception:  # the frame is replaced while we look
                pass
            page.wait_for_timeout(20)
    page.close()
    return times


def concurrent(context, url: str, focuses: list[str]) -> list[float]:
    pages = [context.new_page() for _ in focuses]
    starts = []
    for page, focus in zip(pages, focuses, strict=True):
        starts.append(time.time())
        page.goto(f"{url}/explore?explore_focus={focus}", wait_until="commit")
    times = [drawn(page, started) for page, started in zip(pages, starts, strict=True)]
    for page in pages:
        page.close()
    return times


def cluster_keys(db: Path, n: int) -> list[str]:
    store = FalkorDBStore(db, "cluster_explorer")
    rows = store.read("MATCH (c:Cluster) RETURN c.kind, c.id ORDER BY c.id LIMIT $n", {"n": n}).rows
    store.close()
    return [f"{kind}:{node_id}" for kind, node_id in rows]


def measure(db: Path, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    focuses = cluster_keys(db, 8 + runs)
    server, url = start_app(db)
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            rows = [note("first Explore visit after a server start", [visit(context, url, "explore")])]
            rows.append(note("Explore, warm visit (new tab)", [visit(context, url, "explore") for _ in range(runs)]))
            rows.append(note("Explore with a new focus (new tab)",
                             [visit(context, url, f"explore?explore_focus={f}") for f in focuses[8:8 + runs]]))
            rows.append(note("Overview", [page_ready(context, url, "", "Sources loaded") for _ in range(runs)]))
            rows.append(note("Queries (labels/valid-on rows)",
                             [page_ready(context, url, "queries?queries_name=labels/valid-on", " rows")
                              for _ in range(runs)]))
            rows.append(note("Max nodes changed in an open page (depth 3)",
                             cap_change(context, url, [100 + 7 * i for i in range(runs)])))
            together = concurrent(context, url, focuses[:8])
            memory = rss_mb(server.pid)
            context.close()
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    print(f"| what | median of {runs} | worst |\n|---|---:|---:|")
    for label, times in rows:
        print(f"| {label} | {statistics.median(times):.2f} s | {max(times):.2f} s |")
    together.sort()
    print(f"| 8 sessions at once, Explore with 8 focuses: p50 / p95 | {statistics.median(together):.2f} s "
          f"| {together[min(len(together) - 1, int(0.95 * len(together)))]:.2f} s |")
    print(f"\napp memory (resident, Streamlit process) after these visits: {memory:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="a store file already holding seeds + NUTS + CORDIS")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.db:
        measure(args.db.resolve(), args.runs)
        return
    with tempfile.TemporaryDirectory(prefix="bench-app-") as folder:
        db = Path(folder) / "store.db"
        store = FalkorDBStore(db, "cluster_explorer")
        store.setup_schema()
        load_seeds(store)
        load_nuts(store, SHARED / "gisco-nuts")
        load_cordis(store, SHARED / "cordis-horizon-europe")
        try:
            measure(db, args.runs)
        finally:
            store.close()


if __name__ == "__main__":
    main()
