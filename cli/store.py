"""`cluster-explorer store ...`: check, repair, back up and restore the embedded store's files.

The embedded store refuses to start over missing, truncated or corrupt files (and says so); these
commands are what its message points to. They never delete a file: whatever they change is kept
beside the store first (`<name>.before-repair-...`, `<name>.before-restore-...`).
"""

from __future__ import annotations

from pathlib import Path

import click

from cli.main import Context, main
from graph.errors import SettingError


@main.group()
def store() -> None:
    """Check, repair, back up and restore the embedded store (the file of --db / CLUSTER_EXPLORER_DB)."""


def _db(obj: Context) -> Path:
    if obj.settings.store_kind != "falkordb":
        raise click.ClickException(str(SettingError(
            "the store commands are for the embedded store; NEO4J_URI is set, so use Neo4j's own tools "
            "(neo4j-admin database dump / load)")))
    return obj.settings.db_path


@store.command("check")
@click.pass_obj
def check_command(obj: Context) -> None:
    """Say whether the store's files are sound (exit 1 when they are not); nothing is changed."""
    from graph.store.falkordb_check import check_files
    from graph.store.falkordb_config import StorePaths
    from graph.store.falkordb_process import running_socket

    db = _db(obj)
    if running_socket(db):
        click.echo(f"{db}: in use, its server runs and answers (files are checked whenever it starts)")
        return
    found = check_files(db)
    if found.sound:
        held = db.exists() or StorePaths(db).aof_dir.exists()  # the folder alone holds every write: a store
        click.echo(f"{db}: sound" if held else f"{db}: no store yet (a load creates it)")
        return
    for problem in found.problems:
        click.echo(f"{db}: {problem}")
    raise click.ClickException("the store is damaged: run `cluster-explorer store repair` or "
                               "`cluster-explorer store restore BACKUP`")


@store.command("repair")
@click.pass_obj
def repair_command(obj: Context) -> None:
    """Repair the store's files conservatively, keeping a copy of whatever is changed."""
    from graph.store.falkordb_files import repair

    for line in repair(_db(obj)):
        click.echo(line)


@store.command("backup")
@click.argument("target", type=click.Path(path_type=Path))
@click.pass_obj
def backup_command(obj: Context, target: Path) -> None:
    """Write a consistent copy of the store to TARGET (one file), while it is in use or not."""
    from graph.store.falkordb_backup import backup

    written = backup(_db(obj), target)
    click.echo(f"backed up {obj.settings.db_path} to {written}")


@store.command("restore")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.pass_obj
def restore_command(obj: Context, source: Path) -> None:
    """Replace the store with the backup SOURCE (a file, or the folder given to `backup`); the current files are
    kept beside it."""
    from graph.store.falkordb_files import restore

    for line in restore(_db(obj), source):
        click.echo(line)
