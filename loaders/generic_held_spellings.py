"""The note on ids a table reads as written (`556051-4142`) whose compacted form (`5560514142`) is the id of a node
the store holds: the same organisation number, loaded as a second node (for `loaders.generic`).

A Swedish agency loaded a table of organisations after another that writes the numbers without the hyphen, and the
load's notes named only the namesakes, not that the number was the same. The note names the ids and the option that
reads them as the store's, `compact` (`loaders.compact_keys`). The other way round (the store holds `556051-4142`, the
table writes `5560514142`) would need every id of the label read: it is not looked for.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from graph.store.contract import GraphStore
from graph.wording import first_few
from loaders.compact_keys import compact_advice, compact_key, digits_written_apart
from loaders.generic_ends import sources_of

if TYPE_CHECKING:
    from loaders.generic import GenericInput
    from loaders.mapping import Mapping

__all__ = ["held_written_otherwise"]

_SHOWN = 5


def _id_column(mapping: Mapping, label: str, source: str) -> str | None:
    """The id column of the node table of `label` that read the file of `source` (`user:NAME/FILE`) without
    `compact` on it; None when every such table reads it compact (its ids are compacted already)."""
    file = source.removeprefix(f"user:{mapping.name}/")
    return next((spec.id for spec in mapping.files if spec.kind == "nodes" and spec.label == label
                 and spec.file == file and spec.id not in spec.compact), None)


def held_written_otherwise(store: GraphStore, data: GenericInput) -> list[str]:
    """A note on the load's ids that a table reads as written (`556051-4142`) while the store holds the same id
    compacted (`5560514142`, from another source or a table read `compact`): a second node of one organisation.
    One read per label that has such ids; the store's nodes only this mapping gives are left out (a re-load
    replaces them). Ids the load itself writes both ways are `ids_spelled_two_ways`'s."""
    prefix = f"user:{data.mapping.name}/"
    given = {(record.label, record.id) for record in data.nodes}
    wanted: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)  # label -> compacted -> (id, column)
    for record in data.nodes:
        column = _id_column(data.mapping, record.label, record.sources[0]) if record.sources else None
        compacted = compact_key(record.id)
        if column and digits_written_apart(record.id) and (record.label, compacted) not in given:
            wanted[record.label].setdefault(compacted, (record.id, column))
    found: list[tuple[str, str, str, str]] = []  # (label, the row's id, the store's id, column)
    for label, ids in sorted(wanted.items()):
        for held, sources in sorted(sources_of(store, label, set(ids)).items()):
            if not all(str(source).startswith(prefix) for source in sources or []):
                found.append((label, ids[held][0], held, ids[held][1]))
    if not found:
        return []
    shown = first_few(found, _SHOWN, lambda hit: f"{hit[0]} {hit[1]!r} beside the store's {hit[2]!r}", sep="; ")
    return [f"{len(found)} id(s) of the load are the id of a node of the store written with spaces, hyphens or dots "
            f"between digits, and each makes a node of its own: {shown}; to make them one, "
            + compact_advice(sorted({column for *_, column in found}), found[0][0])]
