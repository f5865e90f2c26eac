"""The note on ids a table reads as written (`556051-4142`) whose compacted form (`5560514142`) is the id of a node
the store holds: the same organisation number, loaded as a second node (for `loaders.generic`).

A Swedish agency loaded a table of organisations after another that writes the numbers without the hyphen, and the
load's notes named only the namesakes, not that the number was the same. The note names the ids and the option that
reads them as the store's, `compact` (`loaders.compact_keys`). The other way round (the store holds `556051-4142` from
a table read without `compact`, this one writes `5560514142`), `held_written_apart` names the store's table to load
again with `compact`: its ids with a space, hyphen or dot are read (one scan of the label, only for a load whose ids
are numbers).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from graph.store import cypher
from graph.store.contract import GraphStore
from graph.wording import first_few
from loaders.compact_keys import compact_advice, compact_key, digits_written_apart
from loaders.generic_ends import sources_of

if TYPE_CHECKING:
    from loaders.generic import GenericInput
    from loaders.mapping import Mapping

__all__ = ["held_written_otherwise", "held_written_apart", "ids_written_apart"]

_SHOWN = 5
#: The least digits of an id taken for a number (organisation numbers have 8-10; a county's `07` is no such id).
_NUMBER_DIGITS = 6
#: Ids written apart a label's scan reads at most (ids are short: a list this long is some 100 MB at most).
_HELD_MAX = 2_000_000


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


@cypher.statement(cypher.each_label)
def ids_written_apart(label: str) -> str:
    """The ids and sources of the `label` nodes whose id holds a space, a hyphen or a dot (a number written in groups
    among them)."""
    return (f"MATCH (n:{cypher.check_label(label)}) WHERE n.id CONTAINS '-' OR n.id CONTAINS ' ' OR n.id CONTAINS '.' "
            "RETURN n.id AS id, n.sources AS sources")


def held_written_apart(store: GraphStore, data: GenericInput) -> list[str]:
    """A note on the load's ids written as digits alone (`2021002841`, or made so by `compact`) while the store holds
    the same number written apart (`202100-2841`, from a table read without `compact`): a second node of one
    organisation, which `held_written_otherwise` does not see. The store's nodes only this mapping gives are left out
    (a re-load replaces them)."""
    prefix = f"user:{data.mapping.name}/"
    numbers: dict[str, set[str]] = defaultdict(set)  # label -> ids of digits alone
    for record in data.nodes:
        if record.id.isdigit() and len(record.id) >= _NUMBER_DIGITS:
            numbers[record.label].add(record.id)
    found: list[tuple[str, str, str, str]] = []  # (label, the row's id, the store's id, the store's file)
    for label, ids in sorted(numbers.items()):
        rows = store.read(ids_written_apart(label), row_cap=_HELD_MAX).rows
        for held, sources in sorted(rows):
            others = [str(source) for source in sources or [] if not str(source).startswith(prefix)]
            if others and digits_written_apart(held) and compact_key(held) in ids:
                found.append((label, compact_key(held), held, others[0].split("/", 1)[-1]))
    if not found:
        return []
    shown = first_few(found, _SHOWN, lambda hit: f"{hit[0]} {hit[1]!r} beside the store's {hit[2]!r} (from {hit[3]})",
                      sep="; ")
    return [f"{len(found)} id(s) of the load are the id of a node of the store written there with spaces, hyphens or "
            f"dots between digits, and each makes a node of its own: {shown}; to make them one, load the store's table "
            "again with its id column read compact (compact = [\"<its id column>\"] on that table in its mapping), "
            "so that its ids are written as this load writes them"]
