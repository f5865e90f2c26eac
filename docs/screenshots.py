"""One screenshot per app page, on the bundled real sample, for docs/app.md ("Before and after").

Loads the sample (`cluster-explorer load sample`: seeds, NUTS and the CORDIS extract) into a temporary
store (or uses `--db FILE` already holding it), starts `streamlit run app.py` on it, opens each page in
Debian's headless Chromium (Playwright, no browser download) 1280 px wide and saves one PNG per page (its
whole height, at most 2,400 px), quantised to 256 colours so each stays a few hundred KB.

Run: `.venv/bin/python docs/screenshots.py docs/img/after` (the "before" set is docs/img/before/).
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_explore import CHROMIUM_ARGS, start_app  # noqa: E402
from tests.app_process import stop_app  # noqa: E402

WAIT_MS = 240_000
SIZE = {"width": 1280, "height": 800}
TALLEST = 2400
# page name -> (address, heading, what to wait for once the script run is over)
PAGES = {
    "overview": ("", "Overview", "text=Sources loaded"),
    "explore": ("explore", "Explore", "iframe[title='Network view']"),
    "queries": ("queries?queries_name=labels/valid-on", "Queries", "[data-testid='stDataFrame']"),
    "metrics": ("metrics", "Metrics", "button:has-text('Compute')"),
    "partners": ("partners?partners_focal=Cluster:iot-world", "Partners", "[data-testid='stDataFrame']"),
    "map": ("map", "Map", "#deckgl-overlay"),
    "data": ("data", "Data", "input[type='file']"),
}


#: Charts and tables are drawn after the script run, in placeholders (`stSkeleton`) until then.
_CHARTS_DRAWN = """() => !document.querySelector('[data-testid="stSkeleton"]')
    && [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].every(c => c.querySelector('canvas, svg'))
    && [...document.querySelectorAll('[data-testid="stDataFrame"]')].every(d => d.querySelector('canvas'))"""


def settle(page) -> None:
    """Wait until Streamlit's script run is over (its root says so) and its status widget is gone."""
    page.wait_for_function("""() => document.querySelector('[data-testid="stApp"]')
        ?.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid="stStatusWidget"]')""", timeout=WAIT_MS)


def frames(page, count: int) -> None:
    for _ in range(count):
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def drawn(page, name: str) -> None:
    """Wait for what the page draws after its script: the network, the metrics, the map's first frames."""
    if name == "explore":
        frame = page.wait_for_selector("iframe[title='Network view']", timeout=WAIT_MS).content_frame()
        frame.wait_for_selector("body[data-drawn]", timeout=WAIT_MS)
    elif name == "metrics":
        page.get_by_role("button", name="Compute").click()
        page.get_by_text("Distribution of").first.wait_for(timeout=WAIT_MS)
    settle(page)
    page.wait_for_function(_CHARTS_DRAWN, timeout=WAIT_MS)  # the Overview's charts had been shot as empty boxes
    frames(page, 10 if name == "map" else 2)  # deck.gl draws over a few frames


def whole_page(page, name: str) -> bytes:
    """The page down to its end (at most TALLEST px): Streamlit scrolls inside its own container, so the
    window is made as tall as the content first, then put back."""
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || 800")
    page.set_viewport_size({"width": SIZE["width"], "height": min(max(height + 40, SIZE["height"]), TALLEST)})
    settle(page)
    frames(page, 10 if name == "map" else 2)
    png = page.screenshot()
    page.set_viewport_size(SIZE)
    return png


def save_png(png: bytes, path: Path) -> int:
    """Quantised to 256 colours and optimised: a page shot shrinks from about 1 MB to 100-300 KB."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    image.save(path, optimize=True)
    return path.stat().st_size


def shoot(db: Path, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    server, url = start_app(db)
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            context = browser.new_context(viewport=SIZE)
            for name, (address, heading, ready) in PAGES.items():
                page = context.new_page()
                page.set_default_timeout(WAIT_MS)
                page.goto(f"{url}/{address}")
                page.get_by_role("heading", name=heading, level=1).wait_for()
                settle(page)
                page.wait_for_selector(ready, state="attached")
                drawn(page, name)
                size = save_png(whole_page(page, name), out / f"{name}.png")
                print(f"{out / f'{name}.png'}: {size / 1024:.0f} KB", flush=True)
                page.close()
            browser.close()
    finally:
        stop_app(server)


def load_sample(db: Path) -> None:
    started = time.monotonic()
    env = {**os.environ, "CLUSTER_EXPLORER_DB": str(db), "CLUSTER_EXPLORER_GRAPH": "cluster_explorer"}
    env.pop("NEO4J_URI", None)
    cli = Path(sys.executable).with_name("cluster-explorer")
    subprocess.run([str(cli), "load", "sample"], env=env, check=True, stdout=subprocess.DEVNULL)
    print(f"sample loaded into {db} in {time.monotonic() - started:.0f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, nargs="?", default=ROOT / "docs" / "img" / "after",
                        help="folder for the PNGs (default docs/img/after)")
    parser.add_argument("--db", type=Path, help="a store file already holding the sample (else a temporary one)")
    args = parser.parse_args()
    if args.db:
        load_sample(args.db.resolve())  # skipped part by part when already loaded
        shoot(args.db.resolve(), args.out)
        return
    with tempfile.TemporaryDirectory(prefix="screenshots-") as folder:
        db = Path(folder) / "store.db"
        load_sample(db)
        shoot(db, args.out)


if __name__ == "__main__":
    main()
