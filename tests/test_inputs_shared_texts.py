"""The analytics inputs hold one object per distinct text (`graph.analytics.inputs._Shared`): the same graph as
`to_networkx` gives, in less memory, and its pickle keeps the sharing (what a restart reads back)."""

from __future__ import annotations

import pickle
from collections import defaultdict

from graph.analytics.inputs import read_inputs
from graph.store.reads import to_networkx
from tests.conftest import fixture_network

network = fixture_network("inputs_shared_texts", "network")


def _objects_per_text(values) -> dict[str, set[int]]:
    seen = defaultdict(set)
    for value in values:
        if isinstance(value, str):
            seen[value].add(id(value))
    return seen


def _texts(graph) -> list:
    nodes = [v for _, attrs in graph.nodes(data=True) for k, v in attrs.items() if k not in ("name", "id")]
    edges = [v for _, _, attrs in graph.edges(data=True) for v in attrs.values()]
    return nodes + edges + [key for _, _, key in graph.edges(keys=True)]


def test_equal_texts_are_one_object_and_the_graph_is_the_same(network):
    graph = read_inputs(network)
    texts = _texts(graph)
    repeated = _objects_per_text(texts)
    assert sum(isinstance(t, str) for t in texts) > 2 * len(repeated)  # the fixture repeats its texts
    assert all(len(ids) == 1 for ids in repeated.values()), [t for t, ids in repeated.items() if len(ids) > 1][:5]
    label_lists = {tuple(attrs["labels"]): set() for _, attrs in graph.nodes(data=True)}
    for _, attrs in graph.nodes(data=True):
        label_lists[tuple(attrs["labels"])].add(id(attrs["labels"]))
    assert all(len(ids) == 1 for ids in label_lists.values())
    whole = to_networkx(network)  # every node and property: the inputs are its narrow part, equal where both hold
    for node, attrs in graph.nodes(data=True):
        assert all(whole.nodes[node].get(k) == v for k, v in attrs.items() if k != "labels"), node
        assert sorted(attrs["labels"]) == sorted(whole.nodes[node]["labels"]), node


def test_the_pickle_a_restart_reads_keeps_one_object_per_text(network):
    graph = pickle.loads(pickle.dumps(read_inputs(network), protocol=5))
    assert all(len(ids) == 1 for ids in _objects_per_text(_texts(graph)).values())
