"""The Metrics page's results kept on disk (graph/analytics/metrics_disk.py), on a real embedded store and real
files: written once, read back by a second call, another process and a restarted app without computing anything
or deriving the projection, computed again when the file is damaged or foreign or the data changed by a load."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import pytest

from graph.analytics import cache, kept_files
from graph.analytics import metrics_disk as kept
from graph.analytics.metrics import compute_all
from graph.analytics.projections import Projection, project
from graph.store.records import NodeRecord, RelRecord
from graph.store.writer import write_records
from tests.conftest import open_fixture_network
from tests.kept_files_helpers import DAMAGES, restart, restart_keeping_none
from tests.kept_files_helpers import damage as damage_file
from tests.test_app import app_store, open_page, table  # noqa: F401 - the fixture is used by name
from tests.test_recommend_index_disk import in_another_process, inputs, network  # noqa: F401 - fixtures used by name

CHOSEN = ["degree", "betweenness", "community"]
SPEC = Projection(kind="organisation")


class Projected:
    """The projection as the app hands it over, counting how often it was asked for (a read-back asks for none)."""

    def __init__(self, graph):
        self.graph, self.calls = graph, 0

    def __call__(self):
        self.calls += 1
        return project(self.graph, SPEC)


def _values(found: kept.KeptMetrics) -> dict:
    return {metric: result.values for metric, result in found.results.items()}


def _fresh(graph, chosen=CHOSEN) -> dict:
    return {metric: result.values for metric, result in compute_all(project(graph, SPEC), chosen).items()}


def test_the_results_are_computed_once_then_read_back_without_the_projection(network, inputs, tmp_path):  # noqa: F811
    builds, projected = kept.builds(), Projected(inputs.graph)
    first = kept.metrics_for(network, tmp_path, inputs.graph, inputs.version, SPEC, CHOSEN, projected=projected)
    path = kept.metrics_file(network, tmp_path, inputs.version, SPEC)
    assert first.source == "built" and path.is_file() and kept.builds() == builds + 1 and projected.calls == 1
    written = path.stat()
    again = kept.metrics_for(network, tmp_path, inputs.graph, inputs.version, SPEC, CHOSEN, projected=projected)
    assert again.source == "disk" and kept.builds() == builds + 1 and projected.calls == 1  # nothing derived
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (written.st_ino, written.st_mtime_ns)  # not rewritten
    assert _values(again) == _values(first) == _fresh(inputs.graph) and len(first.results["degree"].values) > 50
    graph = project(inputs.graph, SPEC)
    assert again.names == kept.node_names(graph) and list(again.names) == list(graph.nodes)
    assert (again.number_of_nodes(), again.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())


def test_a_metric_chosen_later_is_computed_alone_and_added_to_the_file(network, inputs, tmp_path):  # noqa: F811
    kept.metrics_for(network, tmp_path, inputs.graph, inputs.version, SPEC, ["degree"])
    added = kept.metrics_for(network, tmp_path, inputs.graph, inputs.version, SPEC, ["pagerank", "degree"])
    assert added.source == "both" and list(added.results) == ["pagerank", "degree"]
    builds, projected = kept.builds(), Projected(inputs.graph)
    fewer = kept.metrics_for(network, tmp_path, inputs.graph, inputs.version, SPEC, ["pagerank"], projected=projected)
    assert fewer.source == "disk" and kept.builds() == builds and projected.calls == 0
    assert _values(fewer) == _fresh(inputs.graph, ["pagerank"])


def test_a_read_back_asks_for_no_inputs_and_computing_asks_once(network, inputs, tmp_path):  # noqa: F811
    """The data version alone says the file is current: the inputs (1.3 CPU s to read back on the sample) are a
    function that only computing calls."""
    asked = []

    def inputs_of():
        asked.append(1)
        return inputs.graph

    built = kept.metrics_for(network, tmp_path, inputs_of, inputs.version, SPEC, ["degree"])
    assert built.source == "built" and len(asked) == 1
    again = kept.metrics_for(network, tmp_path, inputs_of, inputs.version, SPEC, ["degree"])
    assert again.source == "disk" and len(asked) == 1 and _values(again) == _values(built)
    added = kept.metrics_for(network, tmp_path, inputs_of, inputs.version, SPEC, ["degree", "pagerank"])
    assert added.source == "both" and len(asked) == 2


def test_results_of_inputs_read_while_the_data_changed_are_shown_not_kept(network, inputs, tmp_path):  # noqa: F811
    stale = cache.projection_inputs(network, tmp_path / "inputs", version="a-version-the-store-has-left")
    assert not cache.settled(stale.graph)
    found = kept.metrics_for(network, tmp_path, stale.graph, stale.version, SPEC, ["degree"])
    assert found.source == "built" and _values(found) == _fresh(inputs.graph, ["degree"])
    assert not kept.metrics_file(network, tmp_path, stale.version, SPEC).exists()


def test_no_metric_chosen_still_gives_the_projections_size(network, inputs, tmp_path):  # noqa: F811
    none = kept.metrics_for(network, tmp_path, inputs.graph, inputs.version, SPEC, [])
    graph = project(inputs.graph, SPEC)
    assert none.source == "built" and none.results == {} and none.number_of_nodes() == graph.number_of_nodes() > 50


def test_another_projection_or_setting_has_a_file_of_its_own(network, inputs, tmp_path):  # noqa: F811
    paths = {kept.metrics_file(network, tmp_path, inputs.version, SPEC),
             kept.metrics_file(network, tmp_path, inputs.version, Projection(kind="cluster")),
             kept.metrics_file(network, tmp_path, inputs.version, Projection(countries=("SE",))),
             kept.metrics_file(network, tmp_path, inputs.version, SPEC, sample_size=16),
             kept.metrics_file(network, tmp_path, "another-version", SPEC)}
    assert len(paths) == 5
    clusters = kept.metrics_for(network, tmp_path, inputs.graph, inputs.version, Projection(kind="cluster"), CHOSEN)
    assert clusters.source == "built" and all(key.startswith("Cluster:") for key in clusters.names)


def test_another_process_reads_the_results_without_computing_them(network, inputs, tmp_path):  # noqa: F811
    first = kept.metrics_for(network, tmp_path, inputs.graph, inputs.version, SPEC, CHOSEN)
    path = kept.metrics_file(network, tmp_path, inputs.version, SPEC)
    before = path.stat()
    seen = in_another_process(network, tmp_path, (
        "from graph.analytics import metrics_disk as kept\n"
        "from graph.analytics.projections import Projection\n"
        "found = kept.metrics_for(store, sys.argv[3], got.graph, got.version, Projection(), sys.argv[4:])\n"
        "print(json.dumps({'source': found.source, 'builds': kept.builds(),\n"
        "                  'values': {m: r.values for m, r in found.results.items()}}))\n"), tuple(CHOSEN))
    assert seen["source"] == "disk" and seen["builds"] == 0
    assert seen["values"] == _values(first)
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # read, not written again


def _other_shape(path: Path) -> bytes:
    """This key's file, its digest right, holding a state of another shape (results that are not `MetricResult`s)."""
    held = pickle.loads(path.read_bytes())
    state = pickle.loads(held["state"])
    state["results"] = {m: r.values for m, r in state["results"].items()}
    held["state"] = pickle.dumps(state, protocol=5)
    held["digest"] = hashlib.blake2b(held["state"]).hexdigest()
    return pickle.dumps(held)


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_or_foreign_file_is_computed_again_not_trusted(network, inputs, tmp_path, damage):  # noqa: F811
    kept.metrics_for(network, tmp_path, inputs.graph, inputs.version, SPEC, CHOSEN)
    path = kept.metrics_file(network, tmp_path, inputs.version, SPEC)
    damage_file(path, damage, kept.FORMAT, _other_shape)
    builds = kept.builds()
    again = kept.metrics_for(network, tmp_path, inputs.graph, inputs.version, SPEC, CHOSEN)
    assert again.source == "built" and kept.builds() == builds + 1
    assert _values(again) == _fresh(inputs.graph)
    assert kept.metrics_for(network, tmp_path, inputs.graph, inputs.version, SPEC, CHOSEN).source == "disk"  # rewritten


