"""The Map's aggregates file (`app_pages/map_cache.py`, packed by `app_pages/map_packed.py`): read back the same,
far smaller than the lists of dicts it held up to FORMAT 8 (10.6 MB at NUTS 3 on the 10x store). On the fixture
network's real aggregates (a real embedded store) at every level, and on synthetic ones shaped as the 10x store's.
"""

from __future__ import annotations

import pickle

import networkx as nx
import pytest

from app_pages import map_cache, map_packed
from bench.bench_map_cache import synthetic
from graph.store.reads import to_networkx
from tests.conftest import open_fixture_network


@pytest.fixture(scope="module")
def graph(embedded_server) -> nx.MultiDiGraph:
    store = open_fixture_network(embedded_server, "map_packed_tests")
    whole = to_networkx(store)
    store.clear()
    store.close()
    return whole


@pytest.mark.parametrize("level", [0, 1, 2, 3])
def test_the_aggregates_are_read_back_from_their_file_as_they_were(graph, tmp_path, level):
    placed = map_cache._compute(graph, level)
    assert placed[4], "the fixture's places share projects"
    path, key = tmp_path / "store-map-0123.pickle", ("version", level, map_cache.ORGANISATIONS_DRAWN,
                                                     map_cache.FORMAT, None)
    map_cache._write(path, key, placed)
    assert map_cache._read(path, key) == placed
    assert map_cache._read(path, ("other", *key[1:])) is None  # another data version's file is not used


def test_a_damaged_file_is_computed_again_not_used(graph, tmp_path):
    path, key = tmp_path / "store-map-0123.pickle", ("version", 2)
    path.write_bytes(pickle.dumps({"key": key, "placed": b"not zlib"}))
    assert map_cache._read(path, key) is None


def test_the_file_of_10x_shaped_aggregates_is_a_tenth_of_the_lists_of_dicts():
    """58,393 links at NUTS 3 at 10x made a 10.6 MB file: each link named both its places again."""
    placed = synthetic(links=58_393, places=1_165)
    packed = map_packed.packed(placed)
    assert map_packed.unpacked(packed) == placed
    assert len(packed) * 10 < len(pickle.dumps(placed, protocol=5))


def test_rows_of_other_keys_are_kept_as_they_are():
    odd = [{"from": "a", "to": "b", "projects": 1}]
    placed = ([{"key": "a"}, {"key": "b", "extra": 1}], [], {}, {}, odd, ({}, {}), ([], 0), {})
    back = map_packed.unpacked(map_packed.packed(placed))
    assert back[0] == placed[0] and back[4] == odd
