"""The recommender index on disk (graph/analytics/recommend_index_disk.py), on a real embedded store: read back
by another process without being built, rebuilt after a load, never trusted when damaged, of another format or
code, or built from another graph."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from graph.analytics import cache, kept_files
from graph.analytics import recommend_index_disk as disk
from graph.analytics.recommend import Requirements, recommend
from graph.store.records import NodeRecord, RelRecord
from graph.store.writer import write_records
from tests.conftest import fixture_network, open_fixture_network

ROOT = Path(__file__).resolve().parents[1]
GRAPH = "index_disk_network"
FOCAL = ("Organisation:pic:999977851", "Cluster:iot-world")


network = fixture_network(GRAPH, "network")


@pytest.fixture(scope="module")
def inputs(network, tmp_path_factory):
    return cache.projection_inputs(network, tmp_path_factory.mktemp("inputs"))


def _ranked(index) -> list[list[str]]:
    return [[c.key for c in recommend(index, [focal], Requirements(add_places=("SE",)))] for focal in FOCAL]


def test_the_index_is_built_once_then_read_back_with_the_same_answers(network, inputs, tmp_path):
    built = disk.index_for(network, tmp_path, inputs.graph, inputs.version)
    path = disk.index_file(network, tmp_path, inputs.version)
    assert built.source == "built" and path.is_file()
    again = disk.index_for(network, tmp_path, inputs.graph, inputs.version)
    assert again.source == "disk" and again.index.G is inputs.graph
    assert again.index.keys == built.index.keys and (again.index.shared != built.index.shared).nnz == 0
    assert _ranked(again.index) == _ranked(built.index) and all(_ranked(built.index))


def in_another_process(network, folder, body: str, focal: tuple[str, ...] = FOCAL) -> dict:
    """What `body` prints (JSON) when run in a new Python process on `network`'s graph with the cache `folder`:
    `store`, the analytics inputs `got`, `cache`, `disk` (recommend_index_disk), `json` and `sys` are there, and
    `sys.argv[4:]` is `focal`."""
    script = ("import json, sys\n"
              "from graph.analytics import cache, recommend_index_disk as disk\n"
              "from graph.store.falkordb_store import FalkorDBStore\n"
              "store = FalkorDBStore(sys.argv[1], sys.argv[2])\n"
              "got = cache.projection_inputs(store, sys.argv[3])\n") + body
    done = subprocess.run([sys.executable, "-c", script, str(network.db_path), GRAPH, str(folder), *focal],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
                          env={k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_another_process_reads_the_index_from_disk_without_building_it(network, inputs, tmp_path):
    built = disk.index_for(network, tmp_path, inputs.graph, inputs.version)
    path = disk.index_file(network, tmp_path, inputs.version)
    before = path.stat()
    seen = in_another_process(network, tmp_path, (
        "from graph.analytics.recommend import Requirements, recommend\n"
        "loaded = disk.index_for(store, sys.argv[3], got.graph, got.version)\n"
        "wanted = Requirements(add_places=('SE',))\n"
        "ranked = [[c.key for c in recommend(loaded.index, [f], wanted)] for f in sys.argv[4:]]\n"
        "print(json.dumps({'source': loaded.source, 'builds': disk.builds(), 'ranked': ranked}))\n"))
    assert seen["source"] == "disk" and seen["builds"] == 0
    assert seen["ranked"] == _ranked(built.index)
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # read, not written again


@pytest.mark.parametrize("damage", ["garbage", "cut short", "empty"])
def test_a_damaged_file_is_rebuilt_not_trusted(network, inputs, tmp_path, damage):
    disk.index_for(network, tmp_path, inputs.graph, inputs.version)
    path = disk.index_file(network, tmp_path, inputs.version)
    whole = path.read_bytes()
    path.write_bytes({"garbage": b"not a pickle at all", "cut short": whole[: len(whole) // 2], "empty": b""}[damage])
    builds = disk.builds()
    rebuilt = disk.index_for(network, tmp_path, inputs.graph, inputs.version)
    assert rebuilt.source == "built" and disk.builds() == builds + 1
    assert disk.index_for(network, tmp_path, inputs.graph, inputs.version).source == "disk"


def test_a_file_of_another_format_is_rebuilt(network, inputs, tmp_path):
    built = disk.index_for(network, tmp_path, inputs.graph, inputs.version)
    path = disk.index_file(network, tmp_path, inputs.version)
    held = pickle.loads(path.read_bytes())
    held["key"] = (disk.FORMAT - 1, *held["key"][1:])  # what an older release wrote under the same name
    path.write_bytes(pickle.dumps(held))
    assert disk.load(path, inputs.graph, inputs.version) is None
    assert disk.index_for(network, tmp_path, inputs.graph, inputs.version).source == "built"
    assert _ranked(disk.index_for(network, tmp_path, inputs.graph, inputs.version).index) == _ranked(built.index)


def test_a_change_to_the_builders_code_is_not_read_from_an_older_file(network, inputs, tmp_path, monkeypatch):
    disk.index_for(network, tmp_path, inputs.graph, inputs.version)
    old = disk.index_file(network, tmp_path, inputs.version)
    monkeypatch.setattr(disk._FILES, "code", "another code")
    assert disk.index_file(network, tmp_path, inputs.version) != old
    assert disk.load(old, inputs.graph, inputs.version) is None  # even when asked for that file by name
    assert disk.index_for(network, tmp_path, inputs.graph, inputs.version).source == "built"


def test_the_code_digest_covers_the_builders_modules():
    used = {m.__name__ for m in kept_files.modules_used("graph.analytics.recommend_index")}
    assert {"graph.analytics.recommend_index", "graph.analytics.recommend_ties", "graph.analytics.incidence",
            "graph.store.sector_fields"} <= used  # the sector bridge
    assert all(name.startswith("graph.") for name in used)


def test_an_index_built_from_inputs_read_while_the_data_changed_is_used_not_kept(network, inputs, tmp_path):
    """A file is current by its data version alone (`kept_files`): inputs that may not be their version's graph (read
    from the store after the version the caller holds moved on) are never kept under it."""
    stale = cache.projection_inputs(network, tmp_path / "inputs", version="a-version-the-store-has-left")
    assert stale.source == "store" and not cache.settled(stale.graph) and cache.settled(inputs.graph)
    assert not cache.cache_file(network, tmp_path / "inputs", stale.version).exists()
    assert not cache.settled(nx.MultiDiGraph(stale.graph))  # a copy (the app's time slice) says so too
    built = disk.index_for(network, tmp_path, stale.graph, stale.version)
    assert built.source == "built" and _ranked(built.index) == _ranked(disk.index_for(
        network, tmp_path, inputs.graph, inputs.version).index)  # used as it is
    assert not disk.index_file(network, tmp_path, stale.version).exists()
    assert disk.index_for(network, tmp_path, stale.graph, stale.version).source == "built"  # nothing to read back


def test_only_the_newest_files_are_kept(network, inputs, tmp_path, monkeypatch):
    monkeypatch.setattr(disk._FILES, "kept", 2)
    for window in ("", "|..2022-12-31", "|..2023-12-31"):
        disk.index_for(network, tmp_path, inputs.graph, inputs.version + window)
    assert len(list(tmp_path.glob(f"{disk.file_prefix(network)}*"))) == 2
    assert not disk.index_file(network, tmp_path, inputs.version).exists()  # the oldest went


def test_a_load_makes_a_new_version_whose_index_holds_the_new_data(embedded_server, tmp_path):
    store = open_fixture_network(embedded_server, "index_disk_reload")
    try:
        first = cache.projection_inputs(store, tmp_path)
        old = disk.index_for(store, tmp_path, first.graph, first.version)
        write_records(store, [NodeRecord("Organisation", "pic:1", "Newcomer Oy", ("test:1",),
                                         properties={"country": "FI"})],
                      [RelRecord("PARTICIPATES_IN", "Organisation", "pic:1", "Project", "cordis:101067654", ("test:1",),
                                 properties={"role": "participant"})])
        second = cache.projection_inputs(store, tmp_path)
        assert second.version != first.version
        new = disk.index_for(store, tmp_path, second.graph, second.version)
        assert new.source == "built" and "Organisation:pic:1" in new.index.index
        assert "Organisation:pic:1" not in old.index.index
        ranked = recommend(new.index, ["Organisation:pic:999977851"], exclude_existing=False, k=100)
        assert "Organisation:pic:1" in [c.key for c in ranked]
    finally:
        store.clear()
        store.close()


def test_the_cli_recommends_from_the_index_on_disk(network, tmp_path):
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")},
           "CLUSTER_EXPLORER_DB": str(network.db_path), "CLUSTER_EXPLORER_GRAPH": GRAPH,
           "CLUSTER_EXPLORER_CACHE_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "cli", "recommend", "--for", FOCAL[0], "-k", "3", "--format", "json"]

    def run() -> subprocess.CompletedProcess:
        return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False, env=env)

    first = run()
    assert first.returncode == 0, first.stderr
    (path,) = tmp_path.glob(f"{disk.file_prefix(network)}*")
    written = path.stat().st_mtime_ns
    second = run()
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout and json.loads(first.stdout)
    assert path.stat().st_mtime_ns == written  # the second process read the index, it did not write it again
