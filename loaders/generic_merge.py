"""How `on_conflict = "merge"` makes one node of the rows that give it with other data (for
`loaders.generic_records`): labels and sources joined at once, values counted row by row and settled once every
row is read, each property to its most frequent value (ties: the first row's). Rows that differ only by empty
cells are no conflict in any table (`agrees`, `filled_in`): an empty cell sets nothing."""

from __future__ import annotations

import dataclasses
from typing import NamedTuple

from graph.store.records import NodeRecord, RelRecord
from loaders.compact_keys import compact_advice, compact_key

__all__ = ["merged", "agrees", "filled_in", "count", "most_frequent", "ids_spelled_two_ways", "two_ways_notes",
           "made_one", "TwoWays"]


def merged(first: NodeRecord, record: NodeRecord) -> NodeRecord:
    """A node given again with other data: labels and sources are joined; its name and values are settled once
    every row is read (`generic_records.settle_names`, from `count`'s tallies)."""
    return dataclasses.replace(first, sources=tuple(dict.fromkeys(first.sources + record.sources)),
                               extra_labels=tuple(sorted({*first.extra_labels, *record.extra_labels})),
                               properties={**record.properties, **first.properties}, fills=first.fills | record.fills)


def agrees(first: NodeRecord | RelRecord, record: NodeRecord | RelRecord, said: frozenset[str] = frozenset()) -> bool:
    """Whether two rows of one key differ only by empty cells: an empty cell sets nothing (docs/mapping.md), so a
    row lacking the city another row gives is no conflict (it was reported as "different data", and stopped a
    table without `on_conflict = "merge"`). Everything else must be equal; each property given by both alike.
    `said`: the labels a row's `label_if` cell adds, which one row may add and another not (its cell empty: an
    organisation's SME cell filled on one participation and empty on the next had stopped the participation
    preset); a yes against a no of `SME` still differs by `sme`."""
    bare = dict(sources=(), properties={})
    if isinstance(first, NodeRecord) and {*first.extra_labels} ^ {*record.extra_labels} <= said:
        bare["extra_labels"] = ()
    return (dataclasses.replace(first, **bare) == dataclasses.replace(record, **bare)
            and all(first.properties[name] == value for name, value in record.properties.items()
                    if name in first.properties))


def filled_in(first: NodeRecord | RelRecord, record: NodeRecord | RelRecord) -> NodeRecord | RelRecord:
    """The record `first` with the values and labels only `record` gives, and both rows' sources and `fills` (see
    `agrees`): a membership two tables give, one of them its `since`, takes that `since` off when its cell is emptied
    (the first table's fills alone had been kept, and the emptied `since` stayed)."""
    both = {"extra_labels": tuple(sorted({*first.extra_labels, *record.extra_labels}))
            } if isinstance(first, NodeRecord) else {}
    return dataclasses.replace(first, sources=tuple(dict.fromkeys(first.sources + record.sources)),
                               properties={**record.properties, **first.properties}, fills=first.fills | record.fills,
                               **both)


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


class _Spelling(NamedTuple):
    """Where one spelling of an id was first read: its node's name, its table and line, and the table's id column
    when `compact` could read it away (None when the column is read compact already)."""

    name: str
    file: str
    line: int
    column: str | None


#: Per file (that of an id's first spelling): (label, [(an id as written, where it was first read)]) for each id
#: written several ways.
TwoWays = dict[str, list[tuple[str, list[tuple[str, _Spelling]]]]]


def _bare(node_id: str) -> str:
    """What two spellings of one id share: its letters and digits, a number without the zeros it starts with (Excel
    drops them: Finland's Y-tunnus `0245895-5` read as a number is `2458955`) and without the country a VAT number
    writes before it (a Danish member list's `DK 38 45 66 95` beside `38456695`).

    >>> _bare("0245895-5"), _bare("2458955"), _bare("SE-ABC"), _bare("000"), _bare("DK 38 45 66 95")
    ('2458955', '2458955', 'seabc', '0', '38456695')
    """
    bare = "".join(c for c in node_id.casefold() if c.isalnum())
    if len(bare) >= 8 and bare[:2].isalpha() and bare[2:].isdigit():
        bare = bare[2:]
    return (bare.lstrip("0") or "0") if bare.isdigit() else bare


