"""Draw a networkx graph as one self-contained HTML page (pyvis / vis-network), as a pure function.

The only module that touches pyvis. Three things it does differently from a plain pyvis build:

* **In bulk.** pyvis's `add_node` / `add_edge` / `from_nx` are quadratic (28 s for 10,000 nodes); the
  node and edge lists are filled directly and `generate_html()` renders them once.
* **Positions from the server, physics off.** `graph.views.layout` computes them (cached), so 1,000 nodes
  draw at once instead of vis-network settling them for a minute.
* **Offline and inert user text.** vis-network is in-lined (`cdn_resources="in_line"`) and our own
  template drops pyvis's CDN links (Bootstrap) and its tooltip mode that sets `innerHTML` from a
  title containing "href". The app passes `library=` instead: the page then loads vis-network (460 KB)
  from the app's own static files (`LIBRARY_FILE`, in `static/`), which the browser caches and
  compiles once instead of in every frame of every session; a page for a file stays self-contained.
  Names and tooltips travel as JSON (`<`, `>`, `&` escaped) and become plain-text DOM elements
  (`textContent`), so `<img src=x onerror=alert(1)>` shows as text.

Nodes are numbered in the page (their store key is in `key`; `nodeOf(key)` finds one), which keeps
the page small: the edges, most of its weight, name their ends by number, and a tooltip that is their type
alone by the type's number (a 5,000-node view's page went from 2.76 to 2.38 MB). The page has a "Download
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
from graph.views.render_page import TEMPLATE as _TEMPLATE

__all__ = ["to_html", "KIND_COLOURS", "COLOUR_BY", "LIBRARY_FILE", "library_text", "self_contained"]

KIND_COLOURS: dict[str, str] = {
    "Cluster": "#e45756", "Organisation": "#4c78a8", "Region": "#72b7b2", "Country": "#54a24b",
    "Programme": "#f58518", "Project": "#b279a2", "QualityLabel": "#eeca3b", "Sector": "#9d755d",
    "Person": "#ff9da6", "Award": "#bab0ac", "Source": "#79706e", "Load": "#d3d3d3",
}
_PALETTE = ("#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6",
            "#9d755d", "#bab0ac", "#1f77b4", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#17becf")
COLOUR_BY = ("kind", "community")
#: A view of at most this many nodes labels every one at a readable size: a load's 21 nodes, fitted to the frame,
#: had had labels of 4 px (hidden: programmes, countries) beside the 12 most important.
LABEL_EVERY = 40
_TITLE_PROPERTIES = ("acronym", "country", "city", "nuts_code", "level", "start_date", "end_date", "status",
                     "activity_type", "role", "since", "awarded", "expires")
_EDGE_PROPERTIES = ("role", "since", "awarded", "expires", "status")

_PYVIS_TEMPLATES = Path(pyvis.__file__).parent / "templates"
#: vis-network's stylesheet is 215 KB, nearly all of it images of editing and navigation buttons this
#: view does not show; the tooltip and overlay rules are what it needs.
_UNUSED_CSS = re.compile(r"manipulation|edit-mode|navigation|color-picker|configuration|vis-button|vis-close")
_CSS = "".join(f"{selector}{{{body}}}" for selector, body in re.findall(
    r"([^{}]+)\{([^{}]*)\}", (_PYVIS_TEMPLATES / "lib" / "vis-9.1.2" / "vis-network.css").read_text())
    if not _UNUSED_CSS.search(selector))
#: The file a page made with `library=` loads, named by the vis-network version (a new version, a new URL).
#: Its stylesheet, trimmed to 0.5 KB, stays in the page.
LIBRARY_FILE = "vis-network-9.1.2.min.js"
_SAFE_URL = re.compile(r"[\w/.:-]*/")
_ENV = Environment(loader=ChoiceLoader([
    DictLoader({"cluster_explorer_network.html": _TEMPLATE, "cluster_explorer_network.css": _CSS}),
    FileSystemLoader(str(_PYVIS_TEMPLATES)),
]))


def library_text() -> str:
    """The text of `LIBRARY_FILE`: what the app's `static/` folder must hold under that name."""
    return (_PYVIS_TEMPLATES / "lib" / "vis-9.1.2" / "vis-network.min.js").read_text()


