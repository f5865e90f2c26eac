"""What Partners builds from the analytics inputs, kept on disk across restarts (graph/analytics/kept_files.py): the
partner clusters' profiles (cluster_profiles_disk.py) and the recommender index's shared sparsity pattern
(recommend_index_disk.py). On a real embedded store and real files: a restarted process (a fresh AppTest run, a new
Python process) reads them back instead of building them, a load rebuilds them, a damaged or foreign file is
rebuilt, and what is read back answers as what is built fresh."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from graph.analytics import cache, kept_files
from graph.analytics import cluster_profiles_disk as profiles
from graph.analytics import recommend_index_disk as disk
from graph.analytics.cluster_partners import ClusterIndex, partner_clusters
from graph.analytics.recommend import Requirements, recommend
from graph.analytics.recommend_index import RecommenderIndex
from graph.store.records import NodeRecord, RelRecord
from graph.store.writer import write_records
from tests.cli_invoke import cli_env, invoke
from tests.conftest import open_fixture_network
from tests.kept_files_helpers import DAMAGES, restart, restart_keeping_none
from tests.kept_files_helpers import damage as damage_file
from tests.test_app import app_store, open_page, table  # noqa: F401 - the fixture is used by name
from tests.test_recommend_index_disk import GRAPH, in_another_process, inputs, network  # noqa: F401 - fixtures used by name

FOCAL = ("Cluster:iot-world", "Cluster:automation-smaland")


@pytest.fixture(scope="module")
def index(network, inputs, tmp_path_factory):  # noqa: F811
    return disk.index_for(network, tmp_path_factory.mktemp("index"), inputs.graph, inputs.version).index


def _ranked(clusters: ClusterIndex) -> list[list[tuple]]:
    """Every focal cluster's partner clusters: keys, scores, score parts, reasons and paths."""
    return [[(c.key, round(c.score, 12), c.components, c.reasons, c.paths)
             for c in partner_clusters(clusters, [focal], k=20).candidates] for focal in FOCAL]


def test_the_profiles_are_built_once_then_read_back_with_the_same_answers(network, index, inputs, tmp_path):  # noqa: F811
    builds = profiles.builds()
    built = profiles.profiles_for(network, tmp_path, index, inputs.version)
    path = profiles.profiles_file(network, tmp_path, inputs.version)
    assert profiles.builds() == builds + 1 and path.is_file()
    again = profiles.profiles_for(network, tmp_path, index, inputs.version)
    assert profiles.builds() == builds + 1 and again is not built
    assert again.G is index.G and again.index is index and again.neighbours._G is index.G
    assert again.keys == built.keys and again._profiles == built._profiles and again.idf == built.idf
    fresh = _ranked(ClusterIndex(index))
    assert _ranked(again) == fresh and all(fresh)
    assert _ranked(built) == fresh


def test_another_process_reads_the_profiles_from_disk_without_building_them(network, index, inputs, tmp_path):  # noqa: F811
    profiles.profiles_for(network, tmp_path, index, inputs.version)
    disk.index_for(network, tmp_path, inputs.graph, inputs.version)  # the index beside them, as the app keeps it
    path = profiles.profiles_file(network, tmp_path, inputs.version)
    before = path.stat()
    seen = in_another_process(network, tmp_path, (
        "from graph.analytics import cluster_profiles_disk as profiles\n"
        "from graph.analytics.cluster_partners import partner_clusters\n"
        "index = disk.index_for(store, sys.argv[3], got.graph, got.version).index\n"
        "clusters = profiles.profiles_for(store, sys.argv[3], index, got.version)\n"
        "ranked = [[[c.key, round(c.score, 12)] for c in partner_clusters(clusters, [f], k=20).candidates]\n"
        "          for f in sys.argv[4:]]\n"
        "print(json.dumps({'index': disk.builds(), 'profiles': profiles.builds(), 'ranked': ranked}))\n"), FOCAL)
    assert seen["index"] == 0 and seen["profiles"] == 0  # both read back, neither built
    assert seen["ranked"] == [[[key, score] for key, score, *_ in ranked] for ranked in _ranked(ClusterIndex(index))]
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # read, not written again


def _other_shape(path: Path) -> bytes:
    """This key's file, but holding a state of another shape (what a hand-edited or mixed-up file could hold)."""
    held = pickle.loads(path.read_bytes())
    held["state"] = {"clusters": {"keys": []}, "neighbours": {}}
    return pickle.dumps(held)


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_or_foreign_file_is_rebuilt_not_trusted(network, index, inputs, tmp_path, damage):  # noqa: F811
    profiles.profiles_for(network, tmp_path, index, inputs.version)
    path = profiles.profiles_file(network, tmp_path, inputs.version)
    damage_file(path, damage, profiles.FORMAT, _other_shape)
    builds = profiles.builds()
    rebuilt = profiles.profiles_for(network, tmp_path, index, inputs.version)
    assert profiles.builds() == builds + 1
    assert _ranked(rebuilt) == _ranked(ClusterIndex(index))
    profiles.profiles_for(network, tmp_path, index, inputs.version)  # the file was rewritten: read back now
    assert profiles.builds() == builds + 1


