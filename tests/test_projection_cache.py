"""The analytics cache on a real embedded store: where it is written, that another process reuses it,
that a load makes a new one, and that the cached path gives what `to_networkx` of everything gives."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph.analytics import cache
from graph.analytics.metrics import compute_all
from graph.analytics.projections import KINDS, Projection, project
from graph.analytics.recommend import RecommenderIndex, Requirements, recommend
from graph.store.falkordb_store import FalkorDBStore
from graph.store.reads import to_networkx
from graph.views import geography
from tests.conftest import FIXTURES, fixture_network

ROOT = Path(__file__).resolve().parents[1]
GRAPH = "cache_network"


network = fixture_network(GRAPH, "network")


@pytest.fixture(scope="module")
def whole(network):
    return to_networkx(network)


@pytest.fixture(scope="module")
def cached(network):
    return cache.projection_inputs(network, cache.cache_dir_for(network))


def test_the_cache_is_written_next_to_the_store_and_read_back(network, cached):
    folder = cache.cache_dir_for(network)
    assert folder == Path(f"{network.db_path}.cache")
    assert cached.path.parent == folder and cached.path.is_file()
    assert cached.version in cached.path.name and cache.is_cached(network, folder)
    again = cache.projection_inputs(network, folder)
    assert again.source == "cache" and again.version == cached.version
    assert list(again.graph.edges(keys=True, data=True)) == list(cached.graph.edges(keys=True, data=True))
    assert not [f for f in folder.iterdir() if f.name.endswith(".tmp")]


def test_the_narrow_read_leaves_out_what_no_analytic_uses(network, whole, cached):
    kinds = {d.get("kind") for _, d in cached.graph.nodes(data=True)}
    assert "Organisation" in kinds and "Project" in kinds and not kinds & {"Source", "Load", "Person"}
    project_key = next(k for k, d in whole.nodes(data=True) if "objective" in d)
    assert "objective" not in cached.graph.nodes[project_key] and "start_date" in cached.graph.nodes[project_key]


@pytest.mark.parametrize("kind", KINDS)
def test_every_projection_and_its_metrics_are_the_same_as_from_the_whole_graph(whole, cached, kind):
    spec = Projection(kind=kind)
    old, new = project(whole, spec), project(cached.graph, spec)
    assert list(old) == list(new) and len(old) > 5
    assert sorted(old.edges(data=True)) == sorted(new.edges(data=True))
    old_metrics, new_metrics = compute_all(old, seed=3), compute_all(new, seed=3)
    for metric, result in old_metrics.items():
        if metric == "eigenvector":  # ARPACK starts from a random vector: equal to ~1e-15 even on one graph
            assert new_metrics[metric].values == pytest.approx(result.values, abs=1e-12)
        else:
            assert new_metrics[metric].values == result.values, metric


def test_filtered_projections_are_the_same_as_from_the_whole_graph(whole, cached):
    spec = Projection(end="2023-12-31", countries=("SE", "NO", "FI"), roles=("coordinator", "participant"))
    old, new = project(whole, spec), project(cached.graph, spec)
    assert len(old) > 5 and sorted(old.edges(data=True)) == sorted(new.edges(data=True))


def test_recommendations_are_the_same_as_from_the_whole_graph(whole, cached):
    old, new = RecommenderIndex(whole), RecommenderIndex(cached.graph)
    assert old.keys == new.keys and old.sector_keys == new.sector_keys
    wanted = Requirements(add_places=("SE",), sme_share=0.5)
    for focal in [*old.keys[::9], "Cluster:iot-world"]:
        for requirements in (Requirements(), wanted):
            before, after = recommend(old, [focal], requirements), recommend(new, [focal], requirements)
            assert before == after and before, focal


def test_the_maps_aggregates_are_the_same_as_from_the_whole_graph(whole, cached):
    for level in (0, 2):
        assert geography.geo_points(whole, level) == geography.geo_points(cached.graph, level)
        assert geography.region_links(whole, level) == geography.region_links(cached.graph, level)
    assert geography.region_links(cached.graph, 0)


def _subprocess(*code: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *code], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          check=False, env={k: v for k, v in {**os.environ, **(env or {})}.items()
                                            if not k.startswith("NEO4J_")})


def test_another_process_reuses_the_cache_without_reading_the_graph(network, cached):
    before = cached.path.stat()
    script = (
        "import json, sys\n"
        "from graph.analytics import cache\n"
        "from graph.store.falkordb_store import FalkorDBStore\n"
        "store = FalkorDBStore(sys.argv[1], sys.argv[2])\n"
        "largest, read = [], store.read\n"
        "def counted(*args, **options):\n"
        "    result = read(*args, **options)\n"
        "    largest.append(len(result.rows))\n"
        "    return result\n"
        "store.read = counted\n"
        "got = cache.projection_inputs(store, cache.cache_dir_for(store))\n"
        "print(json.dumps({'source': got.source, 'version': got.version, 'nodes': len(got.graph),\n"
        "                  'largest_read': max(largest)}))\n"
    )
    done = _subprocess("-c", script, str(network.db_path), GRAPH)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["source"] == "cache" and seen["version"] == cached.version and seen["nodes"] == len(cached.graph)
    assert seen["largest_read"] < 50  # the load log and counts only, never the graph
    after = cached.path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_the_cli_computes_metrics_from_the_cache(network, cached):
    before = cached.path.stat()
    done = _subprocess("-m", "cli", "metrics", "top", "degree", "-k", "1",
                       env={"CLUSTER_EXPLORER_DB": str(network.db_path), "CLUSTER_EXPLORER_GRAPH": GRAPH})
    assert done.returncode == 0, done.stderr
    best = max(compute_all(project(cached.graph), ["degree"])["degree"].values.items(), key=lambda kv: kv[1])
    assert f"({best[0]})" in done.stdout
    assert cached.path.stat().st_mtime_ns == before.st_mtime_ns


def test_a_load_makes_a_new_data_version_and_new_results(embedded_server, tmp_path):
    from loaders.cordis import load_cordis
    from loaders.seeds import load_seeds

    store = FalkorDBStore(embedded_server, "cache_reload")
    try:
        store.clear()
        store.setup_schema()
        load_seeds(store)
        first = cache.projection_inputs(store, tmp_path)
        seeds_only = project(first.graph)
        load_cordis(store, FIXTURES / "cordis")
        assert not cache.is_cached(store, tmp_path)
        second = cache.projection_inputs(store, tmp_path)
        assert second.source == "store" and second.version != first.version
        assert len(project(second.graph)) > len(seeds_only)
        assert not first.path.exists() and cache.cached_versions(store, tmp_path) == [second.version]
        assert cache.projection_inputs(store, tmp_path).source == "cache"
    finally:
        store.clear()
        store.close()


def test_a_damaged_cache_file_is_rebuilt(network, cached, tmp_path):
    fresh = cache.projection_inputs(network, tmp_path)
    fresh.path.write_bytes(b"not a pickle")
    rebuilt = cache.projection_inputs(network, tmp_path)
    assert rebuilt.source == "store" and len(rebuilt.graph) == len(cached.graph)
    assert cache.projection_inputs(network, tmp_path).source == "cache"


def test_stores_sharing_a_folder_keep_apart(network, seeded_store, tmp_path):
    ours, theirs = cache.projection_inputs(network, tmp_path), cache.projection_inputs(seeded_store, tmp_path)
    assert ours.path != theirs.path and ours.path.exists() and theirs.path.exists()
    assert cache.cached_versions(network, tmp_path) == [ours.version]


def test_the_app_pages_use_the_cache_and_follow_a_load(embedded_server, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from loaders.cordis import load_cordis
    from loaders.nuts import load_nuts
    from loaders.seeds import load_seeds

    store = FalkorDBStore(embedded_server, "cache_app")
    store.clear()
    store.setup_schema()
    load_seeds(store)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.delenv("CLUSTER_EXPLORER_CACHE_DIR", raising=False)
    monkeypatch.setenv("CLUSTER_EXPLORER_DB", str(embedded_server))
    monkeypatch.setenv("CLUSTER_EXPLORER_GRAPH", "cache_app")
    folder = cache.cache_dir_for(store)
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.run()
        at.switch_page("app_pages/map.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        first = cache.data_version(store)
        assert cache.cached_versions(store, folder) == [first]
        assert "No place or organisation has coordinates" in at.info[0].value
        why = at.warning[0].value.replace("\\", "")  # and how a user's own places get them
        assert "the map is empty because its inputs are missing" in why
        assert "with a `lat` column on the Data page" in why  # the app's words for the CLI's "map a column to"
        load_nuts(store, FIXTURES / "nuts")
        load_cordis(store, FIXTURES / "cordis")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert cache.cached_versions(store, folder) == [cache.data_version(store)] != [first]
        places = next(d.value for d in at.dataframe if "activity" in d.value.columns)
        assert places["activity"].sum() > 0
    finally:
        st.cache_resource.clear()
        store.clear()
        store.close()
