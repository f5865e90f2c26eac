"""`drop = ["old_name"]`: remove a property a mapping no longer fills from what its file wrote before.

Writes are upserts and never remove a property, so renaming a mapped property (`start` to
`start_date`) left the old one on every node. The user names what to drop: removing whatever a source
wrote before and no longer maps would need a record of every property each source ever wrote, and would
silently take away a value another source (the seed knowledge base, CORDIS) set on the same node. So a
dropped property is removed only from the nodes (relationships) that list this file's `Source` in
their `sources`, and only after the file's records are written; a re-run finds nothing left to remove.
"""

from __future__ import annotations

from graph.store.contract import GraphStore
from graph.store.registry import statement
from graph.store.schema import NODE_LABELS, REL_TYPES, check_label, check_property, check_rel_type
from loaders.mapping_spec import FileSpec

__all__ = ["drop_node_property", "drop_rel_property", "drop_properties"]


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


def drop_properties(store: GraphStore, specs: list[tuple[FileSpec, str]]) -> list[str]:
    """Run every table's `drop` for its source; one note per property that was still somewhere."""
    notes = []
    for spec, source in specs:
        for prop in spec.drop:
            query = drop_node_property(spec.label, prop) if spec.kind == "nodes" else drop_rel_property(spec.type, prop)
            result = store.write(query, {"rows": [source]})
            removed = int(result.rows[0][0]) if result.rows else 0
            if removed:
                what = f"{spec.label} node(s)" if spec.kind == "nodes" else f"{spec.type} relationship(s)"
                notes.append(f"{spec.file}: property {prop!r} dropped from {removed} {what} (drop in the mapping)")
    return notes
