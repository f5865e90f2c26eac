"""`cluster-explorer mapping new TABLE`: a first mapping for a participation table or a list, written from the table."""

from __future__ import annotations

import os
from pathlib import Path

import click

from cli.main import Context, main
from graph.errors import ClusterExplorerError
from loaders.common import is_text_encoding


@main.group()
def mapping() -> None:
    """Write mapping files for `load csv` (the format: docs/mapping.md)."""


@mapping.command("new")
@click.argument("table", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the mapping to this file (refused if it exists) instead of printing it.")
@click.option("--encoding", default=None, metavar="CODEC",
              help="The table's text encoding (cp1250, cp1252, cp1257, cp1251, utf-8 ...), when the one detected "
                   "reads its letters wrong; the mapping names it.")
@click.pass_obj
def mapping_new_command(obj: Context, table: Path, out: Path | None, encoding: str | None) -> None:
    """A mapping for TABLE, its columns guessed from the header and its formats from the cells: the
    participation preset for one row per participation (as funders publish grants), or, for a table naming no
    project, a list of clusters or organisations (their places, sectors, programmes and labels, matched by name
    to the store's nodes); check it with `load csv MAPPING --check`."""
    from loaders.mapping_new.participation import guesses, participation_template

    if out is not None and out.exists():
        raise ClusterExplorerError(f"{out} exists; give another --out, or move it away first")
    file = Path(os.path.relpath(table.resolve(), out.resolve().parent)).as_posix() if out else None
    if file is not None and file.startswith("../"):
        raise ClusterExplorerError(f"{out} would be outside {table.name}'s folder, and a mapping may only name "
                                   "files inside its own folder: write it next to the table "
                                   f"(--out {table.parent / out.name})")
    notes: list[str] = []  # cells to fix in the table (an amount no guess reads), named by file, line and column
    if encoding is not None and not is_text_encoding(encoding):
        raise ClusterExplorerError(f"--encoding {encoding!r} is not a text encoding; try cp1250, cp1252, cp1257, "
                                   "cp1251 or utf-8")
    text = participation_template(table, file, notes, encoding)
    if out is None:
        click.echo(text, nl=False)
    else:
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as e:
            raise ClusterExplorerError(f"cannot write {out}: {e.strerror}") from e
        click.echo(f"{out}: a mapping for {table.name} ({guesses(text)} guesses marked #? to check); then: "
                   f"{obj.command_line('load', 'csv', str(out), '--check')}", err=True)
    for note in notes:
        click.echo(note, err=True)
