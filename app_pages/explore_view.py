"""Explore's sizes: which node sizes it offers (not a page; the drawing is app_pages/explore_draw.py).

The size choices are the degree in the view itself and the metrics written back by the Metrics page,
each once: a written-back `degree` is the degree in the projection it was computed on, a different
figure from the links a node has in this view, so the two carry different names.
"""

from __future__ import annotations

from app_pages import common
from graph.analytics.metrics import METRICS

IN_VIEW = "links (view)"


def size_choices(written: list[str]) -> list[str]:
    """What a node can be sized by: its links in the view, then each metric written back, once.

    >>> size_choices(["degree", "pagerank", "degree"])
    ['links (view)', 'degree', 'pagerank']
    """
    return list(dict.fromkeys([IN_VIEW, *written]))


def metrics_written() -> list[str]:
    """The metrics some node of the store carries (Louvain's community numbers are no size)."""
    return common.metrics_present(tuple(m for m in METRICS if m != "community"))
