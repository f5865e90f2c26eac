"""A re-load of a source's changed files replaces what they gave: what the earlier load of those files gave and the
new one does not is taken off, as an unload would (`graph.store.retire`, `graph.store.unload.take_off`).

A user who deletes a member row from a table, or points a link at another cluster, and loads the table again had
kept the old member and the old link: a load only adds and updates. Now `load_records` asks the load log, before
its first write, whether the source's last load was of other files, or one of its loads did not finish
(`reload_due`: one read of the log, none of the data; a first load and a re-run of the last one are not due). When
due, once the new records are written, the nodes and relationships its files are on that the new load did not give
from them lose those files; those left with no source are removed, those other loads give too keep theirs and get
the values those loads gave. The summary says it in a note, and the derived facts are made again for what it
removed (`WriteSummary.changed`): the store ends as the new files alone would have made it over the other loads.
Files of the source the new load does not read stay (another CORDIS archive, a file the mapping no longer names).

A failed load stays safe as every load is: nothing is written before every record has passed; the removal runs
after the load's writes and before its `complete` mark, so a load stopped anywhere after its first write is named
interrupted by `status`, and its next run (of these or other files of the source) finds the marks left
(`Gone.leftover`) and finishes. A property value a user table's new row no longer gives (an emptied cell of a
mapped column) is taken off by the writer itself (`NodeRecord.fills`, `graph.store.changes`); a column the
mapping no longer names is not (`drop` in the mapping does).

A table an older version keyed otherwise (`load_log.keyed_before`: participations keyed by the role as written) has
its relationships of the old keys taken off at its next load, while its rows, still in the file, are written again
under the new keys. The note had said they "are no longer in it", true of the keys but not of the rows: it now
counts them apart, as keyed anew (`_keyed_anew`), and keeps "no longer in it" for what the files no longer give.
"""


from __future__ import annotations

from types import EllipsisType

from graph.store.contract import GraphStore
from graph.store.load_log import interrupted_loads, keyed_before
from graph.store.reads import last_loads
from graph.store.records import NodeRecord, RelRecord
from graph.store.retire import Gone, gone, retire, retired_prefix
from graph.store.unload import UnloadSummary, source_prefix, take_off
from graph.store.writer import WriteSummary
from loaders.reader_version import current_reader_version, reader_changed

__all__ = ["reload_due", "keyed_otherwise", "take_back_gone"]

#: Why relationships of a table an older version keyed otherwise are written again (`USER_RECORDS_VERSION` 2).
KEYED_ANEW = ("were keyed anew (participations are now keyed by the role as read, not as written in the file) and "
              "written again under their new keys; the old ones were taken off")


def reload_due(store: GraphStore, source: str, checksum: str,
               reader_version: int | None | EllipsisType = ...) -> bool | None:
    """None when the log holds no entry of `source`, or its last one is a complete load of these very files (a
    first load, a re-run: nothing to take off), unless an older version keyed that user table's records otherwise
    (`load_log.keyed_before`: the records of its old keys go) or another reader than `reader_version` read them
    (`loaders.reader_version`: what the old reader gave and this one does not goes; `...`: the source's reader now);
    else whether one of its entries did not finish (a stopped load or unload: every derived fact its removal could
    change is made again). Read before the load logs itself started."""
    if reader_version is ...:
        reader_version = current_reader_version(source)
    entries = [e for e in last_loads(store, limit=10**6) if e["source"] == source]  # the newest first
    unfinished = bool(interrupted_loads(entries))  # a stopped load that a later complete one followed is done
    if not entries or (not unfinished and entries[0].get("checksum") == checksum and not keyed_before(entries[0])
                       and not reader_changed(entries[0], reader_version)):
        return None  # a table an older version keyed otherwise is due: its old keys' records go
    return unfinished


def keyed_otherwise(store: GraphStore, source: str) -> bool:
    """Whether a load of `source` in the log is of a user table an older version keyed otherwise
    (`load_log.keyed_before`). Read before the load logs itself started: a re-run's entry is then stamped anew."""
    return any(keyed_before(e) for e in last_loads(store, limit=10**6) if e["source"] == source)


