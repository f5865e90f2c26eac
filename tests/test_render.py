"""graph/render.py and graph/layout.py: the HTML string a network view becomes, read as a string."""

from __future__ import annotations

import json
import math
import random
import re
import statistics

import networkx as nx
import pytest

from graph.views import layout, render

XSS = "<img src=x onerror=alert(1)>"


def data_of(html: str) -> tuple[list[dict], list[dict]]:
    """The node and edge lists the page hands to vis-network."""
    found = re.findall(r"new vis\.DataSet\(inert\((\[.*?\])\)\);", html, flags=re.DOTALL)
    assert len(found) == 2, "the page should build one node and one edge DataSet"
    return json.loads(found[0]), json.loads(found[1])


def titles_of(html: str) -> dict[str, str]:
    """{node key: its tooltip} as the page builds them (`nodeTitle` in graph/views/render_page.py)."""
    shared = json.loads(re.search(r"var tipLines = (\[.*?\]);", html).group(1))
    titles = {}
    for node in data_of(html)[0]:
        key, colon = node["key"], node["key"].find(":")
        lines = [node.get("tn", node["label"]), node.get("tk", f"{key[:colon]} · {key[colon + 1:]}")]
        titles[key] = "\n".join(lines + [shared[x] if isinstance(x, int) else x for x in node.get("tip", [])])
    return titles


def options_of(html: str) -> dict:
    match = re.search(r"new vis\.Network\(container, \{nodes: nodes, edges: edges\}, (\{.*?\})\);", html, re.DOTALL)
    return json.loads(match.group(1))


def two_teams(size: int = 12) -> nx.MultiDiGraph:
    """Two dense groups of organisations joined by one project: an obvious structure to lay out."""
    graph = nx.MultiDiGraph()
    for team in ("a", "b"):
        members = [f"Organisation:{team}{i}" for i in range(size)]
        for m in members:
            graph.add_node(m, kind="Organisation", id=m.split(":")[1], name=f"Org {m}")
        for i, u in enumerate(members):
            for v in members[i + 1:]:
                graph.add_edge(u, v, type="MEMBER_OF")
    graph.add_node("Project:p", kind="Project", id="p", name="Joint project")
    graph.add_edge("Organisation:a0", "Project:p", type="PARTICIPATES_IN", role="coordinator")
    graph.add_edge("Organisation:b0", "Project:p", type="PARTICIPATES_IN", role="participant")
    return graph


def test_page_is_self_contained_and_offline():
    html = render.to_html(two_teams())
    assert html.lstrip().startswith("<!DOCTYPE html>")
    assert "vis.Network" in html and "vis-network" in html  # the library is in-lined
    assert not re.search(r"<script[^>]+src=", html), "no script may load from elsewhere"
    assert not re.search(r"<link[^>]+href=[\"']https?:", html), "no stylesheet from a CDN"
    assert "div.vis-tooltip" in html and "data:image/png" not in html  # tooltip styles, not button images


def test_physics_is_off_and_every_node_has_a_position():
    html = render.to_html(two_teams())
    assert options_of(html)["physics"]["enabled"] is False
    nodes, edges = data_of(html)
    assert len(nodes) == 25 and all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes)
    assert sorted(n["id"] for n in nodes) == list(range(25))  # numbered; the store key travels in "key"
    assert {n["key"] for n in nodes} == set(two_teams())
    assert len(edges) == 2 * 66 + 2


def test_user_text_is_escaped_and_titles_become_plain_text():
    graph = nx.MultiDiGraph()
    graph.add_node("Organisation:evil", kind="Organisation", id="evil", name=XSS, city='"><script>x</script>')
    graph.add_node("Organisation:href", kind="Organisation", id="href", name='<a href="javascript:alert(2)">x</a>')
    graph.add_edge("Organisation:evil", "Organisation:href", type="SAME_AS", rule=XSS)
    html = render.to_html(graph)
    assert XSS not in html and "<script>x</script>" not in html and 'href="javascript' not in html
    nodes, _ = data_of(html)
    assert {n["label"] for n in nodes} >= {XSS}  # the name itself, intact, drawn on the canvas as text
    assert titles_of(html)["Organisation:evil"].startswith(XSS + "\nOrganisation · evil\ncity: \"><script>x</script>")
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html
    script = html[html.index('<div id="mynetwork">'):]
    assert "textContent" in script and "innerHTML" not in script  # titles become text nodes, never markup


