"""The generic loader: users' own nodes and relationships from CSV or JSON files, described by a mapping.

`read_generic` is pure: it reads the mapping and its data files (each read and its columns checked by
`loaders.generic_tables`) and returns records, or raises `ValidationFailed` with every problem found (file,
physical line, column). The app runs it on uploaded files to show a preview. `load_generic` also checks that
relationship ends not in the files exist in the store, then writes through the one writer; a rejected input
writes nothing. CSV files are read by the one CSV reader of every loader (`loaders.csv_tables.read_rows`); JSON
files in one linear pass (`loaders.json_tables`). A `PARTICIPATES_IN` role column reads the role words of
national tables as the roles the features count (`loaders.role_words`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import Problem, ValidationFailed
from graph.store.contract import GraphStore
from graph.store.held_back import take_off_displaced
from graph.store.records import NodeRecord, RelRecord
from graph.store.writer import Progress
from graph.wording import first_few
from loaders.cluster_detection import made_clusters_note
from loaders.common import LoadReport, load_records, source_record
from loaders.county_placements import county_placements
from loaders.csv_tables import Table
from loaders.generic_added_ends import add_constant_ends, added_ends
from loaders.generic_cell_notes import cell_notes, wrong_marks, yes_no_words
from loaders.generic_currency_notes import wrong_currency_marks
from loaders.generic_date_notes import wrong_date_format
from loaders.generic_drop import drop_properties
from loaders.generic_empty_keys import one_per_row
from loaders.generic_ends import names_read_once, own_files, resolve_ends
from loaders.generic_held_spellings import held_written_apart, held_written_otherwise
from loaders.generic_labels import take_off_emptied_labels
from loaders.generic_match import match_by_name
from loaders.generic_merge import TwoWays, ids_spelled_two_ways, two_ways_notes
from loaders.generic_places import most_precise
from loaders.generic_records import (
    Records,
    collect,
    constant_end_places,
    constant_ends_by_name,
    settle_names,
    unresolved_ends,
)
from loaders.generic_regions import national_regions_as_nuts
from loaders.generic_rows import Collected
from loaders.generic_stored_places import kept_in_stored_places
from loaders.generic_tables import NOT_IN_FILE, check_columns, read_table
from loaders.mapping import FileSpec, Mapping, read_mapping
from loaders.mapping_contract import currency_notes, near_misses
from loaders.nuts import keep_stored_places
from loaders.role_words import role_notes, with_role_words

__all__ = ["READER_VERSION", "NOT_IN_FILE",
           "GenericInput", "parse_generic", "read_generic", "missing_endpoints", "check_generic",
           "load_generic"]

#: What this reader makes of a file, logged with each load (`loaders.reader_version`): a store that loaded the same
#: files with another version loads them again, once. Raise it with any change to what a file becomes. 1: participations
#: keyed by the role as read (`graph.store.load_log.USER_RECORDS_VERSION` 2).
READER_VERSION = 1


@dataclass
class GenericInput:
    """Everything read from a mapping: the records to write, notes for the user, the files read, and
    the relationship ends not found among the records (`(label, id) -> [(file, line, column)]`),
    which must already be in the store. `places` are the records `located_in` made (in `nodes` and
    `rels` too): those the store already holds are not written again (`loaders.nuts.keep_stored_places`)."""

    mapping: Mapping
    nodes: list[NodeRecord]
    rels: list[RelRecord]
    notes: list[str]
    paths: list[Path]
    unresolved: dict[tuple[str, str], list[tuple[str, int, str]]] = field(default_factory=dict)
    places: tuple[list[NodeRecord], list[RelRecord]] = ([], [])
    drops: list[tuple[FileSpec, str]] = field(default_factory=list)
    matchable: dict[tuple[str, str], tuple[str, int, str]] = field(default_factory=dict)  # match = "name" rows
    held: list[RelRecord] = field(default_factory=list)  # places held back (`generic_stored_places`)
    displaced: list[RelRecord] = field(default_factory=list)  # other loads' coarser places the table's replace
    stored: tuple[list[NodeRecord], list[RelRecord]] = ([], [])  # places left out as the store holds them
    constant_ends: frozenset[tuple] = frozenset()  # where `unresolved` names an end given as a value (the mapping)
    two_ways: TwoWays = field(default_factory=dict)  # ids written several ways, as the notes name them

    def would_write(self) -> str:
        """`5 nodes (Project 2, Organisation 3) and 4 relationships (PARTICIPATES_IN 4), and 1 Source record(s)
        naming each file and its checksum (6 nodes in all, ...)`: what a load of these files writes, for the check
        and the preview; the total is the load's own count, Source records included."""
        labels = Counter(n.label for n in self.nodes if n.label != "Source")
        types = Counter(r.type for r in self.rels)

        def each(counts: Counter) -> str:
            return f" ({', '.join(f'{name} {n:,}' for name, n in counts.most_common())})" if counts else ""

        return (f"{labels.total():,} nodes{each(labels)} and {types.total():,} relationships{each(types)}, and "
                f"{len(self.nodes) - labels.total()} Source record(s) naming each file and its checksum "
                f"({len(self.nodes):,} nodes in all, as the load's summary counts them)")  # it said 97 where this 96


