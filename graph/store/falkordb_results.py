"""FalkorDB answers made plain: rows of plain values, plus the nodes and relationships seen in them."""

from __future__ import annotations

from typing import Any

from falkordb import Edge, Node
from falkordb import Path as FPath

from graph.store.contract import QueryResult, plain, visible_properties, without_internal
from graph.store.cypher import resolve_node_keys
from graph.store.schema import kind_of, node_key

__all__ = ["to_query_result"]

_PLAIN_SCALARS = frozenset({str, int, float, bool, type(None)})


def to_query_result(result: Any, row_cap: int | None, graph: Any) -> QueryResult:
    """`result` (the falkordb client's) as our `QueryResult`; `graph` resolves edge endpoints to node keys."""
    columns = [h[1] if isinstance(h, (list, tuple)) else str(h) for h in result.header]
    raw_rows = result.result_set
    truncated = row_cap is not None and len(raw_rows) > row_cap
    if truncated:
        raw_rows = raw_rows[:row_cap]
    out = QueryResult(columns=columns, rows=[], truncated=truncated)
    pending_edges: list[Any] = []
    out.rows = [[_value(v, out, pending_edges) for v in row] for row in raw_rows]
    if pending_edges:
        _resolve_edges(graph, pending_edges, out)
    return out


def _value(value: Any, out: QueryResult, pending_edges: list[Any]) -> Any:
    if type(value) in _PLAIN_SCALARS:
        return value
    if isinstance(value, Node):
        return _node(value, out)
    if isinstance(value, Edge):
        pending_edges.append(value)
        return {"type": value.relation, "properties": visible_properties(value.properties)}
    if isinstance(value, FPath):
        nodes = [_node(n, out) for n in value.nodes()]
        pending_edges.extend(value.edges())
        return {"path": [n["key"] for n in nodes]}
    # scalars inside lists and maps (most values) skip the call
    if isinstance(value, list):
        return [v if type(v) in _PLAIN_SCALARS else _value(v, out, pending_edges) for v in without_internal(value)]
    if isinstance(value, dict):
        return {k: v if type(v) in _PLAIN_SCALARS else _value(v, out, pending_edges)
                for k, v in without_internal(value).items()}
    return plain(value)


def _node(node: Any, out: QueryResult) -> dict[str, Any]:
    labels = list(node.labels or [])
    props = visible_properties(node.properties)
    kind = props.get("kind") or kind_of(labels)
    key = node_key(kind, str(props.get("id", node.id)))
    entry = {"key": key, "kind": kind, "id": props.get("id"), "labels": labels, "properties": props}
    out.nodes.setdefault(key, entry)
    return entry


def _resolve_edges(graph: Any, edges: list[Any], out: QueryResult) -> None:
    """Edges come back with internal endpoint ids; one query turns them into node keys."""
    ids = sorted({int(getattr(e.src_node, "id", e.src_node)) for e in edges}
                 | {int(getattr(e.dest_node, "id", e.dest_node)) for e in edges})
    found = graph.ro_query(resolve_node_keys(), {"ids": ids})
    keys = {internal: node_key(kind, str(nid)) for internal, kind, nid in found.result_set}
    for e in edges:
        start = keys.get(int(getattr(e.src_node, "id", e.src_node)))
        end = keys.get(int(getattr(e.dest_node, "id", e.dest_node)))
        out.relationships.append({"type": e.relation, "start": start, "end": end,
                                  "properties": visible_properties(e.properties)})