def take_back_gone(store: GraphStore, source: str, checksum: str, nodes: list[NodeRecord], rels: list[RelRecord],
                   summary: WriteSummary, *, unfinished: bool, keyed: bool = False) -> None:
    """Take off what the store holds of `source` that its new load (its written `nodes` and `rels`) does not give;
    say it in `summary.retired`, and add what was removed or given back to `summary.changed`. `keyed`: an older
    version keyed the source's records otherwise (`keyed_otherwise`), and the relationships its new load gives
    again under other keys are said apart (`_keyed_anew`)."""
    prefix = source_prefix(source)
    found = gone(store, prefix, nodes, rels, summary.digests)
    retire(store, found)
    if not found:
        return
    taken = take_off(store, UnloadSummary(source, unfinished=unfinished or found.leftover), retired_prefix(prefix),
                     checksum=checksum)
    summary.changed |= taken.removed | set(taken.restored)
    back = taken.given_back()  # one note: the Data page shows a load's last
    anew = _keyed_anew(found, rels, prefix) if keyed else ({}, 0)
    summary.retired.append(_sentence(found, taken, prefix, anew) + (f" With them gone: {back}" if back else ""))


def _keyed_anew(found: Gone, rels: list[RelRecord], prefix: str) -> tuple[dict[str, int], int]:
    """Of the relationships `found` gone, those that every file gone from them gives again between the same two nodes
    under another key (the new load's `rels`): per file, and in all (a relationship two files gave counts once)."""
    again: dict[tuple[str, str, str], set[str]] = {}
    for r in rels:
        again.setdefault((r.type, r.start_id, r.end_id), set()).update(r.sources)
    mark, per_file, total = retired_prefix(prefix), {}, 0
    for (rel_type, _, _), rows in found.relationships.items():
        for row in rows:
            files = {prefix + s[len(mark):] for s in row["sources"] if s.startswith(mark)}
            if files and files <= again.get((rel_type, row["start"], row["end"]), set()):
                total += 1
                for file in files:
                    per_file[file] = per_file.get(file, 0) + 1
    return per_file, total


def _sentence(found: Gone, taken: UnloadSummary, prefix: str, anew: tuple[dict[str, int], int]) -> str:
    """`members.csv: 2 node(s) and 3 relationship(s) the earlier load gave are no longer in it: ...`; for several
    files, the totals (a record two files gave counts once) and each file's. The relationships keyed anew (`anew`:
    per file, and in all) are said apart: their rows are still in the files."""
    def both(nodes: int, rels: int) -> str:
        return f"{nodes} node(s) and {rels} relationship(s)"

    anew_by_file, anew_total = anew
    shown = {file: (file[len(prefix):] if prefix.endswith("/") else file) for file in found.by_file}
    counts = {file: (n, r - anew_by_file.get(file, 0)) for file, (n, r) in found.by_file.items()}
    total_nodes = sum(map(len, found.nodes.values()))
    total_rels = sum(map(len, found.relationships.values())) - anew_total
    said = []
    if len(shown) == 1 and (total_nodes or total_rels):
        said.append(f"{both(total_nodes, total_rels)} the earlier load gave are no longer in it")
    elif total_nodes or total_rels:
        each = "; ".join(f"{shown[file]}: {both(n, r)}" for file, (n, r) in sorted(counts.items()) if n or r)
        said.append(f"{both(total_nodes, total_rels)} the earlier load gave are no longer in its files ({each})")
    if anew_total:
        each = "" if len(shown) == 1 else " (" + "; ".join(f"{shown.get(file, file[len(prefix):])}: {n}"
                                                           for file, n in sorted(anew_by_file.items())) + ")"
        said.append(f"{anew_total} relationship(s){each} {KEYED_ANEW}")
    head = f"{next(iter(shown.values()))}: " if len(shown) == 1 else ""
    text = (head + ", and ".join(said)) if said else \
        "The earlier run of this load had marked what its files no longer give"
    kept = (f"; {both(taken.nodes_kept, taken.relationships_kept)} kept, as other loads (or other files of this "
            "one) give them too: only these files were taken off their sources"
            if taken.nodes_kept or taken.relationships_kept else "")
    return f"{text}: {both(taken.nodes_removed, taken.relationships_removed)} removed{kept}."
