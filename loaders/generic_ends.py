"""Relationship ends of a user's mapping that its own files do not hold: found in the store by id, or by name.

A user's table names the programme, label or sector a row links to as people write them (`ARENA`, `ESCA
Gold`), not by the store's ids (`arena`, `esca-gold`). An end that is no id of the store is looked up by
its name (in any case): one node of that name is that node (of several, the one spelled exactly so), and the
load's notes say which ends were matched so; a name several nodes share, or one no node has, is a problem
naming file, line and column, with the nearest names the store holds.
"""

from __future__ import annotations

import dataclasses
import difflib

from graph.errors import Problem
from graph.store import cypher
from graph.store.contract import GraphStore
from graph.store.records import RelRecord

__all__ = ["resolve_ends"]


@cypher.statement(cypher.each_label)
def nodes_named(label: str) -> str:
    """`label` nodes whose name, in lower case, is among `$names`: a mapping's relationship end given by name."""
    return (f"MATCH (n:{cypher.check_label(label)}) WHERE toLower(n.name) IN $names "
            "RETURN toLower(n.name) AS name, n.id AS id, n.name AS spelled")


@cypher.statement(cypher.each_label)
def some_names(label: str) -> str:
    """Ids and names of up to `$limit` `label` nodes: what a misspelt end may have meant."""
    return f"MATCH (n:{cypher.check_label(label)}) RETURN n.id AS id, n.name AS name LIMIT $limit"


_BATCH = 5000
_SUGGEST_FROM = 20_000  # names read for "did you mean"; a label with more gets no suggestion


def _found(store: GraphStore, statement: str, key: str, values: list[str]) -> list[tuple]:
    rows = []
    for at in range(0, len(values), _BATCH):
        batch = values[at:at + _BATCH]
        rows += store.read(statement, {key: batch}, row_cap=len(batch) * 4 + 1).rows
    return rows


def _by_name(store: GraphStore, label: str, missing: set[str]) -> dict[str, list[tuple[str, str]]]:
    """Each missing end's lower-case name -> the (id, name) of the `label` nodes named so in any case."""
    named: dict[str, list[tuple[str, str]]] = {}
    for name, node_id, spelled in _found(store, nodes_named(label), "names", sorted({m.lower() for m in missing})):
        named.setdefault(name, []).append((node_id, spelled))
    return named


def _one(found: list[tuple[str, str]], wanted: str) -> str | None:
    """The id an end given by name stands for: the one node named so in any case, else the one spelled exactly
    so (`Automation`: the seeds' sector, not EuroSciVoc's `automation`)."""
    ids = [node_id for node_id, _ in found]
    exact = [node_id for node_id, spelled in found if spelled == wanted]
    return ids[0] if len(ids) == 1 else exact[0] if len(exact) == 1 else None


def _nearest(wanted: str, names: list[tuple[str, str]] | None) -> str:
    """`did you mean 'ESCA Gold' (id 'esca-gold')? Else `: the shortest name holding the wanted word, else a close
    spelling of a name or an id."""
    if not names:
        return ""
    word = wanted.lower()
    holding = sorted((n for n in names if word in str(n[1]).lower().split()), key=lambda n: len(str(n[1])))
    spelled = difflib.get_close_matches(word, [str(n).lower() for pair in names for n in pair], n=1, cutoff=0.75)
    hits = holding or [(i, n) for i, n in names if spelled and spelled[0] in (str(i).lower(), str(n).lower())]
    return f"did you mean {hits[0][1]!r} (id {hits[0][0]!r})? Else " if hits else ""


def resolve_ends(store: GraphStore, unresolved: dict[tuple[str, str], list[tuple[str, int, str]]],
                 rels: list[RelRecord]) -> tuple[list[Problem], list[str]]:
    """Problems for ends neither in the files nor in the store (by id or by one name), and notes on the ends
    matched by name; `rels` get the matched nodes' ids in place of the names."""
    wanted: dict[str, set[str]] = {}
    for label, node_id in unresolved:
        wanted.setdefault(label, set()).add(node_id)
    problems: list[Problem] = []
    matched: dict[tuple[str, str], str] = {}
    for label, ids in sorted(wanted.items()):
        missing = ids - {row[0] for row in _found(store, cypher.existing_ids(label), "ids", sorted(ids))}
        named = _by_name(store, label, missing) if missing else {}
        names = None
        for node_id in sorted(missing):
            found = named.get(node_id.lower(), [])
            if chosen := _one(found, node_id):
                matched[(label, node_id)] = chosen
                continue
            if found:
                message = (f"{label} {node_id!r} is the name of {len(found)} nodes of the store "
                           f"({', '.join(sorted(i for i, _ in found)[:5])}): give the id instead")
            else:
                if names is None:
                    names = [tuple(r) for r in store.read(some_names(label), {"limit": _SUGGEST_FROM},
                                                          row_cap=_SUGGEST_FROM + 1).rows]
                message = (f"{label} {node_id!r} is neither in the mapped files nor in the store (by id or name): "
                           + _nearest(node_id, names) + f"map a [[nodes]] table of {label} from this column to make "
                           "it")
            problems += [Problem(file, line, column, message) for file, line, column in unresolved[(label, node_id)]]
    for at, rel in enumerate(rels):
        start, end = matched.get((rel.start_label, rel.start_id)), matched.get((rel.end_label, rel.end_id))
        if start or end:
            rels[at] = dataclasses.replace(rel, start_id=start or rel.start_id, end_id=end or rel.end_id)
    notes = [f"{len(matched)} relationship end(s) given by name matched a node of the store: "
             + ", ".join(f"{label} {name!r} -> {node_id}" for (label, name), node_id in sorted(matched.items())[:10])
             + (" ..." if len(matched) > 10 else "")] if matched else []
    return problems, notes
