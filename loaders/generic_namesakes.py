"""The notes on names a load shares with nodes of the store (for `loaders.generic_match`).

A table without `match = "name"` whose new rows have the name of a node the store holds makes a second node of
that name, which a search then finds twice: the load says so, and names the option. `new_and_named` is the look-up
both the note and `match = "name"` make.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from typing import TYPE_CHECKING

from graph.store import cypher
from graph.store.contract import GraphStore
from graph.store.records import NodeRecord
from graph.wording import first_few
from loaders.generic_ends import held_ids, named_nodes

if TYPE_CHECKING:
    from loaders.generic import GenericInput

__all__ = ["new_and_named", "namesakes", "narrowed_by_country", "NAMESAKES_SKIPPED"]

#: Labels the note on namesakes leaves out: projects and people share names by right (an acronym names projects of
#: several programmes; two people are both Anna Berg), and the tool's own records are no rows of a table.
NAMESAKES_SKIPPED = ("Project", "Person", "Source", "Load")
_SHOWN = 5


def new_and_named(store: GraphStore, label: str, records: dict[str, NodeRecord], folding: bool = True,
                  held: Collection[str] | None = None) -> list[tuple[NodeRecord, list[tuple[str, str]]]]:
    """The `records` (by id) whose id the store lacks, each with the (id, name) of the `label` nodes of the store its
    name names (`loaders.generic_ends.named_nodes`; `folding=False`: by the name in any case only). `held`: those
    ids the store holds, when the caller read them already (else read here)."""
    held = held_ids(store, label, list(records)) if held is None else held
    new = [record for node_id, record in records.items() if node_id not in held]
    named, _ = named_nodes(store, label, {record.name for record in new}, folding) if new else ({}, None)
    return [(record, named[record.name]) for record in new]


def narrowed_by_country(store: GraphStore, label: str, found: list[tuple[NodeRecord, list[tuple[str, str]]]]
                        ) -> list[tuple[NodeRecord, list[tuple[str, str]]]]:
    """`found` (`new_and_named`), where a row's name names several nodes, narrowed to the one in the row's country
    when exactly one is: an Austrian table's `Fraunhofer` (DE) had been refused as the name of Fraunhofer Portugal too.
    Otherwise the nodes stay all, and the row asks for the id of the one meant. One read for the rows it concerns."""
    several = {node_id for record, nodes in found if len(nodes) > 1 and record.properties.get("country")
               for node_id, _ in nodes}
    if not several:
        return found
    rows = store.read(cypher.node_states(label), {"ids": sorted(several)}, row_cap=len(several) + 1).rows
    country = {node_id: props.get("country") for node_id, props, _ in rows}
    narrowed = []
    for record, nodes in found:
        there = [n for n in nodes if len(nodes) > 1 and country.get(n[0]) == record.properties.get("country")]
        narrowed.append((record, there if len(there) == 1 else nodes))
    return narrowed


def _not_going(store: GraphStore, found: list, prefix: str, data: GenericInput) -> list:
    """`found` without the store's nodes that only this mapping's files give and its rows no longer do: a re-load
    removes them (a row's id changed from X2 to X3 had been said to stand "beside the store's X2")."""
    given, going = {(r.label, r.id) for r in data.nodes}, set()
    for label in {record.label for record, _ in found}:
        ids = sorted({node_id for record, nodes in found if record.label == label for node_id, _ in nodes})
        going |= {(label, node_id) for node_id, props, _ in store.read(cypher.node_states(label), {"ids": ids},
                                                                       row_cap=len(ids) + 1).rows
                  if all(s.startswith(prefix) for s in props.get("sources") or []) and (label, node_id) not in given}
    return [(record, [n for n in nodes if (record.label, n[0]) not in going]) for record, nodes in found]


def namesakes(store: GraphStore, data: GenericInput) -> list[str]:
    """A note on the new nodes of tables without `match = "name"` (rows whose id the store lacks) that have the name
    of a node of the store in any case (the rule of `match = "name"` without its folded spellings, which would read
    every name of the label: 143 ms on the sample's organisations, seconds at 10x): a second node of that name,
    which a search then finds twice. Places (`located_in`) and the labels of `NAMESAKES_SKIPPED` are left out.
    Costs a count per label; for a label the store holds, a look-up of the new ids and one of their names."""
    places = {id(record) for record in data.places[0]}
    by_label: dict[str, dict[str, NodeRecord]] = defaultdict(dict)
    for record in data.nodes:
        if (record.label not in NAMESAKES_SKIPPED and id(record) not in places
                and (record.label, record.id) not in data.matchable):
            by_label[record.label].setdefault(record.id, record)
    found: list[tuple[NodeRecord, list[tuple[str, str]]]] = []
    for label, records in sorted(by_label.items()):
        if not store.read(cypher.count_label(label), row_cap=1).rows[0][0]:  # none held (a first load): no look-up
            continue
        found += [(record, nodes) for record, nodes in new_and_named(store, label, records, folding=False) if nodes]
    prefix = f"user:{data.mapping.name}/"
    found = [(record, nodes) for record, nodes in _not_going(store, found, prefix, data) if nodes]
    if not found:
        return []

    def shown(record: NodeRecord, nodes: list[tuple[str, str]]) -> str:
        where = f", {record.sources[0].removeprefix(prefix)}" if record.sources else ""
        ids = first_few(sorted(node_id for node_id, _ in nodes), 3, sep=" / ")
        return (f"{record.label} {record.name!r} (row id {record.id!r}{where}) beside the store's {ids}"
                + (f" ({len(nodes)} nodes of that name)" if len(nodes) > 1 else ""))

    return [f"{len(found)} new node(s) have the name of a node the store holds under another id: "
            + first_few(found, _SHOWN, lambda hit: shown(*hit))
            + "; add match = \"name\" to the [[nodes]] table (or the preset) to update those nodes instead"]
