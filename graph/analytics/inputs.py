"""The narrow read: the part of the store the analytics need, and the data version it belongs to.

Projections, metrics, the recommender and the map's aggregates read organisations, projects and the
context they are filtered and grouped by (programmes, sectors, places, labels), with a handful of
properties each, and eight relationship types. `read_inputs` fetches exactly that, with the
statements of `graph.store.cypher` (`narrow_nodes`, `narrow_relationships`), and returns it in the
shape `graph.store.reads.to_networkx` gives (nodes keyed `Kind:id`, edges keyed `TYPE:key` with
`type`), so every analytic gives the same answer on either; people, sources, awards, load records
and properties such as objectives never leave the store.

`data_version` (from `graph.store.load_log`, the one version every cache keys on) is re-exported here
for the analytics cache.
"""

from __future__ import annotations

import networkx as nx

from graph.memory import gc_paused
from graph.store import cypher
from graph.store.contract import GraphStore
from graph.store.load_log import data_version
from graph.store.schema import node_key

__all__ = ["NODE_LABELS", "NODE_PROPERTIES", "REL_PROPERTIES", "read_inputs", "data_version"]

#: Labels of the nodes read (an SME or Cluster node is read once, whichever labels it carries).
NODE_LABELS = ("Organisation", "Cluster", "Project", "Programme", "Sector", "Region", "Country", "QualityLabel")
#: The node properties any analytic or the pages showing their results use, and the relationship types read
#: with the properties used on each (declared beside the Cypher that reads them).
NODE_PROPERTIES = cypher.ANALYTICS_NODE_PROPERTIES
REL_PROPERTIES = cypher.ANALYTICS_REL_PROPERTIES
_ALL_ROWS = {"row_cap": 10**9, "timeout_s": 600}


def read_inputs(store: GraphStore) -> nx.MultiDiGraph:
    """The analytics' part of the store as networkx (see the module docstring); read-only by convention.

    A relationship whose other end is not read (a person LOCATED_IN a region) is left out.
    """
    graph, one, same_labels = nx.MultiDiGraph(), _Shared(), {}
    with gc_paused():  # everything made here lives on in the graph: nothing for the collector to find
        nodes = store.read(cypher.narrow_nodes(NODE_PROPERTIES), {"labels": list(NODE_LABELS)}, **_ALL_ROWS)
        for kind, node_id, labels, *values in nodes.rows:
            attrs = {k: one(v) for k, v in zip(NODE_PROPERTIES, values, strict=True) if v is not None}
            labels = same_labels.setdefault(tuple(labels), labels)  # read-only, like every attribute here
            graph.add_node(node_key(kind, node_id), **attrs, kind=one(kind), id=node_id, labels=labels)
        del nodes
        for rel_type, properties in REL_PROPERTIES.items():
            rels = store.read(cypher.narrow_relationships(rel_type, properties), **_ALL_ROWS)
            for start_kind, start_id, end_kind, end_id, key, *values in rels.rows:
                start, end = node_key(start_kind, start_id), node_key(end_kind, end_id)
                if start not in graph or end not in graph:
                    continue
                attrs = {k: one(v) for k, v in zip(properties, values, strict=True) if v is not None}
                graph.add_edge(start, end, key=one(f"{rel_type}:{key or ''}"), type=rel_type, **attrs)
    return graph


class _Shared(dict):
    """One object per distinct text (a country, a kind, a role, an edge key): each row of a read is a new
    string, and 1.2 million edges at 10x repeat a few hundred texts. Sharing them makes the graph a fifth
    smaller in memory and its pickle (`graph.analytics.cache`, kept as shared objects) faster to read back."""

    def __call__(self, value):
        return self.setdefault(value, value) if isinstance(value, str) else value
