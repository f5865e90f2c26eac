"""Draw a networkx graph as one self-contained HTML page (pyvis / vis-network), as a pure function.

The only module that touches pyvis. Three things it does differently from a plain pyvis build:

* **In bulk.** pyvis's `add_node` / `add_edge` / `from_nx` are quadratic (28 s for 10,000 nodes); the
  node and edge lists are filled directly and `generate_html()` renders them once.
* **Positions from the server, physics off.** `graph.views.layout` computes them (cached), so 1,000 nodes
  draw at once instead of vis-network settling them for a minute.
* **Offline and inert user text.** vis-network is in-lined (`cdn_resources="in_line"`) and our own
  template drops pyvis's CDN links (Bootstrap) and its tooltip mode that sets `innerHTML` from a
  title containing "href". Names and tooltips travel as JSON (`<`, `>`, `&` escaped) and become
  plain-text DOM elements (`textContent`), so `<img src=x onerror=alert(1)>` shows as text.

Nodes are numbered in the page (their store key is in `key`; `nodeOf(key)` finds one), which keeps
the page small: the edges, most of its weight, name their ends by number. The page has a "Download
PNG" button (the canvas's `toDataURL`, white background) and marks `<body data-drawn="N">` after the
first drawing, which the end-to-end tests and the benchmark watch.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis
from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemLoader
from pyvis.network import Network

from graph.errors import ParameterError
from graph.views.filters import cap_view, display_name
from graph.views.layout import positions

__all__ = ["to_html", "KIND_COLOURS", "COLOUR_BY"]

KIND_COLOURS: dict[str, str] = {
    "Cluster": "#e45756", "Organisation": "#4c78a8", "Region": "#72b7b2", "Country": "#54a24b",
    "Programme": "#f58518", "Project": "#b279a2", "QualityLabel": "#eeca3b", "Sector": "#9d755d",
    "Person": "#ff9da6", "Award": "#bab0ac", "Source": "#79706e", "Load": "#d3d3d3",
}
_PALETTE = ("#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6",
            "#9d755d", "#bab0ac", "#1f77b4", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#17becf")
COLOUR_BY = ("kind", "community")
_TITLE_PROPERTIES = ("acronym", "country", "city", "nuts_code", "level", "start_date", "end_date", "status",
                     "activity_type", "role", "since", "awarded", "expires")
_EDGE_PROPERTIES = ("role", "since", "awarded", "expires", "status")

_TEMPLATE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<style>{% include 'cluster_explorer_network.css' %}</style>
<script>{% include 'lib/vis-9.1.2/vis-network.min.js' %}</script>
<style>
 body { margin: 0; font-family: sans-serif; font-size: 13px; }
 #ce-bar { display: flex; gap: 12px; align-items: center; padding: 4px 2px; }
 #ce-bar button { font: inherit; padding: 2px 10px; cursor: pointer; }
 #ce-note { color: #555; } #ce-selected { color: #222; font-weight: 600; white-space: pre; overflow: hidden; }
 #mynetwork { width: {{width}}; height: {{height}}; border: 1px solid #ddd; position: relative; }
 .ce-tip { white-space: pre-line; max-width: 420px; }
 #ce-legend > span { margin-right: 8px; white-space: nowrap; }
 .ce-swatch { display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin-right: 3px; }
</style></head>
<body>
<div id="ce-bar"><button id="ce-png" type="button">Download PNG</button>
<span id="ce-note"></span><span id="ce-legend"></span><span id="ce-selected"></span></div>
<div id="mynetwork"></div>
<script>
(function () {
  function plainText(text) {
    var element = document.createElement("div");
    element.className = "ce-tip";
    element.textContent = text;
    return element;
  }
  function inert(items) {
    items.forEach(function (item) { if (typeof item.title === "string") { item.title = plainText(item.title); } });
    return items;
  }
  var nodes = new vis.DataSet(inert({{nodes|tojson}}));
  var edges = new vis.DataSet(inert({{edges|tojson}}));
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, {{options|safe}});
  window.network = network;
  window.nodeOf = function (key) {
    var found = nodes.get({filter: function (n) { return n.key === key; }});
    return found.length ? found[0].id : null;
  };
  var heading = {{heading|tojson}};
  document.getElementById("ce-note").textContent = heading.note;
  heading.legend.forEach(function (entry) {
    var item = document.createElement("span");
    var swatch = document.createElement("span");
    swatch.className = "ce-swatch"; swatch.style.background = entry[1];
    item.appendChild(swatch); item.appendChild(document.createTextNode(entry[0]));
    document.getElementById("ce-legend").appendChild(item);
  });
  network.on("beforeDrawing", function (ctx) {
    ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height); ctx.restore();
  });
  network.once("afterDrawing", function () {
    if (network.getScale() > 1) { network.moveTo({scale: 1}); }  // a few nodes: fit, but never magnify
    window.ceDrawnAt = Date.now();
    document.body.setAttribute("data-drawn", String(nodes.length));
  });
  network.on("click", function (params) {
    var shown = document.getElementById("ce-selected");
    var node = params.nodes.length ? nodes.get(params.nodes[0]) : null;
    shown.textContent = node ? node.label + "  (" + node.key + ")" : "";
  });
  document.getElementById("ce-png").addEventListener("click", function () {
    var link = document.createElement("a");
    link.href = container.querySelector("canvas").toDataURL("image/png");
    link.download = "network.png";
    document.body.appendChild(link); link.click(); link.remove();
  });
})();
</script>
</body></html>
"""
_PYVIS_TEMPLATES = Path(pyvis.__file__).parent / "templates"
#: vis-network's stylesheet is 215 KB, nearly all of it images of editing and navigation buttons this
#: view does not show; the tooltip and overlay rules are what it needs.
_UNUSED_CSS = re.compile(r"manipulation|edit-mode|navigation|color-picker|configuration|vis-button|vis-close")
_CSS = "".join(f"{selector}{{{body}}}" for selector, body in re.findall(
    r"([^{}]+)\{([^{}]*)\}", (_PYVIS_TEMPLATES / "lib" / "vis-9.1.2" / "vis-network.css").read_text())
    if not _UNUSED_CSS.search(selector))
