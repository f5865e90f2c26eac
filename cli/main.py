"""The `cluster-explorer` command line: a thin shell over `graph/` and `loaders/`.

Settings are read once here (`Settings.from_env`, options override) and passed down. Every error the
tool raises on purpose (a `ClusterExplorerError`, from a bad setting to an unknown node) becomes one
clear line and exit status 1, never a traceback: `main` catches the root of the tree around every
command, so a command module only defines commands (`@main.command()` / `@main.group()`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from graph.errors import ClusterExplorerError, StoppedAfterCompletion, StoreUnavailable
from graph.settings import Settings
from graph.store.backends import open_store
from graph.store.contract import GraphStore

#: The commands that only read or take out what a store holds: given a store file in a folder that does not exist
#: (a mistyped `--db`), they stop instead of making the folder and an empty store and answering "none".
READING_COMMANDS = frozenset({"status", "query", "queries", "metrics", "recommend", "unload"})
#: The commands that answer from the store as it stands: while a load holds it they say so once, on stderr (`load csv
#: --check` says it too, `cli.loading`); an unload waits for the load instead.
ANSWERING_COMMANDS = READING_COMMANDS - {"unload"}
#: What a command stopped by Ctrl-C left, and what finishes it (a load or unload is completed by running it again).
_STOPPED = {"load": "the load did not finish; `cluster-explorer status` names it, and running the same load again "
                    "completes it (nothing it wrote is lost)",
            "unload": "the unload did not finish; `cluster-explorer status` names it, and running it again "
                      "finishes it"}


class Context:
    """Settings plus a lazily opened store, shared by the sub-commands of one invocation."""

    def __init__(self, settings: Settings, command: str | None = None):
        self.settings = settings
        self.command = command
        self._store: GraphStore | None = None

    @property
    def store(self) -> GraphStore:
        if self._store is None:
            folder = self.settings.db_path.parent
            if self.command in READING_COMMANDS and not self.settings.neo4j_uri and not folder.is_dir():
                raise ClusterExplorerError(f"no store at {self.settings.db_path}: the folder {folder} does not exist. "
                                           "Check --db (or CLUSTER_EXPLORER_DB); a load makes a new store")
            self._store = open_store(self.settings)
            self._store.setup_schema()
            if self.command in ANSWERING_COMMANDS:
                self.say_running_load()
        return self._store

    def say_running_load(self) -> None:
        """Say on stderr that a load holds the store, if one does (`running_load_note`): its answers may be half."""
        from graph.store.backends import running_load_note

        if note := running_load_note(self.store):
            click.echo(f"Note: {note}.", err=True)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    def command_line(self, *words: str) -> str:
        """`cluster-explorer [--db FILE] words...`: a next step to run, naming the store this one used when it is not
        the default (a German try-out's `--check` had advised `load csv` without its `--db`, onto another store)."""
        from graph.settings import DEFAULT_DB_PATH

        own = not self.settings.neo4j_uri and self.settings.db_path != DEFAULT_DB_PATH.resolve()
        return " ".join(["cluster-explorer", *(["--db", str(self.settings.db_path)] if own else []), *words])


class OneLineErrors(click.Group):
    """A click group that shows the tool's own errors, raised anywhere below it, as `Error: <message>`."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ClusterExplorerError as e:  # a load or unload cut off by a lost server says how it completes
            left = _STOPPED.get(ctx.invoked_subcommand or "") if isinstance(e, StoreUnavailable) else None
            left = None if e.says_how_to_finish else left  # the loader's own message says it already
            raise click.ClickException(f"{e}; {left}" if left else str(e)) from e
        except KeyboardInterrupt as e:  # click said only "Aborted!"
            left = _STOPPED.get(ctx.invoked_subcommand or "")
            if isinstance(e, StoppedAfterCompletion):
                left = f"the {ctx.invoked_subcommand} had completed; only the compaction of the store's files was " \
                       "stopped, and nothing is lost or left to do"
            click.echo(f"\nStopped (Ctrl-C){': ' + left if left else '.'}", err=True)
            raise click.exceptions.Exit(130) from None


@contextmanager
def progress_bar(label: str) -> Iterator[Any]:
    """A tqdm bar on stderr that the loaders drive with `progress(done, total)`."""
    from tqdm import tqdm

    bar = tqdm(desc=label, unit="rec", file=sys.stderr, disable=None, leave=False)

    def advance(done: int, total: int) -> None:
        bar.total = total
        bar.update(done - bar.n)

    try:
        yield advance
    finally:
        bar.close()


@click.group(cls=OneLineErrors)
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), envvar="CLUSTER_EXPLORER_DB",
              help="File of the embedded store (default: data/cluster-explorer.db). Ignored when NEO4J_URI is set.")
@click.option("--queries-dir", type=click.Path(file_okay=False, path_type=Path), envvar="CLUSTER_EXPLORER_QUERIES",
              help="Your own saved queries, layered over the shipped library (default: queries/ beside the store "
                   "file, data/queries).")
@click.pass_context
def main(ctx: click.Context, db_path: Path | None, queries_dir: Path | None) -> None:
    """Explore how Europe's industrial clusters collaborate."""
    settings = Settings.from_env()
    if db_path is not None:  # your queries beside this store, unless a folder is given (just below)
        settings = replace(settings, db_path=db_path.expanduser().resolve(), user_queries_dir=None)
    if queries_dir is not None:
        settings = replace(settings, user_queries_dir=queries_dir.expanduser().resolve())
    ctx.obj = Context(settings, ctx.invoked_subcommand)
    ctx.call_on_close(ctx.obj.close)
