"""A node's place by each metric of a projection: where one's own cluster or member stands.

A cluster manager runs `metrics compute --projection cluster` to see where their cluster stands; the command
printed the top ten, so their own cluster's place was found only by printing all 151 and counting. The Metrics
page's *Find in the ranking* answers it in the app; this is the same answer for the CLI (`--find`). A tie shares the
better place (1, 2, 2, 4), and says how many share it: a betweenness of 0 shared by 130 of 151 clusters is "22 of
151, tied with 129", not a top place. Louvain's community numbers are labels, not scores, and get no place.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from graph.store.search_text import fold

__all__ = ["place", "found_places", "find_lines"]

SHOWN = 20  # nodes `find_lines` names


def place(values: dict[Any, float], key: Any) -> str:
    """`key`'s place among `values` ("2 of 4, tied with 1"), "–" when it has none.

    >>> scores = {"a": 3.0, "b": 1.0, "c": 1.0, "d": 0.5}
    >>> place(scores, "a"), place(scores, "c"), place(scores, "d"), place(scores, "x")
    ('1 of 4', '2 of 4, tied with 1', '4 of 4', '–')
    """
    if key not in values:
        return "–"
    value = values[key]
    better = sum(1 for other in values.values() if other > value)
    alike = Counter(values.values())[value] - 1
    return f"{better + 1:,} of {len(values):,}" + (f", tied with {alike:,}" if alike else "")


def found_places(names: dict[Any, str], results: dict[str, Any], text: str) -> list[tuple[Any, str, dict[str, str]]]:
    """The nodes of a projection (`names`: key -> name) whose name or key holds `text` (accents and case ignored),
    each with its place by every metric of `results` (metric -> a result with `values`) but `community`.

    >>> class R:
    ...     def __init__(self, values): self.values = values
    >>> found_places({"Cluster:a": "Industrial Green Tech", "Cluster:b": "IoT World"},
    ...              {"degree": R({"Cluster:a": 2, "Cluster:b": 5})}, "green")
    [('Cluster:a', 'Industrial Green Tech', {'degree': '2 of 2'})]
    """
    wanted = fold(text).strip()
    return [(key, name, {metric: place(result.values, key) for metric, result in results.items()
                         if metric != "community"})
            for key, name in names.items() if wanted and wanted in fold(f"{name}|{key}")]


def find_lines(found: Any, results: dict[str, Any], kind: str, text: str) -> list[str]:
    """What `metrics compute --find TEXT` prints: the matching nodes of the projection (`found`: its `names` and
    `number_of_nodes()`, as `graph.analytics.metrics_disk.KeptMetrics` has) with their place by each metric, the
    first `SHOWN`; when none, why a node of the store may have no place (never an empty answer)."""
    matches = found_places(found.names, results, text)
    if not matches:
        return [f"find {text!r}: nothing in this graph of {kind} is named or numbered like it; it holds only what "
                "takes part in a project that counts here (a cluster through its CORDIS record or its members' "
                "projects): `recommend --for` still ranks its partners"]
    more = [f"  ... and {len(matches) - SHOWN:,} more; give more of the name"] if len(matches) > SHOWN else []
    return [f"find {text!r}: {len(matches):,} node(s) of {found.number_of_nodes():,}", *(
        f"  {name}  ({key}): " + "; ".join(f"{metric} {at}" for metric, at in places.items())
        for key, name, places in matches[:SHOWN]), *more]
