"""Reads the seed tests make of the seeded store: the rows of a query, its one value, a label's edge."""

from __future__ import annotations


def rows(store, query, params=None):
    return store.read(query, params or {}).rows


def one(store, query, params=None):
    found = rows(store, query, params)
    assert len(found) == 1, found
    return found[0][0] if len(found[0]) == 1 else found[0]


def label_edge(store, cluster, label):
    return one(store, "MATCH (:Cluster {id: $c})-[r:HAS_LABEL]->(:QualityLabel {id: $l}) RETURN properties(r)",
               {"c": cluster, "l": label})
