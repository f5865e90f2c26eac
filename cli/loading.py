"""`cluster-explorer load ...`: every source goes through the one load pipeline (loaders.pipeline)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from cli.main import Context, main, progress_bar

if TYPE_CHECKING:
    from loaders.pipeline import PipelineReport


@main.group()
def load() -> None:
    """Load data into the store (idempotent: a re-run changes nothing)."""


def _run(obj: Context, source: str, path: Path | None = None) -> None:
    """Run the one load pipeline and print what it did."""
    from loaders.pipeline import run_load

    with progress_bar(source) as progress:
        _say(run_load(obj.store, source, path, progress=progress))
    _say_restarted(obj)


def _say_restarted(obj: Context) -> None:
    """A load that sat out a restart of the store's server (a watchdog stopping a runaway read elsewhere) says so,
    and why (a restart for memory was told as "a read ran past its time limit, or the server had stopped")."""
    if why := getattr(obj.store, "restarted", False):
        reason = why if isinstance(why, str) else "was restarted"
        click.echo(f"  - while this load ran, the store's server {reason}; the load went on and completed, nothing "
                   "is lost")


def _say(report: PipelineReport) -> None:
    """What a load did, one line and its notes; a skipped load says so, and a load of files the store had loaded
    with another version of their reader says why it read them again, first."""
    if report.read_again:
        click.echo(report.read_again)
    if report.skipped:
        click.echo(f"{report.load.source}: already loaded (same files), skipped")
    else:
        click.echo(f"{report.load.source}: {report.summary.describe()}")
    for note in [*([] if report.skipped else report.load.notes), *report.derived, *report.warnings]:
        click.echo(f"  - {note}")


@load.command("sample")
@click.pass_obj
def load_sample_command(obj: Context) -> None:
    """The bundled real sample: seeds, NUTS 2021/2024 and the CORDIS Horizon Europe Nordic extract
    (each skipped when already loaded)."""
    from loaders.pipeline import run_sample

    with progress_bar("sample") as progress:
        for report in run_sample(obj.store, progress=progress):
            _say(report)
    _say_restarted(obj)


@load.command("seeds")
@click.pass_obj
def load_seeds_command(obj: Context) -> None:
    """The seed knowledge base built from the five source texts."""
    _run(obj, "seeds")


@load.command("cordis")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.pass_obj
def load_cordis_command(obj: Context, paths: tuple[Path, ...]) -> None:
    """CORDIS projects and participants: official archives as downloaded (`cordis-h2020projects-csv.zip`),
    folders (official `;` export or the comma-separated extract); several load one after the other."""
    for path in paths:
        _run(obj, "cordis", path)


@load.command("nuts")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.pass_obj
def load_nuts_command(obj: Context, path: Path) -> None:
    """NUTS 2021 / 2024 regions with label points from GISCO CSV files (a folder or one file)."""
    _run(obj, "nuts", path)


@load.command("csv")
@click.argument("mapping", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--check", is_flag=True, help="Check the mapping and its files against the store and say what a load "
              "would write; write nothing.")
@click.pass_obj
def load_csv_command(obj: Context, mapping: Path, check: bool) -> None:
    """Your own CSV / JSON files, described by a mapping file (see docs/mapping.md; `cluster-explorer mapping new
    TABLE` writes one for a table of participations or a cluster or member list)."""
    from loaders.mapping_contract import feature_summary

    if check:
        _check(obj, mapping)
        return
    _run(obj, "csv", mapping)
    for line in feature_summary(obj.store):
        click.echo(f"  - {line}")


@load.command("json")
@click.argument("mapping", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--check", is_flag=True, help="As for `load csv`.")
@click.pass_context
def load_json_command(ctx: click.Context, mapping: Path, check: bool) -> None:
    """The same as `load csv`: a mapping's files may be CSV or JSON (`load json` had been "No such command")."""
    ctx.invoke(load_csv_command, mapping=mapping, check=check)


def _check(obj: Context, mapping: Path) -> None:
    """`load csv --check`: every problem a load would raise (the same error), or what it would write; the store
    is only read (relationship ends the files do not hold must be in it)."""
    from loaders.generic import check_generic

    obj.say_running_load()
    data = check_generic(obj.store, mapping)
    click.echo(f"{mapping}: valid; a load would write {data.would_write()}. Nothing was written "
               f"(load it with: {obj.command_line('load', 'csv', str(mapping))})")
    for note in data.notes:
        click.echo(f"  - {note}")


@main.command()
@click.argument("source")
@click.option("--yes", is_flag=True, help="Do not ask before removing.")
@click.pass_obj
def unload(obj: Context, source: str, yes: bool) -> None:
    """Take a load's data out of the store: SOURCE as `status` lists it (user:NAME for your own files, seeds,
    nuts, cordis). What only it brought is removed; what other loads brought too stays."""
    from graph.store.reads import last_loads
    from graph.store.unload import refuse_unlogged
    from loaders.pipeline import run_unload

    logged = last_loads(obj.store, limit=10**6)
    refuse_unlogged(source, [e["source"] for e in logged])  # before asking: a question about nothing misleads
    if not yes:
        click.confirm(f"{_loads_of(logged, source)}Remove what {source} brought from the {obj.store.kind} store at "
                      f"{obj.store.location}?", abort=True, err=True)
    with progress_bar(f"unload {source}") as progress:
        summary, derived = run_unload(obj.store, source, progress=progress)
    click.echo(f"{source}: {summary.nodes_removed} nodes and {summary.relationships_removed} relationships removed; "
               f"{summary.nodes_kept} nodes and {summary.relationships_kept} relationships that other loads brought "
               "too kept (without this load's files among their sources)")
    if given_back := summary.given_back():
        click.echo(given_back)
    for note in derived:
        click.echo(f"  - {note}")
    _say_restarted(obj)


def _loads_of(logged: list[dict], source: str) -> str:
    """What the question names: each load of `source` the log holds (every one goes: their files share the
    source's name), with when and how much it wrote."""
    loads = [e for e in logged if e["source"] == source]
    if len(loads) < 2:
        return "".join(f"The {source} load {_wrote(e)}. " for e in loads)
    listed = "; ".join(f"{e['loaded_at']}: {e['nodes']} nodes" if e.get("loaded_at") else _wrote(e) for e in loads)
    return f"The log holds {len(loads)} loads of {source}, and all of them go ({listed}). "


def _wrote(entry: dict) -> str:
    """A log entry's load as the question names it: a completed one with what it wrote; one that never finished
    (killed, or an unload begun) as such ("None: None nodes" had been said of it)."""
    if entry.get("loaded_at") and entry.get("nodes") is not None:
        return f"of {entry['loaded_at']} wrote {entry['nodes']} nodes and {entry['relationships']} relationships"
    since = entry.get("started_at") or entry.get("unload_started_at") or "an unknown time"
    return f"started at {since} did not finish (what it wrote is not counted)"