_ENV = Environment(loader=ChoiceLoader([
    DictLoader({"cluster_explorer_network.html": _TEMPLATE, "cluster_explorer_network.css": _CSS}),
    FileSystemLoader(str(_PYVIS_TEMPLATES)),
]))


def _short(value: Any, limit: int = 80) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _node_title(key: Hashable, data: Mapping[str, Any]) -> str:
    lines = [display_name(key, data), f"{data.get('kind', '')} · {data.get('id', key)}"]
    lines += [f"{p}: {_short(data[p])}" for p in _TITLE_PROPERTIES if data.get(p) not in (None, "", [])]
    if data.get("sources"):
        lines.append(f"sources: {_short(data['sources'])}")
    return "\n".join(lines)


def _community_colours(simple: nx.Graph, seed: int) -> tuple[dict[Hashable, str], int]:
    groups = sorted(nx.community.louvain_communities(simple, seed=seed), key=lambda c: (-len(c), min(map(str, c))))
    return {node: _PALETTE[i % len(_PALETTE)] for i, group in enumerate(groups) for node in group}, len(groups)


def _sizes(nodes: list[Hashable], values: Mapping[Hashable, float]) -> dict[Hashable, float]:
    """Node radius 8-40 px, by the square root of the metric."""
    top = max((float(values.get(n) or 0.0) for n in nodes), default=0.0)
    if top <= 0:
        return dict.fromkeys(nodes, 12.0)
    return {n: 8.0 + 32.0 * math.sqrt(max(float(values.get(n) or 0.0), 0.0) / top) for n in nodes}


