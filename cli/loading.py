"""`cluster-explorer load ...`: every source goes through the one load pipeline (loaders.pipeline)."""

from __future__ import annotations

from pathlib import Path

import click

from cli.main import Context, main, progress_bar


@main.group()
def load() -> None:
    """Load data into the store (idempotent: a re-run changes nothing)."""


def _run(obj: Context, source: str, path: Path | None = None) -> None:
    """Run the one load pipeline and print what it did."""
    from loaders.pipeline import run_load

    with progress_bar(source) as progress:
        report = run_load(obj.store, source, path, progress=progress)
    s = report.summary
    click.echo(f"{report.load.source}: {s.nodes} nodes ({s.created} created, {s.updated} updated, "
               f"{s.unchanged} unchanged), {s.relationships} relationships written")
    for note in [*report.load.notes, *report.derived]:
        click.echo(f"  - {note}")


@load.command("seeds")
@click.pass_obj
def load_seeds_command(obj: Context) -> None:
    """The seed knowledge base built from the five source texts."""
    _run(obj, "seeds")


@load.command("cordis")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.pass_obj
def load_cordis_command(obj: Context, path: Path) -> None:
    """CORDIS projects and participants from a folder (official `;` export or the comma-separated extract)."""
    _run(obj, "cordis", path)


@load.command("nuts")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.pass_obj
def load_nuts_command(obj: Context, path: Path) -> None:
    """NUTS 2021 / 2024 regions with label points from GISCO CSV files (a folder or one file)."""
    _run(obj, "nuts", path)


@load.command("csv")
@click.argument("mapping", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def load_csv_command(obj: Context, mapping: Path) -> None:
    """Your own CSV / JSON files, described by a mapping file (see docs/mapping.md)."""
    _run(obj, "csv", mapping)