def _which_table(mapping: Mapping, spec: FileSpec) -> str:
    """` [id column]` where another table of the mapping reads the same file for the same label (a projects table's
    coordinator and partners: the notes had said "10 repeated row(s) of the same Organisation merged" and "5 ..." of
    one file), else ""."""
    same = [s for s in mapping.files if s.file == spec.file and (s.label or s.type) == (spec.label or spec.type)]
    return f" [{spec.id}]" if len(same) > 1 and spec.id else ""


def parse_generic(mapping_path: Path | str) -> GenericInput:
    """Read a mapping and its files into records (pure). Raises `ValidationFailed` with every problem."""
    mapping = read_mapping(mapping_path)
    problems: list[Problem] = []
    tables: dict[tuple[str, str | None, str | None, int], Table | None] = {}
    sources: dict[str, NodeRecord] = {}
    records: Records = {}
    collected = Collected()
    notes: list[str] = near_misses(mapping) + currency_notes(mapping)  # warnings only: the load goes on
    for spec in mapping.files:
        cache_key = (spec.file, spec.separator, spec.encoding, spec.skip_lines, spec.rows)
        if cache_key not in tables:  # one file may serve several tables: read it once, for all their columns
            expected = [c for s in mapping.files if (s.file, s.separator, s.encoding, s.skip_lines, s.rows) == cache_key
                        for _, c, _ in s.columns()]
            tables[cache_key] = read_table(mapping, spec, expected, problems)
            notes += tables[cache_key].notes if tables[cache_key] else []
        table = tables[cache_key]
        if table is None or not check_columns(mapping, spec, table, problems):
            continue
        source = f"user:{mapping.name}/{spec.file}"
        sources[source] = source_record(source, f"{mapping.title or mapping.name}: {spec.file}",
                                        path=mapping.data_path(spec), mapping=mapping.path.name)
        if merged := collect(with_role_words(spec, table), table, source, records, problems, collected):
            notes.append(f"{spec.file}{_which_table(mapping, spec)}: {merged} repeated row(s) of the same "
                         f"{spec.label or spec.type} merged")
        skipped = frozenset(line for file, line, _ in collected.skipped if file == spec.file)
        notes += [n for n in cell_notes(spec, table) + county_placements(spec, table) + role_notes(spec, table, skipped)
                  if n not in notes]
        problems = wrong_currency_marks(spec, table, wrong_marks(spec, table, problems))
        problems = yes_no_words(spec, wrong_date_format(spec, table, problems))
    if problems:
        raise ValidationFailed(one_per_row(list(dict.fromkeys(problems))))  # tables of one file find the same
    two_ways = ids_spelled_two_ways(records)
    notes += settle_names(records, collected) + _key_notes(collected) + two_ways_notes(two_ways)
    constant_ends_by_name(records)  # `value = "Energy Cluster Denmark"` naming a node of the files by its name
    unresolved = unresolved_ends(records, collected.places, mapping.path.name)
    if stored := sorted(set(unresolved) - set(added_ends(mapping))):  # one with `add = true` may be made
        notes.append(f"{len(stored)} relationship end(s) are not in these files and must be in the store: "
                     + first_few(stored, 10, lambda end: f"{end[0]} {end[1]!r}"))
    nodes = [r for r, _, _ in records.values() if isinstance(r, NodeRecord)]
    rels = [r for r, _, _ in records.values() if isinstance(r, RelRecord)]
    notes += [note] if (note := made_clusters_note(nodes)) else []
    paths = [mapping.path, *dict.fromkeys(mapping.data_path(s) for s in mapping.files)]
    places = ([r for r, _, _ in collected.places.values() if isinstance(r, NodeRecord)],
              most_precise([r for r, _, _ in collected.places.values() if isinstance(r, RelRecord)]))
    drops = [(s, f"user:{mapping.name}/{s.file}") for s in mapping.files if s.drop]
    matchable = {(r.label, r.id): (spec.file, line, spec.name) for r, spec, line in records.values()
                 if isinstance(r, NodeRecord) and spec.match == "name"}
    return GenericInput(mapping, list(sources.values()) + nodes + places[0], rels + places[1], notes, paths,
                        unresolved, places, drops, matchable,
                        constant_ends=constant_end_places(records, mapping.path.name), two_ways=two_ways)