def ids_spelled_two_ways(records: dict) -> TwoWays:
    """Per file, for its note (`two_ways_notes`), the node ids of one label that differ only in spaces or
    punctuation (`919303808` and `919 303 808`, `5560514142` and `556051-4142`: an organisation number written both
    ways, on two rows or in two tables of the load), or in the zeros a number starts with (`02458955`, `2458955`:
    Excel drops them) or the country a VAT number writes before it (`DK38456695`, `38456695`): each spelling makes a
    node of its own, and a table of 129 organisations loaded 232. Keys are read as written, so the note names both
    rows, and where the ids differ only in what `compact` reads away (spaces, hyphens and dots between digits) it
    names the option with the id column, else says to write one way. `records` as `loaders.generic_records.collect`
    fills it: (label, id) -> (record, its table, its first line)."""
    spellings: dict[tuple[str, str], dict[str, _Spelling]] = {}
    tables: dict[str, int] = {}  # file -> its place in the mapping: a file's rows before the next file's
    for record, spec, line in records.values():
        tables.setdefault(spec.file, len(tables))
        if isinstance(record, NodeRecord) and (bare := _bare(record.id)):
            # a compact column's ids are compacted already; a name that is the id is not compacted (`Siemens  AG` would
            # be `SiemensAG`, and `SIEMENS AG` another node still): the note says to write it one way
            column = None if spec.id in spec.compact or spec.id == spec.name else spec.id
            spellings.setdefault((record.label, bare), {})[record.id] = _Spelling(record.name, spec.file, line, column)

    def read_first(spelling: _Spelling) -> tuple[int, int]:
        return tables[spelling.file], spelling.line

    twice = [(label, sorted(ids.items(), key=lambda item: read_first(item[1])))
             for (label, _), ids in spellings.items() if len(ids) > 1]
    by_file: TwoWays = {}
    for label, ids in sorted(twice, key=lambda found: read_first(found[1][0][1])):
        first = ids[0][1]
        by_file.setdefault(first.file, []).append((label, ids))
    return by_file


def two_ways_notes(by_file: TwoWays) -> list[str]:
    """The note per file on the ids `ids_spelled_two_ways` found."""
    return [_two_ways_note(file, found) for file, found in by_file.items()]


def made_one(notes: list[str], by_file: TwoWays, found: dict[tuple[str, str], tuple[str, str]]) -> None:
    """The notes of `by_file` in `notes` without the ids that `match = "name"` made one node (`found`: (label, the
    row's id) -> (the store's id, its name)): a French pôle's `Minalogic` and `MINALOGIC` had been said to make two
    nodes, which the match had made one. A note all of whose ids were made one goes."""
    for file, groups in list(by_file.items()):
        kept = [(label, ids) for label, ids in groups
                if len({found.get((label, node_id), (node_id,))[0] for node_id, _ in ids}) > 1]
        if len(kept) == len(groups):
            continue
        old = _two_ways_note(file, groups)
        at = notes.index(old) if old in notes else None
        if kept:
            by_file[file] = kept
        else:
            del by_file[file]
        if at is not None:
            notes[at:at + 1] = [_two_ways_note(file, kept)] if kept else []


def _two_ways_note(file: str, found: list[tuple[str, list[tuple[str, _Spelling]]]]) -> str:
    """The note of `ids_spelled_two_ways` on the ids of `file` (whose first spelling it holds)."""
    def shown(label: str, ids: list[tuple[str, _Spelling]]) -> str:
        return f"{label} {ids[0][1].name!r}: " + " and ".join(
            f"{node_id!r} ({'' if at.file == file else at.file + ' '}line {at.line})" for node_id, at in ids)

    joined = [(label, ids) for label, ids in found if len({compact_key(node_id) for node_id, _ in ids}) == 1]
    columns = sorted({at.column for _, ids in joined for _, at in ids if at.column})
    coded = any(node_id.lstrip()[:2].isalpha() and _bare(node_id).isdigit() for _, ids in found for node_id, _ in ids)
    write_one_way = "write each id one way in the table (an id is read as written" + (
        "; no option reads a country code away: write it on every id or on none)" if coded else ")")
    how = (compact_advice(columns, joined[0][0]) + (f"; the others: {write_one_way}" if len(joined) < len(found)
                                                    else "")
           if columns else write_one_way)
    return (f"{file}: {len(found)} id(s) are written two ways that differ only in case, spaces, punctuation, leading "
            "zeros or a country code, and each way makes a node of its own: "
            f"{'; '.join(shown(*hit) for hit in found[:5])}"
            + (f" and {len(found) - 5} more" if len(found) > 5 else "") + f"; to make them one, {how}")
