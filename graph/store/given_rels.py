"""What each load gave a relationship that several loads write, kept as nodes keep theirs (`graph.store.given`).

Two tables of one membership (`MEMBER_OF` with `since` from a member list and from a cluster's own register), or a
seed link a user's table gives again, are one relationship with both loads' files in its `sources`; the later
load's values overwrote the earlier one's. Without a record of who gave what, an unload of the later load (or a
re-load whose row no longer gives the link) left its values, and an emptied cell of one table kept the value (the
writer takes an emptied cell off only a relationship its own files alone give). So the writer keeps, on a
relationship a second load writes, one `_given` entry per load, as on nodes (`record_rel_given`, from the batch's
read of what the store held), and marks its start node (`mark_starts`); an unload sets each property the removed
load's entries gave to the value the entries left give last, or removes it (`rel_values_without`), and a
re-load's retired files are renamed in the entries too (`graph.store.retire`).
"""

from __future__ import annotations

import json
from typing import Any

from graph.store import cypher
from graph.store.contract import GIVEN_PROPERTY, GIVEN_RELS_PROPERTY, HASH_PROPERTY, GraphStore
from graph.store.given import Restored, encoded, values_left, values_without, with_entry
from graph.store.retire import rel_endpoints
from graph.store.schema import check_label, check_rel_type

__all__ = ["record_rel_given", "rels_given_from", "mark_starts", "rel_given_by", "rel_values_set", "rel_values_without",
           "values_and_rels_without", "unmark_starts"]

_BATCH = 2000
Identity = tuple[Any, Any, Any]  # start id, end id, key


def record_rel_given(rows: list[dict[str, Any]], before: dict[Identity, dict[str, Any]],
                     given: dict[Identity, list[str] | None], fills: dict[Identity, frozenset[str]]) -> None:
    """Put `_given` in the relationship `rows` the store holds (`before`: their properties; `given`: their
    `_given`) that another load's files wrote. Done after the digest (a re-run of the same records is unchanged)."""
    for row in rows:
        ident = (row["start"], row["end"], row["key"])
        props = before.get(ident)
        if props is None or set(props.get("sources") or []) <= set(row["sources"]):
            continue  # new, or only this load's files gave it: nothing to tell apart
        entries = [json.loads(g) for g in given.get(ident) or []] or None
        with_entry(row, props, (), entries, (), fills.get(ident, frozenset()))


@cypher.statement(cypher.each_label)
def rels_given_from(label: str) -> str:
    """Mark the `label` nodes of ids `$ids` as starts of relationships with `_given` (`GIVEN_RELS_PROPERTY`)."""
    return (f"UNWIND $ids AS id MATCH (a:{check_label(label)} {{id: id}})\n"
            f"SET a.{GIVEN_RELS_PROPERTY} = true\nRETURN count(a) AS marked")


def mark_starts(store: GraphStore, start_label: str, rows: list[dict[str, Any]]) -> None:
    """Mark the start nodes of the `rows` given `_given`, before the rows are written: a run stopped between the
    two leaves a mark with no entries behind it, which costs the unload one look."""
    ids = sorted({row["start"] for row in rows if row["props"].get(GIVEN_PROPERTY) is not None})
    if ids:
        store.write(rels_given_from(start_label), {"ids": ids})


@cypher.statement(cypher.each_label)
def unmark_starts(label: str) -> str:
    """Take the mark off the `label` nodes of ids `$ids` from which no relationship holds `_given` any more (an
    unload left one load's values on them): a mark left behind had cost every later unload a look."""
    return (f"UNWIND $ids AS id MATCH (a:{check_label(label)} {{id: id}}) WHERE a.{GIVEN_RELS_PROPERTY} IS NOT NULL\n"
            f"OPTIONAL MATCH (a)-[r]->() WHERE r.{GIVEN_PROPERTY} IS NOT NULL\n"
            f"WITH a, count(r) AS held WHERE held = 0\nSET a.{GIVEN_RELS_PROPERTY} = NULL\nRETURN count(a) AS unmarked")


@cypher.statement()
def rel_given_by() -> str:
    """The relationships with a `_given` entry naming a file whose id starts with the text `$quoted` (as
    `graph.store.given.given_by` for nodes), with their type, ends and properties: found from their marked start
    nodes (`mark_starts`), not by a scan of every relationship."""
    return (f"MATCH (a) WHERE a.{GIVEN_RELS_PROPERTY} IS NOT NULL\n"
            f"MATCH (a)-[r]->(b) WHERE r.{GIVEN_PROPERTY} IS NOT NULL AND any(g IN r.{GIVEN_PROPERTY} WHERE g "
            "CONTAINS $quoted)\nRETURN type(r) AS type, labels(a) AS starts, a.id AS start, labels(b) AS ends, "
            f"b.id AS end, r.key AS key, properties(r) AS props, r.{GIVEN_PROPERTY} AS given")


@cypher.statement(cypher.each_relationship)
def rel_values_set(rel_type: str, start_label: str, end_label: str) -> str:
    """Rows `{start, end, key, props, given}`: the values an unload leaves on such relationships (a None removes
    one), their `_given` (None: removed) and no digest (a later load compares them property by property)."""
    return ("UNWIND $rows AS row\n"
            f"MATCH (a:{check_label(start_label)} {{id: row.start}})-[r:{check_rel_type(rel_type)} {{key: row.key}}]->"
            f"(b:{check_label(end_label)} {{id: row.end}})\n"
            f"SET r += row.props, r.{GIVEN_PROPERTY} = row.given, r.{HASH_PROPERTY} = NULL\n"
            "RETURN count(r) AS done")


def values_and_rels_without(store: GraphStore, prefix: str, nested: tuple[str, ...] = ()) -> Restored:
    """`graph.store.given.values_without` for the nodes, then `rel_values_without` for the relationships: the
    unload's one step giving back what other loads gave (the relationships' types among `Restored.properties`)."""
    restored = values_without(store, prefix, nested)
    restored.relationships, by_type = rel_values_without(store, prefix, nested)
    restored.properties |= by_type
    return restored


def rel_values_without(store: GraphStore, prefix: str, nested: tuple[str, ...] = ()) -> tuple[int, dict[str, set[str]]]:
    """Set the values of the relationships that files starting with `prefix` gave together with other loads' files
    to those the other loads gave; returns how many changed and the properties given back per relationship type."""
    quoted = json.dumps(prefix, ensure_ascii=False)[:-1]  # as the entries write it
    found = store.read(rel_given_by(), {"quoted": quoted}, row_cap=10**7, timeout_s=300).rows
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    restored: dict[str, set[str]] = {}
    changed = 0
    for rel_type, starts, start, ends, end, key, props, given in found:
        values, left = values_left(props, [json.loads(g) for g in given], prefix, nested=nested)
        groups.setdefault((rel_type, *rel_endpoints(rel_type, starts, ends)), []).append(
            {"start": start, "end": end, "key": key, "props": values, "given": encoded(left)})
        if values:
            changed += 1
            restored.setdefault(rel_type, set()).update(values)
    starts: dict[str, set[Any]] = {}
    for (rel_type, start_label, end_label), rows in groups.items():
        for at in range(0, len(rows), _BATCH):
            store.write(rel_values_set(rel_type, start_label, end_label), {"rows": rows[at:at + _BATCH]})
        starts.setdefault(start_label, set()).update(row["start"] for row in rows if row["given"] is None)
    for start_label, ids in starts.items():
        ordered = sorted(ids, key=str)
        for at in range(0, len(ordered), _BATCH):
            store.write(unmark_starts(start_label), {"ids": ordered[at:at + _BATCH]})
    return changed, restored
