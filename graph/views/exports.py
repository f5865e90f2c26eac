"""Exports of a view: GraphML and CSV files, and the graph of a query's result."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

import networkx as nx

__all__ = ["to_graphml", "nodes_csv", "edges_csv", "result_graph", "SPREADSHEET_MARK", "for_spreadsheets"]

#: UTF-8's byte-order mark, first in every CSV file written for people (the app's downloads, the CLI's `--out`):
#: without it Excel reads the file in the machine's legacy code page and shows "Småland" as "SmÃ¥land". Our own
#: loaders, pandas and Python's `utf-8-sig` skip the mark.
SPREADSHEET_MARK = "\ufeff"


def _flat(value: Any) -> Any:
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def to_graphml(graph: nx.Graph) -> bytes:
    """The view as GraphML (lists and maps as JSON text, which GraphML cannot hold otherwise)."""
    plain = nx.MultiDiGraph()
    for key, data in graph.nodes(data=True):
        plain.add_node(str(key), **{k: _flat(v) for k, v in data.items() if v is not None})
    for u, v, data in graph.edges(data=True):
        plain.add_edge(str(u), str(v), **{k: _flat(x) for k, x in data.items() if x is not None})
    buffer = io.BytesIO()
    nx.write_graphml(plain, buffer, encoding="utf-8")
    return buffer.getvalue()


def _csv(columns: list[str], rows: Iterable[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows({k: ("" if v is None else _flat(v)) for k, v in row.items()} for row in rows)
    return buffer.getvalue()


def nodes_csv(graph: nx.Graph) -> str:
    """One row per node: key, kind, id, name, then every property (lists as JSON)."""
    extra = sorted({k for _, d in graph.nodes(data=True) for k in d} - {"kind", "id", "name"})
    rows = ({"key": key, **data} for key, data in graph.nodes(data=True))
    return _csv(["key", "kind", "id", "name", *extra], rows)


def edges_csv(graph: nx.Graph) -> str:
    """One row per relationship: start, end, type, then its properties."""
    extra = sorted({k for *_, d in graph.edges(data=True) for k in d} - {"type"})
    rows = ({"start": u, "end": v, **data} for u, v, data in graph.edges(data=True))
    return _csv(["start", "end", "type", *extra], rows)


def result_graph(result: Any) -> nx.MultiDiGraph:
    """The nodes and relationships a query returned (`QueryResult.nodes` / `.relationships`) as a graph."""
    graph = nx.MultiDiGraph()
    for key, node in result.nodes.items():
        graph.add_node(key, **{**node.get("properties", {}), "kind": node.get("kind", ""),
                               "labels": node.get("labels", [])})
    for rel in result.relationships:
        if rel.get("start") in graph and rel.get("end") in graph:
            graph.add_edge(rel["start"], rel["end"], type=rel.get("type", ""), **rel.get("properties", {}))
    return graph


def for_spreadsheets(csv_text: str) -> str:
    """CSV text with `SPREADSHEET_MARK` first, once (a text that has it, `queries.runner.write_rows`'s, keeps one).

    Examples
    --------
    >>> once = for_spreadsheets("name\\nSmåland\\n")
    >>> once == for_spreadsheets(once) == "\\ufeffname\\nSmåland\\n"
    True
    """
    return SPREADSHEET_MARK + csv_text.removeprefix(SPREADSHEET_MARK)
