"""Rows of `match = "name"` tables put onto the store's nodes they name (`loaders.generic_match` finds which): their
records take the node's id, name and labels, their relationships follow them, and rows that now give one node are one
record; rows that would give one node with different data are refused first (`taken_twice`).

Apart from the matching itself, which reads the store, because this part only rewrites the load's own records.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import TYPE_CHECKING

from graph.errors import Problem
from graph.store.records import NodeRecord, RelRecord
from graph.wording import first_few
from loaders.company_numbers import vat_forms
from loaders.generic_ends import moved_ends
from loaders.generic_merge import filled_in

if TYPE_CHECKING:
    from loaders.generic import GenericInput

__all__ = ["taken_twice", "move_matched", "changed_values"]


def taken_twice(data: GenericInput, found: dict[tuple[str, str], tuple[str, str]]) -> list[Problem]:
    """Rows that would become one node with different data: two naming the same node of the store (`Automation
    Småland` and `Automation Smaland` in a members' cluster column are one cluster, and fine; two rows of a list
    with other properties are not), or one naming a node another row of the mapping has as its id. Rows that differ
    only by empty cells agree (`_agree`), as rows of one id do (`loaders.generic_merge.agrees`)."""
    data_of = {(r.label, r.id): (r.extra_labels, r.properties) for r in data.nodes}
    onto: dict[tuple[str, str], list[str]] = defaultdict(list)  # (label, the store's id) -> the rows' ids
    for (label, row_id), (node_id, _) in found.items():
        onto[(label, node_id)].append(row_id)
    problems = []
    for (label, node_id), rows in sorted(onto.items()):
        own = [node_id] if (label, node_id) in data_of else []
        if not _agree([data_of[(label, i)] for i in rows + own]):
            problems += [Problem(*data.matchable[(label, row_id)], (
                f"{label} {row_id!r} (match = \"name\") names the node {node_id!r} of the store, which "
                + ("a row of the mapping has as its id" if own else "another row of the mapping names too")
                + ", with other data: give each row its own id, or leave one out")) for row_id in sorted(rows)]
    return problems


#: Properties `move_matched` gives each matched row from its own spelling and id: two rows of one node differ by them.
_OWN_LISTS = ("own_ids", "aliases")
#: The place properties, whose changes the places rule says (`loaders.generic_stored_places`: a node the store has in
#: another region stays there): a note had named SINTEC's nuts_code 'ITH55' -> 'ITH56' beside the one saying it stays.
_PLACES = ("nuts_code", "region")


def _agree(given: list[tuple[tuple, dict]], skipped: tuple[str, ...] = ()) -> bool:
    """Whether rows of one node, as (extra labels, properties), differ only by empty cells: the same labels, and each
    property two of them give given alike (`IoT World` with a web address and `IOT WORLD` with a city had been refused
    as "other data"); the properties `skipped` are not compared."""
    values: dict = {}
    return len({labels for labels, _ in given}) == 1 and all(
        values.setdefault(key, value) == value for _, props in given for key, value in props.items()
        if key not in skipped)


def _joined(records: list[NodeRecord]) -> list[NodeRecord]:
    """`records` with the rows that now give one node (two spellings of the store's node, `_agree`ing) as one record:
    values, sources and fills joined, and the lists of `_OWN_LISTS` of both; rows that do not agree stay apart, for
    the writer to refuse as before."""
    kept: dict[tuple[str, str], NodeRecord] = {}
    for record in records:
        key = (record.label, record.id)
        first = kept.setdefault(key, record)
        if first is record or first == record:
            continue
        if not _agree([(first.extra_labels, first.properties), (record.extra_labels, record.properties)], _OWN_LISTS):
            return records
        joined = filled_in(first, record)
        lists = {k: sorted({*first.properties.get(k, ()), *record.properties.get(k, ())}) for k in _OWN_LISTS
                 if k in first.properties or k in record.properties}
        kept[key] = dataclasses.replace(joined, properties={**joined.properties, **lists})
    return list(kept.values())


def changed_values(data: GenericInput, found: dict[tuple[str, str], tuple[str, str]],
                   stored: dict[tuple[str, str], dict], by: str) -> list[str]:
    """A note on the values matched rows (`by`: how they were matched) change on nodes other loads brought (an `sme`,
    a `city`: CORDIS's VAASA become the table's Vasa): nothing had said which they were. An unload of the table gives
    the other loads' values back (`graph.store.given`)."""
    moved = {(label, node_id) for (label, _), (node_id, _) in found.items()}
    changed: dict[str, list[str]] = {}
    nodes = set()
    for record in data.nodes:
        held = stored.get((record.label, record.id), {}) if (record.label, record.id) in moved else {}
        for prop, value in sorted(record.properties.items()):
            if prop not in _OWN_LISTS + _PLACES and prop in held and held[prop] != value:
                changed.setdefault(prop, []).append(f"{record.name}: {held[prop]!r} -> {value!r}")
                nodes.add((record.label, record.id))
    if not changed:
        return []
    said = ", ".join(f"{prop} on {len(was)} ({first_few(was, 2)})" for prop, was in changed.items())
    return [f"{len(nodes)} node(s) of other loads get other values from {by}: {said}; an unload of this table gives "
            "back the values the other loads gave"]


def _stored_vat_form(properties: dict, held: dict) -> dict:
    """`properties` with the node's stored `vat_number` kept where it is the VAT form of the table's (CORDIS's
    ESF20165940 for a member list's CIF F20165940): a table mapping its CIF as `vat_number` had overwritten it."""
    given, kept = properties.get("vat_number"), held.get("vat_number")
    if given and kept and given != kept and str(kept) in vat_forms(str(given)):
        return {**properties, "vat_number": kept}
    return properties


def move_matched(data: GenericInput, found: dict[tuple[str, str], tuple[str, str]],
          labels: dict[tuple[str, str], set[str]], stored: dict[tuple[str, str], dict]) -> None:
    """The matched rows' records with the store's ids, names and labels (the node's kind stays: an Organisation row
    naming a seed cluster would otherwise make it an Organisation), and every relationship from or to them (also the
    `located_in` ones, kept the same objects in `data.rels` and `data.places`) moved with them. A record whose rows
    spelled it several ways (`aliases`) adds them and its own name to the node's aliases: they had replaced them; a
    record matched under another name (a Finnish table's `Tampereen yliopisto`, matched by its Y-tunnus to CORDIS's
    TAMPEREEN KORKEAKOULUSAATIO SR) adds that name, so `--for` and the queries find the node by it as the table wrote
    it (they had not). A name that differs only in its letters' case is none (`Politechnika Warszawska`); one with
    the accents, letters or dashes CORDIS writes without is (`Sieć Badawcza Łukasiewicz – Górnośląski Instytut
    Technologiczny` beside SIEC BADAWCZA LUKASIEWICZ - GORNOSLASKI ...: the Polish spelling had been shown nowhere).
    The table's own id of the node (an organisation number) is kept in its `own_ids`, which search and every place
    that takes a name read: `recommend --for 556479-5671` had found nothing after the load took the store's id."""
    moved: dict[tuple[str, str], str] = {}  # (a label the row's node carries, its id) -> the store's id
    for at, record in enumerate(data.nodes):
        if (hit := found.get((record.label, record.id))) is not None:
            extra = {*record.extra_labels, *labels.get((record.label, hit[0]), ())} - {record.label}
            properties, held = record.properties, stored.get((record.label, hit[0]), {})
            properties = _stored_vat_form(properties, held)
            if "aliases" in properties or (record.name and _as_written(record.name) != _as_written(hit[1])):
                spellings = {*(held.get("aliases") or ()), *properties.get("aliases", ()), record.name} - {hit[1]}
                properties = {**properties, "aliases": sorted(spellings)}
            if record.id not in (record.name, hit[0]):
                properties = {**properties, "own_ids": sorted({*(held.get("own_ids") or ()), record.id})}
            data.nodes[at] = dataclasses.replace(record, id=hit[0], name=hit[1], extra_labels=tuple(sorted(extra)),
                                                 properties=properties)
            moved |= {(label, record.id): hit[0] for label in (record.label, *record.extra_labels)}
    new_of: dict[int, RelRecord] = {}
    for rels in (data.rels, data.places[1]):
        for at, rel in enumerate(rels):
            if id(rel) not in new_of:
                new_of[id(rel)] = moved_ends(rel, moved)
            rels[at] = new_of[id(rel)]
    # rows naming one node in two spellings now give the same records: counted once in the preview, as written
    data.nodes[:] = _joined(_once(data.nodes))
    for rels in (data.rels, data.places[1]):
        rels[:] = _once(rels)


def _as_written(name: str) -> str:
    """`name` as it is written but for case and spacing: what tells a name from another spelling of it."""
    return " ".join(name.casefold().split())


def _once(records: list) -> list:
    """`records` without repeats of an equal record (the first kept; the same objects in `rels` and `places`)."""
    seen: set[str] = set()
    kept = []
    for record in records:
        if (key := repr(record)) not in seen:
            seen.add(key)
            kept.append(record)
    return kept