def _edges(edge_items: list[tuple[Hashable, Hashable, Mapping[str, Any]]], ids: Mapping[Hashable, int],
           detailed: bool) -> list[dict[str, Any]]:
    """One drawn edge per (start, end, type); parallel ones are counted and drawn thicker.

    Edges are most of the page's weight, so they name their ends by number and give their
    properties (role, dates) only when `detailed`.
    """
    merged: dict[tuple[Hashable, Hashable, str], list[Mapping[str, Any]]] = {}
    for u, v, data in edge_items:
        merged.setdefault((u, v, str(data.get("type", ""))), []).append(data)
    edges = []
    for (u, v, rel_type), datas in merged.items():
        details = [f"{p}: {_short(d[p])}" for d in datas[:3] for p in _EDGE_PROPERTIES if d.get(p)] if detailed else []
        edge = {"from": ids[u], "to": ids[v], "title": "\n".join([rel_type + (f" ×{len(datas)}" if len(datas) > 1
                                                                               else ""), *details])}
        if len(datas) > 1:
            edge["width"] = 1 + math.log2(len(datas))
        edges.append(edge)
    return edges


def to_html(graph: nx.Graph, *, color_by: str = "kind", size_by: Mapping[Hashable, float] | None = None,
            max_nodes: int = 1000, focus: Iterable[Hashable] = (), highlight: Iterable[Hashable] = (),
            height: int = 640, physics: bool = False, seed: int = 7) -> str:
    """The whole HTML page of an interactive network view of `graph`.

    Above `max_nodes` the view keeps the most relevant nodes (nearest the `focus` nodes, then the
    best by `size_by` or degree) and says in the page how many it left out. `color_by` is "kind"
    (the node's `kind`) or "community" (Louvain, seeded). Node size follows `size_by` (degree when
    None). `highlight` nodes (a path) get a thick border. Returns a string; nothing is written to disk.
    """
    if color_by not in COLOUR_BY:
        raise ParameterError(f"color_by must be one of {', '.join(COLOUR_BY)}, not {color_by!r}")
    focus, highlight = set(focus), set(highlight)
    view, left_out = cap_view(graph, max_nodes, focus=focus, scores=size_by)
    node_items = list(view.nodes(data=True))
    edge_items = list(view.edges(data=True))  # one pass: views of large graphs are slow to walk twice
    simple = nx.Graph()
    simple.add_nodes_from(key for key, _ in node_items)
    simple.add_edges_from((u, v) for u, v, _ in edge_items if u != v)
    pos = positions(simple, seed=seed)
    degree = Counter(n for u, v, _ in edge_items for n in (u, v))
    sizes = _sizes(list(simple), size_by if size_by is not None else degree)
    if color_by == "community":
        colours, groups = _community_colours(simple, seed)
        legend = [[f"{groups} communities", _PALETTE[0]]]
    else:
        colours = {key: KIND_COLOURS.get(data.get("kind", ""), "#888888") for key, data in node_items}
        present = {data.get("kind") for _, data in node_items}
        legend = [[kind, colour] for kind, colour in KIND_COLOURS.items() if kind in present]
    nodes, ids = [], {}
    for number, (key, data) in enumerate(node_items):
        ids[key] = number
        node = {"id": number, "key": str(key), "label": _short(display_name(key, data), 32),
                "title": _node_title(key, data), "x": pos[key][0], "y": pos[key][1],
                "size": round(sizes[key] * (1.3 if key in focus else 1.0), 1),
                "font": {"size": round(8 + sizes[key] / 3)}, "color": colours.get(key, "#888888")}
        if key in focus or key in highlight:
            node.update(color={"background": node["color"], "border": "#111111"}, borderWidth=4)
        nodes.append(node)
    note = f"{len(nodes):,} nodes, {len(edge_items):,} relationships"
    if left_out:
        note += f"; {left_out:,} less relevant nodes left out (cap {max_nodes:,})"
    net = Network(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line")
    net.heading = {"note": note, "legend": legend}  # only our template reads it, through tojson
    net.templateEnv, net.path = _ENV, "cluster_explorer_network.html"
    net.nodes, net.edges = nodes, _edges(edge_items, ids, detailed=len(edge_items) <= 2000)
    net.options = {
        "physics": {"enabled": physics, "stabilization": {"enabled": physics, "iterations": 200}},
        "layout": {"improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": len(nodes) > 1500},
        "nodes": {"shape": "dot", "borderWidth": 1, "font": {"face": "sans-serif"},
                  "scaling": {"label": {"drawThreshold": 7}}},
        "edges": {"smooth": False, "color": {"color": "#b5b5b5", "highlight": "#333333", "hover": "#555555"},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.35}}},
    }
    return net.generate_html()