def test_node_cap_keeps_the_most_connected_and_says_how_many_left_out():
    graph = nx.MultiDiGraph(nx.barabasi_albert_graph(60, 2, seed=3))
    nx.set_node_attributes(graph, "Organisation", "kind")
    html = render.to_html(graph, max_nodes=20)
    nodes, _ = data_of(html)
    assert len(nodes) == 20
    assert "40 less relevant nodes left out (cap 20)" in html
    degree = dict(graph.degree())
    kept = {int(n["key"]) for n in nodes}
    assert min(degree[n] for n in kept) >= max(degree[n] for n in set(graph) - kept)


def test_focus_and_highlight_are_marked():
    html = render.to_html(two_teams(), focus=["Organisation:a1"], highlight=["Project:p"])
    nodes = {n["key"]: n for n in data_of(html)[0]}
    assert nodes["Organisation:a1"]["borderWidth"] == 4 and nodes["Project:p"]["borderWidth"] == 4
    assert "borderWidth" not in nodes["Organisation:a2"]  # the default, 1


def test_colour_by_kind_and_by_community():
    by_kind = {n["key"]: n["color"] for n in data_of(render.to_html(two_teams()))[0]}
    assert by_kind["Project:p"] == render.KIND_COLOURS["Project"]
    assert by_kind["Organisation:a1"] == render.KIND_COLOURS["Organisation"]
    by_community = {n["key"]: n["color"]
                    for n in data_of(render.to_html(two_teams(), color_by="community"))[0]}
    assert by_community["Organisation:a3"] == by_community["Organisation:a4"]
    assert by_community["Organisation:a3"] != by_community["Organisation:b3"]
    with pytest.raises(ValueError):
        render.to_html(two_teams(), color_by="shoe size")


def test_size_follows_the_metric():
    metric = {"Organisation:a1": 10.0, "Organisation:a2": 1.0}
    nodes = {n["key"]: n for n in data_of(render.to_html(two_teams(), size_by=metric))[0]}
    assert nodes["Organisation:a1"]["size"] > nodes["Organisation:a2"]["size"] > nodes["Organisation:b1"]["size"]


def test_parallel_relationships_are_drawn_once_and_counted():
    graph = nx.MultiDiGraph()
    graph.add_node("Organisation:o", kind="Organisation", name="O")
    graph.add_node("Project:p", kind="Project", name="P")
    graph.add_edge("Organisation:o", "Project:p", type="PARTICIPATES_IN", role="participant")
    graph.add_edge("Organisation:o", "Project:p", type="PARTICIPATES_IN", role="coordinator")
    _, edges = data_of(render.to_html(graph))
    assert len(edges) == 1 and edges[0]["title"].startswith("PARTICIPATES_IN ×2") and edges[0]["width"] == 2
    assert "role: participant" in edges[0]["title"] and {edges[0]["from"], edges[0]["to"]} == {0, 1}


def test_a_tooltip_that_is_the_type_alone_is_named_by_number():
    """The page makes a tooltip that is only the relationship's type from the list of types (`t`): 20,000 of them
    were half a MB of a 5,000-node page. One with more to say keeps its text."""
    graph = nx.MultiDiGraph()
    for key in ("Organisation:o", "Project:p", "Project:q", "Country:SE"):
        graph.add_node(key, kind=key.split(":")[0], name=key)
    graph.add_edge("Organisation:o", "Project:p", type="PARTICIPATES_IN")
    graph.add_edge("Organisation:o", "Project:q", type="PARTICIPATES_IN", role="coordinator")
    graph.add_edge("Organisation:o", "Country:SE", type="LOCATED_IN")
    html = render.to_html(graph)
    types = json.loads(re.search(r"var edgeTypes = (\[.*?\]);", html).group(1))
    titles = {(e["from"], e["to"]): e.get("title") or types[e["t"]] for e in data_of(html)[1]}
    assert sorted(titles.values()) == ["LOCATED_IN", "PARTICIPATES_IN", "PARTICIPATES_IN\nrole: coordinator"]
    assert all(("t" in e) != ("title" in e) for e in data_of(html)[1])


