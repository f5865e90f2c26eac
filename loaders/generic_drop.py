"""`drop = ["old_name"]`: remove a property a mapping no longer fills from what its file wrote before.

Writes are upserts and never remove a property, so renaming a mapped property (`start` to
`start_date`) left the old one on every node. The user names what to drop: removing whatever a source
wrote before and no longer maps would need a record of every property each source ever wrote, and would
silently take away a value another source (the seed knowledge base, CORDIS) set on the same node. So a
dropped property is removed only from the nodes (relationships) that list this file's `Source` in
their `sources`, and only after the file's records are written; a re-run finds nothing left to remove.

A nodes table's `drop` may name a label it no longer gives too (`extra_labels = ["Member"]` taken out of the
mapping left every member node a Member): it is taken off the nodes only this file gives (their `sources` are
this file alone), since another file or load may give that label still; the note counts the nodes that keep it.
"""

from __future__ import annotations

from graph.nearest import nearest
from graph.store.contract import GraphStore
from graph.store.registry import statement
from graph.store.schema import NODE_LABELS, REL_TYPES, check_label, check_property, check_rel_type
from loaders.mapping_options import DROPPABLE_LABELS
from loaders.mapping_spec import FileSpec

__all__ = ["drop_node_property", "drop_rel_property", "drop_node_label", "labels_kept", "drop_properties",
           "node_keys_of_source", "rel_keys_of_source"]


#: The statements' examples drop a property every node and relationship may carry (the user names the real one).
@statement(lambda: [(label, "aliases") for label in NODE_LABELS])
def drop_node_property(label: str, prop: str) -> str:
    """Remove `prop` from the nodes of `label` that list a source of `$rows`; returns how many had it.

    `SET ... = null` removes a property in both stores (and reads as a write to either)."""
    return ("UNWIND $rows AS source\n"
            f"MATCH (n:{check_label(label)})\n"
            f"WHERE source IN n.sources AND n.{check_property(prop)} IS NOT NULL\n"
            f"SET n.{check_property(prop)} = null\n"
            "RETURN count(n) AS removed")


@statement(lambda: [(rel_type, "key") for rel_type in REL_TYPES])
def drop_rel_property(rel_type: str, prop: str) -> str:
    """Remove `prop` from the relationships of `rel_type` that list a source of `$rows`; returns how many had it."""
    return ("UNWIND $rows AS source\n"
            f"MATCH ()-[r:{check_rel_type(rel_type)}]->()\n"
            f"WHERE source IN r.sources AND r.{check_property(prop)} IS NOT NULL\n"
            f"SET r.{check_property(prop)} = null\n"
            "RETURN count(r) AS removed")


@statement(lambda: [("Organisation", "Cluster"), ("Organisation", "SME")])
def drop_node_label(label: str, dropped: str) -> str:
    """Take `dropped` off the `label` nodes whose only source is `$source`; returns how many."""
    return (f"MATCH (n:{check_label(label)}:{check_label(dropped)})\n"
            "WHERE n.sources = [$source]\n"
            f"REMOVE n:{check_label(dropped)}\n"
            "RETURN count(n) AS removed")


@statement(lambda: [("Organisation", "Cluster")])
def labels_kept(label: str, dropped: str) -> str:
    """How many `label` nodes listing `$source` keep `dropped` (other files or loads give them too)."""
    return (f"MATCH (n:{check_label(label)}:{check_label(dropped)})\n"
            "WHERE $source IN n.sources\n"
            "RETURN count(n) AS kept")


def _drop_label(store: GraphStore, spec: FileSpec, source: str, dropped: str) -> str | None:
    removed = int(store.write(drop_node_label(spec.label, dropped), {"source": source}).rows[0][0])
    kept = int(store.read(labels_kept(spec.label, dropped), {"source": source}).rows[0][0])
    if not removed:
        return (f"{spec.file}: label {dropped!r} stays on {kept} {spec.label} node(s) other files or loads give too "
                "(drop in the mapping takes it off the nodes this file alone gives)") if kept else None
    kept_said = f"; {kept} node(s) other files or loads give too keep it" if kept else ""
    return (f"{spec.file}: label {dropped!r} taken off {removed} {spec.label} node(s) only this file gives (drop in "
            f"the mapping){kept_said}")


@statement(lambda: [(label,) for label in NODE_LABELS])
def node_keys_of_source(label: str) -> str:
    """The property names some `label` nodes listing `$source` hold (up to `$limit` nodes looked at)."""
    return (f"MATCH (n:{check_label(label)})\n"
            "WHERE $source IN n.sources\n"
            "WITH n LIMIT $limit\n"
            "UNWIND keys(n) AS key\n"
            "RETURN DISTINCT key")


@statement(lambda: [(rel_type,) for rel_type in REL_TYPES])
def rel_keys_of_source(rel_type: str) -> str:
    """The property names some `rel_type` relationships listing `$source` hold (up to `$limit` looked at)."""
    return (f"MATCH ()-[r:{check_rel_type(rel_type)}]->()\n"
            "WHERE $source IN r.sources\n"
            "WITH r LIMIT $limit\n"
            "UNWIND keys(r) AS key\n"
            "RETURN DISTINCT key")


def _nearly(store: GraphStore, spec: FileSpec, source: str, prop: str) -> str | None:
    """A note for a `drop` that removed nothing while the file's records hold a property it nearly spells
    (`citty` for `city`): a misspelt drop had done nothing without a word. Nothing when none is near: the property
    was dropped by an earlier run, which is what a re-run finds."""
    query = node_keys_of_source(spec.label) if spec.kind == "nodes" else rel_keys_of_source(spec.type)
    held = [row[0] for row in store.read(query, {"source": source, "limit": 1000}).rows if not row[0].startswith("_")]
    near = nearest(prop, held)
    return (f"{spec.file}: drop {prop!r} removed nothing: none of this file's records holds it; they hold "
            f"{near[0]!r} (did you mean that?)") if near else None


def drop_properties(store: GraphStore, specs: list[tuple[FileSpec, str]]) -> list[str]:
    """Run every table's `drop` for its source; one note per property (label) that was still somewhere."""
    notes = []
    for spec, source in specs:
        for prop in spec.drop:
            if spec.kind == "nodes" and prop in DROPPABLE_LABELS:
                notes += [note] if (note := _drop_label(store, spec, source, prop)) else []
                continue
            query = drop_node_property(spec.label, prop) if spec.kind == "nodes" else drop_rel_property(spec.type, prop)
            result = store.write(query, {"rows": [source]})
            removed = int(result.rows[0][0]) if result.rows else 0
            if removed:
                what = f"{spec.label} node(s)" if spec.kind == "nodes" else f"{spec.type} relationship(s)"
                notes.append(f"{spec.file}: property {prop!r} dropped from {removed} {what} (drop in the mapping)")
            elif note := _nearly(store, spec, source, prop):
                notes.append(note)
    return notes
