"""Rows whose id a node of the store holds as its own (`own_ids`) are that node, not a new one.

A member list loaded with `match = "name"` gave the CORDIS organisation Blue Ocean Robotics ApS (pic:949746886) the
list's CVR number 34209936 as its own id (`loaders.generic_match_move.move_matched`). A grants table keyed by the
same CVR numbers, loaded after it without `match`, made a second Blue Ocean Robotics ApS beside it, and the saved
queries then stopped with "matches 2 nodes". Now a row whose id no node of its label has, but exactly one such node
holds among its `own_ids`, is put onto that node as a match by name puts it (its properties, sources and
relationships), with a note; an id several nodes hold, or a node two rows would become, is left as it is.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from graph.store import cypher
from graph.store.contract import GraphStore
from graph.wording import first_few
from loaders.generic_match_move import changed_values, move_matched

if TYPE_CHECKING:
    from loaders.generic import GenericInput

__all__ = ["by_own_ids", "owning"]


@cypher.statement(cypher.each_label)
def owning(label: str) -> str:
    """The `label` nodes that hold own ids, with them: few (those a table matched by name gave its numbers), so the
    table's ids are looked up among them here, not each sent to the store (a table of 100,000 rows)."""
    return (f"MATCH (n:{cypher.check_label(label)}) WHERE n.own_ids IS NOT NULL "
            "RETURN n.id AS id, n.name AS name, n.own_ids AS owned")


def by_own_ids(store: GraphStore, data: GenericInput,
               held_nodes) -> dict[tuple[str, str], tuple[str, str]]:
    """Put the rows whose id one stored node holds as its own onto that node (in `data`, with a note); the moves,
    (label, the row's id) -> (the node's id, its name). `held_nodes`: `generic_match._held_nodes`."""
    places = {id(record) for record in data.places[0]}
    by_label: dict[str, set[str]] = defaultdict(set)
    for record in data.nodes:
        if id(record) not in places and record.label != "Source":
            by_label[record.label].add(record.id)
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for label, ids in sorted(by_label.items()):
        holders: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for node_id, name, owned in store.read(owning(label), row_cap=10**7).rows:
            for own in set(owned or ()) & ids:
                holders[own].append((node_id, name))
        if not holders:
            continue
        asked = sorted(holders)  # an id that is a node's own id too stays that node's
        nodes = {row[0] for row in store.read(cypher.node_states(label), {"ids": asked}, row_cap=len(asked) + 1).rows}
        onto = defaultdict(list)
        for own, held in holders.items():
            if own not in nodes and len(held) == 1:
                onto[held[0]].append(own)
        found |= {(label, rows_[0]): node for node, rows_ in onto.items()
                  if len(rows_) == 1 and node[0] not in ids}  # two rows onto one node, or a row of its id: as is
    if not found:
        return found
    held, stored = held_nodes(store, found)
    move_matched(data, found, {key: labels for key, (labels, _) in held.items()}, stored)
    data.notes += changed_values(data, found, stored, "rows giving an id a node holds as its own")
    shown = first_few(sorted(found.items()), 5, lambda hit: f"{hit[0][0]} {hit[0][1]!r} -> {hit[1][0]} "
                                                            f"({hit[1][1]})")
    data.notes.append(f"{len(found)} row(s) give an id a node of the store holds as its own (a table matched by name "
                      f"gave it, an organisation number): they update that node, not a new one: {shown}")
    return found
