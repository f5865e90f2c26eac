"""How `on_conflict = "merge"` makes one node of the rows that give it with other data (for
`loaders.generic_records`): labels and sources joined at once, values counted row by row and settled once every
row is read, each property to its most frequent value (ties: the first row's)."""

from __future__ import annotations

import dataclasses

from graph.store.records import NodeRecord

__all__ = ["merged", "count", "most_frequent"]


def merged(first: NodeRecord, record: NodeRecord) -> NodeRecord:
    """A node given again with other data: labels and sources are joined; its name and values are settled once
    every row is read (`generic_records.settle_names`, from `count`'s tallies)."""
    return dataclasses.replace(first, sources=tuple(dict.fromkeys(first.sources + record.sources)),
                               extra_labels=tuple(sorted({*first.extra_labels, *record.extra_labels})),
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
