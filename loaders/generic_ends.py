"""Relationship ends of a user's mapping that its own files do not hold: found in the store by id, or by name.

A user's table names the programme, label or sector a row links to as people write them (`ARENA`, `ESCA
Gold`, `Automation Smaland`, `IGT`), not by the store's ids (`arena`, `esca-gold`). An end that is no id of the
store is looked up by its name in any case: one node of that name is that node (of several, the one spelled
exactly so). Failing that, by the rule `graph.store.resolve` applies to a typed name: the node whose name,
acronym or alias equals it, accents and case ignored, ä, ö, ü as ae, oe, ue (the folded `_search` text every node
carries: `München` is CORDIS's MUENCHEN). The load's notes say which ends were matched so; a name several nodes
share, or one no node has, is a problem naming file, line and column, with the nearest names the store holds.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
from collections.abc import Iterator

from graph.errors import Problem
from graph.nearest import nearest
from graph.store import cypher
from graph.store.contract import GraphStore
from graph.store.records import NodeRecord, RelRecord
from graph.store.search_text import SEARCH_PROPERTY, fold, spellings
from graph.wording import first_few

__all__ = ["resolve_ends", "named_nodes", "label_names", "label_spellings", "named_in_any_case", "held_ids",
           "sources_of", "moved_ends",
           "names_read_once", "own_files", "only_given_by"]


@cypher.statement(cypher.each_label)
def nodes_named(label: str) -> str:
    """`label` nodes whose name, in lower case, is among `$names`: a mapping's relationship end given by name."""
    return (f"MATCH (n:{cypher.check_label(label)}) WHERE toLower(n.name) IN $names "
            "RETURN toLower(n.name) AS name, n.id AS id, n.name AS spelled")


@cypher.statement(cypher.each_label)
def some_names(label: str) -> str:
    """Ids, names and folded search texts of up to `$limit` `label` nodes: whom an end not named exactly means."""
    return (f"MATCH (n:{cypher.check_label(label)}) RETURN n.id AS id, n.name AS name, n.{SEARCH_PROPERTY} AS search "
            "LIMIT $limit")


_BATCH = 5000
_ADD_FROM_COLUMN = "map a [[nodes]] table of {label} from this column to make it"
#: An end given as a value (`end = { label = "Cluster", value = "..." }`) that names no node: what adds that node.
_ADD_ONE = ("write its id or its name as the store holds it, or write add = true beside value to make the node from it "
            "(its id and name), or load what holds it (`cluster-explorer load "
            "seeds` for the seed clusters, `load sample` or `load cordis` for CORDIS's organisations)")
#: Nodes of one label read for the folded match and "did you mean", only when an end is not named exactly; a
#: label with more (an Organisation table of all CORDIS) is matched by its exact names alone.
_READ_AT_MOST = 300_000
_SUGGEST_FROM = 20_000  # a label of more nodes gets "did you mean" only for a name holding the end's word
_SUGGESTED = 50  # ends of one label that get a "did you mean" (`graph.nearest` reads every spelling for each)


def _found(store: GraphStore, statement: str, key: str, values: list[str]) -> list[tuple]:
    rows = []
    for at in range(0, len(values), _BATCH):
        batch = values[at:at + _BATCH]
        rows += store.read(statement, {key: batch}, row_cap=len(batch) * 4 + 1).rows
    return rows


def held_ids(store: GraphStore, label: str, ids: list[str]) -> set[str]:
    """Those of `ids` that are ids of `label` nodes of the store."""
    return {row[0] for row in _found(store, cypher.existing_ids(label), "ids", sorted(ids))}


@cypher.statement(cypher.each_label)
def sources_among_ids(label: str) -> str:
    """The ids and sources of the `label` nodes among `$ids`."""
    return f"MATCH (n:{cypher.check_label(label)}) WHERE n.id IN $ids RETURN n.id AS id, n.sources AS sources"


def named_in_any_case(store: GraphStore, label: str, names: set[str]) -> dict[str, list[tuple[str, str]]]:
    """Each name, lower-cased -> the (id, name) of every `label` node named so in any case (no exact spelling
    preferred, as `named_nodes` does for an end: a note on namesakes wants them all)."""
    return _by_name(store, label, names) if names else {}


def own_files(nodes: list[NodeRecord]) -> frozenset[str]:
    """The ids of the files a load reads (its `Source` records): a re-load's, whose nodes the store may hold."""
    return frozenset(node.id for node in nodes if node.label == "Source")


def sources_of(store: GraphStore, label: str, ids: set[str]) -> dict[str, list[str]]:
    """Those of `ids` that are ids of `label` nodes of the store, with their sources (`user:members/members.csv`)."""
    return dict(_found(store, sources_among_ids(label), "ids", sorted(ids))) if ids else {}


