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

__all__ = ["held_matchable", "held_beside_namesakes"]

#: Label -> the ids of its `match = "name"` rows that the store holds, each with its node's sources.
Held = dict[str, dict[str, list[str]]]


def _matchable_by_label(data: GenericInput) -> dict[str, dict[str, NodeRecord]]:
    by_label: dict[str, dict[str, NodeRecord]] = defaultdict(dict)
    for record in data.nodes:
        if (record.label, record.id) in data.matchable:
            by_label[record.label].setdefault(record.id, record)
    return by_label


def held_matchable(store: GraphStore, data: GenericInput) -> Held:
    """The `match = "name"` rows' ids that the store holds, by label, with their nodes' sources: one read per label,
    which serves both this note and the match by name (`new_and_named(held=...)`: the rows whose id it lacks)."""
    return {label: sources_of(store, label, set(records)) for label, records in _matchable_by_label(data).items()}


def held_beside_namesakes(store: GraphStore, data: GenericInput, held: Held) -> list[str]:
    """One note on the `match = "name"` rows of `data` whose id the store holds (an earlier load made the node;
    `held`: `held_matchable`) while another node of their label has their name in any case; [] when there is none.
    One read per label for the names."""
    found: list[tuple[NodeRecord, list[str], list[str]]] = []  # (row, the namesakes' ids, the loads of its node)
    for label, records in sorted(_matchable_by_label(data).items()):
        if label in NAMESAKES_SKIPPED:
            continue
        given = held.get(label, {})
        named = named_in_any_case(store, label, {records[i].name for i in given})
        for node_id, sources in sorted(given.items()):
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
