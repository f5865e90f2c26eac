"""`metrics compute` and `metrics top` share the Metrics page's kept results (graph/analytics/metrics_disk.py), on a
real embedded store and real files: a second CLI run reads back what the first computed and prints the same, the
app's file (the page's options: no seed) is the CLI's (`--seed 0`), another process reads it without writing it."""

from __future__ import annotations

import pytest

from graph.analytics import cache
from graph.analytics import metrics_disk as kept
from graph.analytics.metrics import compute_all, largest_communities, top
from graph.analytics.projections import Projection, project
from graph.settings import Settings
from graph.store.load_log import data_version
from graph.store.records import NodeRecord, RelRecord
from graph.store.writer import write_records
from loaders.pipeline import run_load, run_unload
from tests.cli_invoke import cli_env, invoke, run
from tests.conftest import FIXTURES, open_fixture_network

GRAPH = "cli_kept_metrics"
SPEC = Projection(kind="organisation")
SETTINGS = Settings()


@pytest.fixture(scope="module")
def store(embedded_server):
    opened = open_fixture_network(embedded_server, GRAPH)
    # an organisation the page shows by its acronym; the CLI prints its name
    write_records(opened, [NodeRecord("Organisation", "kept-acronym", "Kept By Acronym Org", ("test:1",),
                                      properties={"acronym": "KBA"})],
                  [RelRecord("PARTICIPATES_IN", "Organisation", "kept-acronym", "Project", project, ("test:1",),
                             properties={"role": "participant"}) for project in _projects(opened)])
    yield opened
    opened.clear()
    opened.close()


def _projects(store) -> list[str]:
    graph = cache.read_inputs(store)
    return sorted(key.split(":", 1)[1] for key in graph if key.startswith("Project:"))[:3]


@pytest.fixture
def env(embedded_server, store, tmp_path):
    """The CLI on the fixture graph, its kept files in a folder of this test's own."""
    return cli_env(embedded_server, GRAPH, CLUSTER_EXPLORER_CACHE_DIR=str(tmp_path))


def _app_file(store, folder, chosen):
    """The page's call (app_pages/analytics_cache.py `metrics`): its settings, no seed."""
    inputs = cache.projection_inputs(store, folder)
    found = kept.metrics_for(store, folder, inputs.graph, inputs.version, SPEC, chosen,
                             exact_max_nodes=SETTINGS.metrics_exact_nodes, sample_size=SETTINGS.metrics_pivots)
    return found, kept.metrics_file(store, folder, inputs.version, SPEC, exact_max_nodes=SETTINGS.metrics_exact_nodes,
                                    sample_size=SETTINGS.metrics_pivots)


def _stat(path):
    return path.stat().st_ino, path.stat().st_mtime_ns


def test_a_second_cli_run_reads_the_results_back_and_prints_the_same(env, store, tmp_path):
    args = ("metrics", "compute", "--metric", "pagerank", "--metric", "community", "-k", "3")
    builds = kept.builds()
    first = invoke(env, *args)
    assert first.exit_code == 0, first.stderr
    assert kept.builds() == builds + 1
    path = kept.metrics_file(store, tmp_path, cache.projection_inputs(store, tmp_path).version, SPEC, seed=0,
                             exact_max_nodes=SETTINGS.metrics_exact_nodes, sample_size=SETTINGS.metrics_pivots)
    written = _stat(path)
    second = invoke(env, *args)
    assert second.exit_code == 0, second.stderr
    assert kept.builds() == builds + 1 and _stat(path) == written  # read, nothing computed or rewritten
    assert second.stdout == first.stdout and "pagerank: " in first.stdout and "community " in first.stdout
    shown = invoke(env, "metrics", "top", "community", "-k", "3")
    assert kept.builds() == builds + 1 and shown.stdout.splitlines()[1:] == \
        [line.strip() for line in first.stdout.splitlines() if line.startswith("  community ")]


