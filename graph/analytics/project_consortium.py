"""A project named as the consortium to find partners for stands for its partners.

The recommender ranks candidates for organisations or clusters. A programme officer searching the Partners page
for a project's acronym ("AGRARSENSE") had found nothing, while `recommend --for` refuses a project and names its
partners (cli/recommend_names.py). The page finds projects too and starts from their partners, saying so; these
are the functions it calls, over the analytics graph (`graph.analytics.inputs`).
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.collation import reading_order

__all__ = ["project_partners", "projects_as_partners"]

PARTNER_KINDS = ("Organisation", "Cluster")


def project_partners(graph: nx.MultiDiGraph, project: str) -> list[str]:
    """Keys of the organisations and clusters that PARTICIPATES_IN `project`, each once, by name.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Project:p1", kind="Project", name="P1")
    >>> for org in ("b", "a"):
    ...     G.add_node(f"Organisation:{org}", kind="Organisation", name=org.upper())
    ...     _ = G.add_edge(f"Organisation:{org}", "Project:p1", type="PARTICIPATES_IN", role="participant")
    >>> project_partners(G, "Project:p1")
    ['Organisation:a', 'Organisation:b']
    """
    if project not in graph:
        return []
    found = {u for u, _, kind in graph.in_edges(project, data="type") if kind == "PARTICIPATES_IN"
             and graph.nodes[u].get("kind") in PARTNER_KINDS}
    return sorted(found, key=lambda k: (reading_order(graph.nodes[k].get("name") or k), k))


def projects_as_partners(graph: nx.MultiDiGraph, focal: Iterable[str]) -> tuple[list[str], dict[str, list[str]]]:
    """`focal` with each project in it replaced by its partners (each key once, in the order met), and the
    projects so replaced with their partners, for the caller to say which project started what.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Project:p1", kind="Project")
    >>> G.add_node("Cluster:c", kind="Cluster")
    >>> G.add_node("Organisation:a", kind="Organisation")
    >>> _ = G.add_edge("Organisation:a", "Project:p1", type="PARTICIPATES_IN")
    >>> projects_as_partners(G, ["Cluster:c", "Project:p1", "Organisation:a"])
    (['Cluster:c', 'Organisation:a'], {'Project:p1': ['Organisation:a']})
    """
    keys: list[str] = []
    projects: dict[str, list[str]] = {}
    for key in focal:
        if key in graph and graph.nodes[key].get("kind") == "Project":
            projects[key] = project_partners(graph, key)
            keys += projects[key]
        else:
            keys.append(key)
    return list(dict.fromkeys(keys)), projects
