"""What a time window leaves of a focused Explore view: the projects of those years, and the nodes linked to
the focus in them.

A window restricts projects (they run at some time in it) and relationships that carry dates (a label valid,
a membership held at some time in it: `graph.views.time_window.edge_in_window`); it says nothing of an
organisation or a cluster themselves. The focused view had kept only the organisations taking part in a
project of the window: a cluster's members without one left the view, and so did an organisation's cluster,
however undated the membership (a try-out's 2022-2023 window kept one of four members), and nothing said so.
Now the other filters alone choose the organisations and clusters, and the view keeps the nodes within the
view's depth of the focus through relationships of the window; the others are counted (`LEFT_OUT`) and the
page says how many.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

import networkx as nx

from graph.views.filters import ACTOR_KINDS, Filters

__all__ = ["FILTERED_OUT", "LEFT_OUT", "AroundFocus", "kept_around_focus", "linked_to_focus", "left_out_by_filters",
           "left_out_by_window"]

#: The view graph's attribute (`graph.graph`): how many nodes near the focus the window left out.
LEFT_OUT = "left_out_by_window"
#: The view graph's attribute: how many nodes near the focus the filters (and the window's projects) left out.
FILTERED_OUT = "left_out_by_filters"


class AroundFocus(dict):
    """The nodes `kept_around_focus` keeps (id -> kind), and how many of the neighbourhood it left out: a country
    filter on a focused view had dropped the focus's members of other countries without a word."""

    dropped: int = 0


def kept_around_focus(shown: dict[int, str], centres: set[int], filters: Filters,
                      selected: Callable[[Filters], dict[int, str]]) -> AroundFocus:
    """The nodes of a focus's neighbourhood (id -> kind) that the filters keep: a project of the selection
    (`selected(filters)`: the window and the other filters), an organisation or cluster the other filters
    select (all of them without one), every other node, and the focus itself."""
    projects = selected(filters)
    others = dataclasses.replace(filters, start=None, end=None)
    actors = selected(others) if others.restricts else None
    kept = AroundFocus({n: k for n, k in shown.items()
                        if n in centres or (n in projects if k == "Project" else
                                            (actors is None or n in actors) if k in ACTOR_KINDS else True)})
    kept.dropped = len(shown) - len(kept)
    return kept


def linked_to_focus(graph: nx.MultiDiGraph, centres: Iterable[str], depth: int) -> nx.MultiDiGraph:
    """`graph` without the nodes farther than `depth` relationships from every focus node (the window has taken
    the relationships out that linked them); their number is `graph.graph[LEFT_OUT]`."""
    undirected = graph.to_undirected(as_view=True)
    near: set[str] = set()
    for centre in (c for c in centres if c in graph):
        near |= set(nx.single_source_shortest_path_length(undirected, centre, cutoff=depth))
    far = [node for node in graph if node not in near]
    graph.remove_nodes_from(far)
    graph.graph[LEFT_OUT] = len(far)
    return graph


def left_out_by_window(view: nx.Graph) -> int:
    """How many nodes near the focus a time window left out of `view` (0 for any other view)."""
    return int(view.graph.get(LEFT_OUT, 0))


def left_out_by_filters(view: nx.Graph) -> int:
    """How many nodes near the focus the sidebar's filters and years left out of `view` (0 for any other view)."""
    return int(view.graph.get(FILTERED_OUT, 0))
