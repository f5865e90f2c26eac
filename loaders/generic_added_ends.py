"""A relationship end given as a value with `add = true`: the one node made from the value where no one holds it.

A cluster's own member list names no cluster, so its mapping links every row to one (`end = { label = "Cluster",
value = "..." }`). A cluster CORDIS lacks had to come from a second file of one row, a [[nodes]] table for it (a
try-out's upload of that file ended in a crash). With `add = true` the value is that node's id and name: made when
neither the mapped files nor the store hold a node so named or numbered (else the end links to the store's, as any
end given by a value), and made again by a re-load that made it, so a re-run changes nothing. Its source is the
table's file: an unload takes it off with the links.
"""

from __future__ import annotations

from graph.store.contract import GraphStore
from graph.store.records import NodeRecord
from loaders.generic_ends import named_nodes, only_given_by, own_files, sources_of
from loaders.mapping_spec import Mapping

__all__ = ["added_ends", "add_constant_ends"]


def added_ends(mapping: Mapping) -> dict[tuple[str, str], str]:
    """(label, value) of each end given as a value with `add = true` -> the file of its table."""
    return {(end.label, end.value): spec.file for spec in mapping.files for end in (spec.start, spec.end)
            if end is not None and end.add}


def add_constant_ends(store: GraphStore, data) -> None:
    """Make the nodes of `data`'s ends with `add = true` that only the load's own earlier files or no one holds (by
    id, or by one node's name): each goes into `data.nodes`, out of `data.unresolved`, with a note."""
    own = own_files(data.nodes)
    for (label, value), file in added_ends(data.mapping).items():
        if (label, value) not in data.unresolved:
            continue  # a node of the files
        held = sources_of(store, label, {value})
        named, folded = ({}, None) if held else named_nodes(store, label, {value})
        found = named.get(value, [])
        if len(found) > 1:
            continue  # several of that name: the check asks for the id
        if found:
            held = sources_of(store, label, {found[0][0]})
        if held and not only_given_by(held, own):
            continue  # another load's node: the end links to it
        del data.unresolved[(label, value)]
        data.nodes.append(NodeRecord(label, value, value, (f"user:{data.mapping.name}/{file}",)))
        near = folded.nearest(value).removesuffix(" Else ") if folded and not held else ""
        data.notes.append(f"{label} {value!r} is in neither the files nor the store: made from the mapping's value "
                          f"(add = true), its id and name" + (f"; {near} If so, write that name" if near else ""))