def test_a_load_changes_the_version_and_the_results_are_computed_again(embedded_server, tmp_path):
    store = open_fixture_network(embedded_server, "kept_metrics_load")
    try:
        first = cache.projection_inputs(store, tmp_path)
        before = kept.metrics_for(store, tmp_path, first.graph, first.version, SPEC, CHOSEN)
        assert "Organisation:kept-new" not in before.names
        write_records(store, [NodeRecord("Organisation", "kept-new", "Kept New Org", ("test:1",)),
                              NodeRecord("Project", "kept-new-project", "Kept New Project", ("test:1",))],
                      [RelRecord("PARTICIPATES_IN", "Organisation", "kept-new", "Project", "kept-new-project",
                                 ("test:1",), properties={"role": "coordinator"}),
                       RelRecord("PARTICIPATES_IN", "Organisation", next(iter(before.names)).split(":", 1)[1],
                                 "Project", "kept-new-project", ("test:1",), properties={"role": "participant"})])
        second = cache.projection_inputs(store, tmp_path)
        assert second.version != first.version
        builds = kept.builds()
        after = kept.metrics_for(store, tmp_path, second.graph, second.version, SPEC, CHOSEN)
        assert after.source == "built" and kept.builds() == builds + 1  # another version: not the older file
        assert kept.metrics_file(store, tmp_path, second.version, SPEC) != \
            kept.metrics_file(store, tmp_path, first.version, SPEC)
        assert "Organisation:kept-new" in after.names and after.results["degree"].values["Organisation:kept-new"] == 1
        assert _values(after) == _fresh(second.graph)
    finally:
        store.clear()
        store.close()


def test_a_restarted_app_reads_the_metrics_back(app_store):  # noqa: F811
    folder, tag = restart_keeping_none(app_store, "met")
    at = open_page("metrics")
    at.button(key="metrics_compute").click().run()
    first = table(at, "pagerank")
    made = kept_files.builds()
    assert list(folder.glob(f"{tag}-met-*")) and len(first) > 10
    assert not any("Read back" in c.value for c in at.caption)
    restart()
    again = open_page("metrics")
    again.button(key="metrics_compute").click().run()
    assert kept_files.builds() == made  # read back: no metric computed, nothing else built
    assert table(again, "pagerank").equals(first)
    assert any("Read back from the results kept" in c.value for c in again.caption), [c.value for c in again.caption]
    restart()