def self_contained(html: str) -> str:
    """A page of `to_html` with the library in-lined, however it was made: the one to save as a file.

    >>> self_contained(to_html(nx.Graph(), library="/app/static/")) == to_html(nx.Graph())
    True
    """
    tag = re.compile(r'<script src="[\w/.:-]*/' + re.escape(LIBRARY_FILE) + r'"></script>')
    return tag.sub(lambda _: f"<script>{library_text()}</script>", html, count=1)


def _short(value: Any, limit: int = 80) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _node_title(key: Hashable, data: Mapping[str, Any]) -> list[str]:
    """The lines of a node's tooltip: its name, `kind · id`, then the properties it has."""
    lines = [display_name(key, data), f"{data.get('kind', '')} · {data.get('id', key)}"]
    lines += [f"{p}: {_short(data[p])}" for p in _TITLE_PROPERTIES if data.get(p) not in (None, "", [])]
    if data.get("sources"):
        lines.append(f"sources: {_short(data['sources'])}")
    return lines


def _tooltips(node_items: list[tuple[Hashable, Mapping[str, Any]]],
              labels: Mapping[Hashable, str]) -> tuple[list[dict[str, Any]], list[str]]:
    """Each node's tooltip as the page rebuilds it (`nodeTitle`), and the lines that more than one node shares.

    A tooltip repeats what the node carries already, and many lines are the same on thousands of nodes
    ("sources: cordis:projects.csv", "status: SIGNED"): the name is left out when it is the node's label, the
    `kind · id` line when it is the key with its first ":" spelt " · ", and a line that more than one node has
    goes once into the shared list and is named by its number (a 5,000-node view's tooltips went from 0.84 to
    0.3 MB). The page joins the lines as plain text (`textContent`), as before.
    """
    titles = [_node_title(key, data) for key, data in node_items]
    counts = Counter(line for lines in titles for line in lines[2:])
    shared: dict[str, int] = {}
    parts = []
    for (key, _), lines in zip(node_items, titles, strict=True):
        part: dict[str, Any] = {}
        if lines[0] != labels[key]:
            part["tn"] = lines[0]
        text, colon = str(key), str(key).find(":")
        if lines[1] != f"{text[:colon]} · {text[colon + 1:]}":
            part["tk"] = lines[1]
        rest = [shared.setdefault(line, len(shared)) if counts[line] > 1 else line for line in lines[2:]]
        if rest:
            part["tip"] = rest
        parts.append(part)
    return parts, list(shared)


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
           detailed: bool) -> tuple[list[dict[str, Any]], list[str]]:
    """One drawn edge per (start, end, type); parallel ones are counted and drawn thicker; and the types named.

    Edges are most of the page's weight, so they name their ends by number, give their
    properties (role, dates) only when `detailed`, and a tooltip that is their type alone by its number
    in the types (`t`; the page makes the tooltip: 20,000 of them had been half a MB of a 5,000-node page).
    """
    merged: dict[tuple[Hashable, Hashable, str], list[Mapping[str, Any]]] = {}
    for u, v, data in edge_items:
        merged.setdefault((u, v, str(data.get("type", ""))), []).append(data)
    edges, types = [], {}
    for (u, v, rel_type), datas in merged.items():
        details = [f"{p}: {_short(d[p])}" for d in datas[:3] for p in _EDGE_PROPERTIES if d.get(p)] if detailed else []
        title = "\n".join([rel_type + (f" ×{len(datas)}" if len(datas) > 1 else ""), *details])
        edge = {"from": ids[u], "to": ids[v]}
        if title == rel_type:
            edge["t"] = types.setdefault(rel_type, len(types))
        else:
            edge["title"] = title
        if len(datas) > 1:
            edge["width"] = 1 + math.log2(len(datas))
        if datas[0].get("dashed"):  # a step of a path that no relationship holds (`graph.views.path_view`)
            edge["dashes"] = True
        edges.append(edge)
    return edges, list(types)


def _pinned(simple: nx.Graph, centres: list[Hashable], score: Mapping[Hashable, float],
            count: int) -> dict[Hashable, int]:
    """Nodes whose label is always drawn: the centres (1), then `count` others (2), the centres'
    neighbours first, each group by score."""
    near = {m for c in centres for m in simple[c]}
    others = sorted((n for n in simple if n not in set(centres)),
                    key=lambda n: (n not in near, -float(score.get(n) or 0), str(n)))
    return {**dict.fromkeys(others[:max(count, 0)], 2), **dict.fromkeys(centres, 1)}


