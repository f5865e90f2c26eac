"""Reading the store back as the CLI, the app and the analytics need it: counts, the load log, networkx.

Written once over the store contract with the Cypher of `graph.store.cypher`.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph.errors import QueryError
from graph.memory import gc_paused
from graph.store import cypher
from graph.store.contract import BOOKKEEPING, GraphStore
from graph.store.registry import fixed_statement
from graph.store.schema import NODE_LABELS, REL_TYPES, check_label, check_rel_type, node_key

__all__ = ["counts", "to_networkx", "last_loads"]

#: The load log, newest first: by sequence number (`graph.store.load_log`), then by stamp.
LAST_LOADS = fixed_statement(
    __name__, "LAST_LOADS",
    "MATCH (l:Load) RETURN l.source AS source, l.loaded_at AS loaded_at, l.checksum AS checksum, l.nodes AS nodes, "
    "l.relationships AS relationships, l.status AS status, l.started_at AS started_at, l.unload_started_at AS "
    "unload_started_at, l.seq AS seq, l.records_version AS records_version, l.reader_version AS reader_version "
    "ORDER BY coalesce(l.seq, -1) DESC, coalesce(l.loaded_at, l.started_at) DESC LIMIT $limit")


def counts(store: GraphStore) -> tuple[dict[str, int], dict[str, int]]:
    """Nodes per label and relationships per type (zeros left out)."""
    labels = {label: store.read(cypher.count_label(label)).rows[0][0] for label in NODE_LABELS}
    types = {t: store.read(cypher.count_rel_type(t)).rows[0][0] for t in REL_TYPES}
    return ({k: v for k, v in labels.items() if v}, {k: v for k, v in types.items() if v})


def to_networkx(store: GraphStore, labels: list[str] | None = None,
                rel_types: list[str] | None = None) -> nx.MultiDiGraph:
    """The whole graph, or the part with the given labels and relationship types, as networkx.

    Nodes are keyed `kind:id` and carry their properties plus `labels`; edges carry `type` and
    their properties. Only schema names are accepted as filters.
    """
    for label in labels or []:
        check_label(label)
    for rel_type in rel_types or []:
        check_rel_type(rel_type)
    params = {"labels": labels, "types": rel_types}
    graph = nx.MultiDiGraph()
    with gc_paused():  # every object made here lives on in the graph: nothing for the collector to find
        nodes = store.read(cypher.export_nodes(), params, row_cap=10**9, timeout_s=300)
        for kind, node_id, node_labels, props in nodes.rows:
            for hidden in BOOKKEEPING:
                props.pop(hidden, None)
            graph.add_node(node_key(kind, node_id), **{**props, "labels": node_labels})
        del nodes
        rels = store.read(cypher.export_relationships(), params, row_cap=10**9, timeout_s=300)
        for start_kind, start_id, rel_type, end_kind, end_id, props in rels.rows:
            attrs = {k: v for k, v in props.items() if k not in ("type", "key", *BOOKKEEPING)}
            graph.add_edge(node_key(start_kind, start_id), node_key(end_kind, end_id),
                           key=f"{rel_type}:{props.get('key', '')}", type=rel_type, **attrs)
    return graph


def last_loads(store: GraphStore, limit: int = 10) -> list[dict[str, Any]]:
    """The most recent loads, newest first; none on a new store, whose graph no statement has made yet (FalkorDB
    refuses a read of it, "empty key": the re-load check of `load_seeds` straight after opening a new store)."""
    try:
        return store.read(LAST_LOADS, {"limit": limit}).records()
    except QueryError as e:
        if "empty key" in str(e):
            return []
        raise
