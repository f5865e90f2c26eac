"""The note on rows of `match = "name"` tables whose own node, made by an earlier load, has a namesake the store got
since (`load sample` after a cluster list: the seeds' programme `ARENA`, CORDIS's `UNIVERSITETET I BERGEN`).

`match = "name"` takes the store's node of a row's name only for an id the store lacks, so a table loaded before the
sample keeps its own `ARENA` beside the seeds' one, and a re-run of the same load, which finds its own ids, said
nothing of it: `programmes/members-by-region -p programme=arena` then listed the seeds' one cluster and none of the
table's, silently. Loaded in the other order the rows would have updated the seeds' nodes. The note names the pairs
and the way to join them: take out the load that made the row's node and load it again (tested in
tests/test_held_namesakes.py).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from graph.store.contract import GraphStore
from graph.store.records import NodeRecord
from graph.wording import first_few
from loaders.generic_ends import named_in_any_case, sources_of
from loaders.generic_namesakes import NAMESAKES_SKIPPED

if TYPE_CHECKING:
    from loaders.generic import GenericInput

__all__ = ["held_beside_namesakes"]


def held_beside_namesakes(store: GraphStore, data: GenericInput) -> list[str]:
    """One note on the `match = "name"` rows of `data` whose id the store holds (an earlier load made the node) while
    another node of their label has their name in any case; [] when there is none. A read per label for the ids
    and one for the names."""
    by_label: dict[str, dict[str, NodeRecord]] = defaultdict(dict)
    for record in data.nodes:
        if (record.label, record.id) in data.matchable and record.label not in NAMESAKES_SKIPPED:
            by_label[record.label].setdefault(record.id, record)
    found: list[tuple[NodeRecord, list[str], list[str]]] = []  # (row, the namesakes' ids, the loads of its node)
    for label, records in sorted(by_label.items()):
        held = sources_of(store, label, set(records))
        named = named_in_any_case(store, label, {records[i].name for i in held})
        for node_id, sources in sorted(held.items()):
            others = sorted(i for i, _ in named.get(records[node_id].name.lower(), []) if i not in records)
            if others:
                found.append((records[node_id], others, sorted({s.split("/")[0] for s in sources or []})))
    if not found:
        return []
    loads = sorted({load for _, _, made_by in found for load in made_by})

    def shown(hit: tuple[NodeRecord, list[str], list[str]]) -> str:
        record, others, _ = hit
        return f"{record.label} {record.name!r} (id {record.id!r}) beside {first_few(others, 3, sep=' / ')}"

    return [f"{len(found)} node(s) of match = \"name\" rows, made by an earlier load, have the name of another node "
            f"of the store, and stay apart from it (match = \"name\" takes a node of the store only for an id it "
            f"lacks): {first_few(found, 5, shown)}; to make each pair one node, take out the load(s) that made them "
            f"({', '.join(loads)}: `cluster-explorer unload SOURCE`, or the Data page's Take a load out) and load them "
            "again, this one first"]