def only_given_by(given: dict[str, list[str]], own: frozenset[str]) -> dict[str, list[str]]:
    """Those of the nodes `given` (id -> sources) that only the files `own` give (a re-load's files), with those
    files: the re-load takes such a node off when its rows no longer hold it, so a link to it is a link to nothing,
    as a fresh load would say."""
    return {node_id: sorted(files) for node_id, files in given.items() if own and files and set(files) <= own}


def _gone_message(label: str, node_id: str, files: list[str]) -> str:
    named = ", ".join(source.split("/", 1)[-1] for source in files)
    return (f"{label} {node_id!r} is no longer in the mapped files: the store has it only from this mapping's "
            f"earlier load of {named}, which this load takes off. Put its row back, or take out the rows that link "
            "to it")


def _by_name(store: GraphStore, label: str, missing: set[str]) -> dict[str, list[tuple[str, str]]]:
    """Each missing end's lower-case name -> the (id, name) of the `label` nodes named so in any case."""
    named: dict[str, list[tuple[str, str]]] = {}
    for name, node_id, spelled in _found(store, nodes_named(label), "names", sorted({m.lower() for m in missing})):
        named.setdefault(name, []).append((node_id, spelled))
    return named


#: Labels whose names' case tells no two nodes apart: CORDIS writes an organisation's legal name in capitals, and
#: a record spelled as a user's table spells it is as likely a minor duplicate (`Universitetet i Oslo`, 1 project,
#: beside `UNIVERSITETET I OSLO`, 247): taking the exact spelling put a grants table's rows on the duplicate.
_CASE_BLIND = frozenset({"Organisation", "Cluster"})


def _one(found: list[tuple[str, str]], wanted: str, label: str = "") -> str | None:
    """The id an end given by name stands for: the one node named so in any case, else the one spelled exactly
    so (`Automation`: the seeds' sector, not EuroSciVoc's `automation`), but for the labels of `_CASE_BLIND`."""
    ids = [node_id for node_id, _ in found]
    exact = [node_id for node_id, spelled in found if spelled == wanted and label not in _CASE_BLIND]
    return ids[0] if len(ids) == 1 else exact[0] if len(exact) == 1 else None


class _Folded:
    """A label's nodes by each folded name, id, acronym and alias (`_search`'s parts), read once when an end is
    not named exactly, and the nearest of them for one no node has. Empty for a label of more than
    `_READ_AT_MOST` nodes."""

    def __init__(self, store: GraphStore, label: str):
        rows = store.read(some_names(label), {"limit": _READ_AT_MOST + 1}, row_cap=_READ_AT_MOST + 2).rows
        rows = rows if len(rows) <= _READ_AT_MOST else []
        self.names = [(node_id, name) for node_id, name, _ in rows]
        self._by_folded: dict[str, list[tuple[str, str]]] = {}
        self._words: list[tuple[str, str, list[str]]] | None = None
        self._spellings: list[str] = []
        self._asked = 0
        for node_id, name, search in rows:
            for part in (str(search or "").strip("|").split("|") if search else spellings(name)):
                self._by_folded.setdefault(part, []).append((node_id, name))

    def nearest(self, wanted: str) -> str:
        """`did you mean 'ESCA Gold' (id 'esca-gold')? Else `: the shortest name holding the wanted word, else the
        node of a close spelling of a name, id, acronym or alias. Asked for the first `_SUGGESTED` ends only."""
        self._asked += 1
        if not self.names or self._asked > _SUGGESTED:
            return ""
        if self._words is None:
            self._words = [(node_id, name, fold(name).split()) for node_id, name in self.names[:_SUGGEST_FROM]]
            self._spellings = list(self._by_folded) if len(self.names) <= _SUGGEST_FROM else []
        word = fold(wanted)
        hits = sorted(((i, n) for i, n, words in self._words if word in words), key=lambda n: len(str(n[1])))
        spelled = [] if hits else nearest(word, self._spellings)
        hits = hits or (self._by_folded[spelled[0]] if spelled else [])
        return f"did you mean {hits[0][1]!r} (id {hits[0][0]!r})? Else " if hits else ""

    def named(self, wanted: str) -> list[tuple[str, str]]:
        """(id, name) of the nodes one of whose folded names, acronyms or aliases is `wanted` folded (ø as o,
        `search_text.OWN_LETTERS`); else, for a name with ä, ö, ü, ø, å, as written with ae, oe, ue, oe, aa
        (`search_text.spellings`: München as CORDIS's MUENCHEN, Tromsø as TROMSOE). A node's search text holds its
        own name both ways, so a table's "Muenchen" finds a stored "München" by the first."""
        for form in (form for form in spellings(wanted) if form):
            if found := self._by_folded.get(form, []):
                return list(dict.fromkeys(found))
        return []


_read_once: contextvars.ContextVar[dict[tuple[int, str], _Folded] | None] = contextvars.ContextVar("folded",
                                                                                                   default=None)


@contextlib.contextmanager
def names_read_once() -> Iterator[None]:
    """Within the block, a label's folded names are read once, whoever asks (`match = "name"` rows, ends given by
    name and national regions of one check: up to 300,000 rows each, about 2 s for Organisation at 10x)."""
    token = _read_once.set({})
    try:
        yield
    finally:
        _read_once.reset(token)


