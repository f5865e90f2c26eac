"""The note on new nodes whose names nearly are those of nodes of the store (for `loaders.generic_match`).

An Austrian grants table naming `Keba`, `AVL` and `Fraunhofer` made new Organisations beside CORDIS's `KEBA GROUP AG`,
`AVL LIST GMBH` and `FRAUNHOFER GESELLSCHAFT ...`, and nothing said so: the note on namesakes
(`loaders.generic_namesakes`) and `match = "name"` take a name as written, in any case. Merging by a near name
would join two bodies when it is wrong, so the load does not: it says which new nodes nearly share a name with a
node of the same label and country, and how to load them onto it. Nearly: equal once case, punctuation and legal
forms (AG, GmbH, SA, AB, AS, Ltd ...: `graph.legal_forms`, the list entity resolution uses too) are set aside
and umlauts written out where the other name does (Universität as UNIVERSITAET), also against the stored node's
acronym or alias; or the table's name (one word) is the first word of one stored node's name in that country, and
of no other's. The new organisations and clusters are named too, and those a stored name holds as whole words
(`DTU`, `Business Tampere`: `loaders.generic_new_bodies`).

`match = "name"` takes the stored node whose name the row's is once case, punctuation and legal forms are set aside,
where exactly one node of that label (and of the row's country, where both have one) is so named
(`same_but_legal_forms`): a French members table's `Naval Group SA` and `Lynred SAS` had become new nodes beside
CORDIS's `NAVAL GROUP` and `LYNRED`, which this note then said, splitting Naval Group's projects over two nodes. The
note says `match = "name" takes it` of such a row; a table with the option has no such row left to note.

One read per label: the stored nodes one of whose names starts with the first word of a new node's name when
the new names start with a few words (the store searches its folded names, 0.05 s for the sample's organisations),
else all the label's names (0.23 s for the sample's 21,722 organisations: asking the store for 1,000 words took 8 s,
as long as it scans every node for each), up to `_READ_AT_MOST`; a label of more is not read, which the note says.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from graph.legal_forms import ASSOCIATION_WORDS
from graph.names import name_key
from graph.store import cypher
from graph.store.contract import GraphStore
from graph.store.records import NodeRecord
from graph.store.search_text import SEARCH_PROPERTY, spellings, transliterated
from graph.store.search_text import fold as search_fold
from graph.store.semantics import lookup
from graph.wording import first_few
from loaders.generic_ends import held_ids
from loaders.generic_namesakes import NAMESAKES_SKIPPED
from loaders.generic_new_bodies import new_bodies

if TYPE_CHECKING:
    from loaders.generic import GenericInput

__all__ = ["near_names", "same_but_legal_forms", "OTHER_LABEL_ADVICE"]

#: How a row becomes a stored node of another label its extra labels name (a Cluster row, CORDIS's organisation not
#: detected as one): `match = "name"` looks among its label's nodes only, and the store's id in a `Cluster` row would
#: make a second node of that id (a node is merged by its label).
OTHER_LABEL_ADVICE = ('to make such a row that node, give its table label = "Organisation" and extra_labels = '
                      '["Cluster"] (its own label), with match = "name"')

_SHOWN = 5
_FEW_STARTS = 20  # first words the store is asked for; more, and the label's names are read whole
_READ_AT_MOST = 300_000  # nodes of one label read whole (`loaders.generic_ends` reads as many for its folded match)
_FIRST_WORD = re.compile(r"[^\W_]+")


def _country(label: str) -> str:
    return "n.country" if lookup(label, "country") is not None else "null"  # null for a label that has none


@cypher.statement(cypher.each_label)
def names_starting(label: str) -> str:
    """The `label` nodes one of whose folded names (name, acronym, alias: `_search`'s parts) starts with one of
    `$starts` (`|word`), with their names, countries and search texts."""
    return (f"MATCH (n:{cypher.check_label(label)}) WHERE any(start IN $starts WHERE n.{SEARCH_PROPERTY} CONTAINS "
            f"start) RETURN n.id AS id, n.name AS name, {_country(label)} AS country, n.{SEARCH_PROPERTY} AS search")


@cypher.statement(cypher.each_label)
def names_of(label: str) -> str:
    """Up to `$limit` `label` nodes with their names, countries and search texts."""
    return (f"MATCH (n:{cypher.check_label(label)}) RETURN n.id AS id, n.name AS name, {_country(label)} AS country, "
            f"n.{SEARCH_PROPERTY} AS search LIMIT $limit")


def _stored(store: GraphStore, label: str, words: set[str]) -> dict[str, list[tuple]] | None:
    """The first word of each folded name, acronym and alias of the `label` nodes -> those nodes (id, name, country,
    search text), for the `words` only; None for a label of more than `_READ_AT_MOST` nodes."""
    if len(words) <= _FEW_STARTS:  # `|odense` and `|foreningen odense`: an association word is set aside first
        starts = sorted(f"|{lead}{w}" for w in words for lead in ("", *(f"{a} " for a in ASSOCIATION_WORDS)))
        rows = store.read(names_starting(label), {"starts": starts}, row_cap=10**6).rows
    else:
        rows = store.read(names_of(label), {"limit": _READ_AT_MOST + 1}, row_cap=_READ_AT_MOST + 2).rows
        if len(rows) > _READ_AT_MOST:
            return None
    by_word: dict[str, list[tuple]] = defaultdict(list)
    for row in rows:
        parts = [part for part in str(row[3] or "").split("|") if part]
        for word in {_first_word(form, folded=True) for part in parts for form in (part, name_key(part))} & words:
            by_word[word].append(tuple(row))
    return by_word


def _first_words(name: str) -> set[str]:
    """The first word of `name` as written and as its umlauts are written out (`Universität`: "universitat",
    "universitaet", CORDIS's UNIVERSITAET), folded as `_search` is."""
    return {word for form in spellings(name) if (word := _first_word(form, folded=True))}


def _first_word(name: str, folded: bool = False) -> str:
    """The first word of `name` folded as `_search` is (`folded`: a part of `_search` already)."""
    found = _FIRST_WORD.search(name if folded else search_fold(name))
    return found.group(0) if found else ""


def _new_records(store: GraphStore, data: GenericInput) -> dict[str, list[NodeRecord]]:
    """Label -> the records of the load whose ids the store lacks (places and the labels the note on namesakes leaves
    out, `NAMESAKES_SKIPPED`, left out)."""
    places = {id(record) for record in data.places[0]}
    by_label: dict[str, dict[str, NodeRecord]] = defaultdict(dict)
    for record in data.nodes:
        if record.label not in NAMESAKES_SKIPPED and id(record) not in places and record.name:
            by_label[record.label].setdefault(record.id, record)
    new: dict[str, list[NodeRecord]] = {}
    for label, records in sorted(by_label.items()):
        if not store.read(cypher.count_label(label), row_cap=1).rows[0][0]:
            continue  # none held: nothing to be near
        held = held_ids(store, label, list(records))
        if found := [record for node_id, record in records.items() if node_id not in held]:
            new[label] = found
    return new


def _keys(record: NodeRecord) -> set[str]:
    """The row's name as `name_key` writes it, as written and with its umlauts written out."""
    return {name_key(form) for form in (record.name, transliterated(record.name))} - {""}


def _same_but_forms(record: NodeRecord, stored: list[tuple]) -> list[tuple[str, str]]:
    """The (id, name) of the `stored` nodes (id, name, country, search text) whose name `record`'s is once case,
    punctuation and legal forms are set aside, in the row's country where both have one."""
    keys, country = _keys(record), record.properties.get("country")
    return [(node_id, str(name)) for node_id, name, held_country, _ in stored
            if not (country and held_country and held_country != country) and name_key(name) in keys]


def same_but_legal_forms(store: GraphStore, label: str, records: list[NodeRecord]) -> dict[str, list[tuple[str, str]]]:
    """Each of `records` (by id) -> the (id, name) of the `label` nodes whose name its name is once case, punctuation
    and legal forms are set aside, in its country where both have one: `match = "name"` takes the one such node for a
    row its name names as written or folded names none of. One read (`_stored`); {} for a label of more than
    `_READ_AT_MOST` nodes."""
    by_word = _stored(store, label, {word for record in records for word in _first_words(record.name)}) \
        if records else None
    if by_word is None:
        return {}
    return {record.id: _same_but_forms(record, list({row[0]: row for word in sorted(_first_words(record.name))
                                                     for row in by_word.get(word, [])}.values()))
            for record in records}


def _near(record: NodeRecord, stored: list[tuple]) -> tuple[list[tuple[str, str]], bool]:
    """The (id, name) of the stored nodes `record` nearly shares a name with, and whether `match = "name"` takes the
    one it names (its rule: the name in any case, else a folded name, acronym or alias of one node, else the one node
    so named with legal forms aside, `same_but_legal_forms`)."""
    keys = _keys(record)
    country = record.properties.get("country")
    if any(str(name or "").lower() == record.name.lower() for _, name, _, _ in stored):
        return [], False  # a namesake as written: `match = "name"` and the note on namesakes see to it
    taken = _taken(record.name, stored)
    if not taken and len(one := _same_but_forms(record, stored)) == 1:
        return one, True
    same, first = [], []
    for node_id, name, held_country, search in stored:
        if country and held_country and held_country != country:
            continue
        own_id = search_fold(node_id)
        parts = [part for part in str(search or "").strip("|").split("|") if part and part != own_id]
        if keys & {name_key(name), *(name_key(part) for part in parts)}:
            same.append((node_id, str(name)))
        elif country and held_country and any(" " not in key and name_key(name).split()[:1] == [key] for key in keys):
            first.append((node_id, str(name)))
    found = same or (first if len(first) == 1 else [])
    return found, len(found) == 1 and taken == [found[0][0]]


def _taken(name: str, stored: list[tuple]) -> list[str]:
    """The ids of the stored nodes `match = "name"` takes for `name` by its folded names (`generic_ends._Folded`):
    the first spelling of it (`spellings`: as written, then with umlauts written out) that one of theirs is."""
    for form in spellings(name):
        if taken := [node_id for node_id, _, _, search in stored if f"|{form}|" in str(search or "")]:
            return taken
    return []


def near_names(store: GraphStore, data: GenericInput) -> list[str]:
    """A note on the load's new nodes (ids the store lacks) that nearly share a name with nodes of the store of their
    label and country (see the module docstring), naming a few, each with how to load it onto that node:
    `match = "name"` where that takes it, else the store's id in the row's id column. Nothing is merged."""
    found: list[tuple[NodeRecord, list[tuple[str, str]], bool]] = []
    unread: list[str] = []
    for label, records in (new := _new_records(store, data)).items():
        by_word = _stored(store, label, {word for record in records for word in _first_words(record.name)})
        if by_word is None:
            unread.append(label)
            continue
        for record in records:
            stored = {row[0]: row for word in sorted(_first_words(record.name)) for row in by_word.get(word, [])}
            near, taken = _near(record, list(stored.values()))
            if near:
                found.append((record, near, taken))
    notes = [f"New {', '.join(unread)} nodes were not compared with the store's for names nearly theirs: it holds "
             f"more than {_READ_AT_MOST:,} of that label"] if unread else []
    notes += _of_other_labels(store, new)
    notes += new_bodies(store, data, new, {id(record) for record, _, _ in found})
    if not found:
        return notes
    prefix = f"user:{data.mapping.name}/"

    def shown(record: NodeRecord, near: list[tuple[str, str]], taken: bool) -> str:
        where = f", {record.sources[0].removeprefix(prefix)}" if record.sources else ""
        nodes = first_few(sorted(near), 3, lambda node: f"{node[0]} {node[1]!r}", sep=" / ")
        how = ('match = "name" takes it' if taken else "give the row that id" if len(near) == 1 else
               f"{len(near)} nodes, give the row the id of the one meant")
        return f"{record.label} {record.name!r} (row id {record.id!r}{where}) near the store's {nodes}: {how}"

    return notes + [f"{len(found)} new node(s) nearly share a name with a node of the store of their label and country "
            "(case, punctuation and legal forms such as AG, GmbH, AB aside, or the first word of its name), and were "
            "not merged with it: " + first_few(found, _SHOWN, lambda hit: shown(*hit), sep="; ")
            + "; where one is the same body, load it onto that node: match = \"name\" in the table (or the preset) "
            "where that takes it, else the store's id in the row's id column (organisation_id in the preset)"]


def _of_other_labels(store: GraphStore, new: dict[str, list[NodeRecord]]) -> list[str]:
    """A note on the new nodes named as a stored node of one of their extra labels that lacks their label (in any case,
    folded, or legal forms aside): an Italian `Cluster` row `SPRING - Sustainable Processes ...` (extra label
    Organisation) made a second SPRING beside CORDIS's Organisation, not detected as a cluster, and nothing said so."""
    by_extra: dict[str, list[NodeRecord]] = defaultdict(list)
    for label, records in new.items():
        for record, extra in ((r, x) for r in records for x in r.extra_labels if x not in (label, *NAMESAKES_SKIPPED)):
            by_extra[extra].append(record)
    found: list[tuple[NodeRecord, str, list[tuple[str, str]]]] = []
    for extra, records in sorted(by_extra.items()):
        by_word = _stored(store, extra, {word for record in records for word in _first_words(record.name)}) or {}
        for record in records:
            stored = list({row[0]: row for word in sorted(_first_words(record.name)) for row in by_word.get(word, [])
                           }.values())
            taken = set(_taken(record.name, stored))
            near = [(i, str(n)) for i, n, _, _ in stored if i in taken] or _same_but_forms(record, stored)
            if near := [node for node in near if node[0] not in held_ids(store, record.label, [i for i, _ in near])]:
                found.append((record, extra, near))
    if not found:
        return []

    def shown(record: NodeRecord, extra: str, near: list[tuple[str, str]]) -> str:
        nodes = first_few(sorted(near), 2, lambda node: f"{node[0]} {node[1]!r}", sep=" / ")
        return f"{record.label} {record.name!r} (row id {record.id!r}) and the store's {extra} {nodes}"

    return [f"{len(found)} new node(s) have the name of a node of the store of their extra label but not of theirs "
            "(case, punctuation and legal forms aside), which match = \"name\" does not look among: "
            + first_few(found, _SHOWN, lambda hit: shown(*hit), sep="; ") + f"; {OTHER_LABEL_ADVICE}"]
