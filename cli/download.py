"""`cluster-explorer download ...`: the official bulk files, ready for `load cordis` / `load nuts`.

Downloads go to CLUSTER_EXPLORER_DOWNLOADS (`data/downloads/`) or `--to`; a broken transfer resumes on
the next run; the base URLs are the settings CLUSTER_EXPLORER_CORDIS_URL and CLUSTER_EXPLORER_GISCO_URL
(mirrors).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import click

from cli.main import Context, main
from cli.options import Named

FRAMEWORKS = ("horizon-europe", "h2020", "fp7")


@contextmanager
def _byte_bars() -> Iterator:
    """`bar(name)` gives a tqdm byte bar for one file, driven by `progress(done, total)`."""
    from tqdm import tqdm

    with ExitStack() as stack:
        def bar(name: str):
            shown = stack.enter_context(tqdm(desc=name, unit="B", unit_scale=True, file=sys.stderr, disable=None))

            def advance(done: int, total: int | None) -> None:
                shown.total = total
                shown.update(done - shown.n)
            return advance
        yield bar


def _say(done) -> None:
    for d in done:
        click.echo(f"{d.path}: {d.size:,} bytes, sha256 {d.sha256[:16]}…{' (resumed)' if d.resumed else ''}")


@main.group()
def download() -> None:
    """Fetch the official bulk files (CORDIS archives, GISCO NUTS label points) for loading."""


@download.command("cordis")
@click.option("--framework", "frameworks", multiple=True, type=Named(FRAMEWORKS),
              help="Framework programme(s) to fetch (default: horizon-europe). Repeat for several.")
@click.option("--to", "folder", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the archives (default: CLUSTER_EXPLORER_DOWNLOADS, data/downloads).")
@click.pass_obj
def download_cordis_command(obj: Context, frameworks: tuple[str, ...], folder: Path) -> None:
    """The official CORDIS CSV archives; then `cluster-explorer load cordis <archive> ...`."""
    from loaders.download import download_cordis

    with _byte_bars() as bar:
        done = download_cordis(frameworks or ("horizon-europe",), folder or obj.settings.downloads_dir,
                               obj.settings.cordis_url, progress=bar)
    _say(done)
    click.echo("load them with: cluster-explorer load cordis " + " ".join(str(d.path) for d in done))


@download.command("nuts")
@click.option("--to", "folder", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the label points (default: nuts/ in CLUSTER_EXPLORER_DOWNLOADS).")
@click.pass_obj
def download_nuts_command(obj: Context, folder: Path) -> None:
    """GISCO's NUTS 2021 and 2024 label points (GeoJSON, and the CSV `load nuts` reads)."""
    from loaders.download import download_nuts

    folder = folder or obj.settings.downloads_dir / "nuts"
    with _byte_bars() as bar:
        done = download_nuts(folder, obj.settings.gisco_url, progress=bar)
    _say(done)
    click.echo(f"load them with: cluster-explorer load nuts {folder}")