def test_the_cli_prints_what_computing_on_the_projection_prints(env, store, tmp_path):
    """Full names (not the acronyms the page shows) and communities' members by degree, from the kept file alone."""
    computed = invoke(env, "metrics", "top", "pagerank", "-k", "500")
    read_back = invoke(env, "metrics", "top", "pagerank", "-k", "500")
    again = invoke(env, "metrics", "top", "community", "-k", "3")
    graph = project(cache.projection_inputs(store, tmp_path).graph, SPEC)
    fresh = compute_all(graph, ["pagerank", "community"])
    assert read_back.stdout == computed.stdout
    assert read_back.stdout.splitlines()[1:] == [f"{value:>12.6g}  {name}  ({key})"
                                                 for key, name, value in top(fresh["pagerank"], 500, graph)]
    assert "  Kept By Acronym Org  (Organisation:kept-acronym)" in read_back.stdout and " KBA " not in read_back.stdout
    assert _app_file(store, tmp_path, [])[0].names["Organisation:kept-acronym"] == "KBA"  # the page's short name
    members = [names for _, _, names in largest_communities(fresh["community"], 3, graph)]
    assert [line.split(" nodes (")[1].rstrip(")").removesuffix(", ...").split(", ")
            for line in again.stdout.splitlines()[1:]] == members


def test_the_apps_file_is_the_clis_and_another_seed_is_not(env, store, tmp_path):
    app, path = _app_file(store, tmp_path, ["pagerank", "degree"])
    assert app.source == "built"
    written, builds = _stat(path), kept.builds()
    shown = invoke(env, "metrics", "compute", "--metric", "pagerank", "--metric", "degree", "--seed", "0", "-k", "2")
    assert shown.exit_code == 0, shown.stderr
    assert kept.builds() == builds and _stat(path) == written  # the page's results, read
    assert f"pagerank: {app.results['pagerank'].describe()}" in shown.stdout
    other = invoke(env, "metrics", "compute", "--metric", "pagerank", "--seed", "1", "-k", "2")
    assert other.exit_code == 0 and kept.builds() == builds + 1 and _stat(path) == written  # a file of its own


def test_what_the_cli_computed_the_app_and_another_process_read(env, store, tmp_path):
    made = invoke(env, "metrics", "top", "betweenness", "-k", "3")
    assert made.exit_code == 0, made.stderr
    builds = kept.builds()
    app, path = _app_file(store, tmp_path, ["betweenness"])
    assert app.source == "disk" and kept.builds() == builds
    written = _stat(path)
    elsewhere = run(env, "metrics", "top", "betweenness", "-k", "3")
    assert elsewhere.returncode == 0, elsewhere.stderr
    assert elsewhere.stdout == made.stdout and _stat(path) == written  # read in that process, not written again


def _inputs_files(folder) -> list:
    return sorted(folder.glob("*.inputs.pickle"))


def test_a_read_back_loads_no_inputs_and_a_load_or_an_unload_computes_again(embedded_server, tmp_path):
    """The kept file is current by the data version alone (three cheap reads): the second run reads neither the
    store's analytics inputs nor their file, and a load, then an unload, each make another version whose results
    are computed again, not read from the file made before them."""
    graph = f"{GRAPH}_reload"
    store = open_fixture_network(embedded_server, graph)
    env = cli_env(embedded_server, graph, CLUSTER_EXPLORER_CACHE_DIR=str(tmp_path))
    args = ("metrics", "compute", "--metric", "degree", "-k", "3")
    try:
        builds = kept.builds()
        first = invoke(env, *args)
        assert first.exit_code == 0, first.stderr
        assert kept.builds() == builds + 1 and _inputs_files(tmp_path)
        for path in _inputs_files(tmp_path):  # a read-back that loaded the inputs would read the store and write them
            path.unlink()
        second = invoke(env, *args)
        assert second.stdout == first.stdout and kept.builds() == builds + 1 and not _inputs_files(tmp_path)

        loaded_from = data_version(store)
        run_load(store, "csv", FIXTURES / "participation" / "mapping.toml")
        assert data_version(store) != loaded_from
        after_load = invoke(env, *args)
        assert after_load.exit_code == 0, after_load.stderr
        assert kept.builds() == builds + 2 and after_load.stdout != first.stdout  # its organisations are counted
        assert invoke(env, *args).stdout == after_load.stdout and kept.builds() == builds + 2  # then read back

        unloaded_from = data_version(store)
        run_unload(store, "user:tildelinger")
        assert data_version(store) not in (unloaded_from, loaded_from)
        after_unload = invoke(env, *args)
        assert after_unload.exit_code == 0, after_unload.stderr
        assert kept.builds() == builds + 3 and after_unload.stdout.splitlines()[0] == first.stdout.splitlines()[0]
    finally:
        store.clear()
        store.close()
