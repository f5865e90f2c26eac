"""A re-load whose mapping no longer gives a label (`extra_labels = ["Cluster"]` taken out) takes it off the nodes
other loads give too, when none of them gives it (`graph.store.given.record_given`): it had stayed until the table
was unloaded and loaded again. A label another load still gives stays."""

from __future__ import annotations

from loaders.pipeline import run_load
from tests.test_drop_labels import _labels, _mapping


def test_a_label_the_reload_no_longer_gives_goes_where_no_other_load_gives_it(embedded_store, tmp_path):
    run_load(embedded_store, "csv", _mapping(tmp_path, "orgs", 'extra_labels = ["Cluster"]'))
    run_load(embedded_store, "csv", _mapping(tmp_path, "other", "", "nr;navn\n2;Havbruk Norge AS\n"))
    assert _labels(embedded_store)["2"] == (["Cluster", "Organisation"], "Cluster")
    report = run_load(embedded_store, "csv", _mapping(tmp_path, "orgs", ""))
    assert ("1 node(s) other loads give too lost the label Cluster: this load's files gave it and give it no more, "
            "and no other load does.") in report.load.notes
    labels = _labels(embedded_store)
    assert labels["2"] == (["Organisation"], "Organisation")
    assert labels["1"] == (["Cluster", "Organisation"], "Cluster")  # only this file gives it: `drop` names the label
    again = run_load(embedded_store, "csv", _mapping(tmp_path, "orgs", ""))
    assert not [note for note in again.load.notes if "lost the label" in note]


def test_a_label_another_load_still_gives_stays(embedded_store, tmp_path):
    run_load(embedded_store, "csv", _mapping(tmp_path, "orgs", 'extra_labels = ["Cluster"]'))
    run_load(embedded_store, "csv", _mapping(tmp_path, "other", 'extra_labels = ["Cluster"]',
                                             "nr;navn\n2;Havbruk Norge AS\n"))
    report = run_load(embedded_store, "csv", _mapping(tmp_path, "orgs", ""))
    assert not [note for note in report.load.notes if "lost the label" in note]
    assert _labels(embedded_store)["2"] == (["Cluster", "Organisation"], "Cluster")
