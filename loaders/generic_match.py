"""Node tables that name nodes the store holds already (`match = "name"` in a `[[nodes]]` table).

A cluster list or a table of sectors names what the store may hold already (the seeds' Automation Region,
EuroSciVoc's fields) under ids of its own, or none (the name as the id). A new id makes a new node, so such a
table made a second Automation Region beside the seeds' one, and a recommendation for it then found two. With
`match = "name"`, a row whose id the store lacks takes the node of that label its name names, by the rule of
relationship ends given by name (`loaders.generic_ends`: the name in any case, else a name, acronym or alias
with accents and case ignored), else the one node of that label (and of the row's country, where both have one)
whose name is the row's once legal forms are set aside (`Naval Group SA`: CORDIS's `NAVAL GROUP`; of several, none:
`loaders.generic_near_names.same_but_legal_forms`). The row's properties and sources go to that node, which keeps
its own name, and the mapping's relationships from or to the row go to it too. A name several nodes share (as
written or folded) is a problem asking for the id; a name no node has makes a new node, as without the option. The
notes list the matches. A matched node keeps its labels, so its kind too (a seed cluster named by an Organisation row
stays a Cluster).

Without the option, the notes say which new nodes have the name of a node the store holds (by the same rule), so a
user sees the second `IoT World` before a ranking finds two, and learns of the option.

Here the store is read (which nodes the names name, their labels, countries and values); how the matched rows are
then put onto those nodes, and which rows cannot be, is in `loaders.generic_match_move`.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from graph.errors import Problem
from graph.store import cypher
from graph.store.contract import GraphStore
from graph.store.records import NodeRecord
from graph.store.resolve import ResolvedNode, one_body
from graph.store.schema import NODE_LABELS
from graph.wording import first_few
from loaders.generic_held_namesakes import held_beside_namesakes, held_matchable
from loaders.generic_match_move import changed_values, move_matched, taken_twice
from loaders.generic_merge import made_one
from loaders.generic_namesakes import namesakes, narrowed_by_country, new_and_named
from loaders.generic_near_names import near_names, same_but_legal_forms
from loaders.generic_own_ids import by_own_ids
from loaders.generic_vat_numbers import by_vat_numbers

if TYPE_CHECKING:
    from loaders.generic import GenericInput

__all__ = ["match_by_name"]


def match_by_name(store: GraphStore, data: GenericInput,
                  settle: Callable[[GraphStore, GenericInput], None] | None = None) -> list[Problem]:
    """Give the rows of `match = "name"` tables the ids of the store's nodes their names name (in `data`, with a
    note); the problems of names several nodes share, or of two rows naming one node. Nothing changed then. The
    other tables' new nodes that have the name of a node of the store get a note (`loaders.generic_namesakes`), and
    every table's new nodes nearly named so (`Keba` beside `KEBA GROUP AG`) another (`loaders.generic_near_names`).
    `settle` adjusts the matched records before the note on the values they change is written."""
    problems, joined = _matched(store, data, settle)
    made_one(data.notes, data.two_ways, joined)
    data.notes += [note for note in ([] if problems else near_names(store, data)) if note not in data.notes]
    return problems


def _matched(store: GraphStore, data: GenericInput, settle: Callable[[GraphStore, GenericInput], None] | None
             ) -> tuple[list[Problem], dict[tuple[str, str], tuple[str, str]]]:
    """The problems, and every row put onto a node of the store: (label, the row's id) -> (the node's id, its name)."""
    joined = by_own_ids(store, data, _held_nodes)  # an id a node holds as its own (a CVR a member list gave it)
    joined |= by_vat_numbers(store, data, _held_nodes)  # a number a CORDIS organisation's VAT number holds
    held = held_matchable(store, data)  # read once: for the note on namesakes and for the match below
    data.notes += [note for note in namesakes(store, data) + held_beside_namesakes(store, data, held)
                   if note not in data.notes]
    _keep_held_names(store, data)
    if not data.matchable:
        return [], joined
    by_label: dict[str, dict[str, NodeRecord]] = defaultdict(dict)
    for record in data.nodes:
        if (record.label, record.id) in data.matchable:
            by_label[record.label][record.id] = record
    problems: list[Problem] = []
    found: dict[tuple[str, str], tuple[str, str]] = {}  # (label, the row's id) -> (the node's id, its name)
    by_forms: set[tuple[str, str]] = set()  # those of `found` named so with legal forms aside
    for label, records in sorted(by_label.items()):
        named = new_and_named(store, label, records, held=held.get(label, {}))
        unnamed = same_but_legal_forms(store, label, [record for record, nodes in named if not nodes])
        one_so_named = {row_id: nodes for row_id, nodes in unnamed.items() if len(nodes) == 1}  # of several: none
        by_forms |= {(label, row_id) for row_id in one_so_named}
        named = [(record, nodes or one_so_named.get(record.id, [])) for record, nodes in named]
        for record, nodes in narrowed_by_country(store, label, named):
            if len(nodes) == 2 and (one := one_body(store, [ResolvedNode(label, i, n) for i, n in nodes])):
                nodes = [(one.id, one.name)]  # a seed node and its CORDIS record: the one in projects, as queries take
            if len(nodes) == 1:
                found[(label, record.id)] = nodes[0]
            elif nodes:
                problems.append(Problem(*data.matchable[(label, record.id)], (
                    f"{label} {record.name!r} (match = \"name\") is the name of {len(nodes)} nodes of the store "
                    f"({', '.join(sorted(i for i, _ in nodes)[:5])}): give the one meant as this row's id")))
    problems += taken_twice(data, found)
    if problems or not found:
        return problems, joined
    named_so = {(r.label, r.id): r.name for r in data.nodes if (r.label, r.id) in found}
    held, stored = _held_nodes(store, found)
    _keep_their_country(data, found, held)
    move_matched(data, found, {key: labels for key, (labels, _) in held.items()}, stored)
    if settle is not None:
        settle(store, data)
    data.notes += changed_values(data, found, stored, 'match = "name" rows')

    def shown(hit: tuple[tuple[str, str], tuple[str, str]]) -> str:
        (label, row_id), (node_id, node_name) = hit
        return (f"{label} {named_so[(label, row_id)]!r}" + (f" (id {row_id!r})" if row_id != named_so[(label, row_id)]
                                                             else "")
                + f" -> {node_id}" + (f" {node_name!r}" if (label, row_id) in by_forms else ""))

    if as_named := sorted(hit for hit in found.items() if hit[0] not in by_forms):
        data.notes.append(f"{len(as_named)} row(s) of match = \"name\" tables name a node of the store, which they "
                          f"update (keeping its name): {first_few(as_named, 10, shown)}")
    if forms_aside := sorted(hit for hit in found.items() if hit[0] in by_forms):
        data.notes.append(f"{len(forms_aside)} row(s) of match = \"name\" tables name a node of the store once "
                          "legal forms (SA, SAS, GmbH, AB ...), case and punctuation are set aside, the one of that "
                          "label and country so named, which they update (keeping its name): "
                          + first_few(forms_aside, 10, shown))
    return [], joined | found


def _keep_held_names(store: GraphStore, data: GenericInput) -> None:
    """Rows whose one cell is both the id and the name (a members table's `cluster` column of ids, mapped `id` and
    `name`) that name a node of the store by its id leave it its name, with a note: the table knows no name, and
    the id as the name renamed the user's own clusters `VG-C01`, which no unload gave back. The places `located_in`
    made are left out: those the store holds are not written at all (`loaders.nuts.keep_stored_places`, which finds
    them by identity); renamed here, a region column of NUTS codes wrote the table's source onto NUTS's regions, with
    this note on 25 regions no column names."""
    by_label: dict[str, set[str]] = defaultdict(set)
    places = {id(record) for record in data.places[0]}
    for record in data.nodes:
        if record.name == record.id and id(record) not in places:
            by_label[record.label].add(record.id)
    names: dict[tuple[str, str], str] = {}
    for label, ids in sorted(by_label.items()):
        rows = store.read(cypher.node_states(label), {"ids": sorted(ids)}, row_cap=len(ids) + 1).rows
        names |= {(label, node_id): props["name"] for node_id, props, _ in rows
                  if props.get("name") not in (None, "", node_id)}
    if not names:
        return
    data.nodes[:] = [dataclasses.replace(r, name=names[(r.label, r.id)]) if (r.label, r.id) in names else r
                     for r in data.nodes]
    shown = first_few(sorted(names.items()), 5, lambda named: f"{named[0][0]} {named[0][1]!r} ({named[1]!r})")
    data.notes.append(f"{len(names)} node(s) of the store named by their id in a column read as both id and name "
                      f"keep their names: {shown}")


@cypher.statement(cypher.each_label)
def countries_placed(label: str) -> str:
    """The places the `label` nodes among `$ids` are LOCATED_IN, with their labels and countries (a NUTS region's is
    its code's first two letters; a national region's its `country`), and the files that gave each link."""
    return (f"MATCH (n:{cypher.check_label(label)})-[r:LOCATED_IN]->(p) WHERE n.id IN $ids "
            "RETURN n.id AS id, p.id AS place, p.country AS country, labels(p) AS labels, r.sources AS sources")


def _held_nodes(store: GraphStore, found: dict[tuple[str, str], tuple[str, str]]
                ) -> tuple[dict[tuple[str, str], tuple[set[str], set[str]]], dict[tuple[str, str], dict]]:
    """(label, the store's id) -> the schema labels that node carries (the tool's own left out) and the countries
    the store has it in (its `country`, the countries of what it is LOCATED_IN); and -> its properties."""
    ids: dict[str, set[str]] = defaultdict(set)
    for (label, _), (node_id, _) in found.items():
        ids[label].add(node_id)
    held: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    stored: dict[tuple[str, str], dict] = {}
    for label, wanted in ids.items():
        rows = store.read(cypher.node_states(label), {"ids": sorted(wanted)}, row_cap=len(wanted) + 1).rows
        stored |= {(label, node_id): props for node_id, props, _ in rows}
        held |= {(label, node_id): (set(labels) & set(NODE_LABELS) - {"Source", "Load"},
                                    {props["country"]} if props.get("country") else set())
                 for node_id, props, labels in rows}
        places = store.read(countries_placed(label), {"ids": sorted(wanted)}, row_cap=10**6).rows
        for node_id, place_id, country, labels, _ in places:
            held[(label, node_id)][1].add(place_id if "Country" in labels else country or place_id[:2])
    return held, stored


def _keep_their_country(data: GenericInput, found: dict[tuple[str, str], tuple[str, str]],
                        held: dict[tuple[str, str], tuple[set[str], set[str]]]) -> None:
    """A matched row that puts its node in another country than the store has it leaves the node where it is: its
    place (`located_in`'s properties and `LOCATED_IN`) is left out, with a note. A Norwegian cluster list whose
    `Fylke` header gave every row `country = "NO"` moved the seeds' Automation Småland (SE) to Norway."""
    elsewhere: dict[tuple[str, str], tuple[str, str]] = {}  # (label, the row's id) -> (the table's, the store's)
    for at, record in enumerate(data.nodes):
        hit = found.get((record.label, record.id))
        stored = held.get((record.label, hit[0]), (set(), set()))[1] if hit else set()
        country = record.properties.get("country")
        if stored and country and country not in stored:
            elsewhere[(record.label, record.id)] = (str(country), "/".join(sorted(stored)))
            kept = {k: v for k, v in record.properties.items() if k not in ("country", "region", "nuts_code")}
            data.nodes[at] = dataclasses.replace(record, properties=kept)
    if not elsewhere:
        return
    starts = {(label, row_id) for label, row_id in elsewhere}
    for rels in (data.rels, data.places[1]):
        rels[:] = [r for r in rels if not (r.type == "LOCATED_IN" and (r.start_label, r.start_id) in starts)]
    def shown(row: tuple[str, str], countries: tuple[str, str]) -> str:
        file, line = data.matchable[row][:2]
        return f"{row[1]!r} ({file}:{line}: the table {countries[0]}, the store {countries[1]})"

    data.notes.append(f"{len(elsewhere)} row(s) of match = \"name\" tables place the node they name in another country "
                      "than the store has it, and were left where the store has them: "
                      + first_few(sorted(elsewhere.items()), 5, lambda item: shown(*item)))
