"""A small view labels every node (graph.views.render.LABEL_EVERY), on the page's data: a load's 21 nodes had had
readable labels on the 12 most important only, the rest vis-network's own at 4 px on screen, or none (programmes,
countries). Chromium's check of what is drawn is tests/test_e2e_small_views.py."""

from __future__ import annotations

import json
import re

import networkx as nx

from graph.views import render


def star(leaves: int) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("Project:p", kind="Project", name="A project")
    for i in range(leaves):
        kind = ("Organisation", "Programme", "Country")[i % 3]
        graph.add_node(f"{kind}:{i}", kind=kind, name=f"{kind} number {i}")
        graph.add_edge(f"{kind}:{i}", "Project:p", type="PARTICIPATES_IN")
    return graph


def pinned(html: str) -> list[dict]:
    nodes = json.loads(re.search(r"new vis.DataSet\(inert\((\[.*?\])\)\);", html).group(1))
    return [node for node in nodes if node.get("pin")]


def test_a_small_view_labels_every_node_a_large_one_the_most_important():
    small = render.to_html(star(20))
    assert len(pinned(small)) == 21 and {n["key"].split(":")[0] for n in pinned(small)} == {
        "Project", "Organisation", "Programme", "Country"}
    assert len(pinned(render.to_html(star(render.LABEL_EVERY + 5)))) == 12

