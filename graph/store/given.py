"""What each load gave a node that several loads write: the values, kept on the node, so that an unload can
take back exactly what the load it removes gave.

A node's `sources` say which files gave it, not which gave which value: when two loads write one node, the
later one's values overwrite the earlier one's and add properties of their own, and an unload of either left
the node as it stood (a seed country kept NUTS's name, a table's `website` outlived the table). So the writer
keeps, on a node that a second load writes, one entry per load in `_given` (`GIVEN_PROPERTY`, internal like the
digest): the files (`sources`), the properties and the labels they gave, in the order they were written; the first
entry is what the node held when the second load came, credited to the files it named then. A node one load wrote has
no `_given` (nothing to tell apart), and an unload that leaves one entry removes it. Relationships keep theirs the
same way (`graph.store.given_rels`, built on `with_entry` and `values_left`).

An unload (`values_without`) takes the removed load's files off the entries, drops the entries left without
a file, and sets each property those entries gave to the value of the last entry left that gives it, or removes
it when none does: the values the node would hold had the removed load never written it. A label only the entries
dropped gave is taken off (a cluster list's `Cluster` on an organisation another table loaded had stayed, and the
cluster detection gave the kind back from it); entries written before they named labels take none off. Properties no
entry names (derived facts, set after the loads) are left to the facts derived again after the unload. The first
entry holds whatever the node held, derived facts and metrics written back (`metrics compute --write`) included:
unloading its load takes those off the node too when no other entry gives them (the facts are derived again; the
metrics, of a store that is gone, are computed again by the user).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.store import cypher
from graph.store.contract import GIVEN_PROPERTY, HASH_PROPERTY, INTERNAL_PROPERTIES, GraphStore
from graph.store.load_files import is_of_load
from graph.store.schema import check_label
from graph.store.search_text import SEARCH_PROPERTY, node_search_text

__all__ = ["given_values", "given_by", "values_set", "label_taken_off", "labels_gone", "record_given",
           "own_labels_gone", "with_entry", "values_left", "encoded", "DERIVED_OWN", "Restored", "values_without"]

_BATCH = 2000
#: Not a value a load gives: the node's identity and its files.
_NOT_GIVEN = frozenset({"id", "sources", *INTERNAL_PROPERTIES})


@cypher.statement(cypher.each_label)
def given_values(label: str) -> str:
    """The `_given` entries of the `label` nodes among `$ids` that have some (a load's read of the nodes it
    writes again: the adapters leave internal properties out of `properties(n)`)."""
    return (f"MATCH (n:{check_label(label)}) WHERE n.id IN $ids AND n.{GIVEN_PROPERTY} IS NOT NULL "
            f"RETURN n.id AS id, n.{GIVEN_PROPERTY} AS given")


@cypher.statement()
def given_by() -> str:
    """The nodes with an entry of `_given` naming a file whose id starts with the text `$quoted` (the start of a
    JSON string: a value holding that text is read too, and the entries tell), with their labels and properties.
    One read: only nodes several loads wrote have entries."""
    return (f"MATCH (n) WHERE n.{GIVEN_PROPERTY} IS NOT NULL AND any(g IN n.{GIVEN_PROPERTY} WHERE g CONTAINS $quoted)"
            f"\nRETURN labels(n) AS labels, n.id AS id, properties(n) AS props, n.{GIVEN_PROPERTY} AS given")


@cypher.statement(cypher.each_label)
def values_set(label: str) -> str:
    """Rows `{id, props, given}`: the values an unload leaves on `label` nodes (a None removes one), their
    `_given` (None: removed) and no digest, so that a re-load compares them property by property."""
    return (f"UNWIND $rows AS row MATCH (n:{check_label(label)} {{id: row.id}})\n"
            f"SET n += row.props, n.{GIVEN_PROPERTY} = row.given, n.{HASH_PROPERTY} = NULL\n"
            "RETURN count(n) AS done")


@cypher.statement(cypher.each_label)
def label_taken_off(label: str) -> str:
    """Rows `{id, stays}`: `label` taken off the node of that id that also has the label `stays` (the label it keeps,
    so a node of another kind with the same id is left alone)."""
    checked = check_label(label)
    return (f"UNWIND $rows AS row MATCH (n:{checked} {{id: row.id}}) WHERE row.stays IN labels(n)\n"
            f"REMOVE n:{checked}\nRETURN count(n) AS done")


def _entry(sources: list[str], props: dict[str, Any], labels: Iterable[str]) -> dict[str, Any]:
    return {"sources": list(sources), "props": {k: v for k, v in props.items() if k not in _NOT_GIVEN},
            "labels": sorted(labels)}


def encoded(entries: list[dict[str, Any]]) -> list[str] | None:
    """`_given` as the store keeps it (a list of JSON texts: neither store keeps a map); None for fewer than two
    entries, which tell nothing apart."""
    return [json.dumps(e, ensure_ascii=False, sort_keys=True) for e in entries] if len(entries) > 1 else None


def record_given(store: GraphStore, labels: tuple[str, ...], rows: list[dict[str, Any]],
                 before: dict[str, tuple[dict[str, Any], set[str]]],
                 fills: dict[str, frozenset[str]] | None = None) -> dict[str, list[dict[str, str]]]:
    """Put `_given` in the node `rows` (of `labels`: the first is the one they are found by) the store holds already
    (`before`: their properties and labels) that another load's files wrote (a node with entries is one): this
    load's entry last, replacing one of the same files; an entry names the labels its load gave too.
    A property the row's table fills (`fills`: id -> names) and the row lacks (an emptied cell) gets the value the
    other entries give last, or none. Done after the digest, so a re-run of the same records is still found
    unchanged. Returns, per label, the rows of `label_taken_off` for the labels this load's files gave before and
    no load gives now (an `extra_labels` entry a re-load's mapping dropped): the writer sends them after the nodes."""
    # a node only this load's files wrote has nothing to tell apart, and no entries (they go with the second-last
    # load): a re-run of one load reads nothing more
    held = [row for row in rows if row["id"] in before
            and not set(before[row["id"]][0].get("sources") or []) <= set(row["sources"])]
    if not held:
        return {}
    found = store.read(given_values(labels[0]), {"ids": [row["id"] for row in held]}, row_cap=len(held) + 1,
                       timeout_s=300).rows
    given = {node_id: [json.loads(g) for g in entries] for node_id, entries in found}
    taken: dict[str, list[dict[str, str]]] = {}
    for row in held:
        props, held_labels = before[row["id"]]
        gone = with_entry(row, props, held_labels, given.get(row["id"]), labels,
                          (fills or {}).get(row["id"], frozenset()))
        for label in sorted(gone):
            taken.setdefault(label, []).append({"id": row["id"], "stays": labels[0]})
    return taken


#: Labels the derived facts give from a property, kept while it holds: `SME` from `sme` (`loaders.derived`).
_FROM_PROPERTY = {"SME": "sme"}


def own_labels_gone(rows: list[dict[str, Any]], before: dict[str, tuple[dict[str, Any], set[str]]],
                    labels: tuple[str, ...]) -> dict[str, list[dict[str, Any]]]:
    """The rows of `label_taken_off` (marked `own`) for the labels the store holds on a node only the row's files
    give (`before`: its properties and labels) that the row gives no more (`labels`): a re-load whose mapping
    dropped `extra_labels = ["Cluster"]` had left the label until the mapping named it in `drop`. Only those files
    gave the node, so only they gave its labels: cluster detection marks the records themselves
    (`loaders.cluster_detection.mark_clusters`), and a label made from a property stays while the property holds."""
    taken: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row["id"] not in before:
            continue
        props, held_labels = before[row["id"]]
        sources = set(props.get("sources") or [])
        if not sources or not sources <= set(row["sources"]):
            continue  # other loads' files give it too (`record_given`), or no file is known to give it
        for label in sorted(held_labels - set(labels)):
            if label in _FROM_PROPERTY and row["props"].get(_FROM_PROPERTY[label], props.get(_FROM_PROPERTY[label])):
                continue
            taken.setdefault(label, []).append({"id": row["id"], "stays": labels[0], "own": True})
    return taken


def with_entry(row: dict[str, Any], props: dict[str, Any], held_labels: Iterable[str],
               entries: list[dict[str, Any]] | None, labels: Iterable[str], filled: frozenset[str]) -> set[str]:
    """Put in `row` the `_given` of a node or relationship another load's files wrote (`props`, `held_labels`:
    what the store holds; `entries`: its `_given`, None when it has none yet): this load's entry last, replacing
    one of the same files. A property the row's table fills (`filled`) and the row lacks gets the value the other
    entries give last, or none. Returns the labels the entries gave and give no more (`labels_gone`)."""
    old = entries
    entries = entries or [_entry(list(props.get("sources") or []), props, held_labels)]
    mine = set(row["sources"])
    entries = [{**e, "sources": [s for s in e["sources"] if s not in mine]} for e in entries]
    entries = [e for e in entries if e["sources"]] + [_entry(row["sources"], row["props"], labels)]
    row["props"][GIVEN_PROPERTY] = encoded(entries)
    for key in filled - row["props"].keys():
        givers = [e["props"][key] for e in entries[:-1] if key in e["props"]]
        if props.get(key) is not None:
            row["props"][key] = givers[-1] if givers else None
    return (labels_gone(old, entries) & set(held_labels)) - set(labels) if old else set()


#: Properties the derived facts write on every node of the label whatever it held, and no load keeps (the
#: country aggregates, `loaders.derived_aggregates`): an entry's value is a stale copy, never given back. The
#: node keeps its own, right while what they are made from is unchanged and made again when it is not
#: (`loaders.unload_due`); given back, they had made `unload seeds` derive every aggregate again at 10x.
DERIVED_OWN = {"Project": frozenset({"countries", "country_participants"}),
               "Country": frozenset({"partner_countries", "shared_projects", "partner_organisations"})}


def labels_gone(entries: list[dict[str, Any]], left: list[dict[str, Any]]) -> set[str]:
    """The labels only the entries gone gave (a cluster list's `Cluster` on an organisation another load gives):
    none when an entry predates the labels' record (written before entries named them: who gave a label is not
    known) or none is left."""
    if not left or any("labels" not in entry for entry in entries):
        return set()
    return set().union(*(entry["labels"] for entry in entries)) - set().union(*(entry["labels"] for entry in left))


def values_left(props: dict[str, Any], entries: list[dict[str, Any]], prefix: str, kept: frozenset[str] = frozenset(),
                nested: tuple[str, ...] = ()) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The values to set (None: remove) once the files starting with `prefix` are taken off `entries`, and the
    entries left (files starting with one of `nested`, another load's, stay); the properties `kept` are left as
    they are. None left: the node is one another load's
    relationships reach, kept as it is (`adopted`)."""
    left, gone = [], []
    for entry in entries:
        sources = [s for s in entry["sources"] if not is_of_load(s, prefix, nested)]
        (left if sources else gone).append({**entry, "sources": sources})
    if not left:
        return {}, []
    changed: dict[str, Any] = {}
    for key in {key for entry in gone for key in entry["props"]} - kept:
        givers = [entry["props"] for entry in left if key in entry["props"]]
        value = givers[-1][key] if givers else None
        if value != props.get(key):
            changed[key] = value
    if changed and "id" in props:  # a node: found by its search text (a relationship has none)
        shown = {**{k: v for k, v in props.items() if k not in _NOT_GIVEN}, **changed}
        changed[SEARCH_PROPERTY] = node_search_text(props["id"], {k: v for k, v in shown.items() if v is not None})
    return changed, left


@dataclass
class Restored:
    """What `values_without` gave back: how many nodes changed, and the properties given back per label of them
    (a node's under every label it has): the derived facts an unload makes again are chosen by them
    (`loaders.unload_due`)."""

    nodes: int = 0
    properties: dict[str, set[str]] = field(default_factory=dict)
    labels: set[str] = field(default_factory=set)  # labels taken off nodes that only the unloaded files gave them
    relationships: int = 0  # relationships given back the values other loads gave them (`graph.store.given_rels`)


def values_without(store: GraphStore, prefix: str, nested: tuple[str, ...] = ()) -> Restored:
    """Set the values of the nodes that files starting with `prefix` gave together with other loads' files to
    those the other loads gave (`values_left`), in batches. A run stopped half-way leaves the rest named by
    their entries, for the next run."""
    quoted = json.dumps(prefix, ensure_ascii=False)[:-1]  # as the entries write it: `"user:søknader/`
    found = store.read(given_by(), {"quoted": quoted}, row_cap=10**7, timeout_s=300).rows
    by_label: dict[str, list[dict[str, Any]]] = {}
    restored = Restored()
    taken: dict[str, list[dict[str, str]]] = {}
    for labels, node_id, props, given in found:
        kept = frozenset().union(*(DERIVED_OWN.get(label, ()) for label in labels))
        entries = [json.loads(g) for g in given]
        values, left = values_left({**props, "id": node_id}, entries, prefix, kept, nested)
        gone = labels_gone(entries, left) & set(labels)
        gone = gone if set(labels) - gone else set()  # a node keeps a label: it is found by it
        stays = sorted(set(labels) - gone)[0]
        by_label.setdefault(stays, []).append({"id": node_id, "props": values, "given": encoded(left)})
        for label in gone:
            taken.setdefault(label, []).append({"id": node_id, "stays": stays})
        restored.nodes += bool(values or gone)
        restored.labels |= gone
        for label in labels if values else ():
            restored.properties.setdefault(label, set()).update(values)
    for statement, groups in ((values_set, by_label), (label_taken_off, taken)):
        for label, rows in groups.items():
            for start in range(0, len(rows), _BATCH):
                store.write(statement(label), {"rows": rows[start:start + _BATCH]})
    return restored
