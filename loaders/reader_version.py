"""Which version of a source's reader made what the store holds of its files, so a parser fix reaches a store that
loaded the same files before it.

A load of files the load log already holds (same source, same checksum) is skipped (`loaders.pipeline`: `./dev run`,
`load sample`). A release whose reader reads the same files differently (CORDIS titles stored single-spaced, a
seed's new field) would then never reach a store loaded before it: the user kept the old output unless they knew to
force a reload. So each loader keeps a `READER_VERSION` next to its parser, `load_records` logs it on the load's
entry (`reader_version`, beside the checksum), and a skippable load whose completed entry was read by another
version (or by none: an entry logged before versions existed) is loaded again, once, saying why. A load is an upsert,
so it writes only what differs; and as for a load of changed files (`loaders.reload_gone`), what the old reader gave
from these files and the new one does not is taken off. A property the new reader no longer writes stays on a node
it writes again (unload the source and load it again to drop it).

This is the derived facts' pattern (`loaders.derived_version`): there a skipped load derives the facts again when
they were made by an earlier version; here the load itself is not skipped.

Raise a loader's `READER_VERSION` with any change to what one of its files becomes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.store import cypher
from graph.store.contract import GraphStore

__all__ = ["current_reader_version", "reader_changed", "logged_read", "read_again_line", "older_reads_said"]

#: How the message names each source's reader.
READER_NAMES = {"seeds": "seeds", "nuts": "NUTS", "cordis": "CORDIS"}


def current_reader_version(source: str) -> int:
    """The version of the reader that loads `source` now ("seeds", "nuts", "cordis", "user:NAME" or "csv"): the
    loader's own `READER_VERSION`, imported only for the source asked about."""
    if source == "seeds":
        from loaders.seeds import READER_VERSION
    elif source == "nuts":
        from loaders.nuts import READER_VERSION
    elif source == "cordis":
        from loaders.cordis import READER_VERSION
    else:
        from loaders.generic import READER_VERSION
    return READER_VERSION


def reader_changed(entry: dict[str, Any], version: int | None) -> bool:
    """Whether the load log's `entry` was read by a reader other than `version` (an entry without one, logged before
    versions existed, counts as another: what it was read by is not known)."""
    return entry.get("reader_version") != version


def logged_read(store: GraphStore, source: str, checksum: str) -> dict[str, Any] | None:
    """The load log's completed entry of `source`'s files of `checksum`, whichever reader read them, when no load of
    other files of the source came after it (which took off what these gave: `loaders.reload_gone`); cheap reads,
    no parsing."""
    from loaders.reload_gone import reload_due

    found = store.read(cypher.logged_load(), {"rows": [{"source": source, "checksum": checksum}]}, row_cap=100)
    complete = [props for (props,) in found.rows if (props or {}).get("status", "complete") == "complete"]
    if not complete or reload_due(store, source, checksum, complete[0].get("reader_version")) is not None:
        return None  # the entry's own reader version asked about: here only a load of other files since counts
    return complete[0]


def read_again_line(path: Path, source: str, entry: dict[str, Any]) -> str:
    """The one line a load read again says: `data/cordis: read again: the CORDIS reader changed since it was loaded
    (version 3 -> 4)`; `path` as given, or relative to the working folder when it is in it (the bundled sample)."""
    path = Path(path)
    shown = path.relative_to(Path.cwd()) if path.is_absolute() and path.is_relative_to(Path.cwd()) else path
    reader = READER_NAMES.get(source, "table")
    now, then = current_reader_version(source), entry.get("reader_version")
    if then is None:
        return (f"{shown}: read again: it was loaded before reader versions were logged (the {reader} reader is "
                f"version {now} now)")
    return f"{shown}: read again: the {reader} reader changed since it was loaded (version {then} -> {now})"


#: How each source is loaded again, for `older_reads_said`.
_LOAD_AGAIN = {"seeds": "`cluster-explorer load sample` or `load seeds`", "nuts": "`cluster-explorer load sample` or "
               "`load nuts PATH`", "cordis": "`cluster-explorer load sample` or `load cordis PATH`"}


def older_reads_said(entries: list[dict[str, Any]]) -> list[str]:
    """One sentence per source whose latest completed load (of the load log's `entries`, newest first) was read by
    another version of its reader than the one installed, saying how to catch up: `status` says it as it says
    derived facts are outdated, where it had listed such a load as any other until the next load read it again."""
    said, seen = [], set()
    for entry in entries:
        source = entry.get("source")
        if entry.get("status", "complete") != "complete" or not source or source in seen:
            continue
        seen.add(source)
        now, then = current_reader_version(source), entry.get("reader_version")
        if not reader_changed(entry, now):
            continue
        reader = READER_NAMES.get(source, "table")
        read_by = (f"version {then} of the {reader} reader" if then is not None
                   else f"the {reader} reader before reader versions were logged")
        again = _LOAD_AGAIN.get(source, "`cluster-explorer load csv` with its mapping")
        said.append(f"{source} was read by {read_by} (version {now} now): run {again} again; it reads those files "
                    "again and writes only what differs")
    return said