def _folded(store: GraphStore, label: str) -> _Folded:
    """The label's folded names: read now, or the read of this check (`names_read_once`)."""
    cache = _read_once.get()
    if cache is None:
        return _Folded(store, label)
    if (key := (id(store), label)) not in cache:
        cache[key] = _Folded(store, label)
    return cache[key]


def label_names(store: GraphStore, label: str) -> list[tuple[str, str]]:
    """The (id, name) of the `label` nodes, read once per check (`names_read_once`); [] for more than 300,000."""
    return _folded(store, label).names


def label_spellings(store: GraphStore, label: str) -> dict[str, list[tuple[str, str]]]:
    """Each folded name, acronym and alias of the `label` nodes -> their (id, name), read as `label_names`."""
    return _folded(store, label)._by_folded


def named_nodes(store: GraphStore, label: str, names: set[str],
                folding: bool = True) -> tuple[dict[str, list[tuple[str, str]]], _Folded | None]:
    """Each name -> the (id, stored name) of the `label` nodes it names by the rule of this module: one node
    (the name stands for it), several (ambiguous) or none. Also the label's folded names when they were read
    (for a "did you mean"), else None. `folding=False`: by the name in any case only, without reading the
    label's folded names (up to 300,000 rows), for a note that may miss a spelling."""
    named, folded, found_by = _by_name(store, label, names), None, {}
    for name in names:
        found = named.get(name.lower(), [])
        if chosen := _one(found, name, label):
            found = [next(pair for pair in found if pair[0] == chosen)]
        elif not found and folding:
            folded = folded or _folded(store, label)
            found = folded.named(name)
        found_by[name] = found
    return found_by, folded


def moved_ends(rel: RelRecord, moved: dict[tuple[str, str], str]) -> RelRecord:
    """`rel` with each end that `moved` maps ((label, id) -> the store's id) given that id; `rel` itself if none."""
    start, end = moved.get((rel.start_label, rel.start_id)), moved.get((rel.end_label, rel.end_id))
    return dataclasses.replace(rel, start_id=start or rel.start_id, end_id=end or rel.end_id) if start or end else rel


def resolve_ends(store: GraphStore, unresolved: dict[tuple[str, str], list[tuple[str, int, str]]],
                 rels: list[RelRecord], own: frozenset[str] = frozenset(),
                 constants: frozenset[tuple] = frozenset()) -> tuple[list[Problem], list[str]]:
    """Problems for ends neither in the files nor in the store (by id or by one name), and notes on the ends
    matched by name; `rels` get the matched nodes' ids in place of the names. A node of the store that only the
    load's own files `own` give is not one to link to: a row deleted from one file while another still links it
    had been kept with its old values (a fresh load of the files refuses the link). `constants`: the places of
    `unresolved` that are a mapping's end given as a value, said with what adds the node it names."""
    wanted: dict[str, set[str]] = {}
    for label, node_id in unresolved:
        wanted.setdefault(label, set()).add(node_id)
    problems: list[Problem] = []
    matched: dict[tuple[str, str], str] = {}
    for label, ids in sorted(wanted.items()):
        held = sources_of(store, label, ids)  # one read: which ends the store holds, and who gives them
        gone = only_given_by(held, own)
        missing = ids - held.keys()
        found_by, folded = named_nodes(store, label, missing) if missing else ({}, None)
        named = {found[0][0] for found in found_by.values() if len(found) == 1}
        gone |= only_given_by(sources_of(store, label, named) if own else {}, own)
        for node_id in sorted(missing | set(gone)):
            found = found_by.get(node_id, [])
            if files := gone.get(node_id) or (gone.get(found[0][0]) if len(found) == 1 else None):
                problems += [Problem(file, line, column, _gone_message(label, node_id, files))
                             for file, line, column in unresolved[(label, node_id)]]
                continue
            if len(found) == 1:
                matched[(label, node_id)] = found[0][0]
                continue
            if found:
                message = (f"{label} {node_id!r} is the name of {len(found)} nodes of the store "
                           f"({', '.join(sorted(i for i, _ in found)[:5])}): give the id instead")
            else:
                folded = folded or _folded(store, label)
                message = (f"{label} {node_id!r} is neither in the mapped files nor in the store (by id or name): "
                           + folded.nearest(node_id))
            problems += [Problem(file, line, column, message + (_ADD_ONE if (file, line, column) in constants else
                                                                 _ADD_FROM_COLUMN).format(label=label) * (not found))
                         for file, line, column in unresolved[(label, node_id)]]
    rels[:] = [moved_ends(rel, matched) for rel in rels]
    notes = [f"{len(matched)} relationship end(s) given by name matched a node of the store: "
             + first_few(sorted(matched.items()), 10, lambda hit: f"{hit[0][0]} {hit[0][1]!r} -> {hit[1]}")] \
        if matched else []
    return problems, notes
