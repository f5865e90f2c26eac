"""The network at a time: projects running in a window of years, labels and memberships valid in it.

One rule for every view, the same as `graph.views.filters` applies to Explore: a project counts when
its dates overlap the window (`start_date <= end` and `end_date >= start`; undated ends are open); a
dated relationship (a quality label `awarded` / `expires`, a membership `since`) counts when it
touches the window. `time_slice` keeps every other node, so an organisation without projects in the
window is still there (with no collaborations), which is what the analytics want: a partner search
or a map of 2022 should not lose the organisations, only the projects of other years.
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx

from graph.errors import ParameterError
from graph.views.time_window import edge_in_window, overlaps

__all__ = ["window_of_years", "describe_window", "time_slice"]


def window_of_years(first: int, last: int, low: int | None = None, high: int | None = None
                    ) -> tuple[str | None, str | None]:
    """ISO dates of the years `first`..`last`; an end at the data's own bound (`low`, `high`) stays open.

    Examples
    --------
    >>> window_of_years(2021, 2023), window_of_years(2014, 2030, 2014, 2030)
    (('2021-01-01', '2023-12-31'), (None, None))
    """
    if first > last:
        raise ParameterError(f"the first year {first} is after the last {last}")
    start = None if low is not None and first <= low else f"{first:04d}-01-01"
    end = None if high is not None and last >= high else f"{last:04d}-12-31"
    return start, end


def describe_window(start: str | None, end: str | None) -> str:
    """The window in words, for captions: "2021–2023", "2021 onwards", "up to 2023", "all years".

    Examples
    --------
    >>> describe_window("2021-01-01", "2023-12-31"), describe_window(None, "2023-12-31")
    ('2021–2023', 'up to 2023')
    """
    if start and end:
        return start[:4] if start[:4] == end[:4] else f"{start[:4]}–{end[:4]}"
    return f"{start[:4]} onwards" if start else f"up to {end[:4]}" if end else "all years"


def time_slice(graph: nx.MultiDiGraph, start: str | None, end: str | None) -> nx.MultiDiGraph:
    """A read-only view of `graph` as it was in [start, end]: projects outside it and dated relationships
    not valid in it left out, every other node kept. With no window, `graph` itself.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Project:old", kind="Project", start_date="2015-01-01", end_date="2017-12-31")
    >>> g.add_node("Project:new", kind="Project", start_date="2022-01-01", end_date="2024-12-31")
    >>> _ = g.add_edge("Organisation:a", "Project:old", type="PARTICIPATES_IN")
    >>> sliced = time_slice(g, "2021-01-01", None)
    >>> sorted(sliced), sliced.number_of_edges()
    (['Organisation:a', 'Project:new'], 0)
    """
    if not start and not end:
        return graph

    def node_ok(node: Hashable) -> bool:
        data = graph.nodes[node]
        return data.get("kind") != "Project" or overlaps(data, start, end)

    def edge_ok(u: Hashable, v: Hashable, k: Hashable) -> bool:
        return edge_in_window(graph.edges[u, v, k], start, end)

    return nx.subgraph_view(graph, filter_node=node_ok, filter_edge=edge_ok)