def test_a_load_changes_the_version_and_the_profiles_are_rebuilt(embedded_server, tmp_path):
    store = open_fixture_network(embedded_server, "kept_profiles_load")
    try:
        first = cache.projection_inputs(store, tmp_path)
        built = disk.index_for(store, tmp_path, first.graph, first.version).index
        profiles.profiles_for(store, tmp_path, built, first.version)
        builds = profiles.builds()
        assert "Cluster:kept-new" not in profiles.profiles_for(store, tmp_path, built, first.version).keys
        write_records(store, [NodeRecord("Cluster", "kept-new", "Kept New Cluster", ("test:1",),
                                         properties={"country": "FI"})],
                      [RelRecord("ACTIVE_IN", "Cluster", "kept-new", "Sector", "automation", ("test:1",))])
        second = cache.projection_inputs(store, tmp_path)
        assert second.version != first.version
        index = disk.index_for(store, tmp_path, second.graph, second.version).index
        clusters = profiles.profiles_for(store, tmp_path, index, second.version)
        assert profiles.builds() == builds + 1  # another version: not the older file
        assert profiles.profiles_file(store, tmp_path, second.version) != \
            profiles.profiles_file(store, tmp_path, first.version)
        assert _ranked(clusters) == _ranked(ClusterIndex(index))
        assert "Cluster:kept-new" in clusters.keys and clusters.G is second.graph  # the new data is there
    finally:
        store.clear()
        store.close()


def test_the_index_file_holds_one_pattern_for_its_org_matrices_and_the_same_values(network, inputs, tmp_path):  # noqa: F811
    built = disk.index_for(network, tmp_path, inputs.graph, inputs.version).index
    path = disk.index_file(network, tmp_path, inputs.version)
    read = disk.load(path, inputs.graph, inputs.version)
    # one copy in memory too, built or read: the three of sorted indices, and the two tie matrices (their own
    # order) between them
    for held in (read, built):
        for first, *others in ([held.shared, held.adjacency, held.walk], [held.ties.recent, held.ties.small]):
            assert all(np.shares_memory(m.indices, first.indices) and np.shares_memory(m.indptr, first.indptr)
                       for m in others)
    original = RecommenderIndex(inputs.graph)  # as the builder leaves it, each matrix with its own arrays
    assert not np.shares_memory(original.walk.indices, original.shared.indices)
    for name, value in vars(original).items():
        if name == "G":
            continue
        got = getattr(read, name)
        fields = ("recent", "small", "activity", "started", "sizes")
        for a, b in [(value, got)] if name != "ties" else [(getattr(value, f), getattr(got, f)) for f in fields]:
            if isinstance(a, sp.sparray):
                assert a.shape == b.shape and np.array_equal(a.indptr, b.indptr) \
                    and np.array_equal(a.indices, b.indices) and np.array_equal(a.data, b.data), name
            elif isinstance(a, np.ndarray):
                assert np.array_equal(a, b), name
            else:
                assert a == b, name
    unshared = {name: value for name, value in vars(original).items() if name != "G"}
    assert path.stat().st_size < 0.9 * len(pickle.dumps(unshared, protocol=5))
    wanted = Requirements(add_places=("SE",))
    assert [c.key for c in recommend(read, ["Organisation:pic:999977851"], wanted)] == \
        [c.key for c in recommend(built, ["Organisation:pic:999977851"], wanted)]


def test_a_restarted_app_reads_the_profiles_back(app_store):  # noqa: F811
    folder, tag = restart_keeping_none(app_store, "cls")
    first = table(open_page("partners", partners_focal="Cluster:iot-world"), "candidate")
    made = kept_files.builds()
    assert list(folder.glob(f"{tag}-cls-*")) and made.get("cls", 0) >= 1
    restart()
    again = open_page("partners", partners_focal="Cluster:iot-world")
    assert table(again, "candidate").equals(first) and len(first) >= 1
    assert kept_files.builds() == made  # neither the index nor the profiles built: both read back
    assert "Partner clusters" in [s.value for s in again.subheader]
    restart()


def test_the_cli_ranks_partner_clusters_from_the_kept_profiles(network, tmp_path):  # noqa: F811
    env = cli_env(network.db_path, GRAPH, CLUSTER_EXPLORER_CACHE_DIR=str(tmp_path))
    builds = profiles.builds()
    first = invoke(env, "recommend", "--for", FOCAL[0], "-k", "3")
    assert first.exit_code == 0, first.stderr
    assert profiles.builds() == builds + 1 and list(tmp_path.glob("*-cls-*.clusters.pickle"))
    again = invoke(env, "recommend", "--for", FOCAL[0], "-k", "3")  # as a second CLI process would: read back
    assert again.exit_code == 0 and again.stdout == first.stdout and " 1. " in first.stdout
    assert profiles.builds() == builds + 1