def to_html(graph: nx.Graph, *, color_by: str = "kind", size_by: Mapping[Hashable, float] | None = None,
            max_nodes: int = 1000, focus: Iterable[Hashable] = (), highlight: Iterable[Hashable] = (),
            height: int = 640, physics: bool = False, seed: int = 7, labelled: int = 12,
            library: str | None = None) -> str:
    """The whole HTML page of an interactive network view of `graph`.

    Above `max_nodes` the view keeps the most relevant nodes (nearest the `focus` nodes, then the
    best by `size_by` or degree) and says in the page how many it left out. `color_by` is "kind"
    (the node's `kind`) or "community" (Louvain, seeded). Node size follows `size_by` (degree when
    None). `highlight` nodes (a path) get a thick border. The focus, the path and the `labelled` most
    important other nodes (the focus's neighbours first, then by size; every node of a view of at most
    `LABEL_EVERY`) keep a readable label at any zoom, inside the frame (`graph.views.render_page`).
    `library` is the URL folder (ending in "/") holding `LIBRARY_FILE` that the page loads vis-network from;
    None (for a file opened offline) in-lines it. Returns a string;
    nothing is written to disk.
    """
    if library is not None and not _SAFE_URL.fullmatch(library):
        raise ParameterError(f"library must be a URL folder ending in '/', not {library!r}")
    if color_by not in COLOUR_BY:
        raise ParameterError(f"color_by must be one of {', '.join(COLOUR_BY)}, not {color_by!r}")
    focus, highlight = set(focus), set(highlight)
    view, left_out = cap_view(graph, max_nodes, focus=focus, scores=size_by)
    node_items = list(view.nodes(data=True))
    edge_items = list(view.edges(data=True))  # one pass: views of large graphs are slow to walk twice
    simple = nx.Graph()
    simple.add_nodes_from(key for key, _ in node_items)
    simple.add_edges_from((u, v) for u, v, _ in edge_items if u != v)
    degree = Counter(n for u, v, _ in edge_items for n in (u, v))
    score = size_by if size_by is not None else degree
    sizes = _sizes(list(simple), score)
    labels = {key: _short(display_name(key, data), 32) for key, data in node_items}
    widths = {key: len(labels[key]) * 0.6 * round(8 + sizes[key] / 3) for key in labels}  # a label's pixels
    drawn = {key: round(max(sizes[key] * 1.3, 24.0) if key in focus else sizes[key], 1) for key in sizes}  # radii
    pos = positions(simple, seed=seed, widths=widths, radii=drawn)
    pinned = _pinned(simple, [n for n in [*focus, *highlight] if n in simple], score,
                     len(simple) if len(simple) <= LABEL_EVERY else labelled)
    if color_by == "community":
        colours, groups = _community_colours(simple, seed)
        legend = [[f"{groups} communities", _PALETTE[0]]]
    else:
        colours = {key: KIND_COLOURS.get(data.get("kind", ""), "#888888") for key, data in node_items}
        present = {data.get("kind") for _, data in node_items}
        legend = [[kind, colour] for kind, colour in KIND_COLOURS.items() if kind in present]
    nodes, ids = [], {}
    tooltips, tip_lines = _tooltips(node_items, labels)
    for number, (key, _) in enumerate(node_items):
        ids[key] = number
        node = {"id": number, "key": str(key), "label": labels[key], **tooltips[number],
                "x": pos[key][0], "y": pos[key][1],
                "size": drawn[key],
                "font": {"size": round(8 + sizes[key] / 3)}, "color": colours.get(key, "#888888")}
        if key in pinned:  # the page draws this label itself, at a readable size; vis-network's copy is hidden
            node.update(pin=pinned[key], name=labels[key])
            node["font"]["color"] = "rgba(0,0,0,0)"
        if key in focus or key in highlight:
            node.update(color={"background": node["color"], "border": "#111111"}, borderWidth=4)
        nodes.append(node)
    note = f"{len(nodes):,} nodes, {len(edge_items):,} relationships"
    if left_out:
        note += f"; {left_out:,} less relevant nodes left out (cap {max_nodes:,})"
    edges, edge_types = _edges(edge_items, ids, detailed=len(edge_items) <= 2000)
    net = Network(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line")
    net.heading = {"note": note, "legend": legend, "library": library or "",  # only our template reads it
                   "library_file": LIBRARY_FILE, "edge_types": edge_types, "tip_lines": tip_lines}
    net.templateEnv, net.path = _ENV, "cluster_explorer_network.html"
    net.nodes, net.edges = nodes, edges
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
