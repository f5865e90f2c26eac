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
"""


from __future__ import annotations

from graph.store.contract import GraphStore
from graph.store.load_log import interrupted_loads, keyed_before
from graph.store.reads import last_loads
from graph.store.records import NodeRecord, RelRecord
from graph.store.retire import Gone, gone, retire, retired_prefix
from graph.store.unload import UnloadSummary, source_prefix, take_off
from graph.store.writer import WriteSummary

__all__ = ["reload_due", "take_back_gone"]


def reload_due(store: GraphStore, source: str, checksum: str) -> bool | None:
    """None when the log holds no entry of `source`, or its last one is a complete load of these very files (a
    first load, a re-run: nothing to take off), unless an older version keyed that user table's records otherwise
    (`load_log.keyed_before`: the records of its old keys go); else whether one of its entries did not finish (a
    stopped load or unload: every derived fact its removal could change is made again). Read before the load logs
    itself started."""
    entries = [e for e in last_loads(store, limit=10**6) if e["source"] == source]  # the newest first
    unfinished = bool(interrupted_loads(entries))  # a stopped load that a later complete one followed is done
    if not entries or (not unfinished and entries[0].get("checksum") == checksum and not keyed_before(entries[0])):
        return None  # a table an older version keyed otherwise is due: its old keys' records go
    return unfinished


def take_back_gone(store: GraphStore, source: str, checksum: str, nodes: list[NodeRecord], rels: list[RelRecord],
                   summary: WriteSummary, *, unfinished: bool) -> None:
    """Take off what the store holds of `source` that its new load (its written `nodes` and `rels`) does not give;
    say it in `summary.retired`, and add what was removed or given back to `summary.changed`."""
    prefix = source_prefix(source)
    found = gone(store, prefix, nodes, rels, summary.digests)
    retire(store, found)
    if not found:
        return
    taken = take_off(store, UnloadSummary(source, unfinished=unfinished or found.leftover), retired_prefix(prefix),
                     checksum=checksum)
    summary.changed |= taken.removed | set(taken.restored)
    back = taken.given_back()  # one note: the Data page shows a load's last
    summary.retired.append(_sentence(found, taken, prefix) + (f" With them gone: {back}" if back else ""))


def _sentence(found: Gone, taken: UnloadSummary, prefix: str) -> str:
    """`members.csv: 2 node(s) and 3 relationship(s) the earlier load gave are no longer in it: ...`; for several
    files, the totals (a record two files gave counts once) and each file's."""
    def both(nodes: int, rels: int) -> str:
        return f"{nodes} node(s) and {rels} relationship(s)"

    shown = {file: (file[len(prefix):] if prefix.endswith("/") else file) for file in found.by_file}
    total = both(sum(map(len, found.nodes.values())), sum(map(len, found.relationships.values())))
    if len(shown) == 1:
        said = f"{next(iter(shown.values()))}: {total} the earlier load gave are no longer in it"
    elif shown:
        each = "; ".join(f"{shown[file]}: {both(n, r)}" for file, (n, r) in sorted(found.by_file.items()))
        said = f"{total} the earlier load gave are no longer in its files ({each})"
    else:
        said = "The earlier run of this load had marked what its files no longer give"
    kept = (f"; {both(taken.nodes_kept, taken.relationships_kept)} kept, as other loads (or other files of this "
            "one) give them too: only these files were taken off their sources"
            if taken.nodes_kept or taken.relationships_kept else "")
    return f"{said}: {both(taken.nodes_removed, taken.relationships_removed)} removed{kept}."