def test_node_tooltips_send_a_shared_line_once_and_no_name_twice():
    """A 5,000-node view's tooltips were 0.84 MB, mostly lines thousands of nodes share ("sources:
    cordis:projects.csv") and names the label already held; the page rebuilds each tooltip whole."""
    graph = nx.MultiDiGraph()
    for i in range(40):
        graph.add_node(f"Project:cordis:{i}", kind="Project", id=f"cordis:{i}", name=f"P{i}", acronym=f"P{i}",
                       status="SIGNED", sources=["cordis:projects.csv"])
    graph.add_node("Organisation:o", kind="Organisation", id="o", name="A name much longer than a drawn label is")
    html = render.to_html(graph)
    assert html.count("sources: cordis:projects.csv") == 1 and html.count("status: SIGNED") == 1
    assert html.count('"P7"') == 1  # the label; the name and the acronym are "P7" in text, not a JSON string again
    titles = titles_of(html)
    assert titles["Project:cordis:7"] == ("P7\nProject · cordis:7\nacronym: P7\nstatus: SIGNED\n"
                                          "sources: cordis:projects.csv")
    assert titles["Organisation:o"] == "A name much longer than a drawn label is\nOrganisation · o"


def test_layout_is_meaningful_not_a_ring():
    graph = two_teams(20)
    pos = layout.positions(graph)
    within = [math.dist(pos[u], pos[v]) for u, v in graph.edges() if "Project" not in u + v and u[13] == v[13]]
    a_centre = [statistics.mean(pos[f"Organisation:a{i}"][d] for i in range(20)) for d in (0, 1)]
    b_centre = [statistics.mean(pos[f"Organisation:b{i}"][d] for i in range(20)) for d in (0, 1)]
    assert math.dist(a_centre, b_centre) > 2 * statistics.mean(within), "the two teams should sit apart"


def test_layout_puts_neighbours_close_and_is_no_ring():
    graph = nx.barabasi_albert_graph(300, 2, seed=8)
    pos = layout.positions(graph)
    edge = statistics.mean(math.dist(pos[u], pos[v]) for u, v in graph.edges())
    pairs = statistics.mean(math.dist(pos[u], pos[v]) for u in range(0, 300, 7) for v in range(3, 300, 11) if u != v)
    assert edge < 0.5 * pairs, "linked nodes should sit closer than nodes picked at random"
    centre = [statistics.mean(p[d] for p in pos.values()) for d in (0, 1)]
    radii = [math.dist(centre, p) for p in pos.values()]
    assert statistics.pstdev(radii) / statistics.mean(radii) > 0.2, "nodes should not all sit on one circle"


def test_layout_is_deterministic_and_cached():
    graph = nx.barabasi_albert_graph(300, 2, seed=5)
    first = layout.positions(graph)
    assert layout.positions(nx.Graph(graph)) == first
    graph.add_node("lonely")
    assert set(layout.positions(graph)) == set(graph)


def test_layout_does_not_depend_on_the_global_random_state():
    """igraph draws random numbers during the layout too; they come from a seeded source, not Python's."""
    graph = nx.barabasi_albert_graph(300, 2, seed=6)
    found = []
    for state in (1, 2):
        random.seed(state)
        layout._CACHE.clear()
        found.append(layout.positions(graph))
    assert found[0] == found[1]


def test_thousand_nodes_are_all_drawn():
    """Every node and edge of a 1,000-node network reaches the page (its speed: bench/bench_explore.py)."""
    graph = nx.MultiDiGraph(nx.barabasi_albert_graph(1000, 3, seed=11))
    nx.set_node_attributes(graph, "Organisation", "kind")
    layout._CACHE.clear()
    nodes, edges = data_of(render.to_html(graph))
    assert len(nodes) == 1000 and len(edges) == graph.number_of_edges()