def _lines(where: list[tuple]) -> str:
    """`column on line 5, 20, ... and 3 more`, per key column."""
    by_column: dict[str, list[int]] = {}
    for _, line, column, *_ in where:
        by_column.setdefault(column, []).append(line)
    return "; ".join(f"{column} on line {', '.join(map(str, lines[:10]))}"
                     + (f" and {len(lines) - 10} more" if len(lines) > 10 else "")
                     for column, lines in by_column.items())


def _key_notes(collected: Collected) -> list[str]:
    """One note per file on the rows skipped for an empty key, and on the keys filled in by a placeholder."""
    notes = []
    for what, rows in (("skipped: their key is empty (on_empty = \"skip\")", collected.skipped),
                       ("given a placeholder id for their empty key (on_empty)", collected.filled)):
        by_file: dict[str, list[tuple]] = {}
        for row in dict.fromkeys(rows):
            by_file.setdefault(row[0], []).append(row)
        notes += [f"{file}: {len({r[1] for r in found})} row(s) {what}: {_lines(found)}"
                  for file, found in by_file.items()]
    return notes


def read_generic(mapping_path: Path | str) -> tuple[list[NodeRecord], list[RelRecord], list[str]]:
    """Nodes, relationships and notes from a mapping and its files, without a store (for a preview)."""
    data = parse_generic(mapping_path)
    return data.nodes, data.rels, data.notes


def missing_endpoints(store: GraphStore, data: GenericInput) -> list[Problem]:
    """The checks against the store: rows of `match = "name"` tables take the ids of the nodes their names name
    (`loaders.generic_match`), and a problem, with file, line and column, for each relationship end that is
    neither in the files nor in the store, by id or by one node's name; ends matched by name take that node's id
    in `data.rels`, and a note in `data.notes` (`loaders.generic_ends`). National regions that are NUTS regions of
    the store by name become those (`loaders.generic_regions`), and a node the store has in a region of the country
    its rows name gets no link to that country, nor to a NUTS region holding the more detailed one the store has it in
    (`loaders.generic_stored_places`)."""
    settled: list[bool] = []  # the places rule ran as the match's settling: once per load is enough

    def settle(store: GraphStore, data: GenericInput) -> None:
        kept_in_stored_places(store, data)
        settled.append(True)

    with names_read_once():
        national_regions_as_nuts(store, data)
        problems = match_by_name(store, data, settle=settle)
        data.notes += held_written_otherwise(store, data)  # after the match: a matched row has the store's id
        data.notes += held_written_apart(store, data)
        problems += add_constant_ends(store, data)  # `add = true`: made where no one holds it
        found, notes = resolve_ends(store, data.unresolved, data.rels, own_files(data.nodes), data.constant_ends)
    data.notes += [n for n in notes if n not in data.notes]
    if not problems + found:
        if not settled:
            kept_in_stored_places(store, data)
        _leave_stored_places(store, data)
    return problems + found


def _leave_stored_places(store: GraphStore, data: GenericInput) -> None:
    """The places `located_in` made that the store holds already, left out of `data` (`keep_stored_places`: NUTS
    names and places stay): what the check says a load would write is what it writes (it counted them)."""
    generated = {id(record) for records in data.places for record in records}
    place_nodes, place_rels, _ = keep_stored_places(store, *data.places)
    data.nodes[:] = [n for n in data.nodes if id(n) not in generated] + place_nodes
    data.rels[:] = [r for r in data.rels if id(r) not in generated] + place_rels
    written = {id(record) for record in (*place_nodes, *place_rels)}  # the rest are still given (a re-load's)
    data.stored = tuple([r for r in records if id(r) not in written] for records in data.places)
    data.places = (place_nodes, place_rels)


def check_generic(store: GraphStore, mapping_path: Path | str) -> GenericInput:
    """Everything `load_generic` checks, against this store, and nothing written: a user shaping a mapping
    tries it until it passes (`load csv --check`) without a load to undo. Raises `ValidationFailed`."""
    data = parse_generic(mapping_path)
    problems = missing_endpoints(store, data)
    if problems:
        raise ValidationFailed(problems)
    return data


def load_generic(store: GraphStore, mapping_path: Path | str, progress: Progress | None = None) -> LoadReport:
    """Read, check and write a mapping's files: all or nothing. Re-running it changes nothing."""
    data = check_generic(store, mapping_path)
    source = f"user:{data.mapping.name}"
    summary = load_records(store, source, data.paths, data.nodes, data.rels, progress=progress, held=data.held,
                           stored=data.stored, reader_version=READER_VERSION)
    take_off_displaced(store, data.displaced)  # after the write: a load stopped before it finds them again
    take_off_emptied_labels(store, data.nodes, data.mapping)  # before the derived facts (they set `sme` from `SME`)
    return LoadReport(source, summary, data.notes + drop_properties(store, data.drops))
