"""The organisation projection kept as arrays when it is too large for a networkx graph.

At ten times the CORDIS extract (220,030 organisations, 8.0 M partner pairs) building the networkx graph
of `graph.analytics.projections.project` took 53 CPU s and 5 GB, and each networkx pass over it tens
of seconds more, before any metric. Above `COMPACT_FROM_EDGES` pairs the projection is therefore a
`CompactProjection`: the node keys and attributes, and the upper-triangle pairs with their weights as
numpy arrays, from which `graph.analytics.metrics` builds its igraph copy directly. It offers the part
of networkx's graph interface the Metrics page, the CLI and `metrics.top` read (`len`, iteration,
`nodes[key]`, `nodes(data=True)`, `number_of_nodes()`, `number_of_edges()`, `graph`); metrics on it
always use python-igraph.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import igraph as ig
import numpy as np

__all__ = ["CompactProjection", "COMPACT_FROM_EDGES"]

#: Organisation projections with more partner pairs than this are kept as arrays (the CORDIS extract has
#: 656,096, so it stays a networkx graph; ten times it has 8.0 M).
COMPACT_FROM_EDGES = 2_000_000


class _Nodes:
    """`nodes` of a compact projection: `nodes[key]` gives the attributes, `nodes(data=True)` the pairs."""

    def __init__(self, owner: CompactProjection):
        self._owner = owner

    def __getitem__(self, key: Any) -> dict:
        return self._owner.attrs[self._owner.index[key]]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._owner.keys)

    def __len__(self) -> int:
        return len(self._owner.keys)

    def __contains__(self, key: Any) -> bool:
        return key in self._owner.index

    def __call__(self, data: bool = False) -> Iterator:
        return iter(zip(self._owner.keys, self._owner.attrs, strict=True)) if data else iter(self._owner.keys)


@dataclass
class CompactProjection:
    """Nodes `keys` with `attrs`; edge i links `keys[rows[i]]` and `keys[cols[i]]` with `weight[i]` (shared
    projects) and `newman[i]` (Newman's weight), as `project` gives them on a networkx graph.

    Examples
    --------
    >>> P = CompactProjection(["a", "b", "c"], [{"name": "A"}, {}, {}], np.array([0]), np.array([1]),
    ...                       np.array([2]), np.array([0.5]))
    >>> len(P), P.number_of_edges(), P.nodes["a"]["name"], "c" in P, sorted(P.to_igraph().degree())
    (3, 1, 'A', True, [0, 1, 1])
    """

    keys: list[Any]
    attrs: list[dict]
    rows: np.ndarray
    cols: np.ndarray
    weight: np.ndarray
    newman: np.ndarray
    graph: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.index = {k: i for i, k in enumerate(self.keys)}

    def __len__(self) -> int:
        return len(self.keys)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.keys)

    def __contains__(self, key: Any) -> bool:
        return key in self.index

    @property
    def nodes(self) -> _Nodes:
        return _Nodes(self)

    def number_of_nodes(self) -> int:
        return len(self.keys)

    def number_of_edges(self) -> int:
        return len(self.rows)

    def to_igraph(self, weight: str = "weight") -> ig.Graph:
        """The projection as an undirected igraph graph, vertex i being `keys[i]`, edges weighted by `weight`."""
        graph = ig.Graph(n=len(self.keys), edges=np.column_stack([self.rows, self.cols]))
        graph.es["weight"] = np.asarray(self.newman if weight == "newman" else self.weight, dtype=float).tolist()
        return graph
