"""A view's nodes and relationships read from the store as networkx: what the drawing uses, and every property
for an export (for `graph.views.store_views`).

A view reads only the properties its drawing uses (`view_cypher.DRAWN_NODE`, `DRAWN_EDGE`: names, tooltips,
the metrics it can be sized by, the dates a time window tests). A 5,000-node view with every property read
6 MB of nodes, 4.3 of it projects' objectives, and 20,000 maps of relationship properties no drawing shows: those
two reads were 2.95 s of its 3.6 s read at load 1 (`bench/bench_explore_focus.py`). The exports of a view
(GraphML, CSV) hold every property, as before: `with_all_properties` reads them when a download is asked for, for
the same nodes and relationships.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.store import view_cypher as q
from graph.store.contract import BOOKKEEPING, GraphStore
from graph.store.schema import NODE_LABELS, node_key
from graph.views.filters import Filters
from graph.views.time_window import edge_in_window

__all__ = ["EDGES_CUT", "view_graph", "nodes_by_key", "with_all_properties"]

EDGES_CUT = "edges_cut"  # the view graph's attribute (`graph.graph`) saying its nodes have more relationships
#: The most relationships `with_all_properties` reads back (a view keeps at most `store_views.EDGE_LIMIT`).
_EXPORT_ROWS = 1_000_000


def _edge_key(rel_type: str, key: object) -> str:
    return f"{rel_type}:{'' if key is None else key}"


def view_graph(store: GraphStore, nodes: Iterable[int], filters: Filters, edge_limit: int,
               starts: Iterable[int] | None = None) -> tuple[nx.MultiDiGraph, dict[int, str]]:
    """The nodes with the properties drawn and the first `edge_limit` relationships among them (those leaving
    `starts`, when given: a partner with hundreds of projects need not be walked), as networkx; internal id -> key.
    `graph.graph[EDGES_CUT]` says whether more were left."""
    ids = list(nodes)
    graph = nx.MultiDiGraph()
    keys = {}
    for node, kind, node_id, labels, *values in store.read(q.NODES_DRAWN, {"nodes": ids}, row_cap=len(ids)).rows:
        keys[node] = node_key(kind, node_id)
        drawn = {"kind": kind, "id": node_id, **dict(zip(q.DRAWN_NODE, values, strict=True))}
        graph.add_node(keys[node], **{p: v for p, v in drawn.items() if v is not None}, labels=labels)
    params = {"nodes": ids, "starts": ids if starts is None else list(starts), "limit": edge_limit + 1,
              "kinds": sorted({data.get("kind") for _, data in graph.nodes(data=True)})}
    rows = store.read(q.EDGES_DRAWN, params, row_cap=edge_limit + 1).rows
    graph.graph[EDGES_CUT] = len(rows) > edge_limit
    for start, rel_type, end, key, *values in rows[:edge_limit]:
        attrs = {p: v for p, v in zip(q.DRAWN_EDGE[1:], values, strict=True) if v is not None}
        if (filters.start or filters.end) and not edge_in_window(attrs, filters.start, filters.end):
            continue
        graph.add_edge(keys[start], keys[end], key=_edge_key(rel_type, key), type=rel_type, **attrs)
    return graph, keys


def nodes_by_key(store: GraphStore, keys: Iterable[str]) -> dict[int, tuple[str, str]]:
    """Internal id -> (key, name) of the nodes named by `keys` (unknown keys left out), found now: internal ids are
    not kept across loads (an id freed by an unload is given to a new node), and a download may come after one."""
    by_label: dict[str, list[str]] = {}
    for key in keys:
        kind, _, node_id = str(key).partition(":")
        if kind in NODE_LABELS and node_id:
            by_label.setdefault(kind, []).append(node_id)
    found = {}
    for label, ids in by_label.items():
        for node, kind, node_id, name in store.read(q.resolve(label), {"ids": ids}, row_cap=len(ids) * 2).rows:
            # a key by another label the node carries (Organisation:pic:... of a detected Cluster, from a link
            # made before it was one) finds the node under its own key
            found[node] = (node_key(kind, node_id), str(name or node_id))
    return found


def with_all_properties(store: GraphStore, view: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of `view` (a `view_graph`, or part of one) whose nodes and relationships carry every property the
    store holds, as an export gives them; what the store does not hold (the clusters' shared-project links) stays
    as it is. The nodes are found by their keys, then read, then the relationships among them, kept only where the
    view has them."""
    full = view.copy()
    ids = [node for node, (key, _) in nodes_by_key(store, full).items() if key in full]
    if not ids:
        return full
    keys = {}
    for node, kind, node_id, labels, props in store.read(q.NODES, {"nodes": ids}, row_cap=len(ids)).rows:
        keys[node] = key = node_key(kind, node_id)
        if key in full:
            data = full.nodes[key]
            data.clear()
            data.update({k: v for k, v in props.items() if k not in BOOKKEEPING}, labels=labels)
    starts = [node for node, key in keys.items() if key in full and full.out_degree(key)]
    params = {"nodes": ids, "starts": starts, "limit": _EXPORT_ROWS,
              "kinds": sorted({data.get("kind") for _, data in full.nodes(data=True)})}
    for start, rel_type, end, props in store.read(q.EDGES_AMONG, params, row_cap=_EXPORT_ROWS).rows:
        edge = (keys.get(start), keys.get(end), _edge_key(rel_type, props.get("key")))
        if full.has_edge(*edge):
            data = full.edges[edge]
            data.clear()
            data["type"] = rel_type
            data.update({k: v for k, v in props.items() if k not in ("type", "key", *BOOKKEEPING)})
    return full
