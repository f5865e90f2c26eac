"""A connecting path from the Partners page as Explore draws it: its nodes, the relationships among them, and a
dashed line for each step that no relationship holds.

A partner cluster's path may pass from a sector of the seeds (Automation) to the EuroSciVoc field of its name that
CORDIS projects are tagged with: the ranking takes the two as one sector (`graph.analytics.recommend_sectors`),
but the store links them by no relationship, so the path was drawn in pieces ("5 nodes, 2 relationships").
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import networkx as nx

__all__ = ["UNLINKED_STEP", "unlinked_steps", "with_unlinked_steps"]

#: The type a dashed step is drawn with (its tooltip).
UNLINKED_STEP = "the same sector by name (no stored relationship)"


def unlinked_steps(view: nx.MultiDiGraph, path: Sequence[str]) -> list[tuple[str, str]]:
    """The consecutive nodes of `path`, both in `view`, that no relationship of `view` joins either way."""
    return [(a, b) for a, b in pairwise(path) if a in view and b in view
            and not view.has_edge(a, b) and not view.has_edge(b, a)]


def with_unlinked_steps(view: nx.MultiDiGraph, path: Sequence[str]) -> nx.MultiDiGraph:
    """`view` with a dashed edge for each of its `unlinked_steps` (a copy; `view` itself when there is none)."""
    steps = unlinked_steps(view, path)
    if not steps:
        return view
    drawn = nx.MultiDiGraph(view)
    for a, b in steps:
        drawn.add_edge(a, b, type=UNLINKED_STEP, dashed=True)
    return drawn
