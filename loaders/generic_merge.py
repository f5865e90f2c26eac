"""How `on_conflict = "merge"` makes one node of the rows that give it with other data (for
`loaders.generic_records`): labels and sources joined at once, values counted row by row and settled once every
row is read, each property to its most frequent value (ties: the first row's). Rows that differ only by empty
cells are no conflict in any table (`agrees`, `filled_in`): an empty cell sets nothing."""

from __future__ import annotations

import dataclasses

from graph.store.records import NodeRecord, RelRecord

__all__ = ["merged", "agrees", "filled_in", "count", "most_frequent"]


def merged(first: NodeRecord, record: NodeRecord) -> NodeRecord:
    """A node given again with other data: labels and sources are joined; its name and values are settled once
    every row is read (`generic_records.settle_names`, from `count`'s tallies)."""
    return dataclasses.replace(first, sources=tuple(dict.fromkeys(first.sources + record.sources)),
                               extra_labels=tuple(sorted({*first.extra_labels, *record.extra_labels})),
                               properties={**record.properties, **first.properties})


def agrees(first: NodeRecord | RelRecord, record: NodeRecord | RelRecord) -> bool:
    """Whether two rows of one key differ only by empty cells: an empty cell sets nothing (docs/mapping.md), so a
    row lacking the city another row gives is no conflict (it was reported as "different data", and stopped a
    table without `on_conflict = "merge"`). Everything else must be equal; each property given by both alike."""
    bare = dict(sources=(), properties={})
    return (dataclasses.replace(first, **bare) == dataclasses.replace(record, **bare)
            and all(first.properties[name] == value for name, value in record.properties.items()
                    if name in first.properties))


def filled_in(first: NodeRecord | RelRecord, record: NodeRecord | RelRecord) -> NodeRecord | RelRecord:
    """The record `first` with the values only `record` gives, and both rows' sources (see `agrees`)."""
    return dataclasses.replace(first, sources=tuple(dict.fromkeys(first.sources + record.sources)),
                               properties={**record.properties, **first.properties})


def count(variants: list[list], properties: dict) -> None:
    """One more row giving `properties` (a node's rows mostly repeat one set: a comparison or two a row)."""
    for variant in variants:
        if variant[0] == properties:
            variant[1] += 1
            return
    variants.append([properties, 1])


def most_frequent(variants: list[list]) -> dict:
    """Each property's value given on most rows; a tie goes to the value of the earliest row (one row saying
    2025-02-28 beat four saying 2025-12-31 when the first row's value was kept)."""
    tallies: dict[str, dict[str, list]] = {}
    for properties, rows in variants:
        for name, value in properties.items():
            tally = tallies.setdefault(name, {}).setdefault(repr(value), [0, value])
            tally[0] += rows
    return {name: max(tally.values(), key=lambda t: t[0])[1] for name, tally in tallies.items()}
